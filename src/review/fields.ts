import { resolvePointer, type Contract, type JsonObject } from '../spec/load.ts';
import type { SourceRef } from '../spec/types.ts';

/** One schema property of a request or response body, nested ones included, as a reviewer reads it. */
export interface FieldRow {
  direction: 'request' | 'response';
  // `work_list/*/file_infos/*/size`: the same notation as a decision's `affects`.
  path: string;
  /** The component schema that declares the property (`FileInfo`). */
  schema: string;
  type: string;
  required: boolean;
  /** Constraints beyond the type: `format date`, `minLength 1`, … */
  constraints: string[];
  enumValues: Array<{ value: unknown; meaning?: string }>;
  zh: string;
  en: string;
  source?: SourceRef;
  decisions: string[];
  secret: boolean;
}

/** What the review shows instead of a secret field's value (x-secret), wherever a value of the examples appears. */
export const SECRET_MASK = '*** (secret)';

/** Whether the field at a pattern (`appkey`) of one body is secret. */
export const isSecretField = (fields: readonly FieldRow[], direction: FieldRow['direction'], pattern: string): boolean =>
  fields.some((f) => f.direction === direction && f.path === pattern && f.secret);

const CONSTRAINT_KEYWORDS = ['format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;

/** A bilingual description is "中文\n\nEnglish"; the Chinese part is the document's own text. */
export function splitDescription(description: unknown): { zh: string; en: string } {
  const text = typeof description === 'string' ? description : '';
  const at = text.indexOf('\n\n');
  return at < 0 ? { zh: text, en: '' } : { zh: text.slice(0, at).trim(), en: text.slice(at + 2).trim() };
}

function refName(schema: JsonObject): string | undefined {
  const ref = schema.$ref;
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
}

function typeText(doc: JsonObject, schema: JsonObject): string {
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as JsonObject;
    const name = refName(items);
    return `array of ${name ?? typeText(doc, items)}`;
  }
  const name = refName(schema);
  if (name) return name;
  return Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
}

/** Walk an object schema (following $ref and array items) and list every property, parents before children. */
function walk(doc: JsonObject, pointer: string, prefix: string, direction: FieldRow['direction'], rows: FieldRow[], seen: Set<string>): void {
  if (seen.has(pointer)) return; // a recursive schema is listed once
  const schema = resolvePointer(doc, pointer);
  const schemaName = pointer.split('/').pop() ?? pointer;
  const required = new Set((schema.required ?? []) as string[]);
  for (const [name, raw] of Object.entries((schema.properties ?? {}) as Record<string, JsonObject>)) {
    const path = prefix ? `${prefix}/${name}` : name;
    const property = raw.$ref ? { ...resolvePointer(doc, raw.$ref as string), ...raw } : raw;
    const enumValues = Array.isArray(property.enum) ? (property.enum as unknown[]) : [];
    const meanings = (property['x-enumDescriptions'] ?? {}) as Record<string, string>;
    rows.push({
      direction,
      path,
      schema: schemaName,
      type: typeText(doc, raw),
      required: required.has(name),
      constraints: CONSTRAINT_KEYWORDS.filter((k) => property[k] !== undefined).map((k) => `${k} ${String(property[k])}`),
      enumValues: enumValues.map((value) => ({ value, meaning: meanings[String(value)] })),
      ...splitDescription(property.description),
      source: property['x-source'] as SourceRef | undefined,
      decisions: (property['x-decision'] ?? []) as string[],
      secret: property['x-secret'] === true,
    });
    const items = property.type === 'array' ? ((property.items ?? {}) as JsonObject) : undefined;
    const child = items?.$ref ?? raw.$ref;
    if (typeof child === 'string') walk(doc, child, items ? `${path}/*` : path, direction, rows, new Set([...seen, pointer]));
  }
}

/** Every field of the request body, then every field of the response envelope. */
export function fieldRows(contract: Contract): FieldRow[] {
  const rows: FieldRow[] = [];
  walk(contract.doc, contract.requestSchemaPointer, '', 'request', rows, new Set());
  walk(contract.doc, contract.responseSchemaPointer, '', 'response', rows, new Set());
  return rows;
}
