import { describeCode, entryLabel, entryMatches, isSuccessCode, lookupCode, type ErrorCodeEntry } from '../../src/spec/index.ts';
import type { CodeCoverage } from '../types.ts';
import { readEnvelope } from './answer.ts';
import type { RunCheck } from './types.ts';

/** Which documented codes were observed, which the suite can provoke, which cannot be provoked from outside (reported, never failed). */
export const errorCodeCoverage: RunCheck = {
  scope: 'run',
  name: 'error_code_coverage',
  evaluate(exchanges, plan, ctx) {
    const { contract } = ctx;
    const counts = new Map<number, number>();
    for (const exchange of exchanges) {
      const reading = readEnvelope(ctx, exchange);
      if (reading.kind === 'envelope' && reading.integerCode !== undefined) counts.set(reading.integerCode, (counts.get(reading.integerCode) ?? 0) + 1);
    }
    const observedIn = (entry: ErrorCodeEntry) =>
      [...counts.keys()].some((code) => (entry.other ? lookupCode(contract, code) === entry : entryMatches(entry, code)));
    // What the plan aims at: success for valid requests, the accepted sets of invalid and credential requests.
    const aimed = (entry: ErrorCodeEntry) =>
      plan.some((c) => {
        if (c.purpose === 'positive') return entry.code !== undefined && isSuccessCode(contract, entry.code);
        if (!c.accepted) return false;
        if (entry.other) return c.accepted.anyError;
        return c.accepted.codes.some((code) => entryMatches(entry, code));
      });
    const coverage: CodeCoverage = {
      api: contract.api,
      documented: contract.codes.map((e) => entryLabel(e)),
      observed: [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([code, count]) => ({ code: String(code), count, meaning: describeCode(contract, code) })),
      provokedBySuite: contract.codes.filter((e) => e.provokable && aimed(e)).map((e) => entryLabel(e)),
      notProvokable: contract.codes.filter((e) => !e.provokable).map((e) => ({ code: entryLabel(e), meaning: `${e.zh} (${e.en})`, category: e.category })),
      notObserved: contract.codes.filter((e) => e.provokable && !observedIn(e)).map((e) => entryLabel(e)),
      undocumentedObserved: [...counts.keys()].filter((code) => !lookupCode(contract, code)).map(String),
    };
    return { verdicts: [{ outcome: 'passed' }], coverage };
  },
};
