import { compareDecisionIds } from '../spec/decisions.ts';
import { questionPriorities, type DecisionState, type QuestionPriority, type SourceRef, type Stance } from '../spec/types.ts';
import type { FieldRow } from './fields.ts';
import type { ApiReview, ReviewCounts } from './model.ts';
import type { QuestionRow } from './questions.ts';
import type { StricterRow } from './stricter.ts';

/** Plain-text pieces shared by the Markdown and HTML renderers, so both say exactly the same thing. */

/** Markdown inline code that survives backticks in the text (report, question lists, reference pages). */
export function inlineCode(text: string): string {
  if (!text) return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The heading of a decision's text by its state: still provisional, to be changed, or settled. */
export function decisionHeading(q: QuestionRow): string {
  return q.state === 'needs-vendor' ? 'Provisional decision' : q.state === 'contradicted' ? 'Decision (to change)' : 'Decision';
}

/** The paragraph under each section of the report (Markdown inline code; the HTML renderer turns it into <code>). */
export const sectionIntro = {
  questions:
    "Every ambiguity, contradiction or gap found in the two documents: the document's own words, what is unclear, and what the spec decided. Questions that need the vendor come first (blocking, then data format, then semantics), then the vendor's answers that say otherwise (the spec must change), then the answers that confirm a decision, then the defaults we chose ourselves. Each says what conformance does with it now: asserts it (a server that breaks it fails), warns (naming the decision), or does not check it; a confirming answer makes a decision asserted.",
  codes:
    "Each code with the document's own words and their line, which named mock example produces it (`Prefer: example=NAME`), which conformance check exercises its category, and whether a client can provoke it from outside.",
  fields: "Every property of the request and response bodies, nested ones included (`*` is an array element), with the document's line as written.",
  stricter:
    "Every expectation of the spec that the documents' own example exchange contradicts (`x-document-examples`, kept in `fixtures/verbatim/`): the rule and its line beside the example's own text and line. Conformance never fails a server for doing what the vendor's example does: it reports it as information and checks the expectation with another excluded value. The decisions named settle each with the vendor.",
  deviations:
    "The verbatim examples in `fixtures/verbatim/`, validated against the spec. What the example request does that the spec refuses is listed once, in the section above; the rest is here. Problems a schema cannot express (a 12-digit mobile number, placeholder values, mismatched ids) are in the decisions.",
} as const;

export const countColumns: Array<[keyof ReviewCounts, string]> = [
  ['requestFields', 'Request fields'],
  ['responseFields', 'Response fields'],
  ['codeRows', 'Code rows'],
  ['documentedCodes', 'Documented codes'],
  ['decisions', 'Decisions'],
  ['needsVendor', 'Need the vendor'],
  ['blocking', 'of them blocking'],
  ['contradicted', 'Spec to change (answered otherwise)'],
  ['answered', 'Answered'],
  ['defaults', 'Our defaults'],
  ['stricter', 'Stricter than the example'],
  ['deviations', 'Other example deviations'],
];

export const priorityText: Record<QuestionPriority, string> = { blocking: 'blocking', 'data-format': 'data format', semantics: 'semantics' };

export const stateText: Record<DecisionState, string> = {
  'needs-vendor': 'needs the vendor',
  contradicted: 'answered otherwise: change the spec',
  answered: 'answered',
  default: 'our default',
};

/** What conformance does with a decision, by its stance (src/spec/evidence.ts decisionStance). */
export const stanceText: Record<Stance, string> = {
  assert: 'Asserted: a server that breaks it fails',
  warn: 'A server that breaks it gets a warning naming this decision (a failure under --strict)',
  open: 'Not checked',
};

/** `warn`; `assert (the vendor's answer; was warn)`; `open until the spec follows the answer (was warn)`. */
export function stanceLabel(q: QuestionRow): string {
  const was = q.conformance && q.conformance !== q.stance ? `was ${q.conformance}` : '';
  if (q.state === 'answered') return `${q.stance} (the vendor's answer${was ? `; ${was}` : ''})`;
  if (q.state === 'contradicted') return `${q.stance} until the spec follows the answer${was ? ` (${was})` : ''}`;
  return q.stance;
}

/** The sentence under a decision: what conformance does with it now, and why. */
export function stanceSentence(q: QuestionRow): string {
  if (q.state === 'answered') return `${stanceText[q.stance]} (the vendor confirmed it; documented strength).`;
  if (q.state === 'contradicted') return `${stanceText[q.stance]}: the vendor answered otherwise, so the spec's old default is not held against servers until the spec follows the answer.`;
  return `${stanceText[q.stance]}.`;
}

/** `line 62`, `lines 30, 31`. */
export function lineText(ref: SourceRef | undefined): string {
  if (!ref) return 'no source';
  return ref.lines && ref.lines.length > 1 ? `lines ${ref.lines.join(', ')}` : `line ${ref.line}`;
}

/** How a quote was cut from the document, when it is not a plain piece of one line. */
export function quoteNotes(ref: SourceRef | undefined): string[] {
  return [...(ref?.excerpts ? ['excerpts joined with …'] : []), ...(ref?.htmlStripped ? ['HTML tags removed'] : [])];
}

/** `003_b8d9ed5a731b86a3.txt lines 30, 31 (excerpts joined with …)`. */
export function sourceLocation(ref: SourceRef | undefined): string {
  if (!ref) return 'no source';
  const notes = quoteNotes(ref);
  return `${ref.document} ${lineText(ref)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** `line 52 (HTML tags removed)`: the document is named once per section, not on every row. */
export function shortLocation(ref: SourceRef | undefined): string {
  const notes = quoteNotes(ref);
  return `${lineText(ref)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** Enum values with their English meaning (the Chinese is the document line, shown once in its own column). */
export function enumText(field: FieldRow): string {
  return field.enumValues
    .map(({ value, meaning }) => {
      const english = meaning?.includes(' — ') ? meaning.slice(meaning.indexOf(' — ') + 3) : meaning;
      return english ? `${JSON.stringify(value)} = ${english}` : JSON.stringify(value);
    })
    .join('; ');
}

/** Format and other constraints, plus whether the value is a secret that outputs mask. */
export function constraintText(field: FieldRow): string {
  return [...field.constraints, ...(field.secret ? ['secret (x-secret: masked in outputs)'] : [])].join('; ');
}

export function operationText(review: ApiReview): string {
  return `${review.operation.method} ${review.operation.path}`;
}

/** One sentence per envelope property, for the lines above the error-code matrix. */
export function envelopeLines(review: ApiReview): string[] {
  const e = review.envelope;
  const kinds = Object.entries(e.violationCategories).map(([kind, cats]) => `${kind} → ${cats.join(', ')}`);
  return [
    `Code field \`${e.codeField}\`, message field \`${e.messageField}\`, success ${e.successCodes.join(', ')}.`,
    `Content-Type of every answer: \`${e.contentType}\`.`,
    `HTTP status of error answers: ${e.errorHttpStatus.documented ? 'documented' : 'not documented'}; the mock answers ${e.errorHttpStatus.mock}. ${e.errorHttpStatus.note}`,
    `Code categories a conformant server may answer, per kind of request violation (preferred first): ${kinds.join('; ')}.`,
  ];
}

/** Named examples of a code row: a range's one-per-code names fold into `first … last (10, one per code)`. */
export function exampleNames(examples: readonly string[]): string[] {
  return examples.length > 2 ? [examples[0]!, '…', examples.at(-1)!, `(${examples.length}, one per code)`] : [...examples];
}

/** What the backend lead has to do next, one sentence per item. */
export function todoLines(review: ApiReview): string[] {
  const c = review.counts;
  const open = review.questions.filter((q) => q.state === 'needs-vendor');
  const byPriority = questionPriorities.map((p) => [p, open.filter((q) => q.priority === p).length] as const).filter(([, n]) => n > 0);
  const lines: string[] = [];
  if (c.needsVendor) {
    lines.push(
      `Send the ${c.needsVendor} open question${c.needsVendor === 1 ? '' : 's'} (${byPriority.map(([p, n]) => `${n} ${priorityText[p]}`).join(', ')}) to ${review.api}: \`${review.api}.questions.md\` or \`${review.api}.questions.csv\` (Chinese, one closed question each). Record each answer in \`${review.specFile}\` as \`answer: { who, when, text, confirms }\` on its decision (\`confirms: true\` when the vendor confirms the decision as written: conformance then asserts it; \`false\` when they said otherwise: change the spec to the answer) and regenerate: the question leaves the list.`,
    );
  } else lines.push(`Nothing to ask ${review.api}: every question is answered.`);
  const contradicted = review.questions.filter((q) => q.state === 'contradicted').map((q) => q.id);
  if (contradicted.length) {
    lines.push(
      `Change \`${review.specFile}\` to the vendor's answer on ${contradicted.join(', ')} (the vendor said otherwise): the decision, and the schemas and codes it governs; then set \`answer.confirms: true\`. Until then lint fails and conformance does not check ${contradicted.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (c.deviations || c.stricter) {
    const covering = [...new Set(review.stricter.flatMap((s) => s.decisions.filter((d) => d.state === 'needs-vendor').map((d) => d.id)))].sort(compareDecisionIds);
    const stricter = c.stricter
      ? `The spec is stricter than the vendor's own example request in ${c.stricter} place${c.stricter === 1 ? '' : 's'}: conformance reports a server doing what the example does as information, never as a failure${covering.length ? ` (questions ${covering.join(', ')} ask the vendor about them)` : ''}.`
      : '';
    const other = c.deviations ? `The document's own examples break the spec in ${c.deviations} other place${c.deviations === 1 ? '' : 's'} (see the deviations below), each covered by a decision.` : '';
    lines.push([stricter, other].filter(Boolean).join(' '));
  }
  if (c.defaults) lines.push(`Review the ${c.defaults} default${c.defaults === 1 ? '' : 's'} we chose without asking (${review.questions.filter((q) => q.state === 'default').map((q) => q.id).join(', ')}).`);
  return lines;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** The heading of the section listing what the vendor's own example does that the spec refuses. */
export const STRICTER_HEADING = "Where our spec is stricter than the vendor's own example";

/** The places of a verbatim example shown in that section instead: `The 4 places where it breaks the spec (\`gender\`, …) are listed once, under`. */
export function inStricterText(paths: readonly string[]): string {
  const n = paths.length;
  return `The ${n === 1 ? 'place' : `${n} places`} where it breaks the spec (${paths.map(inlineCode).join(', ')}) ${n === 1 ? 'is' : 'are'} listed once, under`;
}

/** `lingju — 42 decisions: 17 need the vendor (5 blocking), …; conformance asserts 6, warns 12, does not check 24`. */
export function questionsHeading(review: ApiReview): string {
  const c = review.counts;
  const otherwise = c.contradicted ? `${c.contradicted} answered otherwise (spec to change), ` : '';
  return `${review.api} — ${c.decisions} decisions: ${c.needsVendor} need the vendor (${c.blocking} blocking), ${otherwise}${c.answered} answered, ${c.defaults} our defaults; conformance asserts ${c.asserted}, warns on ${c.warned}, does not check ${c.unchecked}`;
}

/** The rule side of a stricter-than-the-example row: `documented`, `documented (as read by L04)`, `decision W07 (warning)`. */
export function ruleLabel(row: StricterRow): string {
  const { rule } = row;
  if (rule.kind === 'documented') return rule.decision ? `documented (as read by decision ${rule.decision})` : 'documented';
  return `decision ${rule.decision} (${rule.stance === 'warn' ? 'a warning' : 'not checked'})`;
}

/** `line 62 (start of the line)`. */
export function exampleLocation(row: StricterRow): string {
  return `${shortLocation(row.example.source)}${row.example.startOfLine ? ' (start of the line)' : ''}`;
}

const gradeText: Record<StricterRow['withoutExample'], string> = { failure: 'a failure', warning: 'a warning', info: 'information' };

export function stricterConformance(row: StricterRow): string {
  return `information, never a failure (without the example: ${gradeText[row.withoutExample]})`;
}

export function stricterDecisions(row: StricterRow): string[] {
  return row.decisions.map((d) => `${d.id} (${stateText[d.state]})`);
}
