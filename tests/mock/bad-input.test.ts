import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/mock/index.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { apiNames, type ApiName } from '../../src/spec/load.ts';
import { contracts, expectEnvelope, expectProblem, minimalBody, postJson, send, startBothAnyCredentials, stopCli, type Reply, type RunningCli } from './helpers.ts';

// The mock runs as `npm start` does (a child process), so "the process stays up" is observable.
let cli: RunningCli;
const url = (api: ApiName) => cli.urls[api]!;
beforeAll(async () => {
  cli = await startBothAnyCredentials(['--quiet']);
  expect(cli.urls.weidu && cli.urls.lingju, cli.stdout() + cli.stderr()).toBeTruthy();
});
afterAll(async () => {
  if (cli) await stopCli(cli);
});

const json = (api: ApiName) => ({ 'content-type': contracts[api].requestMediaType });
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A valid weidu body of at least `bytes`: one work with many files. */
function bigWeiduBody(bytes: number): string {
  const file = { id: 'f', user_id: 'u', path: `p/${'x'.repeat(200)}`, name: 'a.jpg', extension: 'jpg', size: 1, mime_type: 'image/jpeg' };
  const count = Math.ceil(bytes / JSON.stringify(file).length);
  return JSON.stringify({ user_id: 'u', work_list: [{ name: 'w', file_infos: Array.from({ length: count }, () => file) }] });
}

function expectAnswered(api: ApiName, reply: Reply): void {
  expect(reply.status, reply.text.slice(0, 300)).toBeLessThan(500);
  expect(reply.headers['content-type']).toBe(contracts[api].envelope.contentType);
}

describe('mock > bad input', () => {
  it.each(apiNames)('%s: malformed JSON → body error naming the problem', async (api) => {
    for (const body of ['{bad', '{"appkey": "x",}', '{"a":', '\u0000\u0001', 'null null']) {
      const reply = await send(url(api), contracts[api], { headers: json(api), body });
      expectEnvelope(contracts[api], reply, mockCodeFor(contracts[api], 'body'));
      expect(String(reply.json![contracts[api].envelope.messageField])).toContain('JSON');
    }
  });

  it.each(apiNames)('%s: empty body (Content-Length 0 and chunked with no data) → body error', async (api) => {
    for (const headers of [{ ...json(api), 'content-length': '0' }, { ...json(api), 'transfer-encoding': 'chunked' }]) {
      const reply = await send(url(api), contracts[api], { headers, body: '' });
      expectEnvelope(contracts[api], reply, mockCodeFor(contracts[api], 'body'));
    }
  });

  it.each(apiNames)('%s: random bytes, as JSON and as octet-stream → body error', async (api) => {
    for (const contentType of [contracts[api].requestMediaType, 'application/octet-stream']) {
      const reply = await send(url(api), contracts[api], { headers: { 'content-type': contentType }, body: randomBytes(4096) });
      expectEnvelope(contracts[api], reply, mockCodeFor(contracts[api], 'body'));
    }
  });

  it.each(apiNames)('%s: a valid body sent chunked (no Content-Length) is accepted', async (api) => {
    const reply = await send(url(api), contracts[api], { headers: { ...json(api), 'transfer-encoding': 'chunked' }, body: JSON.stringify(minimalBody(contracts[api])) });
    expectEnvelope(contracts[api], reply, contracts[api].envelope.successCodes[0]!);
  });

  it('a 5 MB valid body gets the success envelope (both APIs)', async () => {
    const weidu = await send(url('weidu'), contracts.weidu, { headers: json('weidu'), body: bigWeiduBody(5 * 1024 * 1024) });
    expectEnvelope(contracts.weidu, weidu, contracts.weidu.envelope.successCodes[0]!);
    const lingjuBody = JSON.stringify({ ...minimalBody(contracts.lingju), company: 'x'.repeat(5 * 1024 * 1024) });
    const lingju = await send(url('lingju'), contracts.lingju, { headers: json('lingju'), body: lingjuBody });
    expectEnvelope(contracts.lingju, lingju, contracts.lingju.envelope.successCodes[0]!);
  });

  it.each(apiNames)('%s: 10,000-deep nesting (as the body, as a field, as an unknown field) → an envelope, no 5xx', async (api) => {
    const contract = contracts[api];
    const valid = JSON.stringify(minimalBody(contract)).slice(0, -1);
    const optionalField = api === 'weidu' ? 'work_list' : 'name';
    const cases: Array<[string, string]> = [
      [deep(10_000), 'body'],
      [`${valid},"${optionalField}":${deep(10_000)}}`, 'optional'],
      [`${valid},"undocumented":${deep(10_000)}}`, 'body'],
      [`{"a":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`, 'body'],
    ];
    for (const [body, kind] of cases) {
      const reply = await send(url(api), contract, { headers: json(api), body });
      expectEnvelope(contract, reply, mockCodeFor(contract, kind as 'body' | 'optional'));
    }
  });

  it.each(apiNames)('%s: a 15 MB body → 413 saying so, then the connection still serves', async (api) => {
    const reply = await send(url(api), contracts[api], { headers: json(api), body: Buffer.alloc(15 * 1024 * 1024, 0x20) });
    expectProblem(reply, 413);
    expect(String(reply.json?.detail)).toContain(String(MAX_BODY_BYTES));
    const after = await postJson(url(api), contracts[api], minimalBody(contracts[api]));
    expectEnvelope(contracts[api], after, contracts[api].envelope.successCodes[0]!);
  });

  it('1,000 concurrent requests (valid, invalid, named, both APIs) are all answered, none 5xx', async () => {
    const kinds = ['valid', 'invalid', 'named', 'malformed'] as const;
    const requests = Array.from({ length: 1000 }, (_, i) => {
      const api = apiNames[i % 2]!;
      const contract = contracts[api];
      const kind = kinds[Math.floor(i / 2) % kinds.length]!;
      const expected = kind === 'invalid' ? mockCodeFor(contract, 'required') : kind === 'malformed' ? mockCodeFor(contract, 'body') : kind === 'named' ? contract.responseExamples.at(-1)!.value[contract.envelope.codeField] : contract.envelope.successCodes[0];
      const reply =
        kind === 'valid' ? postJson(url(api), contract, minimalBody(contract))
        : kind === 'invalid' ? postJson(url(api), contract, {})
        : kind === 'named' ? postJson(url(api), contract, minimalBody(contract), { headers: { prefer: `example=${contract.responseExamples.at(-1)!.name}` } })
        : send(url(api), contract, { headers: json(api), body: '{' });
      return reply.then((r) => ({ api, r, expected }));
    });
    const replies = await Promise.all(requests);
    expect(replies).toHaveLength(1000);
    for (const { api, r, expected } of replies) {
      expectAnswered(api, r);
      expect(r.json?.[contracts[api].envelope.codeField]).toBe(expected);
    }
  });

  it('the process is still up and answering after all of the above', async () => {
    expect(cli.child.exitCode).toBeNull();
    for (const api of apiNames) {
      expectEnvelope(contracts[api], await postJson(url(api), contracts[api], minimalBody(contracts[api])), contracts[api].envelope.successCodes[0]!);
    }
    expect(cli.stderr()).toBe('');
  });
});
