import { describe, expect, it } from 'vitest';
import { targetCredentialsFromEnv } from '../../conformance/engine/credentials.ts';
import { resolveOptions } from '../../src/mock/options.ts';
import { credentialEnvName, credentialFields, credentialsFromEnv, loadContract } from '../../src/spec/index.ts';

const lingju = loadContract('lingju');
const weidu = loadContract('weidu');
// The variables are named from the spec's credential fields, never typed here.
const [appkeyVar, authcodeVar] = credentialFields(lingju).map((f) => credentialEnvName('lingju', f)) as [string, string];

describe('spec > credentials from the environment', () => {
  it('spec > the credential fields and their variables come from the code table', () => {
    expect([appkeyVar, authcodeVar]).toEqual(['LINGJU_APPKEY', 'LINGJU_AUTHCODE']);
    expect(credentialFields(weidu)).toEqual([]);
  });

  it.each([
    ['none set', {}, { names: ['LINGJU_APPKEY', 'LINGJU_AUTHCODE'] }],
    ['both set', { LINGJU_APPKEY: 'k1', LINGJU_AUTHCODE: 'a2' }, { names: ['LINGJU_APPKEY', 'LINGJU_AUTHCODE'], credentials: { appkey: 'k1', authcode: 'a2' } }],
    ['one set', { LINGJU_AUTHCODE: 'a2' }, { names: ['LINGJU_APPKEY', 'LINGJU_AUTHCODE'], error: 'set all of LINGJU_APPKEY, LINGJU_AUTHCODE or none (only LINGJU_AUTHCODE is set)' }],
    ['an empty one counts as unset', { LINGJU_APPKEY: '', LINGJU_AUTHCODE: '' }, { names: ['LINGJU_APPKEY', 'LINGJU_AUTHCODE'] }],
  ])('spec > lingju, %s', (_name, env, expected) => {
    expect(credentialsFromEnv(lingju, env)).toEqual(expected);
  });

  it('spec > weidu has no credential variables: nothing is read', () => {
    expect(credentialsFromEnv(weidu, { LINGJU_APPKEY: 'k1', WEIDU_APPKEY: 'x' })).toEqual({ names: [] });
  });

  it('spec > the mock and conformance read the variables through it: the same values, the same refusal', () => {
    const both = { [appkeyVar]: 'k1', [authcodeVar]: 'a2' };
    expect(resolveOptions({ api: 'lingju' }, lingju, both).credentials).toEqual(new Map(Object.entries({ appkey: 'k1', authcode: 'a2' })));
    expect(targetCredentialsFromEnv(lingju, both)).toEqual({ credentials: { appkey: 'k1', authcode: 'a2' } });
    const half = { [appkeyVar]: 'k1' };
    const sentence = credentialsFromEnv(lingju, half).error!;
    expect(() => resolveOptions({ api: 'lingju' }, lingju, half)).toThrow(sentence);
    expect(targetCredentialsFromEnv(lingju, half)).toEqual({ error: sentence });
  });
});
