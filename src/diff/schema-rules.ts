import type { ErrorEnvelope } from '../spec/types.ts';
import { operationsOf, pointerOf, type JsonObject, type OperationAt as Operation, type SpecChange } from './types.ts';

/**
 * The project's rules for the body properties that clients of these APIs depend on, where api-smart-diff's general
 * rules are too lenient:
 * - a request property removed from an object with `additionalProperties: false` is breaking: a client that still
 *   sends it is refused; a renamed property (removed and added with the same schema) is breaking whatever the object;
 * - the envelope's code and message fields (x-error-envelope.codeField / messageField) must stay in the response
 *   schema with their type: a renamed, removed or retyped one is breaking, even when the envelope still names it.
 * Each rule also returns the pointers of api-smart-diff's changes it judges instead (they are dropped from the report).
 */

type Path = Array<string | number>;

export interface RuleResult {
  changes: SpecChange[];
  /** Pointers of structural changes these rules replace. */
  covers: Set<string>;
}

function deref(doc: JsonObject, schema: unknown, seen = new Set<string>()): JsonObject | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const ref = (schema as JsonObject).$ref;
  if (typeof ref !== 'string') return schema as JsonObject;
  if (!ref.startsWith('#/') || seen.has(ref)) return undefined;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) node = node && typeof node === 'object' ? (node as JsonObject)[part] : undefined;
  return deref(doc, node, new Set([...seen, ref]));
}

const properties = (schema: JsonObject | undefined) => (schema?.properties && typeof schema.properties === 'object' ? (schema.properties as Record<string, unknown>) : {});

/** What identifies a property's shape, whatever its name and description: a rename keeps it. */
function shape(doc: JsonObject, schema: unknown): string {
  const s = deref(doc, schema) ?? {};
  const items = s.items ? shape(doc, s.items) : undefined;
  return JSON.stringify({ type: s.type, enum: s.enum, format: s.format, items, properties: Object.keys(properties(s)).sort() });
}

function typeOf(doc: JsonObject, schema: unknown): string {
  const s = deref(doc, schema);
  return JSON.stringify(s?.type ?? (s?.properties ? 'object' : 'any'));
}

const content = (node: unknown) => ((node as JsonObject | undefined)?.content ?? {}) as Record<string, JsonObject>;

/** Pair removed and added names of one object whose schemas have the same shape: renames. */
function pairRenames(doc: { before: JsonObject; after: JsonObject }, removed: string[], added: string[], before: Record<string, unknown>, after: Record<string, unknown>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const free = [...added];
  for (const name of removed) {
    const match = free.find((candidate) => shape(doc.before, before[name]) === shape(doc.after, after[candidate]));
    if (match) {
      pairs.push([name, match]);
      free.splice(free.indexOf(match), 1);
    }
  }
  return pairs;
}

/** Walk the request schema of both sides in step: nested objects and array items included. */
function walkRequest(docs: { before: JsonObject; after: JsonObject }, label: string, at: Path, fieldPath: string, beforeRaw: unknown, afterRaw: unknown, out: RuleResult, depth = 0): void {
  const before = deref(docs.before, beforeRaw);
  const after = deref(docs.after, afterRaw);
  if (!before || !after || depth > 20) return;
  if (before.items || after.items) walkRequest(docs, label, [...at, 'items'], `${fieldPath}[]`, before.items, after.items, out, depth + 1);
  const was = properties(before);
  const now = properties(after);
  const removed = Object.keys(was).filter((n) => !(n in now));
  const added = Object.keys(now).filter((n) => !(n in was));
  const closed = after.additionalProperties === false;
  const name = (n: string) => (fieldPath ? `${fieldPath}.${n}` : n);
  const renames = pairRenames(docs, removed, added, was, now);
  for (const [old, fresh] of renames) {
    const pointer = pointerOf([...at, 'properties', old]);
    out.covers.add(pointer).add(pointerOf([...at, 'properties', fresh]));
    out.changes.push({
      origin: 'structure',
      class: 'breaking',
      pointer,
      description: `${label}: request property \`${name(old)}\` renamed to \`${name(fresh)}\``,
      reason: closed ? `clients still send \`${old}\`, and the object rejects unknown properties (additionalProperties: false)` : `clients still send \`${old}\`, which the server no longer reads`,
      before: old,
      after: fresh,
    });
  }
  for (const old of removed.filter((n) => !renames.some(([r]) => r === n))) {
    if (!closed) continue; // an open object ignores it: api-smart-diff's non-breaking stands
    const pointer = pointerOf([...at, 'properties', old]);
    out.covers.add(pointer);
    out.changes.push({ origin: 'structure', class: 'breaking', pointer, description: `${label}: request property \`${name(old)}\` removed`, reason: `the object rejects unknown properties (additionalProperties: false), so clients that still send \`${old}\` are refused`, before: old });
  }
  for (const n of Object.keys(was).filter((k) => k in now)) walkRequest(docs, label, [...at, 'properties', n], name(n), was[n], now[n], out, depth + 1);
}

function requestChanges(docs: { before: JsonObject; after: JsonObject }, old: Operation, now: Operation, out: RuleResult): void {
  const was = content(deref(docs.before, old.op.requestBody));
  const is = content(deref(docs.after, now.op.requestBody));
  for (const media of Object.keys(was).filter((m) => m in is)) {
    walkRequest(docs, old.label, [...old.path, 'requestBody', 'content', media, 'schema'], '', was[media]!.schema, is[media]!.schema, out);
  }
}

function responseSchema(doc: JsonObject, op: JsonObject): { media?: string; schema?: JsonObject } {
  const ok = content(deref(doc, (op.responses as JsonObject | undefined)?.['200']));
  const media = Object.keys(ok)[0];
  return { media, schema: media ? deref(doc, ok[media]!.schema) : undefined };
}

function envelopeFieldChanges(docs: { before: JsonObject; after: JsonObject }, old: Operation, now: Operation, out: RuleResult): void {
  const envBefore = old.op['x-error-envelope'] as ErrorEnvelope | undefined;
  const envAfter = now.op['x-error-envelope'] as ErrorEnvelope | undefined;
  if (!envBefore || !envAfter) return;
  const before = responseSchema(docs.before, old.op);
  const after = responseSchema(docs.after, now.op);
  if (!before.schema || !after.schema || !before.media) return;
  const was = properties(before.schema);
  const is = properties(after.schema);
  const at = (name: string) => pointerOf([...old.path, 'responses', '200', 'content', before.media!, 'schema', 'properties', name]);
  for (const key of ['codeField', 'messageField'] as const) {
    const role = key === 'codeField' ? 'code field' : 'message field';
    const oldName = envBefore[key];
    const newName = envAfter[key];
    if (!(oldName in was)) continue; // the old spec was already inconsistent; lint reports it
    if (newName in is) {
      // A field renamed together with the envelope's name for it: the envelope rules report the breaking change once.
      if (newName !== oldName && !(oldName in is) && !(newName in was)) out.covers.add(at(oldName)).add(at(newName));
      if (oldName === newName && typeOf(docs.before, was[oldName]) !== typeOf(docs.after, is[newName])) {
        out.changes.push({ origin: 'envelope', class: 'breaking', pointer: at(oldName), description: `${old.label}: the envelope's ${role} \`${oldName}\` changed type from ${typeOf(docs.before, was[oldName])} to ${typeOf(docs.after, is[newName])}`, reason: `clients read the ${role === 'code field' ? 'code' : 'message'} as the old type`, before: typeOf(docs.before, was[oldName]), after: typeOf(docs.after, is[newName]) });
      }
      continue; // a changed field name is reported by the envelope rules
    }
    const fresh = Object.keys(is).find((n) => !(n in was) && shape(docs.before, was[oldName]) === shape(docs.after, is[n]));
    out.covers.add(at(oldName));
    if (fresh) out.covers.add(at(fresh));
    out.changes.push({
      origin: 'envelope',
      class: 'breaking',
      pointer: at(oldName),
      description: `${old.label}: the envelope's ${role} \`${oldName}\` ${fresh ? `renamed to \`${fresh}\`` : 'removed'} in the response schema${newName === oldName ? ` (x-error-envelope.${key} still names \`${oldName}\`)` : ''}`,
      reason: `clients read the ${role === 'code field' ? 'code' : 'message'} from \`${oldName}\``,
      before: oldName,
      after: fresh,
    });
  }
}

/** Request properties and envelope fields of the operations both documents have. */
export function schemaRuleChanges(before: JsonObject, after: JsonObject): RuleResult {
  const out: RuleResult = { changes: [], covers: new Set() };
  const docs = { before, after };
  const now = operationsOf(after);
  for (const [label, old] of operationsOf(before)) {
    const next = now.get(label);
    if (!next) continue;
    requestChanges(docs, old, next, out);
    envelopeFieldChanges(docs, old, next, out);
  }
  return out;
}
