import { describe, expect, test } from 'vitest';
import { negativeRejection } from '../../../conformance/checks/negative-rejection.ts';
import { context, exchange, planned } from '../helpers.ts';

const judge = (ex: ReturnType<typeof exchange>, credentialsKnown = true) => negativeRejection.evaluate(ex, context(ex.case.api, credentialsKnown))[0]!;

describe('conformance > negative_rejection', () => {
  test.each([
    ['lingju optional field → 20', { api: 'lingju', field: 'sex', violationKind: 'optional', body: { status: 20 } }],
    ['lingju optional field → 29 (any code of the range)', { api: 'lingju', field: 'sex', violationKind: 'optional', body: { status: 29 } }],
    ['lingju optional field → 111 (either parameter code)', { api: 'lingju', field: 'weight', violationKind: 'optional', body: { status: 111 } }],
    ['lingju required field → 8 over HTTP 400', { api: 'lingju', field: 'userid', violationKind: 'required', status: 400, body: { status: 8 } }],
    ['weidu any non-success integer', { api: 'weidu', field: 'gender', violationKind: 'optional', body: { code: 12345, result: 'no' } }],
  ] as const)('passes: %s', (_name, args) => {
    expect(judge(exchange({ ...args, purpose: 'negative' })).outcome).toBe('passed');
  });

  // Documented expectations, and codes the table itself contradicts: failures.
  test.each([
    ['success for an invalid enum names the field', { api: 'lingju', field: 'sex', variantKind: 'enum', expectation: 'enum', body: { status: 0 } }, 'sex', 'invalid request accepted'],
    ['weidu success for a nested type names the path', { api: 'weidu', field: 'work_list/0/file_infos/0/size', variantKind: 'type', body: { code: 200, result: 'ok' } }, 'work_list/0/file_infos/0/size', 'invalid request accepted'],
    ['6 APPKEY无效 for a data-format error (the appkey was valid)', { api: 'lingju', field: 'weight', variantKind: 'type', body: { status: 6 } }, 'weight', 'a code the table gives to appkey'],
    ['-1 系统异常 for a bad field', { api: 'lingju', field: 'sex', variantKind: 'enum', body: { status: -1, description: '系统异常' } }, 'sex', 'server-fault code'],
    ['an undocumented code', { api: 'lingju', field: 'sex', variantKind: 'enum', body: { status: 999, description: 'x' } }, 'sex', 'undocumented code'],
    ['no envelope at all', { api: 'lingju', field: '(body)', variantKind: 'malformed-json', status: 500, rawBody: 'oops' }, '(body)', 'no readable rejection'],
  ] as const)('fails: %s', (_name, args, field, summary) => {
    const verdict = judge(exchange({ ...args, purpose: 'negative' }));
    expect(verdict.outcome).toBe('failure');
    expect(verdict.field).toBe(field);
    expect(verdict.summary).toContain(summary);
    expect(verdict.basis?.kind).toBe('documented');
  });

  // A documented error code outside our preferred set, or acceptance of what only a decision forbids: warnings naming the decision.
  test.each([
    ['97 校验失败 for a bad birthday (outside the preferred set; L23, see L12)', { api: 'lingju', field: 'birthday', variantKind: 'format', body: { status: 97 } }, 'L23', 'outside the preferred set'],
    ['6 for a missing appkey (a parameter error by decision L23)', { api: 'lingju', field: 'appkey', variantKind: 'missing', violationKind: 'required', expectation: 'required', body: { status: 6 } }, 'L23', 'outside the preferred set'],
    ['4, an account code tied to appkey by decision L26, for a bad sex', { api: 'lingju', field: 'sex', variantKind: 'enum', body: { status: 4 } }, 'L26', 'outside the preferred set'],
    ['null accepted (weidu)', { api: 'weidu', field: 'gender', variantKind: 'null', expectation: 'null', body: { code: 200, result: 'ok' } }, 'W29', 'invalid request accepted'],
    ['an int above 2^31 accepted (lingju)', { api: 'lingju', field: 'weight', variantKind: 'format', expectation: 'int32', body: { status: 0 } }, 'L18', 'invalid request accepted'],
    ['a missing user_id accepted (weidu: required by decision W01)', { api: 'weidu', field: 'user_id', variantKind: 'missing', expectation: 'required', body: { code: 200, result: 'ok' } }, 'W01', 'invalid request accepted'],
  ] as const)('warns: %s', (_name, args, decision, summary) => {
    const verdict = judge(exchange({ ...args, purpose: 'negative' }));
    expect(verdict.outcome).toBe('warning');
    expect(verdict.basis).toMatchObject({ kind: 'decision', decision });
    expect(verdict.summary).toContain(summary);
  });

  // What the document's own example does, or a decision leaves open: information, never a failure.
  test.each([
    ['weidu work type 0 (the vendor answered it 200 ok)', 'weidu', 'negative/work_list.0.type.enum.example', { code: 200, result: 'ok' }, 'example'],
    ['weidu JSON under curl -d\'s form Content-Type', 'weidu', 'negative/body.content-type.form-urlencoded', { code: 200, result: 'ok' }, 'example'],
    ['lingju weight as a numeric string (the example sends "176")', 'lingju', 'negative/weight.type.example', { status: 0 }, 'example'],
    ['lingju an undocumented field (the example sends gender)', 'lingju', 'negative/body.unknown-field', { status: 0 }, 'example'],
    ['weidu an undocumented field (W14 leaves it open)', 'weidu', 'negative/body.unknown-field', { code: 200, result: 'ok' }, 'decision'],
  ] as const)('information: %s', (_name, api, id, body, kind) => {
    const verdict = judge(planned(api, id, body));
    expect(verdict.outcome).toBe('info');
    expect(verdict.basis?.kind).toBe(kind);
  });

  test('the check keeps its teeth: the enum is checked with a value the document excludes (7), asserted', () => {
    const ex = planned('weidu', 'negative/work_list.0.type.enum', { code: 200, result: 'ok' });
    expect(JSON.parse(ex.case.request.body).work_list[0].type).toBe(7);
    expect(judge(ex)).toMatchObject({ outcome: 'failure', field: 'work_list/0/type', basis: { kind: 'documented', source: { line: 34 } } });
    const nonNumeric = planned('lingju', 'negative/weight.type', { status: 0 });
    expect(JSON.parse(nonNumeric.case.request.body).weight).toBe('n/a');
    expect(judge(nonNumeric).outcome).toBe('failure');
  });

  test('without valid credentials a credentials refusal is skipped with the reason, not passed', () => {
    const verdict = judge(exchange({ api: 'lingju', purpose: 'negative', field: 'sex', body: { status: 6 } }), false);
    expect(verdict.outcome).toBe('skipped');
    expect(verdict.summary).toContain('LINGJU_APPKEY');
  });

  test('documented text lists the accepted codes with ranges', () => {
    const verdict = judge(exchange({ api: 'lingju', purpose: 'negative', field: 'sex', body: { status: 0 } }));
    expect(verdict.documented).toContain('20–29');
    expect(verdict.documented).toMatch(/\b8\b.*\b111\b/);
  });
});
