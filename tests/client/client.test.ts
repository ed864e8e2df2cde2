import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLingjuClient, createWeiduClient } from '../../src/client/index.ts';
import { lingjuContract, weiduContract } from '../../src/generated/index.ts';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { loadContract, requestContentType } from '../../src/spec/index.ts';

/** A real server on port 0 that answers with whatever the test queued, and records what it received. */
let server: Server;
let baseUrl: string;
let next: { status: number; body: string; contentType?: string } = { status: 200, body: '{}' };
let received: { method?: string; url?: string; contentType?: string; headers?: IncomingMessage['headers']; body: string } = { body: '' };
/** Delay before answering (for the abort case). */
let delayMs = 0;

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received = { method: req.method, url: req.url, contentType: req.headers['content-type'], headers: req.headers, body: await read(req) };
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
    res.writeHead(next.status, { 'content-type': next.contentType ?? 'application/json;charset=UTF-8' }).end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const lingjuBody = { appkey: 'k', userid: '00:1A:2B:3C:4D:5E', authcode: 'a', sex: 'f' as const, weight: 52 };

describe('client > lingju results are discriminated by the envelope, not the HTTP status', () => {
  it.each([
    ['success', 200, '{"status":0,"description":""}', { kind: 'success', code: 0, message: '' }],
    ['success without description', 200, '{"status":0}', { kind: 'success', code: 0, message: undefined }],
    ['documented error in a 200', 200, '{"status":6,"description":"APPKEY无效"}', { kind: 'error', code: 6, meaning: { zh: 'APPKEY无效', en: 'Invalid appkey', category: 'credentials' } }],
    ['documented error in a 400', 400, '{"status":8,"description":"bad"}', { kind: 'error', code: 8, httpStatus: 400, message: 'bad' }],
    ['a code in the 20-29 range', 200, '{"status":27}', { kind: 'error', code: 27, meaning: { category: 'data-format' } }],
    ['undocumented code', 200, '{"status":2}', { kind: 'undocumented', code: 2 }],
    ['code as a string', 200, '{"status":"0"}', { kind: 'undocumented', code: '0' }],
    ['no code field', 200, '{"description":""}', { kind: 'undocumented', code: undefined }],
    ['not JSON', 502, '<html>bad gateway</html>', { kind: 'undocumented', httpStatus: 502 }],
    ['a JSON array', 200, '[]', { kind: 'undocumented' }],
  ] as const)('client > lingju: %s', async (_name, status, body, expected) => {
    next = { status, body };
    const result = await createLingjuClient({ baseUrl }).syncUserInfo(lingjuBody);
    expect(result).toMatchObject(expected);
  });

  it('client > lingju sends the documented path, method, Content-Type and JSON body', async () => {
    next = { status: 200, body: '{"status":0}' };
    await createLingjuClient({ baseUrl }).syncUserInfo(lingjuBody);
    expect(received).toMatchObject({ method: 'POST', url: '/serverapi/userinfo.do', contentType: 'application/json;charset=UTF-8', body: JSON.stringify(lingjuBody) });
  });
});

describe('client > request Content-Type from the generated contract', () => {
  it.each([
    ['lingju', lingjuContract, () => createLingjuClient({ baseUrl }).syncUserInfo(lingjuBody)],
    ['weidu', weiduContract, () => createWeiduClient({ baseUrl }).saveAccountInfo({ user_id: 'u' })],
  ] as const)('client > %s sends the spec\'s request media type with a UTF-8 charset', async (api, contract, call) => {
    next = { status: 200, body: '{"status":0,"code":200}' };
    await call();
    expect(contract.requestMediaType).toBe(loadContract(api).requestMediaType);
    expect(received.contentType).toBe(requestContentType(contract));
    expect(received.contentType).toBe('application/json;charset=UTF-8');
  });
});

describe('client > per-call options', () => {
  it.each([
    ['lingju', () => createLingjuClient({ baseUrl, headers: { 'X-Client': 'c', 'X-Both': 'client' } }).syncUserInfo(lingjuBody, { headers: { 'X-Call': 'k', 'X-Both': 'call' } })],
    ['weidu', () => createWeiduClient({ baseUrl, headers: { 'X-Client': 'c', 'X-Both': 'client' } }).saveAccountInfo({ user_id: 'u' }, { headers: { 'X-Call': 'k', 'X-Both': 'call' } })],
  ] as const)('client > %s: per-call headers join the client headers and win over them', async (_api, call) => {
    next = { status: 200, body: '{"status":0,"code":200}' };
    await call();
    expect(received.headers).toMatchObject({ 'x-client': 'c', 'x-call': 'k', 'x-both': 'call' });
  });

  it('client > a per-call Prefer header picks a named example; the documented Content-Type stays unless overridden', async () => {
    next = { status: 200, body: '{"status":0}' };
    await createLingjuClient({ baseUrl }).syncUserInfo(lingjuBody, { headers: { Prefer: 'example=appkey-invalid' } });
    expect(received.headers).toMatchObject({ prefer: 'example=appkey-invalid', 'content-type': 'application/json;charset=UTF-8' });
    await createLingjuClient({ baseUrl }).syncUserInfo(lingjuBody, { headers: { 'content-type': 'application/json' } });
    expect(received.contentType).toBe('application/json');
  });

  it.each([
    ['lingju', (signal: AbortSignal) => createLingjuClient({ baseUrl }).syncUserInfo(lingjuBody, { signal })],
    ['weidu', (signal: AbortSignal) => createWeiduClient({ baseUrl }).saveAccountInfo({ user_id: 'u' }, { signal })],
  ] as const)('client > %s: an aborted call is a transport outcome with aborted: true, not a throw', async (_api, call) => {
    next = { status: 200, body: '{"status":0,"code":200}' };
    delayMs = 2_000;
    try {
      const controller = new AbortController();
      const pending = call(controller.signal);
      setTimeout(() => controller.abort(new Error('user left the page')), 50);
      const result = await pending;
      expect(result).toMatchObject({ kind: 'transport', via: 'network', aborted: true });
      if (result.kind === 'transport') expect(result.reason).toContain('user left the page');
      const already = await call(AbortSignal.abort());
      expect(already).toMatchObject({ kind: 'transport', via: 'network', aborted: true });
    } finally {
      delayMs = 0;
    }
  });
});

describe('client > weidu', () => {
  it.each([
    ['success', '{"code":200,"result":"ok"}', { kind: 'success', code: 200, message: 'ok' }],
    ['an undocumented error code is still an error', '{"code":400,"result":"user_id required"}', { kind: 'error', code: 400, meaning: { category: 'undocumented' }, message: 'user_id required' }],
    ['code as a string', '{"code":"200","result":"ok"}', { kind: 'undocumented', code: '200' }],
  ] as const)('client > weidu: %s', async (_name, body, expected) => {
    next = { status: 200, body };
    const result = await createWeiduClient({ baseUrl }).saveAccountInfo({ user_id: 'u1', gender: 2 });
    expect(result).toMatchObject(expected);
    expect(received.url).toBe('/weidu/api/v1/users/accountinfo');
  });
});

describe('client > problem details (the mock\'s own errors, a gateway\'s) are transport outcomes, never API codes', () => {
  const unknownExample = '{"type":"about:blank","title":"Unknown example","status":404,"detail":"no example named \\"nope\\""}';
  it.each([
    ['unknown example (404)', 404, 'application/problem+json', unknownExample, { kind: 'transport', via: 'problem', httpStatus: 404, problem: { title: 'Unknown example', status: 404 } }],
    ['over-size body (413), media type with parameters', 413, 'Application/Problem+JSON; charset=utf-8', '{"title":"Payload Too Large","status":413}', { kind: 'transport', via: 'problem', httpStatus: 413 }],
    ['problem details in a 200', 200, 'application/problem+json', '{"status":0,"title":"odd gateway"}', { kind: 'transport', via: 'problem', httpStatus: 200 }],
    ['a problem body that is not JSON', 502, 'application/problem+json', 'bad gateway', { kind: 'transport', via: 'problem', problem: { detail: 'bad gateway' } }],
    ['control: the same 404 as plain JSON is a body the contract does not describe', 404, 'application/json', '{"type":"about:blank","status":404}', { kind: 'undocumented', code: 404 }],
  ] as const)('client > problem: %s', async (_name, status, contentType, body, expected) => {
    next = { status, body, contentType };
    const result = await createLingjuClient({ baseUrl }).syncUserInfo(lingjuBody);
    expect(result).toMatchObject(expected);
    if (result.kind === 'transport' && result.via === 'problem') expect(result.reason).toContain(`HTTP ${status}`);
  });

  it('client > against the real mock: an unknown example name and a wrong base path are transport problems naming the cause', async () => {
    const mock: RunningMock = await startMock({ api: 'lingju', port: 0, quiet: true });
    try {
      const unknown = await createLingjuClient({ baseUrl: mock.url, headers: { Prefer: 'example=nope' } }).syncUserInfo(lingjuBody);
      expect(unknown).toMatchObject({ kind: 'transport', via: 'problem', httpStatus: 404 });
      if (unknown.kind === 'transport') expect(unknown.reason).toMatch(/Unknown example.*nope/);
      const wrongPath = await createLingjuClient({ baseUrl: `${mock.url}/api` }).syncUserInfo(lingjuBody);
      expect(wrongPath).toMatchObject({ kind: 'transport', via: 'problem', httpStatus: 404 });
      const valid = await createLingjuClient({ baseUrl: mock.url }).syncUserInfo(lingjuBody);
      expect(valid.kind).toBe('success');
    } finally {
      await mock.close();
    }
  });
});

describe('client > transport', () => {
  it('client > a refused connection is a transport outcome, not a throw', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await createWeiduClient({ baseUrl: `http://127.0.0.1:${port}` }).saveAccountInfo({ user_id: 'u' });
    expect(result).toMatchObject({ kind: 'transport', via: 'network', aborted: false });
    if (result.kind === 'transport') expect(result.reason).toContain('ECONNREFUSED');
  });
});
