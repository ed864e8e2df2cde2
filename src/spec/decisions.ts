import { questionPriorities, type Decision, type DecisionState } from './types.ts';

/**
 * The one place that reads what a decision is now. A recorded vendor answer settles a decision whatever its status
 * (the question drops off the vendor's list): `answered` when the vendor confirmed the decision as the spec states
 * it, `contradicted` when the vendor said otherwise and the spec has still to follow the answer. Anything but an
 * explicit confirmation counts as not confirmed, so an old default is never taken for the vendor's word.
 */
export function decisionState(decision: Decision): DecisionState {
  if (!decision.answer) return decision.status;
  return decision.answer.confirms === true ? 'answered' : 'contradicted';
}

/** Still waiting for the vendor: these make the question list. */
export function isOpen(decision: Decision): boolean {
  return decisionState(decision) === 'needs-vendor';
}

/** Review order: what is still open, then our work (a spec to change to the vendor's answer), then what is settled. */
export const decisionStates: readonly DecisionState[] = ['needs-vendor', 'contradicted', 'answered', 'default'];

const priorityRank = (d: Decision) => (d.priority ? questionPriorities.indexOf(d.priority) : questionPriorities.length);
/** Decision ids in natural order: W2 before W10 (every list of ids in the spec's outputs is sorted so). */
export const compareDecisionIds = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Open questions first (blocking, data format, semantics), then answers the spec must follow, then confirmed answers, then our defaults; id order within. */
export function compareDecisions(a: Decision, b: Decision): number {
  return decisionStates.indexOf(decisionState(a)) - decisionStates.indexOf(decisionState(b)) || priorityRank(a) - priorityRank(b) || compareDecisionIds(a.id, b.id);
}

/** The vendor's question list of one API, in list order. */
export function openQuestions(decisions: readonly Decision[]): Decision[] {
  return decisions.filter(isOpen).sort(compareDecisions);
}
