import type { Contract } from '../spec/load.ts';
import type { FieldFacts } from '../spec/prepared.ts';
import { requestTree, type FieldNode } from '../spec/schema-tree.ts';
import { describeValue, specSchemaSource, type Violation, type ViolationList } from '../validation/index.ts';
import * as words from './words.ts';

export { MAX_COLLECTED, MAX_LISTED, MAX_MESSAGE_CHARS, type RequestViolationKind } from './words.ts';

const facts = new WeakMap<Contract, FieldFacts>();

function compact(node: FieldNode): FieldFacts {
  const result: FieldFacts = { name: node.name, required: node.required, secret: node.secret };
  if (node.properties) result.properties = node.properties.map(compact);
  if (node.items) result.items = compact(node.items);
  return result;
}

/** The request fields as the mock's messages need them (required, secret), read from the spec once. */
export function fieldFacts(contract: Contract): FieldFacts {
  let found = facts.get(contract);
  if (!found) facts.set(contract, (found = compact(requestTree(contract))));
  return found;
}

export const mostSevereKind = (contract: Contract, violations: readonly Violation[]) => words.mostSevereKind(fieldFacts(contract), violations);
export const describeViolations = (contract: Contract, violations: readonly Violation[], complete = true) => words.describeViolations(fieldFacts(contract), violations, complete);

/** The mock's validation of a parsed JSON body with the spec compiled in process: bounded, never throws. */
export const requestViolationList = (contract: Contract, body: unknown): ViolationList => words.boundedViolations(specSchemaSource(contract.api), contract.requestSchemaPointer, body);

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
 * The violations of a request Prism rejected although the shared validator passed its body (only with parameters
 * declared, which Prism validates): Prism's own records in the project's shape, at most MAX_COLLECTED of them.
 */
export function requestViolations(contract: Contract, body: unknown, prism: readonly PrismViolation[]): ViolationList {
  const ours = requestViolationList(contract, body);
  if (ours.violations.length > 0) return ours;
  return { violations: fromPrism(body, prism.slice(0, words.MAX_COLLECTED)), complete: prism.length <= words.MAX_COLLECTED };
}
