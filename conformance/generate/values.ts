import fc from 'fast-check';
import { ToolkitError } from '../../src/errors.ts';
import type { FieldNode } from '../../src/spec/index.ts';
import { hostileText, secretText } from './text.ts';

/**
 * Schema-valid values with fast-check, read from the spec's field tree (src/spec/schema-tree.ts): enums, types,
 * formats, bounds, required and optional properties, arrays. Boundaries are what fast-check favours anyway
 * (integer limits, empty strings and arrays); hostile text comes from text.ts. Nothing here names a field.
 */

export const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;

/** Array lengths: a few items, or up to many (at most one "many" level on any path, so bodies stay small). */
export const ARRAY_LIMITS = { few: 3, manyMax: 64 } as const;

/** A value the spec's schema accepts at `node`, with whatever `fixed` says for some fields (credentials). */
export interface ValueOptions {
  /** Fixed values by field pattern ('appkey'): the target's credentials, which generation must not vary. */
  fixed?: Readonly<Record<string, unknown>>;
  /** Patterns whose arrays must hold at least one item and whose objects must hold the next key (a mutation's path). */
  keep?: readonly string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** RFC 3339 full-date, years 0000–9999, leap days included. */
const fullDate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(d, daysIn(y, m)), 2)}`);

/** Formats ajv-formats checks, as fast-check generates them (the whole body is confirmed by ajv afterwards). */
const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  date: () => fullDate,
  'date-time': () => fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  uuid: () => fc.uuid(),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
  hostname: () => fc.domain(),
};

function integerBounds(node: FieldNode): { min: number; max: number } {
  const [lo, hi] = node.format === 'int32' ? [INT32.min, INT32.max] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  return { min: Math.max(lo, Math.ceil(node.minimum ?? lo)), max: Math.min(hi, Math.floor(node.maximum ?? hi)) };
}

/** An integer in [min, max]: fast-check's integer where it reaches (32 bits), else its bigint. */
export function integerIn(min: number, max: number): fc.Arbitrary<number> {
  if (min >= INT32.min && max <= INT32.max) return fc.integer({ min, max });
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}

/** A valid integer, the limits themselves (and 0, ±1) one time in five: fast-check only comes near them. */
function integerWithLimits(min: number, max: number): fc.Arbitrary<number> {
  const limits = [...new Set([min, max, 0, -1, 1])].filter((n) => n >= min && n <= max);
  return fc.oneof({ weight: 4, arbitrary: integerIn(min, max) }, { weight: 1, arbitrary: fc.constantFrom(...limits) });
}

function stringArb(node: FieldNode, long: boolean): fc.Arbitrary<string> {
  const bounds = { minLength: node.minLength, maxLength: node.maxLength, long };
  if (node.regex !== undefined) return fc.stringMatching(new RegExp(node.regex, 'u'));
  if (node.format !== undefined) {
    const make = FORMATS[node.format];
    if (!make) throw new ToolkitError('SPEC_UNSUPPORTED', `--generate cannot generate format "${node.format}" (field ${node.pattern}); known: ${Object.keys(FORMATS).join(', ')}`);
    return make();
  }
  return node.secret ? secretText(bounds) : hostileText(bounds);
}

/**
 * Where a value sits: `many` — an array here may take its "many" length (not inside another "many" array);
 * `long` — a string here may be long (not inside a "many" array). Bodies stay a few KB to a few hundred.
 */
export interface Room {
  many: boolean;
  long: boolean;
}
const ROOMY: Room = { many: true, long: true };

/** Schema-valid values for a node. */
export function valueArb(node: FieldNode, options: ValueOptions = {}, room: Room = ROOMY): fc.Arbitrary<unknown> {
  if (options.fixed && node.pattern in options.fixed) return fc.constant(options.fixed[node.pattern]);
  if (node.enum) return fc.constantFrom(...node.enum);
  switch (node.type) {
    case 'string':
      return stringArb(node, room.long);
    case 'integer': {
      const { min, max } = integerBounds(node);
      return integerWithLimits(min, max);
    }
    case 'number':
      return fc
        .double({ min: node.minimum ?? -Number.MAX_VALUE, max: node.maximum ?? Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true })
        .map((x) => (Object.is(x, -0) ? 0 : x));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return arrayArb(node, options, room);
    case 'object':
      return objectArb(node, options, room);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function arrayArb(node: FieldNode, options: ValueOptions, room: Room): fc.Arbitrary<unknown[]> {
  if (!node.items) return fc.constant([]);
  const kept = options.keep?.includes(node.pattern) ?? false;
  const min = Math.max(node.minItems ?? 0, kept ? 1 : 0);
  const max = node.maxItems ?? Number.MAX_SAFE_INTEGER;
  const few = fc.array(valueArb(node.items, options, room), { minLength: min, maxLength: Math.max(min, Math.min(max, ARRAY_LIMITS.few)) });
  if (!room.many || max <= ARRAY_LIMITS.few) return few;
  // Lengths up to manyMax, spread evenly (size 'max'); it shrinks down to the minimum like any array.
  const many = fc.array(valueArb(node.items, options, { many: false, long: false }), { minLength: min, maxLength: Math.min(max, ARRAY_LIMITS.manyMax), size: 'max' });
  return fc.oneof({ weight: 5, arbitrary: few }, { weight: 1, arbitrary: many });
}

function objectArb(node: FieldNode, options: ValueOptions, room: Room): fc.Arbitrary<Record<string, unknown>> {
  const properties = node.properties ?? [];
  const model = Object.fromEntries(properties.map((p) => [p.name, valueArb(p, options, room)]));
  // Every optional-field subset: fast-check's record leaves each optional key out or puts it in.
  const requiredKeys = properties.filter((p) => p.required || options.keep?.some((k) => k === p.pattern || k.startsWith(`${p.pattern}/`))).map((p) => p.name);
  return fc.record(model, { requiredKeys });
}
