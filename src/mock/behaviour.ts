import { ToolkitError } from '../errors.ts';

/**
 * Behaviour a frontend team asks of the mock to harden its UI — simulated latency and seeded chaos — as plain
 * data and pure functions, shared by `npm start` (flags) and the MSW handlers (options).
 */

/** Simulated latency: fixed, uniform between two bounds, or log-normal given its median and 99th percentile. */
export type DelaySpec =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'lognormal'; p50: number; p99: number };

/** A share of valid requests answered with a random error example (of `codes`, default every error code with an example). */
export interface ChaosSpec {
  rate: number;
  codes?: readonly number[];
}

/** Thrown for an option the user got wrong; `code` is stable (the CLI prints the message, MSW users see it thrown). */
export class MockOptionError extends ToolkitError {
  constructor(message: string, code = 'BAD_MOCK_OPTION') {
    super(code, message);
    this.name = 'MockOptionError';
  }
}

const MAX_DELAY_MS = 600_000;
const Z99 = 2.3263478740408408;

function milliseconds(text: string, what: string): number {
  const trimmed = text.trim().replace(/ms$/, '');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) throw new MockOptionError(`${what}: "${text}" is not a number of milliseconds`);
  const ms = Number(trimmed);
  if (ms > MAX_DELAY_MS) throw new MockOptionError(`${what}: ${ms} ms is more than ${MAX_DELAY_MS} ms`);
  return ms;
}

/** `300` (fixed), `100-500` (uniform), `p50=200,p99=900` (log-normal): what --delay and the MSW `delay` option take. */
export function parseDelay(text: string | number): DelaySpec {
  if (typeof text === 'number') return checkDelay({ kind: 'fixed', ms: text });
  const spec = text.trim();
  const range = /^([^-]+)-([^-]+)$/.exec(spec);
  if (range) return checkDelay({ kind: 'uniform', min: milliseconds(range[1]!, 'delay'), max: milliseconds(range[2]!, 'delay') });
  const percentiles = /^p50\s*=\s*([^,]+),\s*p99\s*=\s*(.+)$/.exec(spec);
  if (percentiles) return checkDelay({ kind: 'lognormal', p50: milliseconds(percentiles[1]!, 'delay p50'), p99: milliseconds(percentiles[2]!, 'delay p99') });
  if (/^[\d.]+(ms)?$/.test(spec)) return checkDelay({ kind: 'fixed', ms: milliseconds(spec, 'delay') });
  throw new MockOptionError(`delay: "${text}" is not MS, MIN-MAX or p50=MS,p99=MS`);
}

/** A DelaySpec given as data (MSW options), checked as parseDelay checks text. */
export function checkDelay(spec: DelaySpec): DelaySpec {
  const ok = (n: number) => Number.isFinite(n) && n >= 0 && n <= MAX_DELAY_MS;
  if (spec.kind === 'fixed' && !ok(spec.ms)) throw new MockOptionError(`delay: ${spec.ms} is not between 0 and ${MAX_DELAY_MS} ms`);
  if (spec.kind === 'uniform' && !(ok(spec.min) && ok(spec.max) && spec.min <= spec.max)) throw new MockOptionError(`delay: ${spec.min}-${spec.max} is not a range of milliseconds (min ≤ max)`);
  if (spec.kind === 'lognormal' && !(ok(spec.p50) && ok(spec.p99) && spec.p50 > 0 && spec.p50 <= spec.p99)) throw new MockOptionError(`delay: p50 ${spec.p50} and p99 ${spec.p99} must be milliseconds with 0 < p50 ≤ p99`);
  return spec;
}

export function describeDelay(spec: DelaySpec): string {
  if (spec.kind === 'fixed') return `${spec.ms} ms`;
  if (spec.kind === 'uniform') return `${spec.min}–${spec.max} ms (uniform)`;
  return `log-normal, median ${spec.p50} ms, p99 ${spec.p99} ms`;
}

/** `0.1` or `10%`: the share of valid requests --chaos answers with an error. */
export function parseRate(text: string | number): number {
  const value = typeof text === 'number' ? text : /%\s*$/.test(text) ? Number(text.replace(/%\s*$/, '')) / 100 : Number(text);
  if (typeof text === 'string' && !/^\s*\d+(\.\d+)?\s*%?\s*$/.test(text)) throw new MockOptionError(`chaos: "${text}" is not a share (0.1 or 10%)`);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new MockOptionError(`chaos: ${String(text)} is not a share between 0 and 1 (or 0% and 100%)`);
  return value;
}

/** `-1,1,97`: codes for --chaos-codes. */
export function parseCodes(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const bad = parts.find((p) => !/^-?\d+$/.test(p));
  if (bad !== undefined || parts.length === 0) throw new MockOptionError(`chaos codes: "${text}" is not a comma-separated list of codes`);
  return parts.map(Number);
}

/** A seeded 32-bit generator (mulberry32): same seed, same sequence, on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A delay in whole milliseconds drawn from the spec. */
export function delaySampler(spec: DelaySpec, random: () => number): () => number {
  switch (spec.kind) {
    case 'fixed':
      return () => spec.ms;
    case 'uniform':
      return () => Math.round(spec.min + (spec.max - spec.min) * random());
    case 'lognormal': {
      const mu = Math.log(spec.p50);
      const sigma = (Math.log(spec.p99) - mu) / Z99;
      return () => {
        // Box–Muller; 1 - random() keeps the logarithm finite.
        const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
        return Math.min(MAX_DELAY_MS, Math.round(Math.exp(mu + sigma * z)));
      };
    }
  }
}

/** A fresh seed when none is given (printed, so a run can be repeated with --seed). */
export const randomSeed = (): number => Math.floor(Math.random() * 2 ** 31);

/** Behaviour options as a caller gives them: startMock's options (npm start's flags), the MSW handlers' options. */
export interface BehaviourOptions {
  /** HTTP status of envelopes carrying an error code (default the spec's, 200). */
  errorHttpStatus?: number | undefined;
  /** Accept only this pair (lingju: `{ appkey, authcode }`); a wrong one gets the spec's credentials code. */
  credentials?: Readonly<Record<string, string>> | undefined;
  /** Simulated latency of envelope answers: ms, `'100-500'` (uniform), `'p50=200,p99=900'` (log-normal), or a DelaySpec. */
  delay?: DelaySpec | string | number | undefined;
  /** A share (0–1) of valid requests answered with a random documented error code, or `{ rate, codes }`. */
  chaos?: ChaosSpec | number | undefined;
  /** Seed of chaos and delay draws: the same seed and the same requests give the same answers. */
  seed?: number | undefined;
}

/** What an API offers the options: its credential fields and its default HTTP status of error envelopes. */
export interface BehaviourFacts {
  api: string;
  credentialFields: readonly string[];
  errorHttpStatus: number;
}

export interface ResolvedBehaviour {
  errorHttpStatus: number;
  /** field → the only accepted value; empty when any value is accepted. */
  credentials: Map<string, string>;
  delay: DelaySpec | undefined;
  chaos: ChaosSpec | undefined;
  seed: number;
}

/**
 * The options checked once, the same way for `npm start` and the MSW handlers; a wrong one is a MockOptionError
 * (codes BAD_STATUS, BAD_CREDENTIALS, BAD_MOCK_OPTION). `defaultSeed` is called only when no seed is given.
 */
export function resolveBehaviour(facts: BehaviourFacts, options: BehaviourOptions, defaultSeed: () => number): ResolvedBehaviour {
  const errorHttpStatus = options.errorHttpStatus ?? facts.errorHttpStatus;
  if (!Number.isInteger(errorHttpStatus) || errorHttpStatus < 200 || errorHttpStatus > 599) {
    throw new MockOptionError(`error HTTP status ${String(errorHttpStatus)} is not an HTTP status (200–599)`, 'BAD_STATUS');
  }
  const delay = options.delay === undefined ? undefined : typeof options.delay === 'object' ? checkDelay(options.delay) : parseDelay(options.delay);
  const chaos = options.chaos === undefined ? undefined : typeof options.chaos === 'number' ? { rate: parseRate(options.chaos) } : { ...options.chaos, rate: parseRate(options.chaos.rate) };
  const seed = options.seed ?? defaultSeed();
  if (!Number.isSafeInteger(seed)) throw new MockOptionError(`seed: ${String(seed)} is not a whole number`);
  return { errorHttpStatus, credentials: credentialMap(facts, options.credentials), delay, chaos, seed };
}

function credentialMap(facts: BehaviourFacts, given: BehaviourOptions['credentials']): Map<string, string> {
  const result = new Map<string, string>();
  if (!given) return result;
  const fields = facts.credentialFields;
  const unknown = Object.keys(given).filter((f) => !fields.includes(f));
  if (unknown.length) throw new MockOptionError(`${facts.api} has no credential field ${unknown.join(', ')} (credential fields: ${fields.join(', ') || 'none'})`, 'BAD_CREDENTIALS');
  for (const field of fields) {
    const value: unknown = given[field];
    if (typeof value !== 'string' || value === '') throw new MockOptionError(`${facts.api} credentials: ${field} must be a non-empty string`, 'BAD_CREDENTIALS');
    result.set(field, value);
  }
  return result;
}
