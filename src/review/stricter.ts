import { decisionState } from '../spec/decisions.ts';
import { gradeOf, type Grade } from '../spec/evidence.ts';
import { exampleContradictions, type ExampleContradiction } from '../spec/examples.ts';
import type { Contract } from '../spec/load.ts';
import { documentLines } from '../spec/quotes.ts';
import type { DecisionState, SourceRef, Stance } from '../spec/types.ts';
import { isSecretField, SECRET_MASK, type FieldRow } from './fields.ts';

/**
 * "Where our spec is stricter than the vendor's own example": every expectation the documents' own example exchange
 * contradicts (exampleContradictions), with both quotes — the rule's line (or its decision) and the example's text
 * and line. Conformance never fails a server for doing what the example does; this says where, and why.
 */
export interface StricterRow {
  /** The expectation (x-expectations key): enum, type, format, unknown-field, media-type … */
  key: string;
  /** Where in the example: `work_list/0/type`, `gender`, `Content-Type`. */
  path: string;
  /** What the example does there, in words (a secret field's value masked). */
  does: string;
  /** The example's own text on its document line, exactly as written; `startOfLine` when it is the line's beginning, cut. */
  example: { source: SourceRef; text: string; startOfLine: boolean };
  /** What the vendor answered to it, or that the document records no answer. */
  answered: string;
  /** What the spec expects, in words (x-expectations `says`). */
  says: string;
  /** The rule the spec holds a server to: the document's line (documented) or our decision. */
  rule: { kind: 'documented' | 'decision'; source: SourceRef; quote: string; decision?: string; stance?: Stance };
  /** The grade a server doing the same would get if the example did not show the vendor doing it. */
  withoutExample: Grade;
  /** Decisions about it, with what they are now (an open question here is on the vendor's list). */
  decisions: Array<{ id: string; state: DecisionState }>;
}

/** The example's text as the document writes it: the evidence's token, or the beginning of the line it cuts (a curl line). */
function exampleText(e: ExampleContradiction): StricterRow['example'] {
  const line = documentLines(e.source.document)[e.source.line - 1] ?? '';
  const text = e.source.text ?? '';
  const source = { document: e.source.document, line: e.source.line };
  if (text && line.includes(text)) return { source, text, startOfLine: false };
  // A curl line is cut and followed by what curl sends: keep only the document's own words, marked as its beginning.
  const head = text.split('…')[0]!.trimEnd();
  if (head && line.includes(head)) return { source, text: head, startOfLine: line.trimStart().startsWith(head) };
  return { source, text: line, startOfLine: false };
}

function doesText(e: ExampleContradiction, secret: boolean): string {
  const value = secret ? SECRET_MASK : JSON.stringify(e.value);
  switch (e.key) {
    case 'media-type':
      return `is sent as ${String(e.value)}${e.file.endsWith('.sh') ? " (the curl line sets no Content-Type, so curl sends its default for -d)" : ''}`;
    case 'unknown-field':
      return `sends "${e.path.split('/').pop()}" (${value}), a field the spec does not have`;
    default:
      return `sends ${value}`;
  }
}

function ruleOf(e: ExampleContradiction): StricterRow['rule'] {
  const b = e.specBasis;
  if (b.kind === 'decision') return { kind: 'decision', source: b.source, quote: b.quote, decision: b.decision, stance: b.stance };
  if (b.kind === 'documented') return { kind: 'documented', source: b.source, quote: b.source.text ?? '', ...(b.decision ? { decision: b.decision } : {}) };
  // expectationBasis never answers with the example itself; kept total for the type.
  return { kind: 'documented', source: b.source, quote: b.source.text ?? '' };
}

export function stricterRows(contract: Contract, fields: readonly FieldRow[]): StricterRow[] {
  const states = new Map(contract.decisions.map((d) => [d.id, decisionState(d)]));
  return exampleContradictions(contract).map((e) => {
    const secret = isSecretField(fields, 'request', e.pattern);
    return {
      key: e.key,
      path: e.path,
      does: doesText(e, secret),
      example: secret ? { ...exampleText(e), text: SECRET_MASK } : exampleText(e),
      answered: e.answered ?? '',
      says: e.says,
      rule: ruleOf(e),
      withoutExample: gradeOf(e.specBasis),
      decisions: e.decisions.map((id) => ({ id, state: states.get(id) ?? 'default' })),
    };
  });
}
