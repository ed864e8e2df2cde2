import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mockData } from '../generated/mock.ts';
import { mockCodeFor } from '../spec/codes.ts';
import { credentialFields } from '../spec/credentials.ts';
import type { Contract, JsonObject } from '../spec/load.ts';
import { schemaSourceOf, type PreparedAnswer, type PreparedApi, type SchemaShape, type SchemaSource } from '../spec/prepared.ts';
import { shapeOf, specSchemaSource } from '../validation/collect.ts';
import { reachableShapes } from '../validation/walk.ts';
import { prismVerdict, type PrismEngine } from './prism.ts';
import type { EngineRequest } from './respond.ts';
import { fieldFacts } from './violations.ts';

/**
 * An API's prepared data (src/spec/prepared.ts): read from the spec, with the answers to a valid request asked of
 * Prism once — without preferences, and for each named example. `npm run generate` commits it (src/generated/); the
 * server mock uses the committed copy when it was prepared from the same spec bytes, else prepares it at start-up.
 */

export const specSha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

const pathItemOf = (contract: Contract): JsonObject => ((contract.doc.paths ?? {}) as Record<string, JsonObject>)[contract.path] ?? {};
const operationOf = (contract: Contract): JsonObject => (pathItemOf(contract)[contract.method.toLowerCase()] ?? {}) as JsonObject;

/** Parameters declared on the path item or on the operation. */
function hasParameters(contract: Contract): boolean {
  const declared = (node: JsonObject) => Array.isArray(node.parameters) && node.parameters.length > 0;
  return declared(pathItemOf(contract)) || declared(operationOf(contract));
}

function hasSecurity(contract: Contract): boolean {
  const security = operationOf(contract).security ?? contract.doc.security;
  return Array.isArray(security) && security.some((s) => s && typeof s === 'object' && Object.keys(s).length > 0);
}

/** What Prism answers a valid request (the spec's first request example) asking for `example` (none: its default). */
async function askPrism(engine: PrismEngine, contract: Contract, example: string | undefined): Promise<PreparedAnswer> {
  const body = JSON.stringify(contract.requestExamples[0]?.value ?? {});
  const request: EngineRequest = {
    method: contract.method,
    url: new URL(contract.path, 'http://mock.invalid'),
    headers: { 'content-type': contract.requestMediaType },
    accept: undefined,
    body: { kind: 'json', value: JSON.parse(body) as unknown },
    example,
    preferences: {},
  };
  const verdict = await prismVerdict(engine, contract, request, false);
  if (verdict.kind !== 'response' || !verdict.envelope || typeof verdict.envelope !== 'object') {
    throw new Error(`${contract.api}: Prism gave no envelope for ${example ? `example ${example}` : 'a valid request'} (${JSON.stringify(verdict).slice(0, 200)})`);
  }
  return { status: verdict.status, envelope: verdict.envelope as Record<string, unknown> };
}

/** Shapes of every schema node the bounded walk can visit in the request body. */
function requestShapes(contract: Contract): Record<string, SchemaShape> {
  return Object.fromEntries(reachableShapes((pointer) => shapeOf(contract.api, pointer), contract.requestSchemaPointer));
}

export async function prepareApi(contract: Contract, engine: PrismEngine): Promise<PreparedApi> {
  const op = operationOf(contract);
  const responses = (op.responses ?? {}) as Record<string, JsonObject>;
  const byExample: Record<string, PreparedAnswer> = {};
  for (const { name } of contract.responseExamples) byExample[name] = await askPrism(engine, contract, name);
  return {
    api: contract.api,
    specSha256: specSha256(contract.file),
    method: contract.method,
    path: contract.path,
    requestMediaType: contract.requestMediaType,
    responseMediaTypes: Object.keys(((responses['200'] ?? {}).content ?? {}) as JsonObject),
    envelope: {
      codeField: contract.envelope.codeField,
      messageField: contract.envelope.messageField,
      successCodes: contract.envelope.successCodes,
      contentType: contract.envelope.contentType,
      errorHttpStatus: contract.envelope.errorHttpStatus.mock,
    },
    bodyRequired: (op.requestBody as JsonObject | undefined)?.required === true,
    hasParameters: hasParameters(contract),
    hasSecurity: hasSecurity(contract),
    requestSchemaPointer: contract.requestSchemaPointer,
    violationCodes: { body: mockCodeFor(contract, 'body'), required: mockCodeFor(contract, 'required'), optional: mockCodeFor(contract, 'optional') },
    credentialCodes: credentialFields(contract).map((field) => ({ field, code: mockCodeFor(contract, 'credentials', field) })),
    fields: fieldFacts(contract),
    examples: contract.responseExamples.map(({ name, value }) => ({ name, code: value[contract.envelope.codeField] })),
    answers: { default: await askPrism(engine, contract, undefined), byExample },
    shapes: requestShapes(contract),
  };
}

export interface Prepared {
  prepared: PreparedApi;
  schemas: SchemaSource;
  /** `committed`: src/generated/ matched the spec; `live`: prepared at start-up (the committed copy is stale). */
  source: 'committed' | 'live';
}

/** The committed prepared data when it matches the spec file; else prepared now (Prism asked, ajv compiling). */
export async function loadPrepared(contract: Contract, engine: () => Promise<PrismEngine>): Promise<Prepared> {
  const committed = mockData[contract.api];
  if (committed.prepared.specSha256 === specSha256(contract.file)) {
    return { prepared: committed.prepared, schemas: schemaSourceOf(committed.prepared, committed.validators), source: 'committed' };
  }
  return { prepared: await prepareApi(contract, await engine()), schemas: specSchemaSource(contract.api), source: 'live' };
}
