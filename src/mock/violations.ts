import type { Contract } from '../spec/load.ts';
import { nodeAtPath, requestTree, type FieldNode } from '../spec/schema-tree.ts';
import type { ViolationKind } from '../spec/types.ts';
import { collectViolations, describeValue, type Violation, type ViolationList } from '../validation/index.ts';

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

/**
 * The property a violation path is about: the last named property (`work_list/0` → work_list, since an
 * item's required-ness is its array's); undefined when the spec has no such field.
 */
function propertyAt(contract: Contract, path: string): FieldNode | undefined {
  return nodeAtPath(requestTree(contract), path.replace(/(\/\d+)+$/, ''));
}

/**
 * Which kind a violation is, from the schema: the whole body or an undocumented field → body;
 * a field its parent object requires → required; any other field → optional.
 */
export function violationKind(contract: Contract, violation: Violation): RequestViolationKind {
  if (violation.path === '' || violation.keyword === 'additionalProperties') return 'body';
  const property = propertyAt(contract, violation.path);
  if (!property) return 'body';
  return property.required ? 'required' : 'optional';
}

export function mostSevereKind(contract: Contract, violations: readonly Violation[]): RequestViolationKind {
  const kinds = new Set(violations.map((v) => violationKind(contract, v)));
  return SEVERITY.find((k) => kinds.has(k)) ?? 'body';
}

/** The violation's sentence, without echoing the value of a field the spec marks x-secret. */
function plainWords(contract: Contract, violation: Violation): string {
  const shown = !['', 'nothing', 'string ""'].includes(violation.received);
  if (!shown || !violation.path || !propertyAt(contract, violation.path)?.secret) return violation.message;
  const at = violation.message.lastIndexOf(violation.received);
  const masked = `${violation.received.split(' ')[0]} (value not shown: secret)`;
  return at < 0 ? `${violation.path}: ${masked}` : `${violation.message.slice(0, at)}${masked}`;
}

/**
 * All violations in plain words for the envelope's message field: at most MAX_LISTED, at most MAX_MESSAGE_CHARS.
 * `complete: false` — collection stopped at MAX_COLLECTED, so the count is a lower bound.
 */
export function describeViolations(contract: Contract, violations: readonly Violation[], complete = true): string {
  const listed = violations.slice(0, MAX_LISTED).map((v) => plainWords(contract, v));
  let text = listed.join('; ');
  const more = violations.length - listed.length;
  if (!complete) text += `; … and at least ${more + 1} more (the mock stops validating after ${violations.length})`;
  else if (more > 0) text += `; … and ${more} more`;
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

/** The mock's validation of a parsed JSON body: bounded (at most MAX_COLLECTED violations), never throws. */
export function requestViolationList(contract: Contract, body: unknown): ViolationList {
  try {
    return collectViolations(contract.api, 'request', body, MAX_COLLECTED);
  } catch (error) {
    // Not expected (the walk is bounded by the schema's depth); still an answer rather than a 500.
    const received = `a body the validator cannot read (${(error as Error)?.message ?? String(error)})`;
    return { violations: [{ path: '', keyword: 'body', expected: 'a JSON object', received, message: `(body): expected a JSON object, received ${received}` }], complete: true };
  }
}

/** Prism's own violation records (`additional.validation` of its 422 answer). */
export interface PrismViolation {
  location?: string[];
  code?: string | number;
  message: string;
}

function valueAt(body: unknown, path: string): unknown {
  let node = body;
  for (const segment of path ? path.split('/') : []) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}

/** Prism's violations in the project's shape, for bodies the shared validator cannot describe. */
function fromPrism(body: unknown, violations: readonly PrismViolation[]): Violation[] {
  return violations.map((p) => {
    const path = (p.location ?? []).slice(1).join('/');
    // "Request body property weight must be integer" → "must be integer"
    const expected = p.message.replace(/^Request body (property \S+ )?/, '');
    const received = p.code === 'required' || p.code === 'additionalProperties' ? '' : describeValue(valueAt(body, path));
    const message = `${path || '(body)'}: ${expected}${received ? `, received ${received}` : ''}`;
    return { path, keyword: String(p.code ?? ''), expected, received, message };
  });
}

/**
 * The violations of a body Prism rejected although the shared validator passed it (not expected: both read
 * the same schema): Prism's own records in the project's shape, at most MAX_COLLECTED of them.
 */
export function requestViolations(contract: Contract, body: unknown, prism: readonly PrismViolation[]): ViolationList {
  const ours = requestViolationList(contract, body);
  if (ours.violations.length > 0) return ours;
  return { violations: fromPrism(body, prism.slice(0, MAX_COLLECTED)), complete: prism.length <= MAX_COLLECTED };
}
