import type { SourceRef } from '../spec/types.ts';
import type { FieldRow } from './fields.ts';
import type { ApiReview, ReviewCounts } from './model.ts';

/** Plain-text pieces shared by the Markdown and HTML renderers, so both say exactly the same thing. */

export const countColumns: Array<[keyof ReviewCounts, string]> = [
  ['requestFields', 'Request fields'],
  ['responseFields', 'Response fields'],
  ['codeRows', 'Code rows'],
  ['documentedCodes', 'Documented codes'],
  ['decisions', 'Decisions'],
  ['undecided', 'Undecided'],
  ['deviations', 'Verbatim deviations'],
];

export function sourceLocation(ref: SourceRef | undefined): string {
  return ref ? `${ref.document} line ${ref.line}` : 'no source';
}

export function enumText(field: FieldRow): string {
  return field.enumValues.map(({ value, meaning }) => (meaning ? `${JSON.stringify(value)} = ${meaning}` : JSON.stringify(value))).join('; ');
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

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
