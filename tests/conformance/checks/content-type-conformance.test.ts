import { describe, expect, test } from 'vitest';
import { contentTypeConformance, parseContentType } from '../../../conformance/checks/content-type-conformance.ts';
import { context, exchange } from '../helpers.ts';

describe('conformance > content_type_conformance', () => {
  test.each([
    ['lingju', 'application/json;charset=UTF-8', 'passed'],
    ['lingju', 'application/json; charset=utf-8', 'passed'], // charset case is open
    ['lingju', 'Application/JSON', 'passed'], // no charset: JSON is UTF-8
    ['weidu', 'application/json; charset="UTF-8"', 'passed'],
    ['weidu', 'text/html; charset=utf-8', 'failure'],
    ['weidu', 'application/problem+json', 'failure'],
    ['lingju', 'application/json;charset=GBK', 'failure'],
    ['lingju', null, 'failure'],
  ] as const)('%s answering %s → %s', (api, contentType, outcome) => {
    const [verdict] = contentTypeConformance.evaluate(exchange({ api, body: {}, contentType }), context(api));
    expect(verdict!.outcome).toBe(outcome);
    if (outcome === 'failure') expect(verdict!.field).toBe('Content-Type');
  });

  test('a body that is not UTF-8 (GBK bytes under charset=UTF-8) fails, quoting the documented Content-Type line', () => {
    const verdicts = contentTypeConformance.evaluate(exchange({ api: 'lingju', body: { status: 8 }, utf8: false }), context('lingju'));
    expect(verdicts).toEqual([expect.objectContaining({ outcome: 'failure', field: '(body)', summary: 'body is not valid UTF-8' })]);
    expect(verdicts[0]!.basis).toMatchObject({ kind: 'documented', source: { line: 128 } });
  });

  test('no answer → skipped, not passed', () => {
    const [verdict] = contentTypeConformance.evaluate(exchange({ api: 'weidu', transport: { kind: 'timeout', message: 't' } }), context('weidu'));
    expect(verdict!.outcome).toBe('skipped');
  });

  test('parses media type and charset', () => {
    expect(parseContentType('Application/Json ; Charset="UTF-8"')).toEqual({ media: 'application/json', charset: 'utf-8' });
  });
});
