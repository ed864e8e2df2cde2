import path from 'node:path';
import { compareDecisionIds } from '../spec/decisions.ts';
import type { Contract } from '../spec/load.ts';
import { projectRoot } from '../spec/load.ts';
import { expectationOf } from '../spec/evidence.ts';
import { verbatimDeviations, verbatimExample } from '../spec/verbatim.ts';
import { fieldPatternOf } from '../spec/schema-tree.ts';
import { isSecretField, SECRET_MASK, type FieldRow } from './fields.ts';

/** One way a document's own example breaks the spec, with the decisions that explain it. */
export interface DeviationRow {
  kind: 'request' | 'response';
  /** The verbatim fixture, relative to the project root. */
  file: string;
  /** Instance path (`work_list/0/type`); `(body)` for the whole body. */
  path: string;
  keyword: string;
  expected: string;
  received: string;
  decisions: string[];
}

export interface VerbatimSummary {
  kind: 'request' | 'response';
  file: string;
  /** Deviations not shown elsewhere in the report. */
  deviations: DeviationRow[];
  /** Where the example deviates as listed in "stricter than the vendor's own example" (paths), shown there, once. */
  inStricter: string[];
}

/**
 * Decisions that explain a deviation at a field path: the field's own x-decision, `affects`, and the decisions linked to
 * the example there (`inExample`: the only link to a field the spec does not have, the example's "gender").
 */
function decisionsFor(contract: Contract, kind: DeviationRow['kind'], fieldPath: string, fields: readonly FieldRow[]): string[] {
  const field = fields.find((f) => f.path === fieldPath);
  const related = contract.decisions.filter((d) => d.affects?.includes(fieldPath) || d.inExample?.includes(fieldPath)).map((d) => d.id);
  // A field the spec does not have also rests on the decision about undocumented fields (request, or the envelope's).
  const unknown = kind === 'request' ? expectationOf(contract, 'unknown-field')?.decision : contract.envelope.extraFieldsDecision;
  const cited = field ? field.decisions : [unknown].filter((d) => d !== undefined);
  return [...new Set([...cited, ...related])].sort(compareDecisionIds);
}

/**
 * How each verbatim example of the document deviates from the spec. What the example request does that the spec
 * refuses (`stricter`: its rows, exampleContradictions — the same validation, plus the curl line's Content-Type) is
 * shown once, in "where our spec is stricter than the vendor's own example": here those rows are only named
 * (`inStricter`), and the rest are listed.
 */
export function verbatimSummaries(contract: Contract, fields: readonly FieldRow[], stricter: ReadonlyArray<{ path: string }>): VerbatimSummary[] {
  return (['request', 'response'] as const).map((kind) => {
    const example = verbatimExample(contract.api, kind);
    const file = path.relative(projectRoot, example.file);
    const inStricter = kind === 'request' ? stricter.map((s) => s.path) : [];
    const deviations: DeviationRow[] = verbatimDeviations(contract.api, kind)
      .filter((v) => !inStricter.includes(v.path))
      .map((v) => {
        const fieldPath = fieldPatternOf(v.path);
        const secret = isSecretField(fields, kind, fieldPath);
        return {
          kind,
          file,
          path: v.path || '(body)',
          keyword: v.keyword,
          expected: v.expected,
          received: secret ? SECRET_MASK : v.received,
          decisions: decisionsFor(contract, kind, fieldPath, fields.filter((f) => f.direction === kind)),
        };
      });
    return { kind, file, deviations, inStricter };
  });
}
