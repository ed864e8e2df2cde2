import type { EnvelopeContract, ErrorCodeEntry, ErrorEnvelope, ViolationKind } from './types.ts';

/** Pure helpers over the error-code table; no I/O, so the browser client can use them too. */

export function entryMatches(entry: ErrorCodeEntry, code: number): boolean {
  if (entry.code !== undefined) return entry.code === code;
  if (entry.range) return code >= entry.range.from && code <= entry.range.to;
  return false;
}

/** A row's codes as a label: "0", "20–29", or `other` for the row of codes the document does not list. */
export function entryLabel(entry: ErrorCodeEntry, other = 'any other code'): string {
  if (entry.code !== undefined) return String(entry.code);
  if (entry.range) return `${entry.range.from}–${entry.range.to}`;
  return other;
}

/** The table row for a code: an exact row or range first, then an `other` row if the table has one. */
export function lookupCode(contract: EnvelopeContract, code: unknown): ErrorCodeEntry | undefined {
  if (typeof code !== 'number' || !Number.isInteger(code)) return undefined;
  return contract.codes.find((e) => entryMatches(e, code)) ?? contract.codes.find((e) => e.other && !contract.envelope.successCodes.includes(code));
}

export function isSuccessCode(contract: { envelope: Pick<ErrorEnvelope, 'successCodes'> }, code: unknown): boolean {
  return typeof code === 'number' && contract.envelope.successCodes.includes(code);
}

/** Whether a table row says the server itself failed (the spec's serverFaultCategories); the `other` row never does. */
export function isServerFault(contract: EnvelopeContract, entry: ErrorCodeEntry): boolean {
  return !entry.other && contract.envelope.serverFaultCategories.includes(entry.category);
}

/** Every concrete code of an entry (a range expands; `other` gives its mock code if any). */
export function entryCodes(entry: ErrorCodeEntry): number[] {
  if (entry.code !== undefined) return [entry.code];
  if (entry.range) return Array.from({ length: entry.range.to - entry.range.from + 1 }, (_, i) => entry.range!.from + i);
  return entry.mockCode !== undefined ? [entry.mockCode] : [];
}

/** Every documented code, in table order. */
export function documentedCodes(contract: EnvelopeContract): number[] {
  return contract.codes.filter((e) => !e.other).flatMap(entryCodes);
}

/**
 * The codes a conformant server may answer for a kind of violation.
 * `anyError` is true when a category is "any undocumented code" (weidu): then every non-success integer is accepted.
 */
export interface AcceptedCodes {
  codes: number[];
  anyError: boolean;
  categories: string[];
}

export function acceptedCodes(contract: EnvelopeContract, kind: ViolationKind, field?: string): AcceptedCodes {
  const categories = [...contract.envelope.violationCategories[kind]];
  const entries = contract.codes.filter((e) => categories.includes(e.category));
  // A made-up credential gets the code whose table words name it (6 APPKEY无效 → appkey, 11 授权码无效 → authcode);
  // a tie that is only a decision's reading (fieldsDecision: 4 → appkey by L26) is no accepted answer for it.
  const tied = entries.filter((e) => e.fields?.length);
  const relevant = kind === 'credentials' && tied.length ? tied.filter((e) => !e.fieldsDecision && (!field || e.fields!.includes(field))) : entries;
  return toAccepted(relevant, categories);
}

function toAccepted(entries: readonly ErrorCodeEntry[], categories: string[]): AcceptedCodes {
  return { codes: entries.filter((e) => !e.other).flatMap(entryCodes), anyError: entries.some((e) => e.other), categories };
}

/** Every code of the credentials categories: what a server may answer when it refuses made-up credentials before looking at a field. */
export function credentialRefusalCodes(contract: EnvelopeContract): AcceptedCodes {
  const categories = [...contract.envelope.violationCategories.credentials];
  return toAccepted(contract.codes.filter((e) => categories.includes(e.category)), categories);
}

export function isAccepted(contract: EnvelopeContract, accepted: AcceptedCodes, code: unknown): boolean {
  if (typeof code !== 'number' || !Number.isInteger(code) || isSuccessCode(contract, code)) return false;
  return accepted.codes.includes(code) || accepted.anyError;
}

/** The one code the mock answers for a kind of violation: the first code of the preferred category. */
export function mockCodeFor(contract: EnvelopeContract, kind: ViolationKind, field?: string): number {
  const categories = contract.envelope.violationCategories[kind];
  for (const category of categories) {
    const entry = contract.codes.find(
      (e) => e.category === category && (!field || kind !== 'credentials' || e.fields?.includes(field)) && entryCodes(e).length > 0,
    );
    if (entry) return entryCodes(entry)[0]!;
  }
  throw new Error(`${contract.api}: no code in categories ${categories.join(', ')} for a ${kind} violation`);
}

/** The example name that carries a given code, if any. */
export function exampleForCode(contract: EnvelopeContract, code: number): string | undefined {
  const entry = lookupCode(contract, code);
  if (!entry) return undefined;
  if (entry.range) return entry.examples[code - entry.range.from];
  return entry.examples[0];
}

/** "6 — APPKEY无效 (Invalid appkey)" for messages and reports. */
export function describeCode(contract: EnvelopeContract, code: unknown): string {
  const entry = lookupCode(contract, code);
  return entry ? `${String(code)} — ${entry.zh} (${entry.en})` : `${JSON.stringify(code)} — not in the documented table`;
}
