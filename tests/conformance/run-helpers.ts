import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { ConformanceOptions } from '../../conformance/engine/options.ts';
import { runConformance } from '../../conformance/engine/run.ts';
import type { ApiName } from '../../src/spec/index.ts';
import type { Fault } from './reference/faults.ts';
import type { ProfileName } from './reference/profiles.ts';
import { startReference, type RunningReference } from './reference/server.ts';

/** The valid lingju credentials of the reference implementation in these tests. */
export const referenceCredentials = { appkey: 'ref-appkey-5f1c9a7e42', authcode: 'ref-authcode-b83d60e1c7' };

/**
 * For one test file: a function starting a reference server (with the reference credentials, a fault, a profile) and
 * returning its URL; every server it started is closed after the file's tests.
 */
export function referenceServers(): (fault?: Fault, profile?: ProfileName) => Promise<string> {
  const servers: RunningReference[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  return async (fault, profile) => {
    const server = await startReference({ credentials: { lingju: referenceCredentials }, fault, profile });
    servers.push(server);
    return server.url;
  };
}

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
