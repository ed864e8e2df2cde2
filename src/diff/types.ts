/** The classes of a spec change, from the point of view of a client already built against the old spec. */
export const changeClasses = ['breaking', 'non-breaking', 'annotation'] as const;
export type ChangeClass = (typeof changeClasses)[number];

export interface SpecChange {
  class: ChangeClass;
  /** `structure`: api-smart-diff; `error-codes` / `envelope`: the project's rules for x-error-codes / x-error-envelope. */
  origin: 'structure' | 'error-codes' | 'envelope';
  /** JSON pointer into the document (the new one for additions, the old one otherwise). */
  pointer: string;
  description: string;
  /** Why this class, when the project's rule decides rather than api-smart-diff's. */
  reason?: string;
  before?: unknown;
  after?: unknown;
}

export interface DiffReport {
  oldFile: string;
  newFile: string;
  counts: Record<ChangeClass, number>;
  changes: SpecChange[];
  /** Remarks about the change as a whole (e.g. a breaking change without a major version bump). */
  notes: string[];
}

export type JsonObject = Record<string, unknown>;

/** RFC 6901 JSON pointer of a path. */
export function pointerOf(path: ReadonlyArray<string | number>): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Equal as JSON (arrays in order, keys in order): the rules compare spec fragments this way. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** One operation of a document: `POST /path`, its JSON path, the operation object. */
export interface OperationAt {
  label: string;
  path: Array<string | number>;
  op: JsonObject;
}

/** Every operation of a document by `METHOD /path`: the rules compare the operations both sides have. */
export function operationsOf(doc: JsonObject): Map<string, OperationAt> {
  const out = new Map<string, OperationAt>();
  for (const [route, item] of Object.entries((doc.paths ?? {}) as Record<string, JsonObject>)) {
    if (!item || typeof item !== 'object') continue;
    for (const method of METHODS) {
      const op = item[method];
      if (op && typeof op === 'object') out.set(`${method.toUpperCase()} ${route}`, { label: `${method.toUpperCase()} ${route}`, path: ['paths', route, method], op: op as JsonObject });
    }
  }
  return out;
}
