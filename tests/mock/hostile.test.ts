import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { apiNames, type ApiName } from '../../src/spec/load.ts';
import { contracts, expectEnvelope, expectProblem, minimalBody, postJson, send, startBothAnyCredentials, stopCli, type RunningCli } from './helpers.ts';

// Hostile input reproduced against `npm start`'s entry point (a child process, request lines on): the process
// must answer each request as the issue says, never 500, never print a stack, and keep serving the others.
let cli: RunningCli;
const url = (api: ApiName) => cli.urls[api]!;
beforeAll(async () => {
  cli = await startBothAnyCredentials();
  expect(cli.urls.weidu && cli.urls.lingju, cli.stdout() + cli.stderr()).toBeTruthy();
});
afterAll(async () => {
  if (cli) await stopCli(cli);
});

const json = { 'content-type': 'application/json' };
const validText = (api: ApiName) => JSON.stringify(minimalBody(contracts[api]));

describe('mock > hostile > route before parsing (issue 10, item 10)', () => {
  const bodies = ['{"a":', '\u0000\u0001garbage', '', '{}'];
  it.each(apiNames)('%s: any body to an unknown path is 404, to a wrong method 405 — problem details, never an envelope', async (api) => {
    const contract = contracts[api];
    for (const body of bodies) {
      for (const [method, path, status] of [
        ['GET', '/anything', 404],
        ['POST', '/anything', 404],
        ['POST', `${contract.path}/`, 404],
        ['POST', `/api${contract.path}`, 404],
        ['GET', contract.path, 405],
        ['PUT', contract.path, 405],
        ['DELETE', `${contract.path}?__example=success`, 405],
      ] as const) {
        // Content-Length as curl sends it: node:http would send a GET body unframed.
        const reply = await send(url(api), contract, { method, path, headers: { ...json, 'content-length': String(Buffer.byteLength(body)) }, body });
        expectProblem(reply, status);
        expect(reply.json, `${method} ${path} ${JSON.stringify(body)}`).not.toHaveProperty(contract.envelope.messageField);
        expect(String(reply.json!.detail)).toContain(`${contract.method} ${contract.path}`);
        if (status === 405) expect(reply.headers.allow).toBe(contract.method);
      }
    }
  });
});

describe('mock > hostile > unreadable Content-Type or Accept (issue 10, item 11)', () => {
  const contentTypes = ['x', 'a/b/c', ';;;', '/', 'application/', '/json', 'application/json x', 'application json', '(', '"application/json"'];
  it.each(apiNames)('%s: a Content-Type that cannot be parsed gets the body-error envelope', async (api) => {
    const contract = contracts[api];
    for (const contentType of contentTypes) {
      const reply = await send(url(api), contract, { headers: { 'content-type': contentType }, body: validText(api) });
      expectEnvelope(contract, reply, mockCodeFor(contract, 'body'));
      expect(String(reply.json![contract.envelope.messageField]), contentType).toContain('Content-Type');
    }
  });

  const accepts = ['x', 'a/b/c', ';;;', 'a/b;', 'application/json;q', 'text/html, x', 'application/json, x', '*/*;;', 'application/json;q="'];
  it.each(apiNames)('%s: an Accept header that cannot be parsed gets 406 naming it', async (api) => {
    const contract = contracts[api];
    for (const accept of accepts) {
      const reply = await send(url(api), contract, { headers: { ...json, accept }, body: validText(api) });
      expectProblem(reply, 406);
      expect(String(reply.json!.detail), accept).toContain('cannot read the Accept header');
    }
  });

  it.each(apiNames)('%s: well-formed Accept values still work (*/*, the documented type, lists with empty elements)', async (api) => {
    const contract = contracts[api];
    for (const accept of ['*/*', 'application/json', 'application/*', 'text/html, application/json;q=0.9', 'application/json,', ', */*']) {
      expectEnvelope(contract, await send(url(api), contract, { headers: { ...json, accept }, body: validText(api) }), contract.envelope.successCodes[0]!);
    }
  });

  it('no stack trace reached stdout or stderr', async () => {
    await new Promise((r) => setTimeout(r, 100)); // request lines are written on the next tick
    expect(cli.stdout()).not.toMatch(/\n\s+at /);
    expect(cli.stdout()).not.toMatch(/internal error/);
    expect(cli.stdout()).not.toMatch(/→ 5\d\d/);
    expect(cli.stderr()).toBe('');
  });
});

/** A weidu body of `count` work items, each with a wrong-typed field: one violation per item. */
const badWorks = (count: number) => JSON.stringify({ user_id: 'u', work_list: Array.from({ length: count }, () => ({ type: 'x' })) });
/** A body with `count` undocumented top-level fields: one violation per field. */
const unknownKeys = (api: ApiName, count: number) => JSON.stringify({ ...minimalBody(contracts[api]), ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i])) });

describe('mock > hostile > validation cannot be made to stall the mock (issue 10, item 12)', () => {
  it('40,000 and 100,000 bad work items, 40,000 unknown fields: the envelope, listing stops at 100', async () => {
    const cases: Array<[ApiName, string, 'optional' | 'body']> = [
      ['weidu', badWorks(40_000), 'optional'],
      ['weidu', badWorks(100_000), 'optional'],
      ['weidu', unknownKeys('weidu', 40_000), 'body'],
      ['lingju', unknownKeys('lingju', 40_000), 'body'],
    ];
    for (const [api, body, kind] of cases) {
      const reply = await send(url(api), contracts[api], { headers: json, body });
      expectEnvelope(contracts[api], reply, mockCodeFor(contracts[api], kind));
      expect(String(reply.json![contracts[api].envelope.messageField])).toMatch(/and at least 91 more \(the mock stops validating after 100\)/);
    }
  }, 30_000); // before the fix: 7 s for 40,000 items, 72 s for 100,000 (on a quiet machine)

  it('hostile bodies sent together with ordinary requests: every request is answered', async () => {
    const hostile = Array.from({ length: 4 }, () => send(url('weidu'), contracts.weidu, { headers: json, body: badWorks(100_000) }));
    const ordinary = Array.from({ length: 40 }, (_, i) => {
      const api = apiNames[i % 2]!;
      return postJson(url(api), contracts[api], minimalBody(contracts[api])).then((reply) => ({ api, reply }));
    });
    for (const { api, reply } of await Promise.all(ordinary)) expectEnvelope(contracts[api], reply, contracts[api].envelope.successCodes[0]!);
    for (const reply of await Promise.all(hostile)) expectEnvelope(contracts.weidu, reply, mockCodeFor(contracts.weidu, 'optional'));
  }, 30_000);
});

describe('mock > hostile > CORS (issue 10, item 15)', () => {
  const origin = 'http://app.example';
  const requests = (api: ApiName) => [
    { label: 'valid', options: { headers: json, body: validText(api) } },
    { label: 'invalid', options: { headers: json, body: '{}' } },
    { label: 'unknown path', options: { path: '/nope', headers: json, body: '{}' } },
    { label: 'unknown example', options: { headers: { ...json, prefer: 'example=nope' }, body: validText(api) } },
  ];

  it.each(apiNames)('%s: with an Origin it is echoed with credentials and Vary: Origin; without one, * and no credentials', async (api) => {
    for (const { label, options } of requests(api)) {
      const withOrigin = await send(url(api), contracts[api], { ...options, headers: { ...options.headers, origin } });
      expect(withOrigin.headers['access-control-allow-origin'], label).toBe(origin);
      expect(withOrigin.headers['access-control-allow-credentials'], label).toBe('true');
      expect(String(withOrigin.headers.vary).split(/,\s*/), label).toContain('Origin');
      const without = await send(url(api), contracts[api], options);
      expect(without.headers['access-control-allow-origin'], label).toBe('*');
      expect(without.headers['access-control-allow-credentials'], label).toBeUndefined();
    }
  });

  it.each(apiNames)('%s: a preflight varies on what it echoes', async (api) => {
    const reply = await send(url(api), contracts[api], {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,prefer' },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe(origin);
    expect(String(reply.headers.vary).split(/,\s*/)).toEqual(expect.arrayContaining(['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers']));
  });
});

describe('mock > hostile > the process survived all of the above', () => {
  it('still up, still answering', async () => {
    expect(cli.child.exitCode).toBeNull();
    for (const api of apiNames) expectEnvelope(contracts[api], await postJson(url(api), contracts[api], minimalBody(contracts[api])), contracts[api].envelope.successCodes[0]!);
  });
});
