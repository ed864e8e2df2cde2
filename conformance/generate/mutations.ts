import fc from 'fast-check';
import type { FieldNode, ViolationKind } from '../../src/spec/index.ts';
import { documentedAs } from '../../src/fixtures/invalid-values.ts';
import { hostileText } from './text.ts';
import { INT32, integerIn, valueArb } from './values.ts';

/**
 * Schema-invalid mutations of valid requests: each breaks one keyword of the spec's schema at one field (the
 * targets are read from the field tree, as the invalid corpus's are), with a wrong value fast-check generates.
 * ajv confirms every mutated body breaks exactly that keyword there (generator.ts), or it is not sent.
 */

export type MutationKind =
  | 'missing' | 'null' | 'type' | 'enum' | 'format' | 'pattern' | 'below-minimum' | 'above-maximum'
  | 'too-short' | 'too-long' | 'too-few-items' | 'too-many-items' | 'unknown-field';

export interface MutationTarget {
  /** The field pattern ('work_list/*\/type'); for `unknown-field`, the object's ('' for the body). */
  pattern: string;
  node: FieldNode;
  kind: MutationKind;
  /** The ajv keyword the mutated body must break. */
  keyword: string;
  /** Which codes a server may answer (the spec's violationCategories). */
  violationKind: ViolationKind;
  /** After the dash in a title: "documented as integer (int32)". */
  why: string;
}

/** A mutation as applied: the concrete path and the value put there (absent for `missing`). */
export interface AppliedMutation {
  target: MutationTarget;
  /** Like the validator's paths: 'work_list/3/type'; an unknown field's own path. */
  path: string;
  value?: unknown;
}

const json = (v: unknown) => JSON.stringify(v);
const NON_INTEGER = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).filter((x) => !Number.isInteger(x));
const SMALL_ARRAY = fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 });
const SMALL_OBJECT = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/** Every mutation the schema can express, field by field (the kind of violation follows the field's required-ness). */
export function mutationTargets(tree: FieldNode): MutationTarget[] {
  const out: MutationTarget[] = [];
  const walk = (node: FieldNode, violationKind: ViolationKind, root: boolean) => {
    const add = (kind: MutationKind, keyword: string, why: string, vk: ViolationKind = violationKind, pattern = node.pattern) => out.push({ pattern, node, kind, keyword, violationKind: vk, why });
    const documented = `documented as ${documentedAs(node)}`;
    if (!root) {
      if (node.required && node.name !== '*') add('missing', 'required', 'required', 'required');
      if (node.type !== 'any') {
        add('null', 'type', `${documented}, not nullable`);
        add('type', 'type', documented);
      }
      if (node.enum) add('enum', 'enum', `not one of ${node.enum.map(json).join(', ')}`);
      if (node.format && (node.type === 'string' || ((node.format === 'int32' || node.format === 'int64') && !node.enum))) add('format', 'format', `not ${node.format}`);
      if (node.regex !== undefined) add('pattern', 'pattern', `does not match ${node.regex}`);
      if (node.minimum !== undefined && !node.enum) add('below-minimum', 'minimum', `below the minimum ${node.minimum}`);
      if (node.maximum !== undefined && !node.enum) add('above-maximum', 'maximum', `above the maximum ${node.maximum}`);
      if (node.type === 'string' && (node.minLength ?? 0) > 0 && !node.enum) add('too-short', 'minLength', `documented as at least ${node.minLength} character(s)`);
      if (node.type === 'string' && node.maxLength !== undefined && !node.enum) add('too-long', 'maxLength', `longer than ${node.maxLength} characters`);
      if (node.type === 'array' && (node.minItems ?? 0) > 0) add('too-few-items', 'minItems', `fewer than ${node.minItems} items`);
      if (node.type === 'array' && node.maxItems !== undefined) add('too-many-items', 'maxItems', `more than ${node.maxItems} items`);
    }
    if (node.type === 'object' && node.closed) add('unknown-field', 'additionalProperties', 'the schema allows no other fields', 'body');
    for (const p of node.properties ?? []) walk(p, p.required ? 'required' : 'optional', false);
    if (node.items) walk(node.items, violationKind, false);
  };
  walk(tree, 'required', true);
  return out;
}

/** A value of another JSON type than the field's; the likeliest mistakes first (a number as a string, one item for a list). */
function wrongType(node: FieldNode): fc.Arbitrary<unknown> {
  const candidates: Array<[type: string, arbitrary: fc.Arbitrary<unknown>]> = [
    ['string', fc.integer({ min: INT32.min, max: INT32.max }).map(String)],
    ['string', hostileText({ minLength: 1, long: false })],
    ['integer', fc.integer({ min: INT32.min, max: INT32.max })],
    ['number', NON_INTEGER],
    ['boolean', fc.boolean()],
    ...(node.items && node.items.type !== 'any' ? [[node.items.type, valueArb(node.items, {}, { many: false, long: false })] as [string, fc.Arbitrary<unknown>]] : []),
    ['array', SMALL_ARRAY],
    ['object', SMALL_OBJECT],
    ['string', fc.jsonValue({ maxDepth: 1 }).map((v) => json(v))],
  ];
  // A number field takes integers too; every other type differs by name (a fraction is no integer).
  const same = (type: string) => type === node.type || (node.type === 'number' && type === 'integer');
  return fc.oneof(...candidates.filter(([type]) => !same(type)).map(([, arbitrary]) => arbitrary));
}

/** Wrong dates: near misses (month 13, 30 February), other layouts, other digits, placeholders, any text. */
function wrongDate(): fc.Arbitrary<string> {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const y = fc.integer({ min: 0, max: 9999 });
  return fc.oneof(
    fc.tuple(y, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, m, d]) => `${pad(a, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
    fc.tuple(y, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('/', '.', '', ' ', '年')).map(([a, m, d, sep]) => `${pad(a, 4)}${sep}${pad(m, 2)}${sep}${pad(d, 2)}`),
    fc.tuple(y, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([a, m, d]) => `${a}-${m}-${d}`),
    fc.tuple(y, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([a, m, d]) => `${pad(a, 4)}-${pad(m, 2)}-${pad(d, 2)}T00:00:00Z`),
    fc.tuple(y, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([a, m, d]) => `${pad(a, 4)}-${pad(m, 2)}-${pad(d, 2)}`.replace(/\d/g, (c) => String.fromCharCode(0x660 + Number(c)))),
    fc.constantFrom('yyyy-MM-dd', '0000-00-00', ''),
    hostileText(),
  );
}

/** Text that is no value of the format (ajv has the last word on the whole body). */
function wrongFormat(node: FieldNode): fc.Arbitrary<unknown> {
  if (node.format === 'int32') {
    return fc.oneof(integerIn(INT32.max + 1, Number.MAX_SAFE_INTEGER), integerIn(Number.MIN_SAFE_INTEGER, INT32.min - 1));
  }
  if (node.format === 'int64') return fc.constantFrom(2 ** 64, -(2 ** 64));
  return node.format === 'date' ? wrongDate() : hostileText();
}

/** Wrong values fast-check generates for a target (undefined for `missing`). */
export function wrongValueArb(target: MutationTarget): fc.Arbitrary<unknown> {
  const { node } = target;
  const values = node.enum ?? [];
  switch (target.kind) {
    case 'missing':
      return fc.constant(undefined);
    case 'null':
      return fc.constant(null);
    case 'type':
      return wrongType(node);
    case 'enum': {
      const same: fc.Arbitrary<unknown> = node.type === 'integer' ? fc.integer({ min: INT32.min, max: INT32.max }) : node.type === 'number' ? fc.double({ noNaN: true, noDefaultInfinity: true }) : hostileText();
      return same.filter((v: unknown) => !values.includes(v));
    }
    case 'format':
      return wrongFormat(node);
    case 'pattern': {
      const re = new RegExp(node.regex!, 'u');
      return hostileText().filter((v) => !re.test(v));
    }
    case 'below-minimum':
      return node.type === 'integer' ? integerIn(Number.MIN_SAFE_INTEGER, Math.ceil(node.minimum!) - 1) : fc.double({ max: node.minimum!, maxExcluded: true, noNaN: true, noDefaultInfinity: true });
    case 'above-maximum':
      return node.type === 'integer' ? integerIn(Math.floor(node.maximum!) + 1, Number.MAX_SAFE_INTEGER) : fc.double({ min: node.maximum!, minExcluded: true, noNaN: true, noDefaultInfinity: true });
    case 'too-short':
      return fc.string({ maxLength: Math.max(0, (node.minLength ?? 1) - 1) });
    case 'too-long':
      return fc.string({ minLength: (node.maxLength ?? 0) + 1, maxLength: (node.maxLength ?? 0) + 64 });
    case 'too-few-items':
      return fc.array(valueArb(node.items!, {}, { many: false, long: false }), { maxLength: Math.max(0, (node.minItems ?? 1) - 1) });
    case 'too-many-items':
      return fc.array(valueArb(node.items!, {}, { many: false, long: false }), { minLength: (node.maxItems ?? 0) + 1, maxLength: (node.maxItems ?? 0) + 8 });
    case 'unknown-field':
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** Built once (fast-check prepares each string arbitrary it builds). */
const IDENTIFIER = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);

/** Names for an undocumented field: identifier-like, hostile text, and the names that pollute prototypes. */
export function unknownFieldName(node: FieldNode): fc.Arbitrary<string> {
  const known = new Set((node.properties ?? []).map((p) => p.name));
  return fc.oneof(IDENTIFIER, hostileText({ minLength: 1 }), fc.constantFrom('__proto__', 'constructor')).filter((name) => !known.has(name));
}

type Container = Record<string | number, unknown>;

/**
 * The mutation applied to a copy of a valid body: `indices` pick the array items on the way (modulo their length,
 * so shrinking the body keeps a valid path), `name` is the undocumented field's. Undefined when the path is absent.
 */
export function applyMutation(body: unknown, target: MutationTarget, indices: readonly number[], value: unknown, name: string): { body: unknown; mutation: AppliedMutation } | undefined {
  const copy = structuredClone(body) as Container;
  const parts = target.pattern ? target.pattern.split('/') : [];
  // The container to change, then the key in it: a pattern's last part, or the undocumented field's name.
  const [route, final] = target.kind === 'unknown-field' ? [parts, name] : [parts.slice(0, -1), parts[parts.length - 1]!];
  const path: Array<string | number> = [];
  let container: unknown = copy;
  let stars = 0;
  const step = (part: string): string | number | undefined => {
    if (part !== '*') return part;
    if (!Array.isArray(container) || container.length === 0) return undefined;
    return (indices[stars++] ?? 0) % container.length;
  };
  for (const part of route) {
    const key = step(part);
    if (key === undefined) return undefined;
    path.push(key);
    container = (container as Container)[key];
    if (!container || typeof container !== 'object') return undefined;
  }
  const last = target.kind === 'unknown-field' ? final : step(final);
  if (last === undefined) return undefined;
  path.push(last);
  const parent = container as Container;
  if (target.kind === 'missing') {
    if (Array.isArray(parent)) return undefined;
    delete parent[last];
  } else {
    // defineProperty: "__proto__" becomes an own, enumerable key (as JSON.parse makes it), never the prototype.
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return { body: copy, mutation: { target, path: path.join('/'), ...(target.kind === 'missing' ? {} : { value }) } };
}

/** Array nodes on the way to a target: how many indices a mutation needs, and which patterns the valid body must keep. */
export function pathPatterns(target: MutationTarget): string[] {
  const parts = target.pattern ? target.pattern.split('/') : [];
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export const starsIn = (target: MutationTarget): number => (target.pattern ? target.pattern.split('/').filter((p) => p === '*').length : 0);

