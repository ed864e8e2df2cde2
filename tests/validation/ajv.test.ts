import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse, validatorFor } from '../../src/validation/index.ts';
import { loadContract } from '../../src/spec/index.ts';

const lingjuOk = { appkey: 'k', userid: '00:1A:2B:3C:4D:5E', authcode: 'a' };
const file = { id: 'f', size: 1 };

describe('validation > violations as data with JSON-pointer-like paths', () => {
  it.each([
    ['lingju', lingjuOk, []],
    ['lingju', { ...lingjuOk, sex: 'x' }, [['sex', 'enum']]],
    ['lingju', { ...lingjuOk, birthday: '1990/01/01' }, [['birthday', 'format']]],
    ['lingju', { ...lingjuOk, birthday: '1990-02-30' }, [['birthday', 'format']]],
    ['lingju', { ...lingjuOk, birthday: '2000-02-29' }, []],
    ['lingju', { ...lingjuOk, weight: '65' }, [['weight', 'type']]],
    ['lingju', { ...lingjuOk, weight: 65.5 }, [['weight', 'type']]],
    ['lingju', { ...lingjuOk, height: 2 ** 31 }, [['height', 'format']]],
    ['lingju', { ...lingjuOk, name: null }, [['name', 'type']]],
    ['lingju', { ...lingjuOk, name: '' }, []],
    ['lingju', { ...lingjuOk, appkey: '' }, [['appkey', 'minLength']]],
    ['lingju', { userid: 'u', authcode: 'a' }, [['appkey', 'required']]],
    ['lingju', { ...lingjuOk, gender: 'm' }, [['gender', 'additionalProperties']]],
    ['lingju', [], [['', 'type']]],
    ['weidu', { user_id: 'u' }, []],
    ['weidu', {}, [['user_id', 'required']]],
    ['weidu', { user_id: 'u', gender: 3 }, [['gender', 'enum']]],
    ['weidu', { user_id: 'u', work_list: [{ type: 0 }] }, [['work_list/0/type', 'enum']]],
    ['weidu', { user_id: 'u', work_list: [{ file_infos: [file, { ...file, size: '1' }] }] }, [['work_list/0/file_infos/1/size', 'type']]],
    ['weidu', { user_id: 'u', work_list: [{ file_infos: [{ has_pre_img: 'true' }] }] }, [['work_list/0/file_infos/0/has_pre_img', 'type']]],
    ['weidu', { user_id: 'u', work_list: [{ file_infos: [{ extra: 1 }] }] }, [['work_list/0/file_infos/0/extra', 'additionalProperties']]],
  ] as const)('validation > %s request %j → %j', (api, body, expected) => {
    expect(validateRequest(api, body).map((v) => [v.path, v.keyword])).toEqual(expected);
  });

  it('validation > a message says path, expected and received in plain words', () => {
    const [v] = validateRequest('lingju', { ...lingjuOk, weight: '65' });
    expect(v).toEqual({ path: 'weight', keyword: 'type', expected: 'type integer', received: 'string "65"', message: 'weight: expected type integer, received string "65"' });
  });

  it('validation > long received values are cut, not dumped', () => {
    const [v] = validateRequest('lingju', { ...lingjuOk, weight: 'x'.repeat(10_000) });
    expect(v!.message.length).toBeLessThan(200);
  });

  it('validation > every violation is listed once (allErrors; a type error hides enum/format noise at its path)', () => {
    expect(validateRequest('lingju', { sex: 1, weight: 'a' }).map((v) => `${v.path} ${v.keyword}`)).toEqual([
      'appkey required',
      'userid required',
      'authcode required',
      'sex type',
      'weight type',
    ]);
  });

  it('validation > responses are validated against the envelope schema', () => {
    expect(validateResponse('lingju', { status: 0, description: '' })).toEqual([]);
    expect(validateResponse('lingju', { status: 0, description: 1 }).map((v) => v.path)).toEqual(['description']);
    expect(validateResponse('weidu', { code: 200 }).map((v) => v.keyword)).toEqual(['required']);
  });

  it('validation > validators are compiled once and cached', () => {
    const c = loadContract('weidu');
    expect(validatorFor('weidu', c.requestSchemaPointer)).toBe(validatorFor('weidu', c.requestSchemaPointer));
  });
});

describe('validation > hostile input', () => {
  it('validation > a 10,000-deep unknown field is reported, not a crash', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const violations = validateRequest('lingju', { ...lingjuOk, extra: deep });
    expect(violations.map((v) => `${v.path} ${v.keyword}`)).toEqual(['extra additionalProperties']);
    expect(violations[0]!.received).toContain('too deeply nested');
  });
});
