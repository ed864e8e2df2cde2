import { describe, expect, test } from 'vitest';
import { MAX_ANSWER_KINDS, OTHER_ANSWERS, runGeneration } from '../../../conformance/generate/run.ts';
import { MAX_FAULT_KINDS } from '../../../conformance/generate/types.ts';
import { loadContract } from '../../../src/spec/index.ts';
import { host } from './memory-host.ts';

describe('generate > kinds of finding kept', () => {
  test('run > a failure found after more kinds of warning than are kept is still reported and kept (never a pass)', async () => {
    const h = host(MAX_FAULT_KINDS + 5, MAX_FAULT_KINDS + 15);
    const summary = await runGeneration(h, 'lingju');
    expect(summary.incomplete).toBeUndefined();
    const failures = summary.faults.filter((f) => f.severity === 'failure');
    expect(failures.map((f) => f.check)).toEqual(['not_a_server_error']);
    expect(h.kept.some((r) => r.findings.some((f) => f.severity === 'failure'))).toBe(true);
    // Warnings stay capped.
    expect(summary.faults.filter((f) => f.severity === 'warning').length).toBe(MAX_FAULT_KINDS);
  });

  test('run > a server answering a new code each time adds to one "other answers" tally, not one entry per request', async () => {
    const { codeField } = loadContract('lingju').envelope;
    const summary = await runGeneration(host(0, 80, (call) => JSON.stringify({ [codeField]: 1000 + call })), 'lingju');
    expect(Object.keys(summary.answers)).toHaveLength(MAX_ANSWER_KINDS);
    expect(summary.answers['1001']).toBe(1);
    expect(summary.answers[OTHER_ANSWERS]).toBeGreaterThan(0);
    expect(Object.values(summary.answers).reduce((a, b) => a + b, 0)).toBe(summary.valid + summary.invalid);
  });
});
