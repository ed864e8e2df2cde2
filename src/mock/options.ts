import { ToolkitError } from '../errors.ts';
import type { ApiName, Contract } from '../spec/load.ts';
import { credentialFields, credentialsFromEnv } from '../spec/credentials.ts';
import { stdoutLog } from './log.ts';
import { MockOptionError, randomSeed, resolveBehaviour, type BehaviourOptions, type ResolvedBehaviour } from './behaviour.ts';

/**
 * startMock's options: where to listen and log, and the behaviour options the MSW handlers take too — except that
 * credentials default to the environment (LINGJU_APPKEY + LINGJU_AUTHCODE; unset: any value) and the seed to a random one.
 */
export interface MockOptions extends BehaviourOptions {
  api: ApiName;
  /** Default: weidu 4010, lingju 4011; 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** No per-request log lines. */
  quiet?: boolean;
  /** Where request lines and warnings go; default: stdout, one line each. */
  log?: (line: string) => void;
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

export interface ResolvedOptions extends ResolvedBehaviour {
  api: ApiName;
  port: number;
  host: string;
  quiet: boolean;
  log: (line: string) => void;
}

export { credentialEnvName } from '../spec/credentials.ts';

function checkPort(port: number, what: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ToolkitError('BAD_PORT', `${what}: ${String(port)} is not a port number (0–65535)`);
  return port;
}

/** Credentials from `<API>_<FIELD>` variables (LINGJU_APPKEY, LINGJU_AUTHCODE): all of them set, or none. */
function credentialsOf(contract: Contract, env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const { credentials, error } = credentialsFromEnv(contract, env);
  if (error) throw new MockOptionError(`${error}; none accepts any value`, 'BAD_CREDENTIALS');
  return credentials;
}

/** startMock's options checked (a MockOptionError when one is wrong), defaults filled in. */
export function resolveOptions(options: MockOptions, contract: Contract, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const facts = { api: contract.api, credentialFields: credentialFields(contract), errorHttpStatus: contract.envelope.errorHttpStatus.mock };
  const credentials = options.credentials ?? credentialsOf(contract, env);
  return {
    api: options.api,
    port: checkPort(options.port ?? defaultPorts[options.api], `${options.api} port`),
    host: options.host ?? defaultHost,
    quiet: options.quiet ?? false,
    log: options.log ?? stdoutLog(),
    ...resolveBehaviour(facts, { ...options, credentials }, randomSeed),
  };
}
