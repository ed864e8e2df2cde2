import type { ErrorObject } from 'ajv';
import { loadContract, resolvePointer, type ApiName, type JsonObject } from '../spec/load.ts';
import { validatorFor } from './ajv.ts';
import { toViolations, type Violation } from './violations.ts';

/**
 * Bounded validation. ajv's `allErrors` collects every error at a cost that grows faster than the input
 * (40,000 bad array items: seconds of blocked event loop), so violations are collected by walking the data
 * with the schema instead: a first-error validator (stops early) decides whether a subtree is valid at all,
 * and only invalid subtrees are walked, down to the leaves, which ajv describes in full. The walk stops once
 * `max` violations are collected. For the schema subset the specs use (objects with properties, required,
 * additionalProperties; arrays with items; any keyword on leaves) the result equals ajv's allErrors output,
 * in the same order (a test compares them on every fixture).
 */

export type Target = 'request' | 'response';

export interface ViolationList {
  violations: Violation[];
  /** False when collection stopped at `max`: there are more violations than listed. */
  complete: boolean;
}

/** Keywords of an object/array schema the walk handles itself; any other (minItems, oneOf, …) → leaf. */
const WALKED = new Set(['type', 'properties', 'required', 'additionalProperties', 'items']);
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'format']);
/** Deeper than this the data is described as one leaf (the specs nest 4 levels; recursion must stay bounded). */
const MAX_DEPTH = 32;

type Shape =
  | { kind: 'object'; pointer: string; properties: Record<string, string>; required: string[]; additional: false | string | undefined }
  | { kind: 'array'; pointer: string; items: string }
  | { kind: 'leaf'; pointer: string };

const shapes = new Map<string, Shape>();

function follow(doc: JsonObject, pointer: string): { pointer: string; schema: JsonObject } {
  let current = pointer;
  for (let hops = 0; hops < 16; hops++) {
    const schema = resolvePointer(doc, current);
    const ref = schema.$ref;
    if (typeof ref !== 'string' || Object.keys(schema).some((k) => k !== '$ref' && !k.startsWith('x-') && !ANNOTATIONS.has(k))) return { pointer: current, schema };
    if (!ref.startsWith('#/')) return { pointer: current, schema };
    current = ref;
  }
  return { pointer: current, schema: resolvePointer(doc, current) };
}

const escapeSegment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function shapeOf(api: ApiName, pointer: string): Shape {
  const key = `${api}${pointer}`;
  let shape = shapes.get(key);
  if (!shape) {
    const { pointer: at, schema } = follow(loadContract(api).doc, pointer);
    const walkable = Object.keys(schema).every((k) => WALKED.has(k) || ANNOTATIONS.has(k) || k.startsWith('x-'));
    const props = schema.properties;
    if (walkable && schema.type === 'object' && (props === undefined || (props && typeof props === 'object'))) {
      const additional = schema.additionalProperties;
      shape = {
        kind: 'object',
        pointer: at,
        properties: Object.fromEntries(Object.keys((props ?? {}) as JsonObject).map((name) => [name, `${at}/properties/${escapeSegment(name)}`])),
        required: Array.isArray(schema.required) ? (schema.required as string[]) : [],
        additional: additional === false ? false : additional && typeof additional === 'object' ? `${at}/additionalProperties` : undefined,
      };
    } else if (walkable && schema.type === 'array' && schema.items && typeof schema.items === 'object') {
      shape = { kind: 'array', pointer: at, items: `${at}/items` };
    } else {
      shape = { kind: 'leaf', pointer: at };
    }
    shapes.set(key, shape);
  }
  return shape;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

class Collector {
  readonly violations: Violation[] = [];
  complete = true;
  constructor(
    private readonly api: ApiName,
    private readonly max: number,
  ) {}

  get full(): boolean {
    return this.violations.length >= this.max;
  }

  private add(errors: readonly ErrorObject[] | null | undefined, prefix: string): void {
    const shifted = prefix ? (errors ?? []).map((e) => ({ ...e, instancePath: `${prefix}${e.instancePath}` })) : errors;
    for (const violation of toViolations(shifted)) {
      if (this.full) {
        this.complete = false;
        return;
      }
      this.violations.push(violation);
    }
  }

  /** ajv describes the value in full: a leaf, a value of the wrong type, or a schema the walk does not handle. */
  private leaf(pointer: string, value: unknown, path: string): void {
    const all = validatorFor(this.api, pointer, 'all');
    // Bounded use of `all`: a scalar, or a container whose type is already wrong; otherwise the first error.
    const bounded = !value || typeof value !== 'object' || this.max === Infinity;
    const fn = bounded ? all : validatorFor(this.api, pointer, 'first');
    if (!fn(value)) this.add(fn.errors, path);
  }

  walk(pointer: string, value: unknown, path: string, depth: number): void {
    if (!this.complete) return;
    const first = validatorFor(this.api, pointer, 'first');
    if (first(value)) return;
    if (this.full) {
      // One more invalid subtree than the cap allows: the list is known to be incomplete, stop here.
      this.complete = false;
      return;
    }
    const shape = shapeOf(this.api, pointer);
    if (depth > MAX_DEPTH) return this.add(first.errors, path);
    if (shape.kind === 'object' && isPlainObject(value)) return this.object(shape, value, path, depth);
    if (shape.kind === 'array' && Array.isArray(value)) return this.array(shape, value, path, depth);
    this.leaf(shape.pointer, value, path);
  }

  /** Same order as ajv: required, then additional properties (data order), then properties (schema order). */
  private object(shape: Extract<Shape, { kind: 'object' }>, value: Record<string, unknown>, path: string, depth: number): void {
    const before = this.violations.length;
    const missing = shape.required.filter((name) => value[name] === undefined);
    this.add(missing.map((name) => error('required', path, `${shape.pointer}/required`, { missingProperty: name }, `must have required property '${name}'`, value)), '');
    if (shape.additional !== undefined) {
      for (const key of Object.keys(value)) {
        if (!this.complete) break;
        if (Object.hasOwn(shape.properties, key)) continue;
        if (shape.additional === false) {
          this.add([error('additionalProperties', path, `${shape.pointer}/additionalProperties`, { additionalProperty: key }, 'must NOT have additional properties', value)], '');
        } else {
          this.walk(shape.additional, value[key], `${path}/${escapeSegment(key)}`, depth + 1);
        }
      }
    }
    for (const [name, pointer] of Object.entries(shape.properties)) {
      if (!this.complete) break;
      if (value[name] !== undefined) this.walk(pointer, value[name], `${path}/${escapeSegment(name)}`, depth + 1);
    }
    if (this.violations.length === before && this.complete) this.add(validatorFor(this.api, shape.pointer, 'first').errors, path);
  }

  private array(shape: Extract<Shape, { kind: 'array' }>, value: unknown[], path: string, depth: number): void {
    const before = this.violations.length;
    for (let i = 0; i < value.length && this.complete; i++) this.walk(shape.items, value[i], `${path}/${i}`, depth + 1);
    if (this.violations.length === before && this.complete) this.add(validatorFor(this.api, shape.pointer, 'first').errors, path);
  }
}

function error(keyword: string, instancePath: string, schemaPath: string, params: Record<string, unknown>, message: string, data: unknown): ErrorObject {
  return { keyword, instancePath, schemaPath, params, message, data };
}

/** Violations of `data` against any schema pointer of an API's document, at most `max` of them. */
export function collectViolationsAt(api: ApiName, pointer: string, data: unknown, max = Infinity): ViolationList {
  const collector = new Collector(api, max);
  collector.walk(pointer, data, '', 0);
  return { violations: collector.violations, complete: collector.complete };
}

/** Violations of a request or response body against the API's documented schema, at most `max` of them. */
export function collectViolations(api: ApiName, target: Target, data: unknown, max = Infinity): ViolationList {
  const contract = loadContract(api);
  return collectViolationsAt(api, target === 'request' ? contract.requestSchemaPointer : contract.responseSchemaPointer, data, max);
}

/** Every violation of a request body against the API's documented request schema ([] when valid). */
export const validateRequest = (api: ApiName, body: unknown): Violation[] => collectViolations(api, 'request', body).violations;
/** Every violation of a response body against the API's documented response envelope schema ([] when valid). */
export const validateResponse = (api: ApiName, body: unknown): Violation[] => collectViolations(api, 'response', body).violations;
