import { gradeOf, type Basis } from '../../src/spec/index.ts';
import type { Verdict } from '../types.ts';

/**
 * A broken expectation, graded by its basis (src/spec/evidence.ts): documented → failure, our decision →
 * warning, open or contradicted by the document's own example → info. Checks never pick a grade themselves;
 * --strict is applied when the finding is recorded.
 */
export function broken(basis: Basis, verdict: Omit<Verdict, 'outcome' | 'basis'>): Verdict {
  return { ...verdict, outcome: gradeOf(basis), basis };
}
