import type { ValidationError } from '../spec/prepared.ts';

/** One schema violation as data: where, which keyword, and a sentence a person can act on. */
export interface Violation {
  /** JSON-pointer-like path without the leading slash, e.g. `work_list/0/file_infos/1/size`; "" is the body itself. */
  path: string;
  keyword: string;
  expected: string;
  received: string;
  message: string;
}

const MAX_RECEIVED = 60;

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  const kind = Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = '(too deeply nested to print)'; // JSON.stringify overflows the stack on hostile nesting
  }
  if (text.length > MAX_RECEIVED) text = `${text.slice(0, MAX_RECEIVED - 1)}…`;
  return `${kind} ${text}`;
}

function expectedText(e: ValidationError): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `type ${String(p.type)}`;
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return p.format === 'date' ? 'format date (yyyy-MM-dd, a real calendar date)' : `format ${String(p.format)}`;
    case 'required':
      return 'a value (required field)';
    case 'additionalProperties':
      return 'no such field (not documented)';
    case 'minLength':
      return p.limit === 1 ? 'a non-empty string' : `at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `at most ${String(p.limit)} characters`;
    case 'minimum':
    case 'maximum':
      return `${e.keyword === 'minimum' ? '>=' : '<='} ${String(p.limit)}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Convert ajv errors (compiled with `verbose: true`) to violations; the single converter used everywhere. */
export function toViolations(errors: readonly ValidationError[] | null | undefined): Violation[] {
  const all = (errors ?? []).map((e): Violation => {
    const p = e.params as Record<string, unknown>;
    let path = e.instancePath.replace(/^\//, '');
    let received: unknown = e.data;
    if (e.keyword === 'required') {
      path = path ? `${path}/${String(p.missingProperty)}` : String(p.missingProperty);
      received = undefined;
    } else if (e.keyword === 'additionalProperties') {
      const name = String(p.additionalProperty);
      path = path ? `${path}/${name}` : name;
      received = (e.data as Record<string, unknown> | undefined)?.[name];
    }
    const expected = expectedText(e);
    const receivedText = describeValue(received);
    return { path, keyword: e.keyword, expected, received: receivedText, message: `${path || '(body)'}: expected ${expected}, received ${receivedText}` };
  });
  // A wrong type makes enum/format/range errors at the same path noise: keep the type error alone.
  const mistyped = new Set(all.filter((v) => v.keyword === 'type').map((v) => v.path));
  return all.filter((v) => v.keyword === 'type' || !mistyped.has(v.path));
}

/** One line for all violations, e.g. for an envelope's message field. */
export function summarizeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => v.message).join('; ');
}
