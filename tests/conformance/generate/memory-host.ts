import type { GenerationHost } from '../../../conformance/generate/run.ts';
import type { CaseResult, Probe, SessionSettings } from '../../../conformance/engine/session-types.ts';
import type { Basis } from '../../../src/spec/index.ts';

/**
 * A host that answers in memory (no server: what is tested is how generation counts and keeps findings): the
 * first `warnings` distinct requests each meet a warning resting on a decision of its own, every later one a failure.
 */
export function host(warnings: number, count: number, body: (call: number) => string = () => '{}'): GenerationHost & { kept: CaseResult[] } {
  let calls = 0;
  const kept: CaseResult[] = [];
  const settings: SessionSettings = { apis: ['lingju'], targets: { lingju: 'http://127.0.0.1:9' }, embedded: false, seed: 7, concurrency: 1, timeoutMs: 1000, waivers: [], generate: { count } };
  return {
    settings,
    kept,
    async probe(): Promise<Probe> {
      calls++;
      const raw = { response: { status: 200, headers: {}, body: body(calls) } } as unknown as Probe['raw'];
      if (calls <= warnings) {
        const basis = { kind: 'decision', decision: `D${calls}` } as unknown as Basis;
        return { raw, errors: [], graded: [{ check: 'negative_rejection', severity: 'warning', verdicts: [{ outcome: 'warning', summary: 'accepted', basis }] }] };
      }
      const basis = { kind: 'documented', source: { document: 'doc', line: 1 } } as unknown as Basis;
      return { raw, errors: [], graded: [{ check: 'not_a_server_error', severity: 'failure', verdicts: [{ outcome: 'failure', summary: 'HTTP 500', basis }] }] };
    },
    keep(c, probe) {
      const findings = probe.graded.map((g) => ({ check: g.check, severity: g.severity, summary: g.verdicts[0]!.summary })) as unknown as CaseResult['findings'];
      const result: CaseResult = { case: c, caseId: c.id, findings, passed: [], sent: true };
      kept.push(result);
      return result;
    },
    addGeneration() {},
    fixedFields: () => ({ appkey: 'gen-appkey-0123', authcode: 'gen-authcode-4567' }),
    requestHeaders: () => ({}),
  };
}
