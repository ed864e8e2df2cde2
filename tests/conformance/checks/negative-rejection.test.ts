import { describe, expect, test } from 'vitest';
import { negativeRejection } from '../../../conformance/checks/negative-rejection.ts';
import { context, exchange } from '../helpers.ts';

const judge = (ex: ReturnType<typeof exchange>, credentialsKnown = true) => negativeRejection.evaluate(ex, context(ex.case.api, credentialsKnown))[0]!;

describe('conformance > negative_rejection', () => {
  test.each([
    ['lingju optional field → 20', { api: 'lingju', field: 'sex', violationKind: 'optional', body: { status: 20 } }],
    ['lingju optional field → 29 (any code of the range)', { api: 'lingju', field: 'sex', violationKind: 'optional', body: { status: 29 } }],
    ['lingju optional field → 111 (either parameter code)', { api: 'lingju', field: 'weight', violationKind: 'optional', body: { status: 111 } }],
    ['lingju required field → 8 over HTTP 400', { api: 'lingju', field: 'userid', violationKind: 'required', status: 400, body: { status: 8 } }],
    ['weidu any non-success integer', { api: 'weidu', field: 'gender', violationKind: 'optional', body: { code: 12345, result: 'no' } }],
    ['unknown field accepted (the documents leave it open)', { api: 'weidu', field: 'unknown_field', violationKind: 'body', variantKind: 'unknown-field', body: { code: 200, result: 'ok' } }],
  ] as const)('passes: %s', (_name, args) => {
    expect(judge(exchange({ ...args, purpose: 'negative' })).outcome).toBe('passed');
  });

  test.each([
    ['success for an invalid enum names the field', { api: 'lingju', field: 'sex', variantKind: 'enum', body: { status: 0 } }, 'sex', 'invalid request accepted'],
    ['weidu success for a nested type names the path', { api: 'weidu', field: 'work_list/0/file_infos/0/size', variantKind: 'type', body: { code: 200, result: 'ok' } }, 'work_list/0/file_infos/0/size', 'invalid request accepted'],
    ['a code outside the accepted set', { api: 'lingju', field: 'birthday', variantKind: 'format', body: { status: 97 } }, 'birthday', 'outside the accepted set'],
    ['a credentials code for a data-format error', { api: 'lingju', field: 'weight', variantKind: 'type', body: { status: 6 } }, 'weight', 'outside the accepted set'],
    ['6 for a missing appkey (a parameter error, decision L23)', { api: 'lingju', field: 'appkey', variantKind: 'missing', violationKind: 'required', body: { status: 6 } }, 'appkey', 'outside the accepted set'],
    ['no envelope at all', { api: 'lingju', field: '(body)', variantKind: 'malformed-json', status: 500, rawBody: 'oops' }, '(body)', 'no readable rejection'],
  ] as const)('fails: %s', (_name, args, field, summary) => {
    const verdict = judge(exchange({ ...args, purpose: 'negative' }));
    expect(verdict.outcome).toBe('failure');
    expect(verdict.field).toBe(field);
    expect(verdict.summary).toContain(summary);
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
