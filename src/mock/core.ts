import type { IHttpNameValue, IHttpNameValues } from '@stoplight/prism-http';
import type { HttpMethod } from '@stoplight/types';
import type { Contract, JsonObject } from '../spec/load.ts';
import { bodyViolation, envelopeAnswer, errorEnvelope, mockProblem, violationsEnvelope, type Answer, type AnswerContext } from './answers.ts';
import { corsHeaders, isPreflight, preflightHeaders } from './cors.ts';
import { checkCredentials } from './credentials.ts';
import { contentTypeEssence, matchesMediaType, readAccept } from './media-type.ts';
import { askPrism, type PrismEngine } from './prism.ts';
import { MAX_BODY_BYTES, parseBody, type MockRequest, type RequestBody } from './request.ts';
import { routeProblem } from './routing.ts';
import { requestViolationList, requestViolations } from './violations.ts';

/**
 * The mock's core: one request as plain data in, one answer as plain data out. No sockets, streams or
 * logging here (handler.ts does the node:http side), so any transport can put the same answers behind it.
 *
 * Order: CORS preflight → route (404/405, before the body is looked at) → Accept (406) → body size (413)
 * → Content-Type → JSON → the spec's schema (bounded) → Prism (named examples, Prefer, dynamic mode)
 * → configured credentials. The first four are problems of using the mock (RFC 9457 problem details);
 * from Content-Type on, the API's own envelope answers.
 */
export interface MockCore {
  answer(request: MockRequest): Promise<Answer>;
}

export interface CoreContext extends AnswerContext {
  contract: Contract;
  engine: PrismEngine;
  /** field name → the only accepted value; empty when any value is accepted. */
  credentials: ReadonlyMap<string, string>;
}

function queryOf(searchParams: URLSearchParams): IHttpNameValues {
  const query: IHttpNameValues = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** The request target as a URL; undefined when it cannot be read (URL.parse needs Node 20.18). */
function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target || '/', 'http://mock.invalid');
  } catch {
    return undefined;
  }
}

/** The body as Prism receives it from prism-http-server: parsed JSON, raw text, or null. */
function prismBody(body: RequestBody): unknown {
  if (body.kind === 'json') return body.value;
  if (body.kind === 'text') return body.text;
  return null;
}

/** Headers for Prism: defined values only, Accept replaced by its cleaned list (or dropped). */
function prismHeaders(headers: MockRequest['headers'], accept: string | undefined): IHttpNameValue {
  const result: IHttpNameValue = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && name !== 'accept') result[name] = value;
  if (accept !== undefined) result.accept = accept;
  return result;
}

/** What the core needs to know of the operation beyond the contract: read once per contract. */
const operations = new WeakMap<Contract, { bodyRequired: boolean; hasParameters: boolean }>();
function operation(contract: Contract): { bodyRequired: boolean; hasParameters: boolean } {
  let found = operations.get(contract);
  if (!found) {
    const item = ((contract.doc.paths ?? {}) as Record<string, JsonObject>)[contract.path] ?? {};
    const op = (item[contract.method.toLowerCase()] ?? {}) as JsonObject;
    const declared = (node: JsonObject) => Array.isArray(node.parameters) && node.parameters.length > 0;
    // Parameters (query, header, path) are still Prism's to validate: the core checks bodies only.
    found = { bodyRequired: (op.requestBody as JsonObject | undefined)?.required === true, hasParameters: declared(item) || declared(op) };
    operations.set(contract, found);
  }
  return found;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Everything after routing: a request for the documented operation. */
async function answerOperation(ctx: CoreContext, request: MockRequest, url: URL, accept: string | undefined): Promise<Answer> {
  const { contract } = ctx;
  if (request.body.kind === 'tooLarge') {
    return mockProblem(413, 'Payload Too Large', `the request body (${request.body.bytes} bytes or more) exceeds the mock's limit of ${MAX_BODY_BYTES} bytes (10 MiB, the same as Prism's)`);
  }
  const contentType = request.headers['content-type'];
  const essence = contentType === undefined ? undefined : contentTypeEssence(contentType);
  if (contentType !== undefined && essence === undefined) return violationsEnvelope(ctx, [bodyViolation.contentType(contract, contentType)]);
  const body = parseBody(request.body, essence);
  // The body is validated here, bounded, and only a valid one reaches Prism (whose validator is unbounded).
  if (body.kind === 'malformed') return violationsEnvelope(ctx, [bodyViolation.malformed(body.reason)]);
  if (body.kind === 'none' && operation(contract).bodyRequired) return violationsEnvelope(ctx, [bodyViolation.empty()]);
  if (body.kind === 'text' || (body.kind === 'json' && !matchesMediaType(essence!, contract.requestMediaType))) {
    return violationsEnvelope(ctx, [bodyViolation.contentType(contract, contentType)]);
  }
  if (body.kind === 'json') {
    const list = requestViolationList(contract, body.value);
    if (list.violations.length > 0) return violationsEnvelope(ctx, list.violations, list.complete);
  }
  const input = {
    method: request.method.toLowerCase() as HttpMethod,
    url: { path: url.pathname, baseUrl: url.searchParams.get('__server') || undefined, query: queryOf(url.searchParams) },
    headers: prismHeaders(request.headers, accept),
    body: prismBody(body),
  };
  const verdict = await askPrism(ctx.engine, input, operation(contract).hasParameters);
  switch (verdict.kind) {
    case 'response': {
      const failure = checkCredentials(contract, ctx.credentials, prismBody(body));
      if (failure) return errorEnvelope(ctx, failure.code, failure.message);
      return envelopeAnswer(ctx, verdict.response.body, verdict.response.statusCode);
    }
    case 'contentType':
      return violationsEnvelope(ctx, [bodyViolation.contentType(contract, contentType)]);
    case 'invalid': {
      // Only with parameters declared (Prism validates them) or a body the two validators judge differently.
      if (body.kind === 'none') return violationsEnvelope(ctx, [bodyViolation.empty()]);
      const list = requestViolations(contract, prismBody(body), verdict.violations);
      return violationsEnvelope(ctx, list.violations, list.complete);
    }
    case 'unknownExample': {
      const known = contract.responseExamples.map((e) => e.name).join(', ');
      return mockProblem(404, 'Unknown example', `no example named ${JSON.stringify(shorten(verdict.exampleKey, 100))} (asked for with Prefer: example= or ?__example=); known examples: ${known}`);
    }
    case 'problem':
      return mockProblem(verdict.status, verdict.title, verdict.detail, verdict.type);
  }
}

async function decide(ctx: CoreContext, request: MockRequest): Promise<Answer> {
  const url = parseTarget(request.target);
  if (!url) return mockProblem(400, 'Bad request target', `cannot read the request target ${JSON.stringify(shorten(request.target, 100))}`);
  if (isPreflight(request.method, request.headers)) return { status: 204, headers: preflightHeaders(request.headers), body: '' };
  const routed = routeProblem(ctx.contract, request.method, url.pathname);
  if (routed) return routed;
  const accept = readAccept(request.headers.accept);
  if (!accept.ok) {
    const detail = `cannot read the Accept header: ${JSON.stringify(shorten(accept.element, 100))} is not a media range (type/subtype, optionally ;name=value); this mock answers ${ctx.contract.envelope.contentType}`;
    return mockProblem(406, 'Not Acceptable', detail);
  }
  return answerOperation(ctx, request, url, accept.header);
}

/** The core for one API's mock. */
export function createMockCore(ctx: CoreContext): MockCore {
  return {
    async answer(request) {
      const answer = await decide(ctx, request);
      answer.headers = Object.assign(corsHeaders(request.headers), answer.headers);
      return answer;
    },
  };
}
