import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { ToolkitError } from '../../src/errors.ts';
import type { RunningMock } from '../../src/mock/index.ts';
import { loadContract, type ApiName } from '../../src/spec/index.ts';
import { credentialsFromEnv, generatedCredentials, type Credentials } from './credentials.ts';
import type { ConformanceOptions } from './options.ts';
import { assertReachable } from './reachability.ts';
import type { SessionSettings } from './session.ts';
import { loadWaivers } from './waivers.ts';

export interface PreparedRun {
  settings: SessionSettings;
  /** Valid credentials per API (never written to any report). */
  credentials: Partial<Record<ApiName, Credentials>>;
  /** Stops the embedded mocks, if any. */
  close(): Promise<void>;
}

/**
 * Everything that can make a run impossible happens here, before any check: waivers file, report dir,
 * credentials half-set, embedded mocks, reachability of the target. Failures are ToolkitErrors (exit 2).
 */
export async function prepareRun(
  options: ConformanceOptions,
  extra: { env?: NodeJS.ProcessEnv; credentials?: Partial<Record<ApiName, Credentials>>; log?: (line: string) => void } = {},
): Promise<PreparedRun> {
  const env = extra.env ?? process.env;
  const waivers = options.waiversFile ? loadWaivers(options.waiversFile) : [];
  if (!options.dryRun) await assertWritableDir(options.reportDir);
  const mocks: RunningMock[] = [];
  const close = async () => {
    await Promise.all(mocks.map((m) => m.close()));
  };
  const credentials: Partial<Record<ApiName, Credentials>> = {};
  const targets: Partial<Record<ApiName, string>> = {};
  try {
    for (const api of options.apis) {
      const contract = loadContract(api);
      if (options.target) {
        targets[api] = options.target;
        const fromEnv = extra.credentials?.[api] ? { credentials: extra.credentials[api] } : credentialsFromEnv(contract, env);
        if (fromEnv.error) throw new ToolkitError('BAD_CREDENTIALS', fromEnv.error);
        if (fromEnv.credentials) credentials[api] = fromEnv.credentials;
      } else {
        // The embedded default: the project's own mock with credentials generated from the seed.
        const generated = generatedCredentials(contract, options.seed);
        if (generated) credentials[api] = generated;
        if (!options.dryRun) {
          // Loaded only when needed: Prism is heavy, and a run against --target never uses it.
          const { startMock } = await import('../../src/mock/index.ts');
          const mock = await startMock({ api, port: 0, quiet: true, credentials: generated as { appkey: string; authcode: string } | undefined, log: () => {} });
          mocks.push(mock);
          targets[api] = mock.url;
        }
      }
    }
    if (options.target && !options.dryRun) await assertReachable(options.target, options.timeoutMs);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    settings: {
      apis: options.apis,
      targets,
      embedded: !options.target,
      seed: options.seed,
      only: options.only,
      concurrency: options.concurrency,
      rate: options.rate,
      timeoutMs: options.timeoutMs,
      waivers,
      waiversFile: options.waiversFile,
      reportDir: options.reportDir,
      strict: options.strict ?? false,
    },
    credentials,
    close,
  };
}

async function assertWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new ToolkitError('REPORT_DIR', `cannot write reports to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
