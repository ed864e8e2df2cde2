import { describe, expect, test, vi } from 'vitest';
import type { CheckName } from '../../../conformance/catalogue.ts';
import { Session } from '../../../conformance/engine/session.ts';
import { DEFAULT_GENERATE_COUNT } from '../../../conformance/generate/types.ts';
import type { Finding } from '../../../conformance/types.ts';
import { loadContract, requestTree, type ApiName, type JsonObject } from '../../../src/spec/index.ts';
import { generatedOnlyFaults, type Fault } from '../reference/faults.ts';
import { referenceServers, run } from '../run-helpers.ts';

const reference = referenceServers();

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
const values = (v: unknown): unknown[] => (v && typeof v === 'object' ? Object.values(v).flatMap(values) : [v]);
const arrays = (v: unknown): unknown[][] => (Array.isArray(v) ? [v, ...v.flatMap(arrays)] : v && typeof v === 'object' ? Object.values(v).flatMap(arrays) : []);
const astral = (s: string) => [...s].filter((c) => c.codePointAt(0)! > 0xffff).length;
/** Fields beyond the required ones (the credentials and userid of lingju, weidu's user_id): what shrinking left. */
const requiredFields = (api: ApiName) => (requestTree(loadContract(api)).properties ?? []).filter((f) => f.required).map((f) => f.name);
const extraFields = (api: ApiName, body: JsonObject) => Object.keys(body).filter((k) => !requiredFields(api).includes(k)).length;

/**
 * Faults only generated requests reach, each with the check that must name it and what its shrunk request must
 * look like: the smallest request that still shows the fault, give or take what the bounded shrinking leaves.
 */
const table: Array<[Fault, ApiName, CheckName, (body: JsonObject) => boolean]> = [
  ['astral-500', 'lingju', 'not_a_server_error', (b) => strings(b).reduce((n, s) => n + astral(s), 0) === 1 && extraFields('lingju', b) <= 1],
  ['rtl-reset', 'weidu', 'not_a_server_error', (b) => strings(b).some((s) => /[\p{Script=Hebrew}\p{Script=Arabic}\u200f\u202b\u202e\u2067]/u.test(s) && [...s].length <= 2) && JSON.stringify(b).length < 120],
  ['many-items-500', 'weidu', 'not_a_server_error', (b) => arrays(b).some((a) => a.length === 17) && arrays(b).every((a) => a.length <= 17)],
  ['int32-limit-500', 'lingju', 'not_a_server_error', (b) => values(b).some((v) => v === 2147483647 || v === -2147483648) && extraFields('lingju', b) <= 1],
  ['long-string-500', 'lingju', 'not_a_server_error', (b) => strings(b).some((s) => Buffer.byteLength(s) > 2000) && extraFields('lingju', b) <= 2],
  ['later-items-unchecked', 'weidu', 'negative_rejection', (b) => (b.work_list as unknown[] | undefined)!.length >= 2 && JSON.stringify(b).length < 200],
];

describe('generate > finds what the fixed corpus never holds', () => {
  test('every generated-only fault of the reference is in this table', () => {
    expect(table.map(([f]) => f).sort()).toEqual([...generatedOnlyFaults].sort());
  });

  test.each(table)('%s (%s): the fixed requests pass; --generate (default budget) fails %s with a shrunk, replayable request', async (fault, api, check, minimal) => {
    const url = await reference(fault);
    const { result } = await run(url, { apis: [api], generate: { count: DEFAULT_GENERATE_COUNT } });
    expect(result.exitCode).toBe(1);
    // The fixed corpus does not find it: every failure comes from a generated request.
    const failures = result.findings.filter((f) => f.severity === 'failure');
    expect(failures.filter((f) => !f.generated).map((f) => f.message)).toEqual([]);
    const generated = result.apis[0]!.generated!;
    expect(generated).toMatchObject({ stoppedBy: 'count', valid: expect.any(Number), invalid: expect.any(Number) });
    expect(generated.valid + generated.invalid).toBe(DEFAULT_GENERATE_COUNT);
    const finding = failures.find((f) => f.check === check) as Finding;
    expect(finding, failures.map((f) => f.check).join()).toBeDefined();
    expect(finding.generated!.shrinks).toBeGreaterThan(0);
    expect(finding.generated!.seenIn).toBeGreaterThan(0);
    // Reported Schemathesis-style, with the curl line, the seed, the fast-check path and the replay command.
    expect(finding.message).toMatch(/Received: [\s\S]*Documented: [\s\S]*Generated: +fast-check path \w+:[\d:*]+, shrunk in \d+ steps? from a [\d,]+-byte request; the same fault in \d+ of 200 generated requests[\s\S]*Reproduce with:\n +curl [\s\S]*Seed: 4242 \(replay: .*--replay \w+:[\d:*]+ .*--seed 4242/);
    const body = JSON.parse(finding.request!.body) as JsonObject;
    expect(minimal(body), finding.request!.body).toBe(true);

    // --seed + --replay sends that one request again, exactly, and it fails the same way.
    const { result: replayed } = await run(url, { apis: [api], generate: { replay: finding.generated!.replay } });
    expect(replayed.exitCode).toBe(1);
    expect(replayed.requests).toBe(1);
    const again = replayed.findings.find((f) => f.check === check && f.severity === 'failure')!;
    expect(again.request!.body).toBe(finding.request!.body);
    expect(again.summary).toBe(finding.summary);
  });

  test.each([
    ['the strict reference', 500, undefined],
    ['the Go-like weidu server', DEFAULT_GENERATE_COUNT, 'go-like'],
    ['the Spring-like lingju server', DEFAULT_GENERATE_COUNT, 'spring-like'],
  ] as const)('%s passes --generate %i (warnings allowed: no false alarm from hostile or invalid values)', async (_name, count, profile) => {
    const { result } = await run(await reference(undefined, profile), { generate: { count } });
    expect(result.findings.filter((f) => f.severity === 'failure').map((f) => f.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
    for (const api of result.apis) expect(api.generated).toMatchObject({ stoppedBy: 'count', valid: expect.any(Number) });
    for (const api of result.apis) expect(api.generated!.valid + api.generated!.invalid).toBe(count);
  });

  test('the embedded mock passes --generate', async () => {
    const { result } = await run(undefined, { generate: { count: DEFAULT_GENERATE_COUNT } }, false);
    expect(result.findings.filter((f) => f.severity === 'failure').map((f) => f.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test('--strict: a decision warning from a generated request is a failure, graded like the fixed ones', async () => {
    const { result } = await run(await reference(undefined, 'go-like'), { apis: ['weidu'], strict: true, generate: { count: 100 } });
    expect(result.exitCode).toBe(1);
    const generated = result.findings.filter((f) => f.generated && f.severity === 'failure');
    expect(generated.length).toBeGreaterThan(0);
    expect(generated.every((f) => f.promoted && f.basis?.kind === 'decision')).toBe(true);
  });

  test('--duration bounds generation by time; the run still reports what it sent', async () => {
    const { result } = await run(await reference(), { apis: ['lingju'], generate: { durationS: 0.5 } });
    expect(result.exitCode).toBe(0);
    expect(result.apis[0]!.generated).toMatchObject({ stoppedBy: 'duration', requested: { durationS: 0.5 } });
    expect(result.apis[0]!.generated!.sent).toBeGreaterThan(0);
  });

  test('a generation that did not finish never reports a pass: the run is incomplete (exit 2)', async () => {
    const original = Session.prototype.probe;
    let calls = 0;
    const spy = vi.spyOn(Session.prototype, 'probe').mockImplementation(function (this: Session, c) {
      if (++calls === 30) throw new Error('the sender broke');
      return original.call(this, c);
    });
    try {
      const { result } = await run(await reference(), { apis: ['lingju'], generate: { count: DEFAULT_GENERATE_COUNT } });
      expect(result).toMatchObject({ verdict: 'incomplete', exitCode: 2, complete: false });
      expect(result.incompleteReasons.join()).toMatch(/generation \(lingju\) did not finish: internal error while generating: the sender broke/);
    } finally {
      spy.mockRestore();
    }
  });
});
