import { describe, expect, test } from 'vitest';
import { envelopeConformance } from '../../../conformance/checks/envelope-conformance.ts';
import { context, exchange } from '../helpers.ts';

const judge = (ex: ReturnType<typeof exchange>) => envelopeConformance.evaluate(ex, context(ex.case.api));

describe('conformance > envelope_conformance', () => {
  test.each([
    ['lingju success without description (open)', exchange({ api: 'lingju', body: { status: 0 } })],
    ['lingju error with message', exchange({ api: 'lingju', body: { status: 111, description: '参数错误' } })],
    ['lingju code of a range', exchange({ api: 'lingju', body: { status: 27, description: 'x' } })],
    ['weidu undocumented-but-admitted error code', exchange({ api: 'weidu', body: { code: 1001, result: 'bad' } })],
  ])('passes: %s', (_name, ex) => {
    expect(judge(ex)).toEqual([{ outcome: 'passed' }]);
  });

  test.each([
    ['code as a string', exchange({ api: 'lingju', body: { status: '0' } }), 'status', 'string "0"'],
    ['undocumented lingju code', exchange({ api: 'lingju', body: { status: 999, description: 'x' } }), 'status', 'integer 999'],
    ['message not a string', exchange({ api: 'lingju', body: { status: 8, description: 0 } }), 'description', 'integer 0'],
    ['weidu without result', exchange({ api: 'weidu', body: { code: 200 } }), 'result', 'nothing'],
    ['weidu code as a float', exchange({ api: 'weidu', body: { code: 200.5, result: 'ok' } }), 'code', '200.5'],
    ['HTML body', exchange({ api: 'weidu', rawBody: '<html>oops</html>', contentType: 'text/html' }), '(body)', '<html>oops</html>'],
    ['JSON array body', exchange({ api: 'weidu', body: [{ code: 200 }] }), '(body)', 'not an object'],
    // What the documents state about the message: 成功返回ok，否则返回相应错误详情 / 通常为空,出错时会有错误信息.
    ['weidu success with result "success"', exchange({ api: 'weidu', body: { code: 200, result: 'success' } }), 'result', 'string "success"'],
    ['weidu error without result', exchange({ api: 'weidu', body: { code: 400 } }), 'result', 'nothing'],
    ['weidu error with an empty result', exchange({ api: 'weidu', body: { code: 400, result: '' } }), 'result', 'string ""'],
    ['lingju error without description', exchange({ api: 'lingju', body: { status: 8 } }), 'description', 'nothing'],
    ['lingju error with description null', exchange({ api: 'lingju', body: { status: 20, description: null } }), 'description', 'null'],
  ])('fails: %s, naming the field', (_name, ex, field, received) => {
    const failures = judge(ex).filter((v) => v.outcome === 'failure');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.field).toBe(field);
    expect(failures[0]!.received).toContain(received);
  });

  test('an undocumented envelope field is a warning naming decision L28, not a failure', () => {
    const verdicts = judge(exchange({ api: 'lingju', body: { status: 0, trace_id: 'abc' } }));
    expect(verdicts).toEqual([expect.objectContaining({ outcome: 'warning', field: 'trace_id', basis: expect.objectContaining({ kind: 'decision', decision: 'L28' }) })]);
  });

  test('lingju description null on success (Jackson\'s unset String) is a warning naming L07; the document says only 通常为空', () => {
    const verdicts = judge(exchange({ api: 'lingju', body: { status: 0, description: null } }));
    expect(verdicts).toEqual([expect.objectContaining({ outcome: 'warning', field: 'description', basis: expect.objectContaining({ decision: 'L07' }) })]);
  });

  test('a failure about the message quotes the document line that states it', () => {
    const [verdict] = judge(exchange({ api: 'lingju', body: { status: 8 } }));
    expect(verdict!.basis).toMatchObject({ kind: 'documented', source: { line: 147 } });
    expect(verdict!.documented).toContain('出错时会有错误信息');
  });

  test('no answer → skipped', () => {
    expect(judge(exchange({ api: 'lingju', transport: { kind: 'reset', message: 'r' } }))[0]!.outcome).toBe('skipped');
  });
});
