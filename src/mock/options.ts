import { ToolkitError } from '../errors.ts';
import type { ApiName, Contract } from '../spec/load.ts';
import { credentialEnvName, credentialFields } from '../spec/credentials.ts';
import { stdoutLog } from './log.ts';
import { checkDelay, MockOptionError, parseDelay, parseRate, randomSeed, type ChaosSpec, type DelaySpec } from './behaviour.ts';

export interface MockOptions {
  api: ApiName;
  /** Default: weidu 4010, lingju 4011; 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** No per-request log lines. */
  quiet?: boolean;
  /**
   * Only this pair is accepted (another appkey → the appkey code, another authcode → the authcode code).
   * Default: env `<API>_APPKEY` / `<API>_AUTHCODE` (LINGJU_APPKEY, LINGJU_AUTHCODE); absent = any value accepted.
   */
  credentials?: { appkey: string; authcode: string };
  /** HTTP status of envelopes that carry an error code; default x-error-envelope.errorHttpStatus.mock. */
  errorHttpStatus?: number;
  /** Where request lines and warnings go; default: stdout, one line each. */
  log?: (line: string) => void;
  /** Simulated latency of every envelope answer: ms, `MIN-MAX`, `p50=MS,p99=MS`, or a DelaySpec. */
  delay?: DelaySpec | string | number | undefined;
  /** A share of valid requests (0–1) answered with a random documented error code, or a ChaosSpec with the codes to use. */
  chaos?: ChaosSpec | number | undefined;
  /** Seed of chaos and delay draws; default: a random one (reported as `seed` of the running mock). */
  seed?: number | undefined;
}

export interface RunningMock {
  api: ApiName;
  /** http://HOST:PORT, no trailing slash. */
  url: string;
  port: number;
  /** The seed of chaos and delay draws (pass it back as `seed` to repeat a run). */
  seed: number;
  /** Where the fast path's answers came from: the committed src/generated/ copy, or prepared at start-up (the spec changed). */
  prepared: 'committed' | 'live';
  close(): Promise<void>;
}

/** The default port of each API's mock (the README and the CLI print these). */
export const defaultPorts: Readonly<Record<ApiName, number>> = { weidu: 4010, lingju: 4011 };
export const defaultHost = '127.0.0.1';

export interface ResolvedOptions {
  api: ApiName;
  port: number;
  host: string;
  quiet: boolean;
  /** field name → the only accepted value; empty when any value is accepted. */
  credentials: Map<string, string>;
  errorHttpStatus: number;
  log: (line: string) => void;
  delay: DelaySpec | undefined;
  chaos: ChaosSpec | undefined;
  seed: number;
}

export { credentialEnvName } from '../spec/credentials.ts';

function checkPort(port: number, what: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ToolkitError('BAD_PORT', `${what}: ${String(port)} is not a port number (0–65535)`);
  return port;
}

function resolveCredentials(contract: Contract, given: MockOptions['credentials'], env: NodeJS.ProcessEnv): Map<string, string> {
  const fields = credentialFields(contract);
  const result = new Map<string, string>();
  if (given) {
    const supplied = given as unknown as Record<string, unknown>;
    const unknown = Object.keys(supplied).filter((f) => !fields.includes(f));
    if (unknown.length) throw new ToolkitError('BAD_CREDENTIALS', `${contract.api} has no credential field ${unknown.join(', ')} (credential fields: ${fields.join(', ') || 'none'})`);
    for (const field of fields) {
      const value = supplied[field];
      if (typeof value !== 'string' || value === '') throw new ToolkitError('BAD_CREDENTIALS', `${contract.api} credentials: ${field} must be a non-empty string`);
      result.set(field, value);
    }
    return result;
  }
  const names = fields.map((f) => credentialEnvName(contract.api, f));
  const set = names.filter((n) => env[n]);
  if (set.length === 0) return result;
  if (set.length !== names.length) {
    throw new ToolkitError('BAD_CREDENTIALS', `set all of ${names.join(', ')} (only ${set.join(', ')} is set), or none to accept any value`);
  }
  fields.forEach((f, i) => result.set(f, env[names[i]!]!));
  return result;
}

export function resolveOptions(options: MockOptions, contract: Contract, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const errorHttpStatus = options.errorHttpStatus ?? contract.envelope.errorHttpStatus.mock;
  if (!Number.isInteger(errorHttpStatus) || errorHttpStatus < 200 || errorHttpStatus > 599) {
    throw new ToolkitError('BAD_STATUS', `error HTTP status ${String(errorHttpStatus)} is not an HTTP status (200–599)`);
  }
  return {
    api: options.api,
    port: checkPort(options.port ?? defaultPorts[options.api], `${options.api} port`),
    host: options.host ?? defaultHost,
    quiet: options.quiet ?? false,
    credentials: resolveCredentials(contract, options.credentials, env),
    errorHttpStatus,
    log: options.log ?? stdoutLog(),
    ...behaviourOptions(options),
  };
}

function behaviourOptions(options: MockOptions): Pick<ResolvedOptions, 'delay' | 'chaos' | 'seed'> {
  try {
    const delay = options.delay === undefined ? undefined : typeof options.delay === 'object' ? checkDelay(options.delay) : parseDelay(options.delay);
    const chaos = options.chaos === undefined ? undefined : typeof options.chaos === 'number' ? { rate: parseRate(options.chaos) } : { ...options.chaos, rate: parseRate(options.chaos.rate) };
    const seed = options.seed ?? randomSeed();
    if (!Number.isSafeInteger(seed)) throw new MockOptionError(`seed: ${String(seed)} is not a whole number`);
    return { delay, chaos, seed };
  } catch (error) {
    if (error instanceof MockOptionError) throw new ToolkitError(error.code, `${options.api} mock: ${error.message}`);
    throw error;
  }
}
