// Type-level tests: `npm run typecheck` (tsc) fails if an @ts-expect-error line compiles, i.e. if the client accepts it.
import { describe, expectTypeOf, it } from 'vitest';
import { createLingjuClient, createWeiduClient, type LingjuResult, type LingjuStatus, type ProblemDetails, type WeiduResult } from '../../src/client/index.ts';
import { lingjuContract, weiduContract } from '../../src/client/codes.ts';

const lingju = createLingjuClient({ baseUrl: 'http://127.0.0.1:1' });
const weidu = createWeiduClient({ baseUrl: 'http://127.0.0.1:1' });
const creds = { appkey: 'k', userid: 'u', authcode: 'a' };

/** Never called: only compiled. */
function compileOnly() {
  void lingju.syncUserInfo({ ...creds, sex: 'm', weight: 65, height: 176, birthday: '1990-01-01' });
  // @ts-expect-error gender is not a documented lingju field (the table says sex)
  void lingju.syncUserInfo({ ...creds, gender: 'm' });
  // @ts-expect-error weight is an int, not a string
  void lingju.syncUserInfo({ ...creds, weight: '65' });
  // @ts-expect-error sex is m/f/n
  void lingju.syncUserInfo({ ...creds, sex: 'x' });
  // @ts-expect-error authcode is required
  void lingju.syncUserInfo({ appkey: 'k', userid: 'u' });
  void weidu.saveAccountInfo({ user_id: 'u', gender: 0, work_list: [{ type: 6, belong_type: 2, file_infos: [{ size: 1, has_pre_img: false }] }] });
  // @ts-expect-error user_id is required
  void weidu.saveAccountInfo({ username: 'x' });
  // @ts-expect-error misspelled field
  void weidu.saveAccountInfo({ user_id: 'u', usename: 'x' });
  // @ts-expect-error gender is 0/1/2
  void weidu.saveAccountInfo({ user_id: 'u', gender: 3 });
  // @ts-expect-error work type is 1–6 (the document's own example sends 0)
  void weidu.saveAccountInfo({ user_id: 'u', work_list: [{ type: 0 }] });
  // @ts-expect-error nested size is an int
  void weidu.saveAccountInfo({ user_id: 'u', work_list: [{ file_infos: [{ size: '1' }] }] });
  // Per-call options on every operation.
  void lingju.syncUserInfo(creds, { headers: { Prefer: 'example=appkey-invalid' }, signal: AbortSignal.timeout(1000) });
  void weidu.saveAccountInfo({ user_id: 'u' }, { signal: new AbortController().signal });
  // @ts-expect-error a signal is an AbortSignal
  void lingju.syncUserInfo(creds, { signal: 1000 });
  // @ts-expect-error header values are strings
  void weidu.saveAccountInfo({ user_id: 'u' }, { headers: { 'X-Retry': 1 } });
  // @ts-expect-error no such per-call option
  void weidu.saveAccountInfo({ user_id: 'u' }, { timeout: 1000 });
}

describe('client types > results', () => {
  it('client types > lingju status is the union of documented codes', () => {
    expectTypeOf<0>().toExtend<LingjuStatus>();
    expectTypeOf<25>().toExtend<LingjuStatus>();
    expectTypeOf<2>().not.toExtend<LingjuStatus>();
  });

  it('client types > narrowing on kind gives the code and meaning', () => {
    const narrow = (r: LingjuResult) => {
      if (r.kind === 'success') expectTypeOf(r.code).toEqualTypeOf<0>();
      if (r.kind === 'error') {
        expectTypeOf(r.code).toEqualTypeOf<Exclude<LingjuStatus, 0>>();
        expectTypeOf(r.meaning.zh).toBeString();
      }
    };
    const narrowWeidu = (r: WeiduResult) => {
      if (r.kind === 'success') expectTypeOf(r.code).toEqualTypeOf<200>();
      if (r.kind === 'transport') expectTypeOf(r.aborted).toEqualTypeOf<boolean>();
    };
    const narrowTransport = (r: LingjuResult) => {
      if (r.kind !== 'transport') return;
      expectTypeOf(r.reason).toBeString();
      if (r.via === 'problem') {
        expectTypeOf(r.httpStatus).toBeNumber();
        expectTypeOf(r.problem).toEqualTypeOf<ProblemDetails>();
        // @ts-expect-error a problem answer has no network error
        void r.error;
      } else {
        expectTypeOf(r.via).toEqualTypeOf<'network'>();
        // @ts-expect-error a network failure has no HTTP status
        void r.httpStatus;
      }
    };
    // Exhaustive: every kind is handled, the mock's problems included.
    const describeResult = (r: LingjuResult): string => {
      switch (r.kind) {
        case 'success':
        case 'error':
        case 'undocumented':
        case 'transport':
          return r.kind;
        default:
          return r satisfies never;
      }
    };
    expectTypeOf(narrowTransport).toBeFunction();
    expectTypeOf(describeResult).toBeFunction();
    expectTypeOf(narrow).toBeFunction();
    expectTypeOf(narrowWeidu).toBeFunction();
    expectTypeOf(compileOnly).toBeFunction();
  });
});

describe('client > types > generated contract', () => {
  it('the request media type is a literal read from the spec (the clients send it)', () => {
    expectTypeOf(lingjuContract.requestMediaType).toEqualTypeOf<'application/json'>();
    expectTypeOf(weiduContract.requestMediaType).toEqualTypeOf<'application/json'>();
  });
});
