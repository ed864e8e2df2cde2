import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadContract, type ApiName, type Contract, type JsonObject } from '../spec/load.ts';
import type { ValidatorMode } from '../spec/prepared.ts';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** OpenAPI keywords that are legal in a schema object but unknown to JSON Schema; strict mode stays on. */
const OPENAPI_KEYWORDS = ['example', 'xml', 'discriminator', 'externalDocs'];
/** Top-level OpenAPI document keys, so the whole document can be registered and `#/components/...` refs resolve. */
const DOCUMENT_KEYWORDS = ['openapi', 'info', 'servers', 'paths', 'components', 'tags', 'security', 'webhooks', 'jsonSchemaDialect'];

/**
 * `all` collects every error (the wording of violations); `first` stops at the first one (the verdict,
 * and the bounded walk in walk.ts). Each instance keeps its own compile cache.
 */
export type { ValidatorMode } from '../spec/prepared.ts';

interface Instance {
  ajv: Ajv2020;
  registered: Set<string>;
  keywords: Set<string>;
  compiled: Map<string, ValidateFunction>;
}
const instances: Partial<Record<ValidatorMode, Instance>> = {};

function collectExtensionKeys(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectExtensionKeys(n, into));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-')) into.add(k);
      collectExtensionKeys(v, into);
    }
  }
}

/**
 * The project's ajv configuration: 2020 dialect, formats, strict, data kept for messages (`verbose`), all errors or
 * the first. `code` options for the standalone validators `npm run generate` writes (src/codegen/validators.ts).
 */
export function createAjv(mode: ValidatorMode, code?: { source: true; esm: true }): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: mode === 'all', verbose: true, ...(code && { code }) });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_KEYWORDS, ...DOCUMENT_KEYWORDS]);
  return ajv;
}

/** Register the spec's own extension keys (x-…) as no-op keywords, so strict mode accepts the document. */
export function addExtensionKeywords(ajv: Ajv2020, doc: JsonObject, known: Set<string> = new Set()): void {
  const extensions = new Set<string>();
  collectExtensionKeys(doc, extensions);
  for (const key of extensions) {
    if (!known.has(key)) ajv.addKeyword(key);
    known.add(key);
  }
}

function instance(mode: ValidatorMode): Instance {
  let found = instances[mode];
  if (!found) {
    const ajv = createAjv(mode);
    found = instances[mode] = { ajv, registered: new Set(), keywords: new Set(), compiled: new Map() };
  }
  return found;
}

/** The shared ajv instance (2020 dialect, formats, strict, data kept for messages); all errors unless asked. */
export function sharedAjv(mode: ValidatorMode = 'all'): Ajv2020 {
  return instance(mode).ajv;
}

function register(target: Instance, contract: Contract): string {
  const id = `urn:openapi:${contract.api}`;
  if (!target.registered.has(id)) {
    addExtensionKeywords(target.ajv, contract.doc, target.keywords);
    target.ajv.addSchema({ ...(contract.doc as JsonObject), $id: id });
    target.registered.add(id);
  }
  return id;
}

/**
 * A compiled validator for any schema pointer in an API's document, compiled once per process and mode.
 * Beware `all` on hostile data: ajv's error collection grows faster than the input (collect.ts bounds it).
 */
export function validatorFor(api: ApiName, pointer: string, mode: ValidatorMode = 'all'): ValidateFunction {
  const target = instance(mode);
  const key = `${api}${pointer}`;
  let fn = target.compiled.get(key);
  if (!fn) {
    const id = register(target, loadContract(api));
    fn = target.ajv.getSchema(`${id}${pointer}`);
    if (!fn) throw new Error(`no schema at ${pointer} in ${api}`);
    target.compiled.set(key, fn);
  }
  return fn;
}
