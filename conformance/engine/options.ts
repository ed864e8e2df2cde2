import { parseArgs } from 'node:util';
import { ToolkitError } from '../../src/errors.ts';
import { invocation } from '../../src/cli/invocation.ts';
import { apiNames, credentialEnvName, credentialFields, isApiName, loadContract, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checkNames, isCheckName } from '../checks/registry.ts';
import { parseHeaders, type ExtraHeader } from './headers.ts';
import { parseTargets, resolveApis } from './targets.ts';
import { parseReplay } from '../generate/replay.ts';
import { DEFAULT_GENERATE_COUNT, SHRINK_LIMITS, type GenerateSettings } from '../generate/types.ts';

export { checkTarget } from './targets.ts';

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

  // — Reaching staging, comparing runs, where reports go (issue 11) —
  /** Base URL per API (--target API=URL); `target` serves every API without its own. */
  apiTargets?: Partial<Record<ApiName, string>>;
  /** --header [API=]'Name: value', ${VAR} expanded: values are secrets (masked, shell variables in curl lines). */
  headers?: ExtraHeader[];
  /** --ca FILE: a private CA trusted in addition to Node's roots. */
  caFile?: string;
  /** --insecure: TLS certificates not verified (a warning in the console and every report). */
  insecure?: boolean;
  /** --baseline OLD/report.json: findings compared with an earlier run (new / fixed / still failing). */
  baselineFile?: string;
  /** --fail-on new: exit 1 only for failures the baseline did not have. */
  failOn?: 'any' | 'new';
  /** Reports go to a new timestamped directory under reportDir, with reportDir/latest pointing at it (no --report-dir). */
  reportPerRun?: boolean;

  // — Generative testing (issue 11; conformance/generate) —
  /** --generate [N], --duration S, --replay API:PATH. */
  generate?: GenerateSettings;
}

export const DEFAULTS = { reportDir: 'reports', concurrency: 4, timeoutMs: 5000 } as const;

/** Each API's credential variables, read from the spec: "LINGJU_APPKEY and LINGJU_AUTHCODE". */
function credentialVariables(): string {
  return apiNames.flatMap((api) => credentialFields(loadContract(api)).map((f) => credentialEnvName(api, f))).join(' and ');
}

export const USAGE = `Usage: ${invocation('npm run conformance', 'conformance').withOptions} [--api weidu|lingju|all] [--target URL] [options]
  --api A          weidu, lingju or all (default all, or the APIs named by --target API=URL)
  --target URL     base URL of the implementation under test (the documented path is appended);
                   without it the project's own mocks are started and checked
  --target API=URL one target per API (repeat: --target weidu=URL --target lingju=URL); a bare --target
                   serves the APIs without their own; for both APIs it is probed first (one POST {} each)
  --header H       'Name: value' sent with every request (repeatable; API=Name: value for one API);
                   \${VAR} is read from the environment; values are secrets (masked, shell variables in curl)
  --ca FILE        trust this PEM CA for the target (in addition to Node's roots)
  --insecure       do not verify TLS certificates (every report warns about it)
                   HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (proxy credentials are never printed)
  --baseline F     an earlier report.json: new / fixed / still failing in the console and every report
  --fail-on W      any (default) or new: exit 1 only for failures the baseline did not have
  --seed N         fixed seed (printed on every run; same seed → same requests)
  --report-dir D   where junit.xml, report.json, report.html go (default: a new ${DEFAULTS.reportDir}/<time>/ per run,
                   ${DEFAULTS.reportDir}/latest pointing at it)
  --concurrency N  requests in flight (default ${DEFAULTS.concurrency})
  --rate N         at most N requests per second (the estimated duration is printed; over an hour needs --long-run)
  --long-run       accept a plan estimated to take more than an hour
  --timeout MS     per request and for connecting (default ${DEFAULTS.timeoutMs})
  --only C,...     only these checks: ${checkNames.join(', ')}
  --dry-run        print the planned requests, send nothing
  --waivers FILE   YAML list of known deviations { check, reason, field?, api?, case?, received?, expires? }
  --strict         decision warnings count as failures (the spec's decisions were agreed with the vendor)
Generative testing (fast-check, from the spec's schemas; after the fixed requests of each API):
  --generate [N]   also send N generated requests per API (default ${DEFAULT_GENERATE_COUNT}): schema-valid ones with hostile
                   values (every Unicode plane, long strings, int32 limits, many items) and invalid mutations;
                   each distinct failure is shrunk against the target to a minimal request
  --duration S     generate for S seconds, all APIs together (with --generate N: whichever ends first);
                   shrinking a failure takes at most ${SHRINK_LIMITS.ms / 1000} s more
  --replay A:PATH  send one generated request again, exactly: the API and fast-check path a report printed,
                   with that run's --seed (nothing else is sent)
Credentials of the target: ${credentialVariables()} (without them, checks that need them are skipped).
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

/** Parse the command line; every mistake is a one-line ToolkitError('BAD_ARGS'). `help` is returned, not printed. */
export function parseCliArgs(argv: readonly string[], randomSeed = () => Math.floor(Math.random() * 2 ** 31), env: NodeJS.ProcessEnv = process.env): ConformanceOptions | 'help' {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: withGenerateDefault(argv),
      strict: true,
      allowPositionals: false,
      options: {
        api: { type: 'string' },
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
        ...STAGING_OPTIONS,
        ...GENERATE_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return bad(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  if (values.help) return 'help';
  const str = (k: string) => values[k] as string | undefined;
  const api = str('api');
  if (api !== undefined && api !== 'all' && !isApiName(api)) bad(`--api must be one of ${apiNames.join(', ')}, all (got "${api}")`);
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
  const staging = stagingOptions(values, env);
  const generate = generateOptions(values, api);
  return {
    // A replay concerns the API its path names.
    apis: generate?.replay ? [parseReplay(generate.replay).api] : resolveApis(api, staging),
    target: staging.target,
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
    ...withoutUndefined({ ...staging, target: undefined, reportPerRun: reportDir === undefined ? true : undefined }),
    ...(generate ? { generate } : {}),
  };
}

/** The options of issue 11 (targets per API, headers, TLS, baseline), kept together. */
const STAGING_OPTIONS = {
  target: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  ca: { type: 'string' },
  insecure: { type: 'boolean' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

function stagingOptions(values: Record<string, unknown>, env: NodeJS.ProcessEnv): Omit<ConformanceOptions, 'apis' | 'seed' | 'reportDir' | 'concurrency' | 'timeoutMs' | 'dryRun'> {
  const targets = parseTargets((values.target as string[] | undefined) ?? []);
  const headers = parseHeaders((values.header as string[] | undefined) ?? [], env);
  const ca = values.ca as string | undefined;
  if (ca !== undefined && ca.trim() === '') bad('--ca must name a PEM file');
  const insecure = values.insecure === true;
  if (insecure && ca !== undefined) bad('--insecure and --ca contradict each other: --ca verifies with a private CA, --insecure verifies nothing');
  const baseline = values.baseline as string | undefined;
  if (baseline !== undefined && baseline.trim() === '') bad('--baseline must name an earlier report.json');
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && failOn !== 'any' && failOn !== 'new') bad(`--fail-on must be any or new (got "${failOn}")`);
  if (failOn === 'new' && baseline === undefined) bad('--fail-on new needs --baseline OLD/report.json (new compared with what?)');
  return {
    ...targets,
    headers: headers.length ? headers : undefined,
    caFile: ca,
    insecure: insecure || undefined,
    baselineFile: baseline,
    failOn: failOn as ConformanceOptions['failOn'],
  };
}

const withoutUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The options of generative testing, kept together. */
const GENERATE_OPTIONS = {
  generate: { type: 'string' },
  duration: { type: 'string' },
  replay: { type: 'string' },
} as const;

/** `--generate` without a number means the default count (node's parseArgs wants a value for a string option). */
function withGenerateDefault(argv: readonly string[]): string[] {
  return argv.map((arg, i) => (arg === '--generate' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('-')) ? `--generate=${DEFAULT_GENERATE_COUNT}` : arg));
}

/** --generate, --duration, --replay: the generation settings, or undefined when none is given. */
function generateOptions(values: Record<string, unknown>, api: string | undefined): GenerateSettings | undefined {
  const str = (k: string) => values[k] as string | undefined;
  const count = integer('generate', str('generate'), 1, 1_000_000);
  const durationText = str('duration');
  let durationS: number | undefined;
  if (durationText !== undefined) {
    durationS = Number(durationText);
    if (!/^\d+(\.\d+)?$/.test(durationText.trim()) || durationS <= 0 || durationS > 7 * 86400) bad(`--duration must be a positive number of seconds (got "${durationText}")`);
  }
  const replay = str('replay');
  if (replay === undefined) return count === undefined && durationS === undefined ? undefined : { ...(count !== undefined ? { count } : {}), ...(durationS !== undefined ? { durationS } : {}) };
  if (count !== undefined || durationS !== undefined) bad('--replay sends one request again; it takes no --generate or --duration');
  if (str('seed') === undefined) bad('--replay needs the --seed of the run that printed it');
  const { api: replayed } = parseReplay(replay);
  if (api !== undefined && api !== 'all' && api !== replayed) bad(`--replay ${replay} is a ${replayed} request, but --api is ${api}`);
  return { replay: replay.trim() };
}
