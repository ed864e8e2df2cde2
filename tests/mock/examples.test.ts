import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { documentedCodes, exampleForCode, isSuccessCode, mockCodeFor } from '../../src/spec/codes.ts';
import { apiNames, type ApiName } from '../../src/spec/load.ts';
import { validateResponse } from '../../src/validation/index.ts';
import { contracts, expectEnvelope, expectProblem, minimalBody, postJson, send } from './helpers.ts';

const ERROR_STATUS = 418;
const mocks = {} as Record<ApiName, RunningMock>;
const strict = {} as Record<ApiName, RunningMock>;
beforeAll(async () => {
  for (const api of apiNames) {
    mocks[api] = await startMock({ api, port: 0, quiet: true });
    strict[api] = await startMock({ api, port: 0, quiet: true, errorHttpStatus: ERROR_STATUS });
  }
});
afterAll(async () => {
  await Promise.all([...Object.values(mocks), ...Object.values(strict)].map((m) => m.close()));
});

describe('mock > named examples', () => {
  it.each(apiNames)('%s: every named example is reachable by Prefer header and by ?__example', async (api) => {
    const contract = contracts[api];
    const body = minimalBody(contract);
    for (const { name, value } of contract.responseExamples) {
      const code = value[contract.envelope.codeField] as number;
      for (const reply of [
        await postJson(mocks[api].url, contract, body, { headers: { prefer: `example=${name}` } }),
        await postJson(mocks[api].url, contract, body, { query: `?__example=${encodeURIComponent(name)}` }),
      ]) {
        expect(reply.json, name).toEqual(value);
        expect(reply.status, name).toBe(200);
        expectEnvelope(contract, reply, code);
      }
    }
  });

  it.each(apiNames)('%s: every documented code has an example name that returns it', (api) => {
    const contract = contracts[api];
    const codes = [...documentedCodes(contract), ...contract.codes.filter((e) => e.other && e.mockCode !== undefined).map((e) => e.mockCode!)];
    for (const code of codes) {
      const name = exampleForCode(contract, code);
      expect(name, `code ${code}`).toBeDefined();
      expect(contract.responseExamples.find((e) => e.name === name)?.value[contract.envelope.codeField], `code ${code}`).toBe(code);
    }
  });

  it.each(apiNames)('%s: an unknown example name is a 404 problem listing the known names', async (api) => {
    const contract = contracts[api];
    for (const options of [{ headers: { prefer: 'example=noSuchExample' } }, { query: '?__example=noSuchExample' }]) {
      const reply = await postJson(mocks[api].url, contract, minimalBody(contract), options);
      expectProblem(reply, 404);
      expect(String(reply.json?.detail)).toContain('noSuchExample');
      expect(String(reply.json?.detail)).toContain(contract.responseExamples[1]!.name);
    }
  });

  it.each(apiNames)('%s: validation comes before the example: an invalid body asking for success gets the error envelope', async (api) => {
    const contract = contracts[api];
    const reply = await postJson(mocks[api].url, contract, {}, { headers: { prefer: `example=${contract.responseExamples[0]!.name}` } });
    expectEnvelope(contract, reply, mockCodeFor(contract, 'required'));
  });

  it.each(apiNames)('%s: Prefer: dynamic=true gives a schema-valid envelope', async (api) => {
    const contract = contracts[api];
    const reply = await postJson(mocks[api].url, contract, minimalBody(contract), { headers: { prefer: 'dynamic=true' } });
    expect(reply.status).toBeLessThan(500);
    expect(reply.headers['content-type']).toBe(contract.envelope.contentType);
    expect(validateResponse(api, reply.json)).toEqual([]);
  });
});

describe('mock > error HTTP status option', () => {
  it.each(apiNames)('%s: error envelopes (invalid or by name) get the configured status, success keeps 200', async (api) => {
    const contract = contracts[api];
    const valid = await postJson(strict[api].url, contract, minimalBody(contract));
    expect(valid.status).toBe(200);
    const invalid = await postJson(strict[api].url, contract, {});
    expect(invalid.status).toBe(ERROR_STATUS);
    expectEnvelope(contract, invalid, mockCodeFor(contract, 'required'));
    const errorExample = contract.responseExamples.find((e) => !isSuccessCode(contract, e.value[contract.envelope.codeField]))!;
    const named = await postJson(strict[api].url, contract, minimalBody(contract), { headers: { prefer: `example=${errorExample.name}` } });
    expect(named.status).toBe(ERROR_STATUS);
    expect(named.json).toEqual(errorExample.value);
  });
});

describe('mock > CORS', () => {
  it.each(apiNames)('%s: a preflight gets 204 allowing the origin, method and headers', async (api) => {
    const contract = contracts[api];
    const reply = await send(mocks[api].url, contract, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,prefer' },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe('http://app.example');
    expect(reply.headers['access-control-allow-methods']).toContain('POST');
    expect(reply.headers['access-control-allow-headers']).toBe('content-type,prefer');
  });

  it.each(apiNames)('%s: success and error answers carry the caller\'s origin', async (api) => {
    const contract = contracts[api];
    for (const body of [minimalBody(contract), {}]) {
      const reply = await postJson(mocks[api].url, contract, body, { headers: { origin: 'http://app.example' } });
      expect(reply.headers['access-control-allow-origin']).toBe('http://app.example');
    }
  });
});
