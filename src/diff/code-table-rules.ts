import { entryCodes } from '../spec/codes.ts';
import type { ErrorCodeEntry } from '../spec/types.ts';
import { pointerOf, sameJson as same, type ChangeClass, type SpecChange } from './types.ts';

/**
 * The project's rules for x-error-codes, for clients that handle codes exhaustively (a switch over the generated
 * code union, or a response validator built from the old spec):
 * - a removed code, a renamed code (same text, new value) or a changed range is breaking;
 * - an ADDED code is breaking too: it fails the old response schema (lingju enumerates its codes) and an exhaustive
 *   switch no longer covers every case; api-smart-diff judges a widened response enum the same way. The exception is a
 *   table that already had an "any other code" row (weidu): its clients must already handle unknown codes, so there
 *   an added code is non-breaking;
 * - a changed category is breaking (clients and conformance branch on it); other attributes are non-breaking or annotations.
 */

type Path = Array<string | number>;

const keyOf = (e: ErrorCodeEntry) => (e.code !== undefined ? `code ${e.code}` : e.range ? `range ${e.range.from}-${e.range.to}` : 'other');
const labelOf = (e: ErrorCodeEntry) => (e.code !== undefined ? `code ${e.code}` : e.range ? `codes ${e.range.from}–${e.range.to}` : 'the "any other code" row');
const describeEntry = (e: ErrorCodeEntry) => `${labelOf(e)} (${e.zh}${e.en ? `, ${e.en}` : ''})`;

/** Attribute → class and reason, for a row that exists on both sides. */
const ATTRIBUTE_RULES: Record<string, { class: ChangeClass; reason?: string }> = {
  category: { class: 'breaking', reason: 'clients, the mock and conformance branch on the code category' },
  zh: { class: 'non-breaking', reason: "the document's own meaning of the code changed; check that client handling still fits" },
  provokable: { class: 'non-breaking', reason: 'changes what conformance expects to provoke' },
  fields: { class: 'non-breaking', reason: 'changes which request fields the code is about' },
  mockCode: { class: 'non-breaking', reason: 'the mock answers invalid requests with another code; the table already admits any code' },
};

function attributeChanges(label: string, at: string, before: ErrorCodeEntry, after: ErrorCodeEntry): SpecChange[] {
  const out: SpecChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !['code', 'range', 'other'].includes(k)));
  for (const key of keys) {
    const b = (before as unknown as Record<string, unknown>)[key];
    const a = (after as unknown as Record<string, unknown>)[key];
    if (same(b, a)) continue;
    const rule = ATTRIBUTE_RULES[key] ?? { class: 'annotation' as const };
    out.push({ origin: 'error-codes', class: rule.class, pointer: `${at}/${key}`, description: `${label}: ${labelOf(before)} ${key} changed from ${JSON.stringify(b)} to ${JSON.stringify(a)}`, reason: rule.reason, before: b, after: a });
  }
  return out;
}

export function codeTableChanges(label: string, opPath: Path, before: readonly ErrorCodeEntry[], after: readonly ErrorCodeEntry[]): SpecChange[] {
  const out: SpecChange[] = [];
  const at = (index: number) => pointerOf([...opPath, 'x-error-codes', index]);
  const change = (c: Omit<SpecChange, 'origin'>) => out.push({ origin: 'error-codes', ...c });
  const afterByKey = new Map(after.map((e, i) => [keyOf(e), i]));
  const beforeKeys = new Set(before.map(keyOf));
  const wasOpen = before.some((e) => e.other);

  // Rows on both sides (by code, range or "other"): compare their attributes.
  before.forEach((e, i) => {
    const j = afterByKey.get(keyOf(e));
    if (j !== undefined) out.push(...attributeChanges(label, at(i), e, after[j]!));
  });

  const removed = before.map((e, i) => ({ e, i })).filter(({ e }) => !afterByKey.has(keyOf(e)));
  const added = after.map((e, i) => ({ e, i })).filter(({ e }) => !beforeKeys.has(keyOf(e)));

  // A row that reappears with the same text under another value is a renamed code or a changed range.
  for (const old of [...removed]) {
    if (old.e.other) continue;
    const match = added.find(({ e }) => !e.other && Boolean(e.range) === Boolean(old.e.range) && (e.zh === old.e.zh || (old.e.range && e.category === old.e.category)));
    if (!match) continue;
    removed.splice(removed.indexOf(old), 1);
    added.splice(added.indexOf(match), 1);
    change({ class: 'breaking', pointer: at(old.i), description: `${label}: ${describeEntry(old.e)} ${old.e.range ? 'changed to' : 'renamed to'} ${labelOf(match.e)}`, reason: 'clients that handle codes exhaustively match the old value', before: old.e.code ?? old.e.range, after: match.e.code ?? match.e.range });
    out.push(...attributeChanges(label, at(old.i), old.e, match.e).filter((c) => !c.pointer.endsWith('/examples')));
  }

  const beforeCodes = new Set(before.filter((e) => !e.other).flatMap(entryCodes));
  const afterCodes = new Set(after.filter((e) => !e.other).flatMap(entryCodes));
  for (const { e, i } of removed) {
    if (e.other) {
      change({ class: 'non-breaking', pointer: at(i), description: `${label}: ${describeEntry(e)} removed; only documented codes may come back now`, reason: 'fewer possible codes cannot surprise a client', before: e });
      continue;
    }
    const gone = entryCodes(e).filter((c) => !afterCodes.has(c));
    if (gone.length) change({ class: 'breaking', pointer: at(i), description: `${label}: ${describeEntry(e)} removed${gone.length < entryCodes(e).length ? ` (codes ${gone.join(', ')} no longer documented)` : ''}`, reason: 'clients that handle codes exhaustively lose a documented case', before: e });
    else change({ class: 'annotation', pointer: at(i), description: `${label}: ${labelOf(e)} row merged into another row; every code stays documented`, before: e });
  }
  for (const { e, i } of added) {
    if (e.other) {
      change({ class: 'breaking', pointer: at(i), description: `${label}: ${describeEntry(e)} added; any undocumented code may come back now`, reason: 'clients that handle codes exhaustively meet codes they have never seen', after: e });
      continue;
    }
    const fresh = entryCodes(e).filter((c) => !beforeCodes.has(c));
    if (!fresh.length) change({ class: 'annotation', pointer: at(i), description: `${label}: ${labelOf(e)} row split from another row; no new code`, after: e });
    else if (wasOpen) change({ class: 'non-breaking', pointer: at(i), description: `${label}: ${describeEntry(e)} added`, reason: 'the table already had an "any other code" row, so clients already handle unknown codes', after: e });
    else change({ class: 'breaking', pointer: at(i), description: `${label}: ${describeEntry(e)} added`, reason: 'an exhaustive switch over the old codes misses it, and a validator built from the old spec rejects it', after: e });
  }
  return out;
}
