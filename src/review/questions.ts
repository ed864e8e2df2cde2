import { compareDecisions, decisionState } from '../spec/decisions.ts';
import { decisionStance } from '../spec/evidence.ts';
import type { Decision, DecisionState, Stance } from '../spec/types.ts';
import type { CodeRow } from './code-matrix.ts';
import type { FieldRow } from './fields.ts';

/** An entry of the spec's root `x-decisions`, with what it is now and what in the spec points at it. */
export interface QuestionRow extends Decision {
  /** needs-vendor, contradicted (the vendor said otherwise: change the spec), answered (confirmed) or default (ours; nothing to ask). */
  state: DecisionState;
  /** How conformance holds a server to it now (decisionStance: a confirming answer asserts it, a contradicting one unchecks it). */
  stance: Stance;
  /** Field paths that cite the decision (x-decision) or that it names in `affects`. */
  fields: string[];
  /** Code labels whose table row cites the decision. */
  codes: string[];
}

/** Open questions first (blocking, data format, semantics), then answers the spec must follow, then confirmed answers, then our defaults; id order within. */
export function questionRows(decisions: readonly Decision[], fields: readonly FieldRow[], codes: readonly CodeRow[]): QuestionRow[] {
  return [...decisions].sort(compareDecisions).map((d) => {
    const affected = new Set(d.affects ?? []);
    const citing = fields.filter((f) => f.decisions.includes(d.id) || affected.has(f.path));
    return {
      ...d,
      state: decisionState(d),
      stance: decisionStance(d),
      fields: [...new Set([...citing.map((f) => f.path), ...affected])],
      codes: codes.filter((c) => c.decision === d.id).map((c) => c.label),
    };
  });
}
