/**
 * The spec as prepared data for answering requests: what the mock's shared core (src/mock/respond.ts) needs of
 * one API, as plain data — no YAML, no Prism, no Node built-ins — so the server mock and the MSW handlers in a
 * browser run the same code on the same data. `npm run generate` writes it per API into src/generated/
 * (`<api>-mock.ts`, with the ajv standalone validators in `<api>-validators.ts`); the server prepares the same
 * data from the spec at start-up when the committed copy is stale.
 */

/** One ajv error (the fields the project reads); structurally compatible with ajv's ErrorObject. */
export interface ValidationError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  data?: unknown;
}

/** A compiled validator (ajv, compiled in process or as standalone code): true when valid, else `errors`. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

/** `all` collects every error (for wording); `first` stops at the first one (verdicts, and the bounded walk). */
export type ValidatorMode = 'all' | 'first';

/** How the bounded walk (src/validation/walk.ts) treats a schema node. */
export type SchemaShape =
  | { kind: 'object'; pointer: string; properties: Readonly<Record<string, string>>; required: readonly string[]; additional: false | string | undefined }
  | { kind: 'array'; pointer: string; items: string }
  | { kind: 'leaf'; pointer: string };

/** Validators and shapes by JSON pointer into the API's document: what the walk reads. */
export interface SchemaSource {
  validator(pointer: string, mode: ValidatorMode): CompiledValidator;
  shape(pointer: string): SchemaShape;
}

/** A request field as the mock's messages need it: required in its parent, secret (never echoed). */
export interface FieldFacts {
  name: string;
  required: boolean;
  secret: boolean;
  properties?: readonly FieldFacts[];
  items?: FieldFacts;
}

/** An answer Prism gave for a valid request: its HTTP status and the envelope (the example's value). */
export interface PreparedAnswer {
  status: number;
  envelope: Readonly<Record<string, unknown>>;
}

export interface PreparedApi {
  api: string;
  /** sha256 of the spec file's bytes this was prepared from (the server compares it at start-up). */
  specSha256: string;
  method: string;
  path: string;
  requestMediaType: string;
  /** The 200 response's media types (what Accept is negotiated against). */
  responseMediaTypes: readonly string[];
  envelope: { codeField: string; messageField: string; successCodes: readonly number[]; contentType: string; errorHttpStatus: number };
  bodyRequired: boolean;
  /** The operation declares parameters (query, header, path): Prism validates them, so no fast path. */
  hasParameters: boolean;
  /** The document declares security requirements: Prism checks them, so no fast path. */
  hasSecurity: boolean;
  requestSchemaPointer: string;
  /** The code the mock answers for each kind of request violation. */
  violationCodes: { body: number; required: number; optional: number };
  /** Credential fields in code-table order, with the code a wrong value gets. */
  credentialCodes: ReadonlyArray<{ field: string; code: number }>;
  fields: FieldFacts;
  /** Named response examples in document order, with the code each carries. */
  examples: ReadonlyArray<{ name: string; code: unknown }>;
  /** Prism's answers to a valid request: without preferences (`default`), and per example name. */
  answers: { default: PreparedAnswer; byExample: Readonly<Record<string, PreparedAnswer>> };
  shapes: Readonly<Record<string, SchemaShape>>;
}

/** The field a violation path is about: properties by name, array indices → the item (`work_list/0/type`). */
export function fieldAt<T extends { name: string; properties?: readonly T[]; items?: T }>(tree: T, path: string): T | undefined {
  let node: T | undefined = tree;
  for (const segment of path ? path.split('/') : []) {
    node = node?.properties?.find((p) => p.name === segment) ?? (/^\d+$/.test(segment) ? node?.items : undefined);
    if (!node) return undefined;
  }
  return node;
}

/** Committed standalone validators (src/generated/<api>-validators.ts) and prepared shapes as the walk's source. */
export function schemaSourceOf(prepared: PreparedApi, validators: Readonly<Record<string, CompiledValidator>>): SchemaSource {
  return {
    validator(pointer, mode) {
      const fn = validators[`${mode} ${pointer}`];
      if (!fn) throw new Error(`${prepared.api}: no generated ${mode} validator for ${pointer}`);
      return fn;
    },
    shape(pointer) {
      const shape = prepared.shapes[pointer];
      if (!shape) throw new Error(`${prepared.api}: no generated shape for ${pointer}`);
      return shape;
    },
  };
}
