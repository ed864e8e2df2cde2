import { describe, expect, it } from 'vitest';
import { acceptedCodes, credentialRefusalCodes, describeCode, exampleForCode, isAccepted, lookupCode, mockCodeFor, loadContract } from '../../src/spec/index.ts';

const lingju = loadContract('lingju');
const weidu = loadContract('weidu');
const contracts = { lingju, weidu };

describe('codes > lookup', () => {
  it.each([
    ['lingju', 6, 'credentials'],
    ['lingju', 25, 'data-format'],
    ['lingju', -1, 'server'],
    ['lingju', 2, undefined],
    ['lingju', '8', undefined],
    ['weidu', 200, 'success'],
    ['weidu', 400, 'undocumented'],
    ['weidu', -7, 'undocumented'],
    ['weidu', 1.5, undefined],
  ] as const)('codes > %s: lookup(%s) is category %s', (api, code, category) => {
    expect(lookupCode(contracts[api], code)?.category).toBe(category);
  });

  it.each([
    ['lingju', 23, 'dataFormatError23'],
    ['lingju', 111, 'parameterError111'],
    ['weidu', 400, 'invalidRequest'],
  ] as const)('codes > %s: example for %s is %s', (api, code, name) => {
    expect(exampleForCode(contracts[api], code)).toBe(name);
  });

  it('codes > describeCode names code, Chinese and English', () => {
    expect(describeCode(lingju, 6)).toBe('6 — APPKEY无效 (Invalid appkey)');
    expect(describeCode(lingju, 2)).toContain('not in the documented table');
  });
});

describe('codes > accepted sets and the mock\'s choice come from categories', () => {
  it.each([
    ['lingju', 'body', undefined, 8, [8, 111]],
    ['lingju', 'required', undefined, 8, [8, 111]],
    ['lingju', 'optional', undefined, 20, [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 8, 111]],
    // Only the code whose table words name the field (6 APPKEY无效); 4/43/44/114/120 are tied to appkey by decision L26 only.
    ['lingju', 'credentials', 'appkey', 6, [6]],
    ['lingju', 'credentials', 'authcode', 11, [11]],
    ['weidu', 'body', undefined, 400, []],
    ['weidu', 'optional', undefined, 400, []],
  ] as const)('codes > %s: %s violation of %s → mock %i', (api, kind, field, mock, codes) => {
    const contract = contracts[api];
    expect(mockCodeFor(contract, kind, field)).toBe(mock);
    expect([...acceptedCodes(contract, kind, field).codes].sort((a, b) => a - b)).toEqual([...codes].sort((a, b) => a - b));
  });

  it('codes > weidu accepts any non-200 integer for an invalid request, never 200', () => {
    const accepted = acceptedCodes(weidu, 'required');
    expect(accepted.anyError).toBe(true);
    expect([400, 500, 1, -1].every((c) => isAccepted(weidu, accepted, c))).toBe(true);
    expect(isAccepted(weidu, accepted, 200)).toBe(false);
    expect(isAccepted(weidu, accepted, '400')).toBe(false);
  });

  it('codes > a refusal of made-up credentials may carry any code of the credentials categories', () => {
    expect([...credentialRefusalCodes(lingju).codes].sort((a, b) => a - b)).toEqual([4, 6, 11, 18, 43, 44, 114, 120]);
    expect(acceptedCodes(lingju, 'credentials').codes.sort((a, b) => a - b)).toEqual([6, 11]);
  });

  it('codes > lingju does not accept success or a code of another category', () => {
    const accepted = acceptedCodes(lingju, 'required');
    expect(isAccepted(lingju, accepted, 0)).toBe(false);
    expect(isAccepted(lingju, accepted, 97)).toBe(false);
    expect(isAccepted(lingju, accepted, 111)).toBe(true);
  });
});
