import { describe, expect, test } from 'vitest';
import { errorCodeCoverage } from '../../../conformance/checks/error-code-coverage.ts';
import { context, exchange } from '../helpers.ts';

describe('conformance > error_code_coverage', () => {
  test('reports observed, provokable and unprovokable codes, never fails', () => {
    const exchanges = [
      exchange({ api: 'lingju', purpose: 'positive', body: { status: 0 } }),
      exchange({ api: 'lingju', body: { status: 8 } }),
      exchange({ api: 'lingju', body: { status: 8 } }),
      exchange({ api: 'lingju', body: { status: 23 } }),
      exchange({ api: 'lingju', body: { status: 999 } }),
    ];
    const plan = exchanges.map((e) => e.case);
    const { verdicts, coverage } = errorCodeCoverage.evaluate(exchanges, plan, context('lingju'));
    expect(verdicts).toEqual([{ outcome: 'passed' }]);
    expect(coverage.observed).toEqual(expect.arrayContaining([expect.objectContaining({ code: '8', count: 2 }), expect.objectContaining({ code: '23', count: 1 })]));
    expect(coverage.documented).toContain('20–29');
    expect(coverage.notProvokable.map((n) => n.code)).toEqual(expect.arrayContaining(['-1', '4', '43', '97', '114', '120']));
    expect(coverage.provokedBySuite).toEqual(expect.arrayContaining(['0', '8', '20–29', '111']));
    expect(coverage.notObserved).toContain('111');
    expect(coverage.undocumentedObserved).toEqual(['999']);
  });

  test('weidu: any other code is the undocumented "other" row', () => {
    const exchanges = [exchange({ api: 'weidu', body: { code: 400, result: 'x' } })];
    const { coverage } = errorCodeCoverage.evaluate(exchanges, exchanges.map((e) => e.case), context('weidu'));
    expect(coverage.documented).toEqual(['200', 'any other code']);
    expect(coverage.notObserved).toEqual(['200']);
    expect(coverage.undocumentedObserved).toEqual([]);
  });
});
