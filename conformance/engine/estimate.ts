import { ToolkitError } from '../../src/errors.ts';
import { loadContract, type ApiName } from '../../src/spec/index.ts';
import { credentialsFromEnv, generatedCredentials, type Credentials } from './credentials.ts';
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
    const found = targets?.[api] ? credentialsFromEnv(contract, env).credentials : generatedCredentials(contract, options.seed);
    if (found) credentials[api] = found;
  }
  const requests = buildPlan({ apis: options.apis, targets: {}, seed: options.seed, only: options.only, credentials }).filter((c) => c.send).length;
  const seconds = options.rate ? requests / options.rate : undefined;
  const timing = seconds === undefined ? '' : `; at --rate ${options.rate}/s ${formatDuration(seconds)} (estimate)`;
  return { requests, seconds, line: `Plan: ${requests} requests, concurrency ${options.concurrency}${timing}` };
}

/** Refuses a plan longer than an hour without --long-run: a mistyped --rate must not start a two-day run. */
export function assertReasonable(options: ConformanceOptions, estimate: PlanEstimate): void {
  if (estimate.seconds === undefined || estimate.seconds <= LONG_RUN_SECONDS || options.longRun) return;
  throw new ToolkitError(
    'LONG_RUN',
    `--rate ${options.rate} would take ${formatDuration(estimate.seconds)} for ${estimate.requests} requests; raise --rate, narrow the run (--api, --only), or pass --long-run`,
  );
}
