import { describe, expect, test } from 'vitest';
import { positiveAcceptance } from '../../../conformance/checks/positive-acceptance.ts';
import { context, exchange, planned } from '../helpers.ts';

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

  test.each([
    ['a file named "." (the document\'s own exchange sends it): documented', 'positive/edge-file-named-dot', 'failure', { kind: 'documented', decision: 'W10', source: { line: 62 } }],
    ['leaving fields out rests on W01 (the document marks nothing required)', 'positive/minimal', 'warning', { kind: 'decision', decision: 'W01' }],
    ['an empty work_list rests on W20', 'positive/works-none', 'warning', { kind: 'decision', decision: 'W20' }],
    ['empty strings everywhere rest only on W10, which leaves them open', 'positive/edge-empty-strings', 'info', { kind: 'decision', decision: 'W10' }],
    ['a full profile: documented', 'positive/full', 'failure', { kind: 'documented', source: { line: 57 } }],
  ] as const)('weidu refusing %s → %s', (_name, id, outcome, basis) => {
    const [verdict] = positiveAcceptance.evaluate(planned('weidu', id, { code: 400, result: 'refused' }), context('weidu'));
    expect(verdict).toMatchObject({ outcome, basis });
  });

  test('the received text carries the code and its documented meaning', () => {
    const [verdict] = positiveAcceptance.evaluate(exchange({ api: 'lingju', purpose: 'positive', body: { status: 6, description: 'APPKEY无效' } }), context('lingju'));
    expect(verdict!.received).toContain('status 6 — APPKEY无效');
  });
});
