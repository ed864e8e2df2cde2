import { describe, expect, test } from 'vitest';
import { exampleReplay } from '../../../conformance/checks/example-replay.ts';
import { context, planned } from '../helpers.ts';

const judge = (ex: ReturnType<typeof planned>) => exampleReplay.evaluate(ex, context(ex.case.api))[0]!;

describe('conformance > example_replay', () => {
  test('weidu: the curl is replayed byte for byte with its form Content-Type', () => {
    const ex = planned('weidu', 'example/document', {});
    expect(ex.case.request.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(ex.case.request.body).toMatch(/^\{"user_id":"szasc68seig9jrhqw4eaj9gu3h".*"type":0,/);
  });

  test.each([
    ['weidu answered as the vendor did (200 ok)', planned('weidu', 'example/document', { code: 200, result: 'ok' }), 'passed'],
    ['weidu refused (stricter than the vendor): information', planned('weidu', 'example/document', { code: 400, result: 'work_list/0/type: …' }), 'info'],
    ['lingju accepted', planned('lingju', 'example/document', { status: 0 }), 'passed'],
    ['lingju refused: information, never a failure', planned('lingju', 'example/document', { status: 20, description: '数据格式校验错误' }), 'info'],
  ])('%s', (_name, ex, outcome) => {
    const verdict = judge(ex);
    expect(verdict.outcome).toBe(outcome);
    if (outcome === 'info') expect(verdict.basis).toMatchObject({ kind: 'example' });
  });

  test('lingju: the example is sent with the target\'s credentials put in, the rest as in the document', () => {
    const body = JSON.parse(planned('lingju', 'example/document', {}).case.request.body);
    expect(body).toMatchObject({ appkey: 'ref-appkey-5f1c9a7e42', gender: 'm', weight: '176', birthday: 'yyyy-MM-dd' });
  });
});
