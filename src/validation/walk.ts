import type { SchemaShape, SchemaSource, ValidationError } from '../spec/prepared.ts';
import { toViolations, type Violation } from './violations.ts';

/**
 * Bounded validation. ajv's `allErrors` collects every error at a cost that grows faster than the input
 * (40,000 bad array items: seconds of blocked event loop), so violations are collected by walking the data
 * with the schema instead: a first-error validator (stops early) decides whether a subtree is valid at all,
 * and only invalid subtrees are walked, down to the leaves, which ajv describes in full. The walk stops once
 * `max` violations are collected. For the schema subset the specs use (objects with properties, required,
 * additionalProperties; arrays with items; any keyword on leaves) the result equals ajv's allErrors output,
 * in the same order (a test compares them on every fixture).
 *
 * Pure: validators and shapes come from a SchemaSource — ajv compiling the spec in process (collect.ts), or the
 * standalone validators generated into src/generated/ (the MSW handlers, and the server mock when they are fresh).
 */

export interface ViolationList {
  violations: Violation[];
  /** False when collection stopped at `max`: there are more violations than listed. */
  complete: boolean;
}

/** Deeper than this the data is described as one leaf (the specs nest 4 levels; recursion must stay bounded). */
const MAX_DEPTH = 32;

/** A property name as one JSON-pointer segment (RFC 6901). */
export const escapeSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isPlainObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

class Collector {
  readonly violations: Violation[] = [];
  complete = true;
  constructor(
    private readonly source: SchemaSource,
    private readonly max: number,
  ) {}

  get full(): boolean {
    return this.violations.length >= this.max;
  }

  private add(errors: readonly ValidationError[] | null | undefined, prefix: string): void {
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
    // Bounded use of `all`: a scalar, or a container whose type is already wrong; otherwise the first error.
    const bounded = !value || typeof value !== 'object' || this.max === Infinity;
    const fn = this.source.validator(pointer, bounded ? 'all' : 'first');
    if (!fn(value)) this.add(fn.errors, path);
  }

  walk(pointer: string, value: unknown, path: string, depth: number): void {
    if (!this.complete) return;
    const first = this.source.validator(pointer, 'first');
    if (first(value)) return;
    if (this.full) {
      // One more invalid subtree than the cap allows: the list is known to be incomplete, stop here.
      this.complete = false;
      return;
    }
    const shape = this.source.shape(pointer);
    if (depth > MAX_DEPTH) return this.add(first.errors, path);
    if (shape.kind === 'object' && isPlainObject(value)) return this.object(shape, value, path, depth);
    if (shape.kind === 'array' && Array.isArray(value)) return this.array(shape, value, path, depth);
    this.leaf(shape.pointer, value, path);
  }

  /** Same order as ajv: required, then additional properties (data order), then properties (schema order). */
  private object(shape: Extract<SchemaShape, { kind: 'object' }>, value: Record<string, unknown>, path: string, depth: number): void {
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
    if (this.violations.length === before && this.complete) this.add(this.source.validator(shape.pointer, 'first').errors, path);
  }

  private array(shape: Extract<SchemaShape, { kind: 'array' }>, value: unknown[], path: string, depth: number): void {
    const before = this.violations.length;
    for (let i = 0; i < value.length && this.complete; i++) this.walk(shape.items, value[i], `${path}/${i}`, depth + 1);
    if (this.violations.length === before && this.complete) this.add(this.source.validator(shape.pointer, 'first').errors, path);
  }
}

function error(keyword: string, instancePath: string, schemaPath: string, params: Record<string, unknown>, message: string, data: unknown): ValidationError {
  return { keyword, instancePath, schemaPath, params, message, data };
}

/** Violations of `data` against a schema pointer of the source's document, at most `max` of them. */
export function walkViolations(source: SchemaSource, pointer: string, data: unknown, max = Infinity): ViolationList {
  const collector = new Collector(source, max);
  collector.walk(pointer, data, '', 0);
  return { violations: collector.violations, complete: collector.complete };
}

/** Every pointer the walk can visit from `root` (the validators a standalone copy must hold), with its shape. */
export function reachableShapes(shapeOf: (pointer: string) => SchemaShape, root: string): Map<string, SchemaShape> {
  const found = new Map<string, SchemaShape>();
  const visit = (pointer: string) => {
    if (found.has(pointer)) return;
    const shape = shapeOf(pointer);
    found.set(pointer, shape);
    if (shape.pointer !== pointer) visit(shape.pointer);
    if (shape.kind === 'object') {
      Object.values(shape.properties).forEach(visit);
      if (typeof shape.additional === 'string') visit(shape.additional);
    } else if (shape.kind === 'array') visit(shape.items);
  };
  visit(root);
  return found;
}
