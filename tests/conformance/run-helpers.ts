import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConformanceOptions } from '../../conformance/engine/options.ts';
import { runConformance } from '../../conformance/engine/run.ts';
import type { ApiName } from '../../src/spec/index.ts';

/** The valid lingju credentials of the reference implementation in these tests. */
export const referenceCredentials = { appkey: 'ref-appkey-5f1c9a7e42', authcode: 'ref-authcode-b83d60e1c7' };

export const scratchDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'conformance-test-'));

/** runConformance with test defaults: fixed seed, a scratch report dir, short timeout; `env`: proxies and the like. */
export function run(target: string | undefined, overrides: Partial<ConformanceOptions> = {}, credentials: boolean = true, env: NodeJS.ProcessEnv = {}) {
  const options: ConformanceOptions = {
    apis: ['weidu', 'lingju'] as ApiName[],
    target,
    seed: 4242,
    reportDir: scratchDir(),
    concurrency: 4,
    timeoutMs: 3000,
    dryRun: false,
    ...overrides,
  };
  return runConformance(options, { env, credentials: credentials ? { lingju: referenceCredentials } : undefined });
}
