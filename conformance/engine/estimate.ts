import { ToolkitError } from '../../src/errors.ts';
import { loadContract, type ApiName } from '../../src/spec/index.ts';
import { targetCredentialsFromEnv, generatedCredentials, type Credentials } from './credentials.ts';
import type { ConformanceOptions } from './options.ts';
import { buildPlan } from './plan.ts';
import { targetsOf } from './targets.ts';

/** A plan estimated to take longer than this (a low --rate) is refused unless --long-run is given. */
export const LONG_RUN_SECONDS = 60 * 60;

/** "about 1 d 23 h", "about 2 h 5 min", "about 3 min 12 s", "about 12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const [d, h, m] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60)];
  if (d) return `about ${d} d ${h} h`;
  if (h) return `about ${h} h ${m} min`;
  if (m) return `about ${m} min ${s % 60} s`;
  return `about ${s} s`;
}

export interface PlanEstimate {
  requests: number;
  /** Lower bound from --rate (undefined without a rate: it depends on the target). */
  seconds?: number;
  /** "Plan: 172 requests, concurrency 4; at --rate 2/s about 1 min 26 s (estimate)". */
  line: string;
}

/** How many requests a run will send and, with --rate, how long that takes at least; computed before anything starts. */
export function estimatePlan(options: ConformanceOptions, env: NodeJS.ProcessEnv = process.env): PlanEstimate {
  const credentials: Partial<Record<ApiName, Credentials>> = {};
  const targets = targetsOf(options);
  for (const api of options.apis) {
    const contract = loadContract(api);
    const found = targets?.[api] ? targetCredentialsFromEnv(contract, env).credentials : generatedCredentials(contract, options.seed);
    if (found) credentials[api] = found;
  }
  const generate = options.generate;
  const fixed = generate?.replay ? 0 : buildPlan({ apis: options.apis, targets: {}, seed: options.seed, only: options.only, credentials }).filter((c) => c.send).length;
  // Generated requests: the count per API, or as many as the duration allows (shrinking comes on top).
  const generated = generate?.replay ? 1 : (generate?.count ?? 0) * options.apis.length;
  const requests = fixed + generated;
  // At least: the fixed requests at --rate, then generation for the duration, or its count at --rate.
  const fixedSeconds = options.rate ? fixed / options.rate : undefined;
  const countSeconds = options.rate && generated ? generated / options.rate : undefined;
  const generateSeconds = generate?.durationS !== undefined ? Math.min(generate.durationS, countSeconds ?? Infinity) : countSeconds;
  const seconds = fixedSeconds === undefined && generateSeconds === undefined ? undefined : (fixedSeconds ?? 0) + (generateSeconds ?? 0);
  const timing = seconds === undefined ? '' : `; ${options.rate ? `at --rate ${options.rate}/s ` : ''}${formatDuration(seconds)} (estimate)`;
  return { requests, seconds, line: `Plan: ${planText(fixed, options)}, concurrency ${options.concurrency}${timing}` };
}

/** "172 requests", "172 requests + 200 generated per API (and shrinking)", "1 generated request (--replay weidu:3:0)". */
function planText(fixed: number, options: ConformanceOptions): string {
  const g = options.generate;
  if (g?.replay) return `1 generated request (--replay ${g.replay})`;
  if (!g) return `${fixed} requests`;
  const what = [g.count !== undefined ? `${g.count} per API` : '', g.durationS !== undefined ? `for ${formatDuration(g.durationS).replace('about ', '')}${g.count !== undefined ? ' at most' : ''}` : ''].filter(Boolean).join(' ');
  return `${fixed} requests + generated ones (${what}, then shrinking each failure)`;
}

/** Refuses a plan longer than an hour without --long-run: a mistyped --rate must not start a two-day run. */
export function assertReasonable(options: ConformanceOptions, estimate: PlanEstimate): void {
  if (estimate.seconds === undefined || estimate.seconds <= LONG_RUN_SECONDS || options.longRun) return;
  const why = options.rate ? `--rate ${options.rate} would take ${formatDuration(estimate.seconds)} for ${estimate.requests} requests` : `--duration ${options.generate?.durationS} would take ${formatDuration(estimate.seconds)}`;
  throw new ToolkitError('LONG_RUN', `${why}; ${options.rate ? 'raise --rate, ' : ''}narrow the run (--api, --only${options.generate ? ', --generate, --duration' : ''}), or pass --long-run`);
}
