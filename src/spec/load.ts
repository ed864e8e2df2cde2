import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { ToolkitError } from '../errors.ts';
import type { Decision, DocumentExamplesRef, EnvelopeContract, ErrorCodeEntry, ErrorEnvelope, Expectation } from './types.ts';

/** The APIs of this project: one OpenAPI document each, in openapi/<name>.yaml. */
export const apiNames = ['weidu', 'lingju'] as const;
export type ApiName = (typeof apiNames)[number];

/** The folder holding package.json and openapi/: the clone (src/spec/) or the installed package (dist/src/spec/). */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../..');
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const specPath = (api: ApiName): string => path.join(projectRoot, 'openapi', `${api}.yaml`);

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && (apiNames as readonly string[]).includes(name);
}

export type JsonObject = Record<string, unknown>;

/** Everything downstream reads of one API, taken from its single operation. */
export interface Contract extends EnvelopeContract {
  api: ApiName;
  file: string;
  doc: JsonObject;
  servers: string[];
  /** JSON pointers into `doc`, for ajv and for walking the schemas. */
  requestSchemaPointer: string;
  responseSchemaPointer: string;
  requestMediaType: string;
  responseMediaType: string;
  /** Named response examples in document order (the first is Prism's default). */
  responseExamples: Array<{ name: string; summary?: string; value: JsonObject }>;
  requestExamples: Array<{ name: string; summary?: string; value: JsonObject }>;
  decisions: Decision[];
  /** The operation's request-side expectations and their basis (`x-expectations`). */
  expectations: Expectation[];
  /** Where the document's own example exchange is kept (`x-document-examples`). */
  documentExamples?: DocumentExamplesRef;
  sourceDocument: { file: string; title: string; vendor: string };
}

const cache = new Map<ApiName, Contract>();

export function loadSpecDocument(file: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ToolkitError('SPEC_NOT_FOUND', `cannot read spec ${file}`, { cause });
  }
  const doc = parse(text) as unknown;
  if (!doc || typeof doc !== 'object') throw new ToolkitError('SPEC_INVALID', `${file} is not a YAML object`);
  return doc as JsonObject;
}

/** Parse and index a spec document; throws ToolkitError when the project's extensions are missing. */
export function contractFromDocument(api: ApiName, doc: JsonObject, file = specPath(api)): Contract {
  const fail = (what: string): never => {
    throw new ToolkitError('SPEC_INVALID', `${file}: ${what}`);
  };
  const paths = (doc.paths ?? {}) as Record<string, Record<string, JsonObject>>;
  const pathKeys = Object.keys(paths);
  if (pathKeys.length !== 1) fail(`expected exactly one path, found ${pathKeys.length}`);
  const opPath = pathKeys[0]!;
  const methods = Object.keys(paths[opPath]!);
  const method = methods[0] ?? fail('the path has no operation');
  const op = paths[opPath]![method]!;
  const envelope = (op['x-error-envelope'] as ErrorEnvelope | undefined) ?? fail('operation has no x-error-envelope');
  const codes = (op['x-error-codes'] as ErrorCodeEntry[] | undefined) ?? fail('operation has no x-error-codes');
  const reqContent = ((op.requestBody as JsonObject)?.content ?? {}) as Record<string, JsonObject>;
  const requestMediaType = Object.keys(reqContent)[0] ?? fail('operation has no request body media type');
  const okContent = (((op.responses as JsonObject)?.['200'] as JsonObject)?.content ?? {}) as Record<string, JsonObject>;
  const responseMediaType = Object.keys(okContent)[0] ?? fail('operation has no 200 response media type');
  const ref = (media: JsonObject | undefined) => ((media?.schema as JsonObject)?.$ref as string | undefined) ?? fail('media type schema must be a $ref');
  const named = (media: JsonObject | undefined) =>
    Object.entries((media?.examples ?? {}) as Record<string, { summary?: string; value: JsonObject }>).map(([name, ex]) => ({ name, summary: ex.summary, value: ex.value }));
  const info = (doc.info ?? {}) as JsonObject;
  return {
    api,
    file,
    doc,
    method: method.toUpperCase(),
    path: opPath,
    operationId: String(op.operationId ?? ''),
    servers: ((doc.servers ?? []) as Array<{ url: string }>).map((s) => s.url),
    envelope,
    codes,
    requestSchemaPointer: ref(reqContent[requestMediaType]),
    responseSchemaPointer: ref(okContent[responseMediaType]),
    requestMediaType,
    responseMediaType,
    responseExamples: named(okContent[responseMediaType]),
    requestExamples: named(reqContent[requestMediaType]),
    decisions: (doc['x-decisions'] ?? []) as Decision[],
    expectations: (op['x-expectations'] ?? []) as Expectation[],
    documentExamples: doc['x-document-examples'] as DocumentExamplesRef | undefined,
    sourceDocument: info['x-source-document'] as Contract['sourceDocument'],
  };
}

/** The contract of one API, parsed once per process. */
export function loadContract(api: ApiName): Contract {
  if (!isApiName(api)) throw new ToolkitError('UNKNOWN_API', `unknown API "${String(api)}" (known: ${apiNames.join(', ')})`);
  let contract = cache.get(api);
  if (!contract) {
    contract = contractFromDocument(api, loadSpecDocument(specPath(api)));
    cache.set(api, contract);
  }
  return contract;
}

/**
 * Serve a copy of a spec under its API's name in this process, for everything that loads by name (conformance,
 * fixtures, validation), until the returned function puts back what was served before. For tests that record a vendor
 * answer in a spec copy and run the suite on it. Validators are compiled once per API and process, so the copy may
 * change decisions and extensions, never the schemas (components): a copy that does is refused.
 */
export function useContract(contract: Contract): () => void {
  const project = loadContract(contract.api);
  if (!isDeepStrictEqual(contract.doc.components, project.doc.components)) {
    throw new ToolkitError('SPEC_INVALID', `${contract.file}: a spec copy served as ${contract.api} must keep its schemas (components); validators are compiled once per process`);
  }
  cache.set(contract.api, contract);
  return () => void cache.set(contract.api, project);
}

/** Resolve a local JSON pointer ("#/components/schemas/X") inside a document. */
export function resolvePointer(doc: JsonObject, pointer: string): JsonObject {
  const parts = pointer.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc;
  for (const part of parts) {
    if (!node || typeof node !== 'object') throw new ToolkitError('SPEC_INVALID', `cannot resolve ${pointer}`);
    node = (node as JsonObject)[part];
  }
  if (!node || typeof node !== 'object') throw new ToolkitError('SPEC_INVALID', `cannot resolve ${pointer}`);
  return node as JsonObject;
}

/** The envelope subset, for code generation (clients import it instead of parsing YAML). */
export function envelopeContract(contract: Contract): EnvelopeContract {
  const { api, method, path: p, operationId, requestMediaType, envelope, codes } = contract;
  return { api, method, path: p, operationId, requestMediaType, envelope, codes };
}
