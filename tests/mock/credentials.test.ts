import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ToolkitError } from '../../src/errors.ts';
import { credentialEnvName, credentialFields, startMock, type RunningMock } from '../../src/mock/index.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { contracts, expectEnvelope, minimalBody, postJson } from './helpers.ts';

const lingju = contracts.lingju;
const APPKEY = 'test-appkey';
const AUTHCODE = 'test-authcode';
const envNames = credentialFields(lingju).map((f) => credentialEnvName('lingju', f));
const saved = Object.fromEntries(envNames.map((n) => [n, process.env[n]]));

let open: RunningMock;
let configured: RunningMock;
beforeAll(async () => {
  for (const n of envNames) delete process.env[n];
  open = await startMock({ api: 'lingju', port: 0, quiet: true });
  configured = await startMock({ api: 'lingju', port: 0, quiet: true, credentials: { appkey: APPKEY, authcode: AUTHCODE } });
});
afterEach(() => {
  for (const n of envNames) delete process.env[n];
});
afterAll(async () => {
  for (const n of envNames) if (saved[n] !== undefined) process.env[n] = saved[n];
  await Promise.all([open.close(), configured.close()]);
});

const body = (appkey: unknown, authcode: unknown) => ({ ...minimalBody(lingju), appkey, authcode });
const success = lingju.envelope.successCodes[0]!;

describe('mock > credentials', () => {
  it('the credential fields come from the code table: appkey and authcode, env LINGJU_APPKEY / LINGJU_AUTHCODE', () => {
    expect(credentialFields(lingju)).toEqual(['appkey', 'authcode']);
    expect(envNames).toEqual(['LINGJU_APPKEY', 'LINGJU_AUTHCODE']);
    expect(credentialFields(contracts.weidu)).toEqual([]);
  });

  it('without credentials any appkey/authcode is accepted', async () => {
    expectEnvelope(lingju, await postJson(open.url, lingju, body('anything', 'else')), success);
  });

  it.each([
    { name: 'the configured pair', appkey: APPKEY, authcode: AUTHCODE, code: () => success },
    { name: 'another appkey', appkey: 'other', authcode: AUTHCODE, code: () => mockCodeFor(lingju, 'credentials', 'appkey') },
    { name: 'another authcode', appkey: APPKEY, authcode: 'other', code: () => mockCodeFor(lingju, 'credentials', 'authcode') },
    { name: 'both wrong: appkey first', appkey: 'other', authcode: 'other', code: () => mockCodeFor(lingju, 'credentials', 'appkey') },
    { name: 'missing appkey is a parameter error, not a credential error', appkey: undefined, authcode: AUTHCODE, code: () => mockCodeFor(lingju, 'required') },
  ])('configured: $name', async ({ appkey, authcode, code }) => {
    const reply = await postJson(configured.url, lingju, body(appkey, authcode));
    expectEnvelope(lingju, reply, code());
    expect(reply.text).not.toContain(APPKEY);
    expect(reply.text).not.toContain(AUTHCODE);
  });

  it('issue 3: another appkey gets 6, another authcode gets 11', () => {
    expect([mockCodeFor(lingju, 'credentials', 'appkey'), mockCodeFor(lingju, 'credentials', 'authcode')]).toEqual([6, 11]);
  });

  it('a wrong credential wins over an example name; the right one gets the example', async () => {
    const wrong = await postJson(configured.url, lingju, body('other', AUTHCODE), { headers: { prefer: 'example=systemError' } });
    expectEnvelope(lingju, wrong, mockCodeFor(lingju, 'credentials', 'appkey'));
    const right = await postJson(configured.url, lingju, body(APPKEY, AUTHCODE), { headers: { prefer: 'example=systemError' } });
    expect(right.json).toEqual(lingju.responseExamples.find((e) => e.name === 'systemError')!.value);
  });

  it('env LINGJU_APPKEY + LINGJU_AUTHCODE configure the pair', async () => {
    process.env.LINGJU_APPKEY = 'env-key';
    process.env.LINGJU_AUTHCODE = 'env-code';
    const mock = await startMock({ api: 'lingju', port: 0, quiet: true });
    try {
      expectEnvelope(lingju, await postJson(mock.url, lingju, body('env-key', 'env-code')), success);
      expectEnvelope(lingju, await postJson(mock.url, lingju, body('env-key', 'x')), mockCodeFor(lingju, 'credentials', 'authcode'));
    } finally {
      await mock.close();
    }
  });

  it('only one of the two env variables set is a clear error', async () => {
    process.env.LINGJU_APPKEY = 'env-key';
    await expect(startMock({ api: 'lingju', port: 0, quiet: true })).rejects.toThrow(ToolkitError);
    await expect(startMock({ api: 'lingju', port: 0, quiet: true })).rejects.toThrow(/LINGJU_AUTHCODE/);
  });

  it('credentials for an API without credential fields are refused', async () => {
    await expect(startMock({ api: 'weidu', port: 0, quiet: true, credentials: { appkey: 'a', authcode: 'b' } })).rejects.toThrow(/no credential field/);
  });
});
