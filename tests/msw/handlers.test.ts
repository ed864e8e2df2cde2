import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { createLingjuHandlers, createWeiduHandlers, mockFetch } from '../../src/msw/index.ts';
import { createLingjuClient } from '../../src/client/index.ts';
import { apiNames, loadContract, type ApiName } from '../../src/spec/load.ts';
import { buildTable, sendCase, type Reply } from './table.ts';

const table = buildTable();
const mocks = {} as Record<ApiName, RunningMock>;
const viaServer: Reply[] = [];
const viaMsw: Reply[] = [];
let matched = 0;

beforeAll(async () => {
  for (const api of apiNames) mocks[api] = await startMock({ api, port: 0, quiet: true, log: () => {} });
  for (const c of table) viaServer.push(await sendCase(mocks[c.api].url, c));
  // The same URLs, now answered in process by the handlers (the servers are still listening, MSW wins).
  const msw = setupServer(...createWeiduHandlers({ baseUrl: mocks.weidu.url }), ...createLingjuHandlers({ baseUrl: mocks.lingju.url }));
  msw.events.on('request:match', () => void matched++);
  msw.listen({ onUnhandledRequest: 'error' });
  try {
    for (const c of table) viaMsw.push(await sendCase(mocks[c.api].url, c));
  } finally {
    msw.close();
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(mocks).map((m) => m.close()));
});

describe('msw > the same table through the server mock and the MSW handlers (msw/node)', () => {
  it('msw > the table covers every fixture, example and code of both APIs', () => {
    expect(table.length).toBeGreaterThan(370);
    expect(matched, 'every request of the second pass was answered by the handlers').toBe(table.length);
  });

  it.each(table.map((c, i) => [c.label, i] as const))('msw > %s: identical status, Content-Type, CORS and body', (_label, i) => {
    expect(viaMsw[i]).toEqual(viaServer[i]);
  });
});

describe('msw > options', () => {
  const contract = loadContract('lingju');
  const body = JSON.stringify(contract.requestExamples[1]!.value);
  const call = (f: typeof fetch, headers: Record<string, string> = {}) =>
    f(`http://lingju.test${contract.path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => JSON.parse(await r.text()) as Record<string, unknown>);

  it('msw > an example chosen per test, by name or by code; a request asking for another wins', async () => {
    expect(await call(mockFetch('lingju', { example: 'appkeyInvalid' }))).toEqual({ status: 6, description: 'APPKEY无效' });
    expect(await call(mockFetch('lingju', { code: 11 }))).toEqual({ status: 11, description: '授权码无效' });
    expect(await call(mockFetch('lingju', { code: 11 }), { prefer: 'code=0' })).toEqual({ status: 0, description: '' });
    expect(() => mockFetch('lingju', { code: 5 })).toThrow(/no example carries status 5/);
  });

  it('msw > credentials mode: another appkey gets 6', async () => {
    const f = mockFetch('lingju', { credentials: { appkey: 'the-key', authcode: 'the-code' } });
    expect((await call(f)).status).toBe(6);
  });

  it('msw > seeded chaos: the same seed gives the same codes, about the asked share are errors', async () => {
    const run = async () => {
      const f = mockFetch('lingju', { chaos: 0.3, seed: 42 });
      const codes: unknown[] = [];
      for (let i = 0; i < 200; i++) codes.push((await call(f)).status);
      return codes;
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    const errors = a.filter((c) => c !== 0).length;
    expect(errors).toBeGreaterThan(30);
    expect(errors).toBeLessThan(90);
    expect(new Set(a.filter((c) => c !== 0)).size).toBeGreaterThan(5);
  });

  it('msw > chaos limited to some codes; a request naming an example is never chaos', async () => {
    const f = mockFetch('lingju', { chaos: { rate: 1, codes: [-1, 97] }, seed: 1 });
    for (let i = 0; i < 20; i++) expect([-1, 97]).toContain((await call(f)).status);
    expect((await call(f, { prefer: 'example=success' })).status).toBe(0);
  });

  it('msw > the typed client against mockFetch, no server', async () => {
    const client = createLingjuClient({ baseUrl: 'http://lingju.test', fetch: mockFetch('lingju', { code: 6 }) });
    const result = await client.syncUserInfo({ appkey: 'k', userid: 'u', authcode: 'a' });
    expect(result).toMatchObject({ kind: 'error', code: 6, meaning: { category: 'credentials' } });
  });

  it('msw > dynamic mode is the server mock\'s: the handlers say so (501 problem details)', async () => {
    const response = await mockFetch('lingju')(`http://lingju.test${contract.path}`, { method: 'POST', headers: { 'content-type': 'application/json', prefer: 'dynamic=true' }, body });
    expect(response.status).toBe(501);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.text()).toContain('server mock');
  });
});
