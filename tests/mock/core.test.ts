import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createMockCore, PROBLEM_CONTENT_TYPE, type MockCore, type MockRequest } from '../../src/mock/index.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { apiNames, type ApiName } from '../../src/spec/load.ts';
import { contracts, minimalBody } from './helpers.ts';

// The core answers plain data — no socket, no stream — so any transport can share it (node:http here).
const cores = {} as Record<ApiName, MockCore>;
beforeAll(async () => {
  for (const api of apiNames) {
    const contract = contracts[api];
    cores[api] = createMockCore({ contract, engine: await createEngine(contract.file), credentials: new Map(), errorHttpStatus: 200 });
  }
});

const bytes = (text: string) => ({ kind: 'bytes' as const, bytes: new TextEncoder().encode(text) });
const request = (api: ApiName, over: Partial<MockRequest> = {}): MockRequest => ({
  method: contracts[api].method,
  target: contracts[api].path,
  headers: { 'content-type': 'application/json' },
  body: bytes(JSON.stringify(minimalBody(contracts[api]))),
  ...over,
});

describe('mock core > plain request in, plain answer out', () => {
  it.each(apiNames)('%s: the table of answers', async (api) => {
    const contract = contracts[api];
    const { codeField } = contract.envelope;
    const envelope = contract.envelope.contentType;
    const cases: Array<[string, Partial<MockRequest>, number, string, unknown]> = [
      ['valid', {}, 200, envelope, contract.envelope.successCodes[0]],
      ['malformed JSON to an unknown path', { method: 'GET', target: '/anything', body: bytes('{"a":') }, 404, PROBLEM_CONTENT_TYPE, 404],
      ['malformed JSON with a wrong method', { method: 'GET', body: bytes('{"a":') }, 405, PROBLEM_CONTENT_TYPE, 405],
      ['malformed JSON', { body: bytes('{"a":') }, 200, envelope, mockCodeFor(contract, 'body')],
      ['unreadable Content-Type', { headers: { 'content-type': 'a/b/c' } }, 200, envelope, mockCodeFor(contract, 'body')],
      ['unreadable Accept', { headers: { 'content-type': 'application/json', accept: ';;;' } }, 406, PROBLEM_CONTENT_TYPE, 406],
      ['over-size body', { body: { kind: 'tooLarge', bytes: 11 * 1024 * 1024 } }, 413, PROBLEM_CONTENT_TYPE, 413],
      ['over-size body to an unknown path', { target: '/x', body: { kind: 'tooLarge', bytes: 11 * 1024 * 1024 } }, 404, PROBLEM_CONTENT_TYPE, 404],
      ['unknown example', { headers: { 'content-type': 'application/json', prefer: 'example=nope' } }, 404, PROBLEM_CONTENT_TYPE, 404],
      ['empty JSON object', { body: bytes('{}') }, 200, envelope, mockCodeFor(contract, 'required')],
      ['no body', { body: { kind: 'none' } }, 200, envelope, mockCodeFor(contract, 'body')],
      ['unreadable request target', { target: '//' }, 400, PROBLEM_CONTENT_TYPE, 400],
    ];
    for (const [label, over, status, contentType, code] of cases) {
      const answer = await cores[api].answer(request(api, over));
      expect(answer.status, label).toBe(status);
      expect(answer.headers['Content-Type'], label).toBe(contentType);
      expect((JSON.parse(answer.body) as Record<string, unknown>)[contentType === envelope ? codeField : 'status'], label).toBe(code);
      expect(answer.headers['Access-Control-Allow-Origin'], label).toBe('*');
    }
  });

  it('lingju: a CORS preflight is a 204 with no body and no Content-Type', async () => {
    const answer = await cores.lingju.answer(request('lingju', { method: 'OPTIONS', headers: { origin: 'http://a.example', 'access-control-request-method': 'POST' }, body: { kind: 'none' } }));
    expect(answer).toMatchObject({ status: 204, body: '' });
    expect(answer.headers['Content-Type']).toBeUndefined();
    expect(answer.headers['Access-Control-Allow-Origin']).toBe('http://a.example');
  });
});
