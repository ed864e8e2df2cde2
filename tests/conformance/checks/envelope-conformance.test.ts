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
  ])('fails: %s, naming the field', (_name, ex, field, received) => {
    const failures = judge(ex).filter((v) => v.outcome === 'failure');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.field).toBe(field);
    expect(failures[0]!.received).toContain(received);
  });

  test('an undocumented envelope field is a warning, not a failure', () => {
    const verdicts = judge(exchange({ api: 'lingju', body: { status: 0, trace_id: 'abc' } }));
    expect(verdicts).toEqual([expect.objectContaining({ outcome: 'warning', field: 'trace_id' })]);
  });

  test('no answer → skipped', () => {
    expect(judge(exchange({ api: 'lingju', transport: { kind: 'reset', message: 'r' } }))[0]!.outcome).toBe('skipped');
  });
});
