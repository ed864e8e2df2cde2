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
