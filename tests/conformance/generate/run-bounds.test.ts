import { describe, expect, test, vi } from 'vitest';
import { runGeneration } from '../../../conformance/generate/run.ts';
import { host } from './memory-host.ts';

// A spec that allows one request only, as far as generation can tell: every draw is the same body.
vi.mock('../../../conformance/generate/generator.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../conformance/generate/generator.ts')>();
  return { ...original, sampleRuns: (_g: unknown, _seed: number, _from: number, count: number) => Array.from({ length: count }, () => ({ body: { appkey: 'gen-appkey-0123', userid: 'u', authcode: 'gen-authcode-4567' } })) };
});

describe('generate > bounded when the spec allows few requests', () => {
  test('run > every draw a duplicate: generation stops after a bounded number of draws, never spins', async () => {
    const summary = await runGeneration(host(1000, 200), 'lingju');
    expect(summary.stoppedBy).toBe('no new requests');
    expect(summary.valid + summary.invalid).toBe(1);
    expect(summary.duplicates).toBeGreaterThan(200);
    expect(summary.duplicates).toBeLessThanOrEqual(200 * 50);
    expect(summary.incomplete).toBeUndefined();
  });
});
