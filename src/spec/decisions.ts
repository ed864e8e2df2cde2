import { questionPriorities, type Decision, type DecisionState } from './types.ts';

/**
 * The one place that reads what a decision is now. A recorded vendor answer settles a decision whatever its status:
 * the question drops off the vendor's list, and the report shows the answer.
 */
export function decisionState(decision: Decision): DecisionState {
  return decision.answer ? 'answered' : decision.status;
}

/** Still waiting for the vendor: these make the question list. */
export function isOpen(decision: Decision): boolean {
  return decisionState(decision) === 'needs-vendor';
}

const stateRank: Record<DecisionState, number> = { 'needs-vendor': 0, answered: 1, default: 2 };
const priorityRank = (d: Decision) => (d.priority ? questionPriorities.indexOf(d.priority) : questionPriorities.length);
const byId = (a: Decision, b: Decision) => a.id.localeCompare(b.id, 'en', { numeric: true });

/** Open questions first (blocking, data format, semantics), then answered ones, then our defaults; id order within. */
export function compareDecisions(a: Decision, b: Decision): number {
  return stateRank[decisionState(a)] - stateRank[decisionState(b)] || priorityRank(a) - priorityRank(b) || byId(a, b);
}

/** The vendor's question list of one API, in list order. */
export function openQuestions(decisions: readonly Decision[]): Decision[] {
  return decisions.filter(isOpen).sort(compareDecisions);
}
