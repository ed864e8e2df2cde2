import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { verbatimDir, verbatimExample } from '../../src/spec/verbatim.ts';
import { contracts, expectEnvelope, send } from './helpers.ts';

// The documents' own examples, replayed byte for byte; the expected outcome follows the spec's decisions.
const CURL = ['/usr/bin/curl', '/bin/curl'].find(existsSync);
let weidu: RunningMock;
let lingju: RunningMock;
beforeAll(async () => {
  weidu = await startMock({ api: 'weidu', port: 0, quiet: true });
  lingju = await startMock({ api: 'lingju', port: 0, quiet: true, credentials: undefined });
});
afterAll(async () => {
  await Promise.all([weidu.close(), lingju.close()]);
});

const message = (api: 'weidu' | 'lingju', json: Record<string, unknown> | undefined) => String(json?.[contracts[api].envelope.messageField]);

describe('mock > verbatim document examples', () => {
  it('lingju request, sent with the documented Content-Type: a parameter error naming gender, birthday, weight and height (L01, L02, L04, L14)', async () => {
    const { text } = verbatimExample('lingju', 'request');
    const reply = await send(lingju.url, contracts.lingju, { headers: { 'content-type': 'application/json;charset=UTF-8' }, body: text });
    // gender is an undocumented field (L01, L14): a body-kind violation, the most severe present.
    expectEnvelope(contracts.lingju, reply, mockCodeFor(contracts.lingju, 'body'));
    for (const field of ['gender', 'birthday', 'weight', 'height']) expect(message('lingju', reply.json)).toContain(field);
  });

  it('weidu request as JSON: work type 0 is rejected (W02)', async () => {
    const { text } = verbatimExample('weidu', 'request');
    const reply = await send(weidu.url, contracts.weidu, { headers: { 'content-type': 'application/json' }, body: text });
    expectEnvelope(contracts.weidu, reply, mockCodeFor(contracts.weidu, 'optional'));
    expect(message('weidu', reply.json)).toContain('work_list/0/type');
  });

  it('weidu request as curl -d sends it (form-urlencoded): a Content-Type error (W07)', async () => {
    const { text } = verbatimExample('weidu', 'request');
    const reply = await send(weidu.url, contracts.weidu, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: text });
    expectEnvelope(contracts.weidu, reply, mockCodeFor(contracts.weidu, 'body'));
    expect(message('weidu', reply.json)).toContain('Content-Type');
  });

  it.skipIf(!CURL)('weidu.curl.sh itself, pointed at the mock: HTTP 200 with an error envelope (W05, W07)', async () => {
    const line = readFileSync(path.join(verbatimDir, 'weidu.curl.sh'), 'utf8').trim();
    const documented = contracts.weidu.servers[0]!;
    expect(line).toContain(documented);
    const command = line.replace(documented, weidu.url).replace(/^curl /, `${CURL} -s `);
    const { stdout } = await promisify(execFile)('/bin/sh', ['-c', command]);
    const [head, body] = stdout.split(/\r\n\r\n(?!HTTP)/).slice(-2) as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head.toLowerCase()).toContain(`content-type: ${contracts.weidu.envelope.contentType.toLowerCase()}`);
    const json = JSON.parse(body) as Record<string, unknown>;
    expect(json.code).toBe(mockCodeFor(contracts.weidu, 'body'));
  });

  it('weidu: the success answer equals the document\'s response example (as parsed JSON)', async () => {
    const { value } = verbatimExample('weidu', 'response');
    const body = JSON.stringify(contracts.weidu.requestExamples[0]!.value);
    const reply = await send(weidu.url, contracts.weidu, { headers: { 'content-type': 'application/json' }, body });
    expect(reply.json).toEqual(value);
  });
});
