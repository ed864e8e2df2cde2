import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadContract, type ApiName, type Contract, type JsonObject } from '../spec/load.ts';
import { toViolations, type Violation } from './violations.ts';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** OpenAPI keywords that are legal in a schema object but unknown to JSON Schema; strict mode stays on. */
const OPENAPI_KEYWORDS = ['example', 'xml', 'discriminator', 'externalDocs'];
/** Top-level OpenAPI document keys, so the whole document can be registered and `#/components/...` refs resolve. */
const DOCUMENT_KEYWORDS = ['openapi', 'info', 'servers', 'paths', 'components', 'tags', 'security', 'webhooks', 'jsonSchemaDialect'];

let ajv: Ajv2020 | undefined;
const registered = new Set<string>();
const keywords = new Set<string>();
const compiled = new Map<string, ValidateFunction>();

function collectExtensionKeys(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectExtensionKeys(n, into));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-')) into.add(k);
      collectExtensionKeys(v, into);
    }
  }
}

/** The one shared ajv instance (2020 dialect, formats, strict, all errors, data kept for messages). */
export function sharedAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
    addFormats(ajv);
    ajv.addVocabulary([...OPENAPI_KEYWORDS, ...DOCUMENT_KEYWORDS]);
  }
  return ajv;
}

function register(contract: Contract): string {
  const id = `urn:openapi:${contract.api}`;
  if (!registered.has(id)) {
    const instance = sharedAjv();
    const extensions = new Set<string>();
    collectExtensionKeys(contract.doc, extensions);
    for (const key of extensions) {
      if (!keywords.has(key)) instance.addKeyword(key);
      keywords.add(key);
    }
    instance.addSchema({ ...(contract.doc as JsonObject), $id: id });
    registered.add(id);
  }
  return id;
}

/** A compiled validator for any schema pointer in an API's document, compiled once per process. */
export function validatorFor(api: ApiName, pointer: string): ValidateFunction {
  const key = `${api}${pointer}`;
  let fn = compiled.get(key);
  if (!fn) {
    const id = register(loadContract(api));
    fn = sharedAjv().getSchema(`${id}${pointer}`);
    if (!fn) throw new Error(`no schema at ${pointer} in ${api}`);
    compiled.set(key, fn);
  }
  return fn;
}

export type Target = 'request' | 'response';

function validate(api: ApiName, target: Target, data: unknown): Violation[] {
  const contract = loadContract(api);
  const fn = validatorFor(api, target === 'request' ? contract.requestSchemaPointer : contract.responseSchemaPointer);
  return fn(data) ? [] : toViolations(fn.errors);
}

/** Violations of a request body against the API's documented request schema ([] when valid). */
export const validateRequest = (api: ApiName, body: unknown): Violation[] => validate(api, 'request', body);
/** Violations of a response body against the API's documented response envelope schema ([] when valid). */
export const validateResponse = (api: ApiName, body: unknown): Violation[] => validate(api, 'response', body);
