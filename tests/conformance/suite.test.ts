import { describe, expect, test } from 'vitest';
import { startReference } from './reference/server.ts';
import type { Fault } from './reference/faults.ts';
import { referenceServers, run } from './run-helpers.ts';
import type { CheckName } from '../../conformance/catalogue.ts';
import type { ApiName } from '../../src/spec/index.ts';

const reference = referenceServers();

describe('conformance > suite against the reference implementation', () => {
  test('the strict reference passes both APIs with ≥ 150 checks', async () => {
    const { result } = await run(await reference());
    expect(result.totals.failure).toBe(0);
    expect(result.exitCode).toBe(0);
    expect(result.checksRun).toBeGreaterThanOrEqual(150);
    expect(result.totals.skipped).toBe(0);
    expect(result.apis.map((a) => a.api)).toEqual(['weidu', 'lingju']);
  });

  test('the embedded mock (no --target) passes', async () => {
    const { result } = await run(undefined, {}, false);
    expect(result.embedded).toBe(true);
    expect(result.findings.filter((f) => f.severity === 'failure').map((f) => f.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.apis.find((a) => a.api === 'lingju')!.credentials).toBe('embedded');
  });

  // Each single fault must fail the suite, with the field or code it breaks named in a failure message.
  const faultTable: Array<[Fault, ApiName, CheckName, RegExp]> = [
    ['code-as-string', 'lingju', 'envelope_conformance', /Field: +status[\s\S]*Received: +string "0"/],
    ['message-not-string', 'lingju', 'envelope_conformance', /Field: +description/],
    ['undocumented-code', 'lingju', 'envelope_conformance', /status[\s\S]*integer 999/],
    // weidu marks nothing required (W01: a warning there); lingju's 必填 is documented.
    ['required-not-checked', 'lingju', 'negative_rejection', /Field: +userid/],
    ['enum-not-checked', 'lingju', 'negative_rejection', /Field: +sex[\s\S]*Received: +status 0/],
    // Work type 0 is what the vendor's own example sends; 7 is excluded by the text, so an unchecked enum still fails.
    ['enum-not-checked', 'weidu', 'negative_rejection', /Field: +work_list\/0\/type[\s\S]*"type":7[,}]/],
    ['format-not-checked', 'lingju', 'negative_rejection', /Field: +birthday/],
    ['type-not-checked', 'lingju', 'negative_rejection', /Field: +weight/],
    ['nested-type-not-checked', 'weidu', 'negative_rejection', /Field: +work_list\/0\/file_infos\/0\/size/],
    ['success-on-error', 'weidu', 'negative_rejection', /Received: +code 200/],
    ['wrong-code-category', 'lingju', 'negative_rejection', /Received: +status 6 — APPKEY无效/],
    ['credentials-not-checked', 'lingju', 'credentials', /made-up appkey accepted[\s\S]*Documented: .*\b6\b/],
    ['malformed-json-500', 'weidu', 'not_a_server_error', /HTTP 500/],
    ['reset-on-malformed-json', 'lingju', 'not_a_server_error', /connection reset/],
    ['sleep-on-malformed-json', 'lingju', 'not_a_server_error', /no complete answer within 300 ms/],
    ['wrong-content-type', 'weidu', 'content_type_conformance', /Received: +text\/html/],
    ['charset-gbk', 'lingju', 'content_type_conformance', /charset=GBK/],
    // What the documents state and the first version did not check.
    ['error-without-message', 'lingju', 'envelope_conformance', /Field: +description[\s\S]*Basis: +documented — 003_b8d9ed5a731b86a3\.txt line 147/],
    ['error-without-message', 'weidu', 'envelope_conformance', /Field: +result/],
    ['success-result-not-ok', 'weidu', 'envelope_conformance', /Field: +result[\s\S]*Received: +string "success"/],
    ['body-gbk', 'lingju', 'content_type_conformance', /body is not valid UTF-8/],
    // The table's own words name the code for a made-up appkey (6 APPKEY无效): another code there is a failure.
    ['credentials-account-code', 'lingju', 'credentials', /Field: +appkey[\s\S]*Received: +status 4/],
    ['server-fault-for-bad-field', 'lingju', 'not_a_server_error', /server-fault code -1/],
  ];
  test.each(faultTable)('fault %s (%s) fails %s naming the field or code', async (fault, api, check, pattern) => {
    const { result } = await run(await reference(fault), { apis: [api], timeoutMs: 300 });
    expect(result.exitCode).toBe(1);
    const messages = result.findings.filter((f) => f.severity === 'failure' && f.check === check).map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.some((m) => pattern.test(m)), messages[0]).toBe(true);
    // Schemathesis style: Received vs Documented, then the curl line and the seed to replay.
    expect(messages[0]).toMatch(/Received: [\s\S]*Documented: [\s\S]*Basis: [\s\S]*Reproduce with:\n +curl [\s\S]*Seed: 4242/);
  });

  test('a server differing only in undocumented choices (HTTP 400, 111 for 8, 29 for 20, no description, lower-case charset, unknown fields ignored) passes', async () => {
    const { result } = await run(await reference('lenient'));
    expect(result.findings.filter((f) => f.severity === 'failure').map((f) => f.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
    const observed = result.apis.find((a) => a.api === 'lingju')!.coverage!.observed.map((o) => o.code);
    expect(observed).toEqual(expect.arrayContaining(['111', '29']));
    expect(observed).not.toContain('8');
    expect(result.cases.some((c) => c.httpStatus === 400)).toBe(true);
  });

  // Servers built the way these vendors' servers likely are: they must pass (warnings allowed), and the
  // documents' own exchange must pass exactly as recorded.
  test.each([
    ['go-like', 'weidu', ['W07', 'W15', 'W29']],
    ['spring-like', 'lingju', ['L07', 'L15', 'L27']],
  ] as const)('the %s %s variant passes with warnings naming the decisions it relies on', async (profile, api, decisions) => {
    const { result } = await run(await reference(undefined, profile), { apis: [api] });
    expect(result.findings.filter((f) => f.severity === 'failure').map((f) => f.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.decisionsReliedOn.map((d) => d.id)).toEqual(decisions);
    expect(result.totals.info).toBeGreaterThan(0);
  });

  test('--strict against the go-like weidu variant fails, listing the decisions it relied on', async () => {
    const { result } = await run(await reference(undefined, 'go-like'), { apis: ['weidu'], strict: true });
    expect(result.exitCode).toBe(1);
    const failures = result.findings.filter((f) => f.severity === 'failure');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.promoted && f.basis?.kind === 'decision')).toBe(true);
    expect(result.decisionsReliedOn.map((d) => d.id)).toEqual(['W07', 'W15', 'W29']);
    expect(failures[0]!.message).toMatch(/Basis: +decision W\d+ .* ask the vendor — a failure because of --strict/);
  });

  test('the transcript target (the documents\' exchange as recorded, strict otherwise) passes; the replay matches the record', async () => {
    const { result } = await run(await reference(undefined, 'transcript'));
    expect(result.findings.filter((f) => f.severity === 'failure').map((f) => f.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.apis.find((a) => a.api === 'weidu')!.scores.example_replay).toMatchObject({ passed: 1, info: 0 });
    expect(result.cases.find((c) => c.id === 'weidu/example/document')!.passed).toEqual(expect.arrayContaining(['envelope_conformance', 'content_type_conformance', 'not_a_server_error', 'example_replay']));
  });

  test('an undocumented envelope field is a warning only: the run passes', async () => {
    const { result } = await run(await reference('extra-envelope-field'), { apis: ['lingju'] });
    expect(result.exitCode).toBe(0);
    expect(result.totals.warning).toBeGreaterThan(0);
    expect(result.findings.find((f) => f.severity === 'warning')!.field).toBe('trace_id');
  });

  test('a target that never answers: timeouts fail not_a_server_error and the run ends', async () => {
    const { result } = await run(await reference('sleep-always'), { apis: ['lingju'], timeoutMs: 150 });
    expect(result.exitCode).toBe(1);
    expect(result.findings.some((f) => f.check === 'not_a_server_error' && f.severity === 'failure' && f.summary === 'timeout')).toBe(true);
    expect(result.findings.some((f) => f.severity === 'skipped' && /target stopped answering/.test(f.summary))).toBe(true);
  });

  test('without credentials, checks needing them are skipped with the reason, never passed', async () => {
    const { result } = await run(await reference(), { apis: ['lingju'] }, false);
    const lingju = result.apis[0]!;
    expect(lingju.credentials).toBe('none');
    expect(lingju.scores.positive_acceptance.passed).toBe(0);
    expect(lingju.scores.positive_acceptance.skipped).toBeGreaterThan(0);
    const skipped = result.findings.filter((f) => f.severity === 'skipped');
    expect(skipped.some((f) => f.check === 'positive_acceptance' && /LINGJU_APPKEY and LINGJU_AUTHCODE/.test(f.summary))).toBe(true);
    expect(skipped.some((f) => f.check === 'credentials' && f.field === undefined && /needs valid appkey/.test(f.summary))).toBe(true);
    // The made-up appkey can still be tried: any credentials code is accepted then.
    expect(lingju.scores.credentials.passed).toBe(1);
    expect(result.exitCode).toBe(0);
  });

  test('waivers: matching failures show as waived (exit 0), an unused waiver is reported', async () => {
    const { writeFileSync } = await import('node:fs');
    const { scratchDir } = await import('./run-helpers.ts');
    const file = `${scratchDir()}/waivers.yaml`;
    writeFileSync(file, 'waivers:\n  - check: negative_rejection\n    field: sex\n    reason: vendor ticket 42\n  - check: credentials\n    field: appkey\n    reason: never used\n');
    const { result } = await run(await reference('enum-not-checked'), { apis: ['lingju'], waiversFile: file });
    expect(result.exitCode).toBe(0);
    expect(result.totals.waived).toBeGreaterThan(0);
    expect(result.findings.filter((f) => f.severity === 'waived').every((f) => f.waiver?.reason === 'vendor ticket 42')).toBe(true);
    expect(result.unusedWaivers.map((w) => w.index)).toEqual([2]);
  });

  test('--only runs the named checks and nothing else', async () => {
    const { result } = await run(await reference(), { apis: ['lingju'], only: ['credentials'] });
    const lingju = result.apis[0]!;
    expect(lingju.requests).toBe(2);
    expect(lingju.scores.credentials.passed).toBe(2);
    expect(lingju.scores.envelope_conformance.passed).toBe(0);
    expect(lingju.coverage).toBeUndefined();
  });

  test('a wrong target path (every answer 404) is no verdict on the server: exit 2, and the console says why in one line', async () => {
    const { renderConsole } = await import('../../conformance/reports/console.ts');
    const { result } = await run(`${await reference()}/wrong-prefix`, { apis: ['weidu'], only: ['positive_acceptance'] });
    expect(result.exitCode).toBe(2);
    expect(result.targetHints).toEqual([expect.stringMatching(/^every weidu request got HTTP 404, never the API's envelope: nothing answers at http:\/\/127\.0\.0\.1:\d+\/wrong-prefix\/weidu\/api\/v1\/users\/accountinfo — is --target right\?/)]);
    expect(renderConsole(result)).toMatch(/^Hint: every weidu request got HTTP 404/m);
    expect(renderConsole(result)).toMatch(/^INCOMPLETE — no verdict on the server: the target, not the server, answered every request/m);
  });

  test('an unreachable target is a ToolkitError (exit 2), not findings', async () => {
    const server = await startReference();
    const url = server.url;
    await server.close();
    await expect(run(url)).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE', message: expect.stringContaining('connection refused') });
  });
});
