import type { ErrorCodeEntry, ErrorEnvelope } from '../spec/types.ts';
import { codeTableChanges } from './code-table-rules.ts';
import { operationsOf, pointerOf, sameJson as same, type JsonObject, type SpecChange } from './types.ts';

/**
 * The project's rules for x-error-envelope: clients find the code and the message through it, so a change to
 * codeField, messageField or successCodes breaks every client; see code-table-rules.ts for x-error-codes.
 */

interface Operation {
  label: string;
  path: Array<string | number>;
  envelope?: ErrorEnvelope;
  codes?: ErrorCodeEntry[];
}

function operations(doc: JsonObject): Map<string, Operation> {
  return new Map(
    [...operationsOf(doc)].map(([label, { path, op }]) => {
      const codes = op['x-error-codes'];
      return [label, { label, path, envelope: op['x-error-envelope'] as ErrorEnvelope | undefined, codes: Array.isArray(codes) ? (codes as ErrorCodeEntry[]) : undefined }];
    }),
  );
}

const normalizeMediaType = (value: unknown) => String(value ?? '').toLowerCase().replace(/\s+/g, '');

function envelopeChanges(op: Operation, before: ErrorEnvelope, after: ErrorEnvelope): SpecChange[] {
  const out: SpecChange[] = [];
  const at = (...keys: string[]) => pointerOf([...op.path, 'x-error-envelope', ...keys]);
  const add = (change: Omit<SpecChange, 'origin'>) => out.push({ origin: 'envelope', ...change });
  for (const key of ['codeField', 'messageField'] as const) {
    if (before[key] !== after[key]) {
      add({ class: 'breaking', pointer: at(key), description: `${op.label}: ${key} changed from "${before[key]}" to "${after[key]}"`, reason: `clients read the ${key === 'codeField' ? 'code' : 'message'} from the old field`, before: before[key], after: after[key] });
    }
  }
  if (!same([...(before.successCodes ?? [])].sort(), [...(after.successCodes ?? [])].sort())) {
    add({ class: 'breaking', pointer: at('successCodes'), description: `${op.label}: success code(s) changed from ${JSON.stringify(before.successCodes)} to ${JSON.stringify(after.successCodes)}`, reason: 'clients decide success by this value', before: before.successCodes, after: after.successCodes });
  }
  if (before.contentType !== after.contentType) {
    const formatting = normalizeMediaType(before.contentType) === normalizeMediaType(after.contentType);
    add({
      class: formatting ? 'annotation' : 'breaking',
      pointer: at('contentType'),
      description: `${op.label}: documented Content-Type changed from "${before.contentType}" to "${after.contentType}"`,
      reason: formatting ? 'only case or spacing differs' : 'clients and conformance check the answer\'s media type',
      before: before.contentType,
      after: after.contentType,
    });
  }
  const statusBefore: Partial<ErrorEnvelope['errorHttpStatus']> = before.errorHttpStatus ?? {};
  const statusAfter: Partial<ErrorEnvelope['errorHttpStatus']> = after.errorHttpStatus ?? {};
  if (statusBefore.mock !== statusAfter.mock) {
    add({ class: 'breaking', pointer: at('errorHttpStatus', 'mock'), description: `${op.label}: the mock's HTTP status for error envelopes changed from ${statusBefore.mock} to ${statusAfter.mock}`, reason: 'clients developed against the mock read error envelopes on the old status', before: statusBefore.mock, after: statusAfter.mock });
  }
  if (statusBefore.documented !== statusAfter.documented) {
    add({ class: 'non-breaking', pointer: at('errorHttpStatus', 'documented'), description: `${op.label}: HTTP status of error answers is now ${statusAfter.documented ? 'documented' : 'undocumented'}`, before: statusBefore.documented, after: statusAfter.documented });
  }
  for (const kind of new Set([...Object.keys(before.violationCategories ?? {}), ...Object.keys(after.violationCategories ?? {})])) {
    const b = (before.violationCategories as Record<string, unknown> | undefined)?.[kind];
    const a = (after.violationCategories as Record<string, unknown> | undefined)?.[kind];
    if (!same(b, a)) {
      add({ class: 'non-breaking', pointer: at('violationCategories', kind), description: `${op.label}: accepted code categories for a ${kind} violation changed from ${JSON.stringify(b ?? [])} to ${JSON.stringify(a ?? [])}`, reason: 'changes what conformance accepts and what the mock answers, not the envelope', before: b, after: a });
    }
  }
  const judged = new Set(['codeField', 'messageField', 'successCodes', 'contentType', 'errorHttpStatus', 'violationCategories']);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (judged.has(key)) {
      if (key === 'errorHttpStatus' && statusBefore.note !== statusAfter.note) add({ class: 'annotation', pointer: at(key, 'note'), description: `${op.label}: errorHttpStatus note changed`, before: statusBefore.note, after: statusAfter.note });
      continue;
    }
    const b = (before as unknown as JsonObject)[key];
    const a = (after as unknown as JsonObject)[key];
    if (!same(b, a)) add({ class: 'annotation', pointer: at(key), description: `${op.label}: x-error-envelope ${key} changed`, before: b, after: a });
  }
  return out;
}

/** Every change to the envelope and error-code table of the operations both documents have. */
export function envelopeRuleChanges(beforeDoc: JsonObject, afterDoc: JsonObject): SpecChange[] {
  const before = operations(beforeDoc);
  const after = operations(afterDoc);
  const out: SpecChange[] = [];
  for (const [label, old] of before) {
    const now = after.get(label);
    if (!now) continue; // a removed operation is reported by the structural diff
    const pointer = pointerOf([...old.path, 'x-error-envelope']);
    if (old.envelope && !now.envelope) out.push({ origin: 'envelope', class: 'breaking', pointer, description: `${label}: x-error-envelope removed`, reason: 'clients no longer know where the code is' });
    else if (!old.envelope && now.envelope) out.push({ origin: 'envelope', class: 'non-breaking', pointer, description: `${label}: x-error-envelope added` });
    else if (old.envelope && now.envelope) out.push(...envelopeChanges(old, old.envelope, now.envelope));
    out.push(...codeTableChanges(label, old.path, old.codes ?? [], now.codes ?? []));
  }
  return out;
}
