import { ToolkitError } from '../errors.ts';
import { decisionState } from './decisions.ts';
import type { Contract } from './load.ts';
import type { FieldNode } from './schema-tree.ts';
import type { Decision, DecisionStatus, Expectation, SourceRef, Stance, VendorAnswer } from './types.ts';

/**
 * The evidence model: why an expectation holds, and how hard conformance may hold a server to it.
 * The documents are the only authority on the vendor: what they state is a failure when broken, what only
 * our decisions say is a warning naming the decision, what their own example exchange shows is never a failure.
 * Conformance and the review pack read verdict strengths from here and nowhere else.
 */

/** How a broken expectation is reported: failure (exit 1), warning (exit 0; a failure under --strict), info (not asserted). */
export type Grade = 'failure' | 'warning' | 'info';

export type Basis =
  /** A table row or field text states it; `decision` when an `assert` decision reads those words, `answer` when the vendor settled it. */
  | { kind: 'documented'; source: SourceRef; decision?: string; answer?: VendorAnswer }
  /**
   * Only our decision says it (`warn`: checked, `open`: not checked; `answer` when the vendor said otherwise and the spec
   * is still to change); `status`: a question for the vendor (`needs-vendor`) or a default we chose (`default`).
   */
  | { kind: 'decision'; decision: string; status: DecisionStatus; stance: 'warn' | 'open'; topic: string; quote: string; source: SourceRef; answer?: VendorAnswer }
  /** The document's own example exchange shows the vendor doing otherwise: never asserted. */
  | { kind: 'example'; source: SourceRef; shows: string; file: string; decisions: string[] };

export interface GradeOptions {
  /** --strict: the team agreed the decisions with the vendor, so a decision warning is a failure. */
  strict?: boolean;
}

export function decisionById(contract: Pick<Contract, 'decisions'>, id: string): Decision | undefined {
  return contract.decisions.find((d) => d.id === id);
}

/**
 * A decision's stance for conformance: the one place that turns a decision into a verdict strength. A recorded
 * vendor answer that confirms the decision makes it the vendor's own word, checked as documented (`assert`); an
 * answer that says otherwise leaves the spec's old default unchecked (`open`) until the spec follows the answer.
 */
export function decisionStance(decision: Decision): Stance {
  switch (decisionState(decision)) {
    case 'answered':
      return 'assert';
    case 'contradicted':
      return 'open';
    default:
      return decision.conformance ?? 'warn';
  }
}

export function documentedBasis(source: SourceRef, decision?: string): Basis {
  return decision ? { kind: 'documented', source, decision } : { kind: 'documented', source };
}

/** The basis of an expectation resting on a decision: documented when the decision only reads the document (assert) or the vendor confirmed it. */
export function decisionBasis(contract: Pick<Contract, 'decisions' | 'api'>, id: string): Basis {
  const d = decisionById(contract, id);
  if (!d) throw new ToolkitError('SPEC_INVALID', `${contract.api}: decision ${id} is not in x-decisions (npm run lint:spec says where it is named)`);
  const stance = decisionStance(d);
  const answer = d.answer ? { answer: d.answer } : {};
  if (stance === 'assert') return { ...documentedBasis({ ...d.source, text: d.quote }, d.id), ...answer } as Basis;
  return { kind: 'decision', decision: d.id, status: d.status, stance, topic: d.topic, quote: d.quote, source: d.source, ...answer };
}

export function gradeOf(basis: Basis, options: GradeOptions = {}): Grade {
  switch (basis.kind) {
    case 'documented':
      return 'failure';
    case 'example':
      return 'info';
    case 'decision':
      if (basis.stance === 'open') return 'info';
      return options.strict ? 'failure' : 'warning';
  }
}

/** Decision ids a basis names (the decision itself, the assert decision reading the text, the example's decisions). */
export function basisDecisions(basis: Basis): string[] {
  if (basis.kind === 'example') return basis.decisions;
  return basis.decision ? [basis.decision] : [];
}

const where = (s: SourceRef) => `${s.document} line ${s.line}`;

/**
 * What to do about a warning resting on an unanswered decision, by its status: a question only the vendor can settle
 * is asked; a default we chose needs no question, but the team agrees it with the vendor or waives the finding.
 */
export const decisionAdvice: Readonly<Record<DecisionStatus, string>> = {
  'needs-vendor': 'ask the vendor',
  default: 'our default: agree it with the vendor or waive it',
};

/** One line for reports: the basis with its quote and line, or the decision id. */
export function describeBasis(basis: Basis): string {
  switch (basis.kind) {
    case 'documented':
      if (basis.answer) return `the vendor's answer on decision ${basis.decision} (${basis.answer.who}, ${basis.answer.when}): 「${basis.answer.text}」 — about ${where(basis.source)}`;
      return `documented — ${where(basis.source)}: 「${basis.source.text ?? ''}」${basis.decision ? ` (as read by decision ${basis.decision})` : ''}`;
    case 'decision':
      if (basis.answer) return `decision ${basis.decision} (${basis.topic}): the vendor answered otherwise (${basis.answer.who}, ${basis.answer.when}): 「${basis.answer.text}」 — the spec must change; not asserted`;
      return basis.stance === 'open'
        ? `decision ${basis.decision} (${basis.topic}) leaves this open — 「${basis.quote}」 (${where(basis.source)}); not asserted`
        : `decision ${basis.decision} (${basis.topic})${basis.status === 'needs-vendor' ? ', our reading' : ''} — 「${basis.quote}」 (${where(basis.source)}); ${decisionAdvice[basis.status]}`;
    case 'example':
      return `the document's own example — ${where(basis.source)}: 「${basis.source.text ?? ''}」 ${basis.shows}; not asserted${basis.decisions.length ? ` (decisions ${basis.decisions.join(', ')})` : ''}`;
  }
}

export function expectationOf(contract: Pick<Contract, 'expectations'>, key: string): Expectation | undefined {
  return contract.expectations.find((e) => e.key === key);
}

/** The field's own documented text (x-source), when the schema node has one. */
export function fieldSource(node: FieldNode | undefined): SourceRef | undefined {
  const source = node?.schema['x-source'] as SourceRef | undefined;
  return source?.document && source.line ? source : undefined;
}

/**
 * The basis of a request-side expectation (x-expectations) for a field, before the document's examples are
 * consulted: its decision, its quoted source, or the field's own text. A key the spec does not list is held
 * as documented by the field's text (or the operation's source): strict unless the spec says otherwise.
 */
export function expectationBasis(contract: Contract, key: string, node?: FieldNode): Basis {
  const expectation = expectationOf(contract, key);
  if (expectation?.decision) return decisionBasis(contract, expectation.decision);
  const fromField = expectation?.fromField || !expectation?.source ? fieldSource(node) : undefined;
  return documentedBasis(fromField ?? expectation?.source ?? contract.envelope.source);
}

/** The documented form of a date (yyyy-MM-dd): a value of this form that still fails `format: date` names no real day. */
const DATE_FORM = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The expectation a schema violation breaks: the key in x-expectations. null is its own expectation (a decision,
 * not the type), except for a required field, where null reads as "not provided" and the field is still missing;
 * an int beyond 32 bits is `int32`; a date of the documented form naming no real day (1990-02-30) is
 * `calendar-date` (the document gives the form, not the calendar); an undocumented field is `unknown-field`.
 */
export function expectationKey(keyword: string, value: unknown, node?: FieldNode): string {
  switch (keyword) {
    case 'type':
      if (value !== null) return 'type';
      return node?.required && node.name !== '*' ? 'required' : 'null';
    case 'format':
      if (node?.format === 'int32' || node?.format === 'int64') return 'int32';
      return node?.format === 'date' && typeof value === 'string' && DATE_FORM.test(value) ? 'calendar-date' : 'format';
    case 'additionalProperties':
      return 'unknown-field';
    case 'minLength':
      return value === '' ? 'non-empty' : 'minLength';
    default:
      return keyword;
  }
}

/**
 * A value's class for comparing with the document's examples: a type mistake is compared by JSON type
 * (a numeric string is its own class), an enum or format value exactly, an undocumented field by place only.
 */
export function valueClass(key: string, value: unknown): string {
  switch (key) {
    case 'type':
    case 'null':
      if (value === null) return 'null';
      if (typeof value === 'string') return /^-?\d+$/.test(value) ? 'numeric-string' : 'string';
      if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
      return Array.isArray(value) ? 'array' : typeof value;
    case 'unknown-field':
      return 'any';
    case 'media-type':
      return String(value).split(';')[0]!.trim().toLowerCase();
    default:
      return JSON.stringify(value) ?? 'undefined';
  }
}
