import { parseArgs } from 'node:util';
import { ToolkitError } from '../../src/errors.ts';
import { invocation } from '../../src/cli/invocation.ts';
import { apiNames, isApiName, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checkNames, isCheckName } from '../checks/registry.ts';

/** Options of a run, as the CLI and runConformance take them. */
export interface ConformanceOptions {
  apis: ApiName[];
  /** Base URL of the implementation under test; absent = start the embedded mocks. */
  target?: string;
  seed: number;
  reportDir: string;
  concurrency: number;
  /** Requests per second, all APIs together; absent = no cap. */
  rate?: number;
  timeoutMs: number;
  only?: CheckName[];
  dryRun: boolean;
  waiversFile?: string;
  /** Decision warnings count as failures (for teams that agreed the spec's decisions with the vendor). */
  strict?: boolean;
  /** Accept a plan estimated to take longer than LONG_RUN_SECONDS (a low --rate). */
  longRun?: boolean;
}

export const DEFAULTS = { reportDir: 'reports', concurrency: 4, timeoutMs: 5000 } as const;

export const USAGE = `Usage: ${invocation('npm run conformance', 'conformance').withOptions} [--api weidu|lingju|all] [--target URL] [options]
  --api A          weidu, lingju or all (default all)
  --target URL     base URL of the implementation under test (the documented path is appended);
                   without it the project's own mocks are started and checked
  --seed N         fixed seed (printed on every run; same seed → same requests)
  --report-dir D   where junit.xml, report.json, report.html go (default ${DEFAULTS.reportDir})
  --concurrency N  requests in flight (default ${DEFAULTS.concurrency})
  --rate N         at most N requests per second (the estimated duration is printed; over an hour needs --long-run)
  --long-run       accept a plan estimated to take more than an hour
  --timeout MS     per request and for connecting (default ${DEFAULTS.timeoutMs})
  --only C,...     only these checks: ${checkNames.join(', ')}
  --dry-run        print the planned requests, send nothing
  --waivers FILE   YAML list of known deviations { check, field, api?, reason }
  --strict         decision warnings count as failures (the spec's decisions were agreed with the vendor)
Credentials of the target: LINGJU_APPKEY and LINGJU_AUTHCODE (without them, checks that need them are skipped).
Grades: a broken documented expectation is a failure; one resting only on a decision of the spec is a warning
naming the decision (a failure with --strict); what the document's own example does is information.
Exit: 0 conformant (warnings, information and waived findings allowed), 1 violations, 2 could not run or did not
finish (the reports then say INCOMPLETE).`;

const bad = (message: string): never => {
  throw new ToolkitError('BAD_ARGS', message);
};

function integer(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) bad(`--${name} must be an integer between ${min} and ${max} (got "${text}")`);
  const value = Number(text);
  if (value < min || value > max) bad(`--${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

export function checkTarget(text: string): string {
  // Checked on the text: the URL parser drops an empty "?" or "#", and would send everything to "/" or "/?/…".
  if (/[?#]/.test(text)) bad('--target must be a base URL without query or fragment (the documented path is appended)');
  if (/[\\\s]/.test(text)) bad('--target must not contain a backslash or whitespace');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad(`--target "${text}" is not a URL (expected e.g. http://127.0.0.1:9000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') bad(`--target must be an http:// or https:// URL (got ${url.protocol})`);
  if (url.search || url.hash) bad('--target must be a base URL without query or fragment (the documented path is appended)');
  if (url.username || url.password) bad('--target must not carry user:password');
  return text.replace(/\/+$/, '');
}

/** Parse the command line; every mistake is a one-line ToolkitError('BAD_ARGS'). `help` is returned, not printed. */
export function parseCliArgs(argv: readonly string[], randomSeed = () => Math.floor(Math.random() * 2 ** 31)): ConformanceOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        api: { type: 'string' },
        target: { type: 'string' },
        seed: { type: 'string' },
        'report-dir': { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        timeout: { type: 'string' },
        only: { type: 'string' },
        'dry-run': { type: 'boolean' },
        waivers: { type: 'string' },
        strict: { type: 'boolean' },
        'long-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return bad(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  if (values.help) return 'help';
  const str = (k: string) => values[k] as string | undefined;
  const api = str('api') ?? 'all';
  if (api !== 'all' && !isApiName(api)) bad(`--api must be one of ${apiNames.join(', ')}, all (got "${api}")`);
  const only = str('only')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (only !== undefined) {
    if (!only.length) bad('--only needs at least one check name');
    const unknown = only.filter((n) => !isCheckName(n));
    if (unknown.length) bad(`--only: unknown check ${unknown.join(', ')} (known: ${checkNames.join(', ')})`);
  }
  const rateText = str('rate');
  let rate: number | undefined;
  if (rateText !== undefined) {
    rate = Number(rateText);
    if (!Number.isFinite(rate) || rate <= 0 || rate > 100000) bad(`--rate must be a positive number of requests per second (got "${rateText}")`);
  }
  const reportDir = str('report-dir');
  if (reportDir !== undefined && reportDir.trim() === '') bad('--report-dir must not be empty');
  const waivers = str('waivers');
  if (waivers !== undefined && waivers.trim() === '') bad('--waivers must name a file');
  return {
    apis: api === 'all' ? [...apiNames] : [api as ApiName],
    target: str('target') === undefined ? undefined : checkTarget(str('target')!),
    seed: integer('seed', str('seed'), 0, 2 ** 32 - 1) ?? randomSeed(),
    reportDir: reportDir ?? DEFAULTS.reportDir,
    concurrency: integer('concurrency', str('concurrency'), 1, 256) ?? DEFAULTS.concurrency,
    rate,
    timeoutMs: integer('timeout', str('timeout'), 1, 600000) ?? DEFAULTS.timeoutMs,
    only: only as CheckName[] | undefined,
    dryRun: Boolean(values['dry-run']),
    waiversFile: waivers,
    strict: Boolean(values.strict),
    longRun: values['long-run'] === true ? true : undefined,
  };
}
