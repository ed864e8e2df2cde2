import type { Decision } from '../spec/types.ts';
import type { CodeRow } from './code-matrix.ts';
import type { FieldRow } from './fields.ts';

/** An entry of the spec's root `x-decisions`, with what in the spec points at it. */
export interface QuestionRow extends Decision {
  /** Field paths that cite the decision (x-decision) or that it names in `affects`. */
  fields: string[];
  /** Code labels whose table row cites the decision. */
  codes: string[];
}

/** Undecided first (they need an answer from the vendor), each group in id order. */
export function questionRows(decisions: readonly Decision[], fields: readonly FieldRow[], codes: readonly CodeRow[]): QuestionRow[] {
  const rows = decisions.map((d) => {
    const affected = new Set(d.affects ?? []);
    const citing = fields.filter((f) => f.decisions.includes(d.id) || affected.has(f.path));
    return {
      ...d,
      fields: [...new Set([...citing.map((f) => f.path), ...affected])],
      codes: codes.filter((c) => c.decision === d.id).map((c) => c.label),
    };
  });
  const rank = (q: QuestionRow) => (q.status === 'undecided' ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id, 'en', { numeric: true }));
}
