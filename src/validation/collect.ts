import { loadContract, resolvePointer, type ApiName, type JsonObject } from '../spec/load.ts';
import { validatorFor } from './ajv.ts';
import type { SchemaShape, SchemaSource } from '../spec/prepared.ts';
import type { Violation } from './violations.ts';
import { escapeSegment, walkViolations, type ViolationList } from './walk.ts';

export type { ViolationList } from './walk.ts';

/** The spec's schemas for the bounded walk (walk.ts): ajv compiling the document in process, shapes read from it. */

export type Target = 'request' | 'response';

/** Keywords of an object/array schema the walk handles itself; any other (minItems, oneOf, …) → leaf. */
const WALKED = new Set(['type', 'properties', 'required', 'additionalProperties', 'items']);
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'format']);

const shapes = new Map<string, SchemaShape>();

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

/** How the walk treats the schema at `pointer` ($refs followed), read from the spec once. */
export function shapeOf(api: ApiName, pointer: string): SchemaShape {
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

const sources = new Map<ApiName, SchemaSource>();

/** The spec's schemas compiled in process (the one ajv module, cached), for the walk. */
export function specSchemaSource(api: ApiName): SchemaSource {
  let source = sources.get(api);
  if (!source) {
    source = { validator: (pointer, mode) => validatorFor(api, pointer, mode), shape: (pointer) => shapeOf(api, pointer) };
    sources.set(api, source);
  }
  return source;
}

/** Violations of `data` against any schema pointer of an API's document, at most `max` of them. */
export function collectViolationsAt(api: ApiName, pointer: string, data: unknown, max = Infinity): ViolationList {
  return walkViolations(specSchemaSource(api), pointer, data, max);
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
