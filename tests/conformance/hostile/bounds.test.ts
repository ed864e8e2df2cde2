import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../run-helpers.ts';
import { answerJson, startTarget, successEnvelope, type HostileTarget } from './targets.ts';

/** A success envelope with `keys` undocumented fields (k0 … kN). */
function manyKeys(api: 'weidu' | 'lingju', keys: number): string {
  const envelope = JSON.stringify(successEnvelope(api)).slice(0, -1);
  const extra = Array.from({ length: keys }, (_, i) => `"k${i}":"v${i}"`).join(',');
  return `${envelope},${extra}}`;
}

let target: HostileTarget;
beforeAll(async () => {
  // 2,000 keys (≈ 19 KB) on every answer; 20,000 keys (≈ 240 KB) on every tenth weidu answer.
  target = await startTarget((call) => {
    if (!call.contract) return void call.res.writeHead(404).end();
    answerJson(call, manyKeys(call.contract.api, call.contract.api === 'weidu' && call.n % 10 === 0 ? 20_000 : 2_000));
  });
});
afterAll(async () => {
  await target.close();
});

describe('conformance > findings are bounded', () => {
  test('thousands of undocumented keys: one aggregated finding per exchange and check, a bounded report', async () => {
    const { result, files } = await run(target.url, { timeoutMs: 10_000 });
    const perExchange = new Map<string, number>();
    for (const f of result.findings.filter((x) => x.check === 'envelope_conformance')) perExchange.set(`${f.caseId}|${f.severity}`, (perExchange.get(`${f.caseId}|${f.severity}`) ?? 0) + 1);
    expect(Math.max(...perExchange.values())).toBe(1);
    const lingju = result.findings.find((f) => f.api === 'lingju' && f.check === 'envelope_conformance' && f.severity === 'warning')!;
    expect(lingju.count).toBe(2_000);
    expect(lingju.fields!.slice(0, 3)).toEqual(['k0', 'k1', 'k2']);
    expect(lingju.fields!.length).toBeLessThanOrEqual(20);
    expect(lingju.message).toMatch(/2,000/);
    const weidu = result.findings.filter((f) => f.api === 'weidu' && f.check === 'envelope_conformance' && f.severity === 'warning');
    expect(weidu.some((f) => f.count === 20_000)).toBe(true);
    expect(weidu.find((f) => f.count === 20_000)!.summary).toBe('undocumented field k0, k1, k2, k3, k4 and 19,995 more in the envelope');
    for (const file of files) expect(statSync(file).size, file).toBeLessThan(8 * 1024 * 1024);
    const json = JSON.parse(readFileSync(files.find((f) => f.endsWith('report.json'))!, 'utf8'));
    expect(json.cases).toHaveLength(result.cases.length);
  }, 120_000);
});
