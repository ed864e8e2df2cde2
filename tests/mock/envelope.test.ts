import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import type { ApiName } from '../../src/spec/load.ts';
import type { ViolationKind } from '../../src/spec/types.ts';
import { contracts, expectEnvelope, expectProblem, minimalBody, postJson, send } from './helpers.ts';

const mocks = {} as Record<ApiName, RunningMock>;
beforeAll(async () => {
  mocks.weidu = await startMock({ api: 'weidu', port: 0, quiet: true });
  mocks.lingju = await startMock({ api: 'lingju', port: 0, quiet: true, credentials: undefined });
});
afterAll(async () => {
  await Promise.all(Object.values(mocks).map((m) => m.close()));
});

/** An invalid body, the kind of violation it is, and a path the message must name. */
interface InvalidCase {
  api: ApiName;
  name: string;
  body: (valid: Record<string, unknown>) => unknown;
  kind: Exclude<ViolationKind, 'credentials'>;
  mentions: string;
}

const without = (field: string) => (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== field));
const withField = (field: string, value: unknown) => (v: Record<string, unknown>) => ({ ...v, [field]: value });

const invalidCases: InvalidCase[] = [
  ...['appkey', 'userid', 'authcode'].flatMap((f): InvalidCase[] => [
    { api: 'lingju', name: `missing ${f}`, body: without(f), kind: 'required', mentions: f },
    { api: 'lingju', name: `empty ${f}`, body: withField(f, ''), kind: 'required', mentions: f },
    { api: 'lingju', name: `non-string ${f}`, body: withField(f, 123), kind: 'required', mentions: f },
    { api: 'lingju', name: `null ${f}`, body: withField(f, null), kind: 'required', mentions: f },
  ]),
  { api: 'lingju', name: 'sex "x" (enum)', body: withField('sex', 'x'), kind: 'optional', mentions: 'sex' },
  { api: 'lingju', name: 'birthday "1990/01/01" (format)', body: withField('birthday', '1990/01/01'), kind: 'optional', mentions: 'birthday' },
  { api: 'lingju', name: 'birthday "1990-02-30" (not a calendar date)', body: withField('birthday', '1990-02-30'), kind: 'optional', mentions: 'birthday' },
  { api: 'lingju', name: 'weight "65" (string for int)', body: withField('weight', '65'), kind: 'optional', mentions: 'weight' },
  { api: 'lingju', name: 'height 1.5 (not an integer)', body: withField('height', 1.5), kind: 'optional', mentions: 'height' },
  { api: 'lingju', name: 'weight 2^31 (beyond int32)', body: withField('weight', 2 ** 31), kind: 'optional', mentions: 'weight' },
  { api: 'lingju', name: 'name 123 (number for string)', body: withField('name', 123), kind: 'optional', mentions: 'name' },
  { api: 'lingju', name: 'undocumented field gender', body: withField('gender', 'm'), kind: 'body', mentions: 'gender' },
  { api: 'lingju', name: 'missing appkey and bad sex: the required one decides', body: (v) => ({ ...without('appkey')(v), sex: 'x' }), kind: 'required', mentions: 'sex' },
  { api: 'lingju', name: 'an array body', body: () => [1, 2], kind: 'body', mentions: '(body)' },
  { api: 'lingju', name: 'a string body', body: () => 'text', kind: 'body', mentions: '(body)' },
  { api: 'weidu', name: 'missing user_id', body: without('user_id'), kind: 'required', mentions: 'user_id' },
  { api: 'weidu', name: 'user_id 1 (number for string)', body: withField('user_id', 1), kind: 'required', mentions: 'user_id' },
  { api: 'weidu', name: 'gender 3 (enum)', body: withField('gender', 3), kind: 'optional', mentions: 'gender' },
  { api: 'weidu', name: 'work type 0 (enum, decision W02)', body: withField('work_list', [{ type: 0 }]), kind: 'optional', mentions: 'work_list/0/type' },
  { api: 'weidu', name: 'file size "1" (nested string for int)', body: withField('work_list', [{ file_infos: [{ size: '1' }] }]), kind: 'optional', mentions: 'work_list/0/file_infos/0/size' },
  { api: 'weidu', name: 'work_list an object', body: withField('work_list', {}), kind: 'optional', mentions: 'work_list' },
  { api: 'weidu', name: 'undocumented nested field', body: withField('work_list', [{ colour: 'red' }]), kind: 'body', mentions: 'work_list/0/colour' },
  { api: 'weidu', name: 'null body', body: () => null, kind: 'body', mentions: '(body)' },
];

describe('mock > valid request', () => {
  it.each(['weidu', 'lingju'] as const)('%s: every request example gets the success example', async (api) => {
    const contract = contracts[api];
    for (const example of contract.requestExamples) {
      const reply = await postJson(mocks[api].url, contract, example.value);
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual(contract.responseExamples[0]!.value);
      expectEnvelope(contract, reply, contract.envelope.successCodes[0]!);
    }
  });

  it.each(['weidu', 'lingju'] as const)('%s: url has no trailing slash and the default success code is the spec\'s', async (api) => {
    expect(mocks[api].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mocks[api].port).toBeGreaterThan(0);
  });
});

describe('mock > invalid request → envelope with the code of its kind', () => {
  it.each(invalidCases)('$api: $name → $kind', async ({ api, body, kind, mentions }) => {
    const contract = contracts[api];
    const reply = await postJson(mocks[api].url, contract, body(minimalBody(contract)));
    expect(reply.status).toBe(contract.envelope.errorHttpStatus.mock);
    expectEnvelope(contract, reply, mockCodeFor(contract, kind));
    const message = String(reply.json![contract.envelope.messageField]);
    expect(message).toContain(mentions);
    expect(message).toMatch(/expected|must/);
  });

  it('issue 3: lingju answers 8 for required/body problems and 20 for optional ones; weidu answers 400', () => {
    expect([mockCodeFor(contracts.lingju, 'required'), mockCodeFor(contracts.lingju, 'body'), mockCodeFor(contracts.lingju, 'optional')]).toEqual([8, 8, 20]);
    expect([mockCodeFor(contracts.weidu, 'required'), mockCodeFor(contracts.weidu, 'optional')]).toEqual([400, 400]);
  });

  it('lingju: a secret field\'s value is not echoed in the message', async () => {
    const reply = await postJson(mocks.lingju.url, contracts.lingju, { ...minimalBody(contracts.lingju), appkey: 12345678 });
    expect(reply.json!.description).toContain('appkey');
    expect(reply.json!.description).not.toContain('12345678');
  });

  it('weidu: many violations are listed up to a cap, the message stays short', async () => {
    const files = Array.from({ length: 500 }, () => ({ size: 'big' }));
    const reply = await postJson(mocks.weidu.url, contracts.weidu, { user_id: 'u', work_list: [{ file_infos: files }] });
    expectEnvelope(contracts.weidu, reply, mockCodeFor(contracts.weidu, 'optional'));
    expect(String(reply.json!.result)).toContain('more');
    expect(String(reply.json!.result).length).toBeLessThanOrEqual(1000);
  });
});

describe('mock > content types', () => {
  const wrongTypes: Array<[string, Record<string, string>]> = [
    ['text/plain', { 'content-type': 'text/plain' }],
    ['form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['application/xml', { 'content-type': 'application/xml' }],
    ['no Content-Type', {}],
  ];
  it.each(['weidu', 'lingju'] as const)('%s: a valid JSON body under a non-JSON Content-Type is a body error', async (api) => {
    const contract = contracts[api];
    for (const [label, headers] of wrongTypes) {
      const reply = await send(mocks[api].url, contract, { headers, body: JSON.stringify(minimalBody(contract)) });
      expect(reply.status, label).toBe(200);
      expectEnvelope(contract, reply, mockCodeFor(contract, 'body'));
      expect(reply.json![contract.envelope.messageField], label).toContain('Content-Type');
    }
  });

  it.each(['weidu', 'lingju'] as const)('%s: any charset of application/json is accepted', async (api) => {
    const contract = contracts[api];
    for (const type of ['application/json', 'application/json;charset=UTF-8', 'application/json; charset=utf-8', 'APPLICATION/JSON']) {
      const reply = await send(mocks[api].url, contract, { headers: { 'content-type': type }, body: JSON.stringify(minimalBody(contract)) });
      expectEnvelope(contract, reply, contract.envelope.successCodes[0]!);
    }
  });
});

describe('mock > requests that are not the API call', () => {
  it.each(['weidu', 'lingju'] as const)('%s: unknown path 404, wrong method 405, unservable Accept 406 — problem details, not the envelope', async (api) => {
    const contract = contracts[api];
    const cases: Array<[number, Parameters<typeof send>[2]]> = [
      [404, { path: '/no/such/path', headers: { 'content-type': 'application/json' }, body: '{}' }],
      [405, { method: 'GET' }],
      [406, { headers: { 'content-type': 'application/json', accept: 'text/html' }, body: JSON.stringify(minimalBody(contract)) }],
    ];
    for (const [status, options] of cases) {
      expectProblem(await send(mocks[api].url, contract, options), status);
    }
  });
});
