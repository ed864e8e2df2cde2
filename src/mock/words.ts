import { fieldAt, type FieldFacts, type SchemaSource } from '../spec/prepared.ts';
import type { ViolationKind } from '../spec/types.ts';
import type { Violation } from '../validation/violations.ts';
import { walkViolations, type ViolationList } from '../validation/walk.ts';
import { shorten } from './answers.ts';

/** The kinds a request violation can be (credentials are checked separately, on valid requests). */
export type RequestViolationKind = Exclude<ViolationKind, 'credentials'>;

/** Most severe first: the envelope reports the most severe kind present. */
const SEVERITY: readonly RequestViolationKind[] = ['body', 'required', 'optional'];

/** Violations listed in a message before "… and N more"; the message is capped too. */
export const MAX_LISTED = 10;
export const MAX_MESSAGE_CHARS = 1000;
/**
 * Violations collected per request, at most: validation stops there, so a hostile body (40,000 bad items)
 * costs about what a body with 100 bad fields costs. The envelope's code is decided from these.
 */
export const MAX_COLLECTED = 100;

/** The mock's validation of a parsed request body: at most MAX_COLLECTED violations; never throws. */
export function boundedViolations(schemas: SchemaSource, pointer: string, body: unknown): ViolationList {
  try {
    return walkViolations(schemas, pointer, body, MAX_COLLECTED);
  } catch (error) {
    // Not expected (the walk is bounded by the schema's depth); still an answer rather than a 500.
    const received = `a body the validator cannot read (${(error as Error)?.message ?? String(error)})`;
    return { violations: [{ path: '', keyword: 'body', expected: 'a JSON object', received, message: `(body): expected a JSON object, received ${received}` }], complete: true };
  }
}

/**
 * The property a violation path is about: the last named property (`work_list/0` → work_list, since an
 * item's required-ness is its array's); undefined when the spec has no such field.
 */
function propertyAt(fields: FieldFacts, path: string): FieldFacts | undefined {
  return fieldAt(fields, path.replace(/(\/\d+)+$/, ''));
}

/**
 * Which kind a violation is, from the schema: the whole body or an undocumented field → body;
 * a field its parent object requires → required; any other field → optional.
 */
export function violationKind(fields: FieldFacts, violation: Violation): RequestViolationKind {
  if (violation.path === '' || violation.keyword === 'additionalProperties') return 'body';
  const property = propertyAt(fields, violation.path);
  if (!property) return 'body';
  return property.required ? 'required' : 'optional';
}

export function mostSevereKind(fields: FieldFacts, violations: readonly Violation[]): RequestViolationKind {
  const kinds = new Set(violations.map((v) => violationKind(fields, v)));
  return SEVERITY.find((k) => kinds.has(k)) ?? 'body';
}

/** The violation's sentence, without echoing the value of a field the spec marks x-secret. */
function plainWords(fields: FieldFacts, violation: Violation): string {
  const shown = !['', 'nothing', 'string ""'].includes(violation.received);
  if (!shown || !violation.path || !propertyAt(fields, violation.path)?.secret) return violation.message;
  const at = violation.message.lastIndexOf(violation.received);
  const masked = `${violation.received.split(' ')[0]} (value not shown: secret)`;
  return at < 0 ? `${violation.path}: ${masked}` : `${violation.message.slice(0, at)}${masked}`;
}

/**
 * All violations in plain words for the envelope's message field: at most MAX_LISTED, at most MAX_MESSAGE_CHARS.
 * `complete: false` — collection stopped at MAX_COLLECTED, so the count is a lower bound.
 */
export function describeViolations(fields: FieldFacts, violations: readonly Violation[], complete = true): string {
  const listed = violations.slice(0, MAX_LISTED).map((v) => plainWords(fields, v));
  let text = listed.join('; ');
  const more = violations.length - listed.length;
  if (!complete) text += `; … and at least ${more + 1} more (the mock stops validating after ${violations.length})`;
  else if (more > 0) text += `; … and ${more} more`;
  return shorten(text, MAX_MESSAGE_CHARS);
}
