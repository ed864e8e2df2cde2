import { checkCatalogue, checkCategories } from '../spec/check-catalogue.ts';
import { entryCodes, entryLabel } from '../spec/codes.ts';
import type { Contract } from '../spec/load.ts';
import type { ErrorCodeEntry, SourceRef } from '../spec/types.ts';

/** One row of an API's error-code matrix: a code, a range, or "any other code". */
export interface CodeRow {
  /** `6`, `20–29`, or `any other`. */
  label: string;
  /** The concrete codes of the row (a range expands; `other` gives the mock's code). */
  codes: number[];
  /** True for the "any other code" row of a table whose codes the document does not list. */
  other: boolean;
  zh: string;
  en: string;
  category: string;
  /** Named 200-response examples that carry the code (`Prefer: example=NAME` on the mock). */
  examples: string[];
  mockCode?: number;
  /** Conformance checks that provoke this row's category on this API. */
  checks: string[];
  provokable: boolean;
  fields: string[];
  decision?: string;
  note?: string;
  source: SourceRef;
}

/** The matrix's label of a row ("any other" for the row of unlisted codes, beside the code column). */
export const codeLabel = (entry: ErrorCodeEntry): string => entryLabel(entry, 'any other');

/** The checks of the conformance catalogue that provoke a code category on this API. */
export function checksForCategory(contract: Contract, category: string): string[] {
  return checkCatalogue.filter((check) => checkCategories(check, contract).includes(category)).map((check) => check.name);
}

export function codeRows(contract: Contract): CodeRow[] {
  return contract.codes.map((entry) => ({
    label: codeLabel(entry),
    codes: entryCodes(entry),
    other: entry.other === true,
    zh: entry.zh,
    en: entry.en,
    category: entry.category,
    examples: [...entry.examples],
    mockCode: entry.mockCode,
    checks: checksForCategory(contract, entry.category),
    provokable: entry.provokable,
    fields: [...(entry.fields ?? [])],
    decision: entry.decision,
    note: entry.note,
    source: entry.source,
  }));
}
