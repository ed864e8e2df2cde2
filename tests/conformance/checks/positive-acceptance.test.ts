import { describe, expect, test } from 'vitest';
import { positiveAcceptance } from '../../../conformance/checks/positive-acceptance.ts';
import { context, exchange } from '../helpers.ts';

describe('conformance > positive_acceptance', () => {
  test.each([
    ['lingju status 0', exchange({ api: 'lingju', purpose: 'positive', body: { status: 0 } }), 'passed'],
    ['weidu code 200', exchange({ api: 'weidu', purpose: 'positive', body: { code: 200, result: 'ok' } }), 'passed'],
    ['weidu code 200 over HTTP 201 (HTTP status is not the verdict)', exchange({ api: 'weidu', purpose: 'positive', status: 201, body: { code: 200, result: 'ok' } }), 'passed'],
    ['lingju status 8', exchange({ api: 'lingju', purpose: 'positive', body: { status: 8, description: 'sex: …' } }), 'failure'],
    ['lingju status "0" (string)', exchange({ api: 'lingju', purpose: 'positive', body: { status: '0' } }), 'failure'],
    ['weidu HTTP 500', exchange({ api: 'weidu', purpose: 'positive', status: 500, rawBody: 'boom' }), 'failure'],
    ['a timeout', exchange({ api: 'weidu', purpose: 'positive', transport: { kind: 'timeout', message: 'no answer within 5 ms' } }), 'failure'],
  ])('%s → %s', (_name, ex, outcome) => {
    const [verdict] = positiveAcceptance.evaluate(ex, context(ex.case.api));
    expect(verdict!.outcome).toBe(outcome);
    if (outcome === 'failure') expect(verdict!.documented).toMatch(/^(status 0|code 200) — /);
  });

  test('the received text carries the code and its documented meaning', () => {
    const [verdict] = positiveAcceptance.evaluate(exchange({ api: 'lingju', purpose: 'positive', body: { status: 6, description: 'APPKEY无效' } }), context('lingju'));
    expect(verdict!.received).toContain('status 6 — APPKEY无效');
  });
});
