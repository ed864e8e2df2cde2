import { createRequire } from 'node:module';
import type { IHttpConfig, IHttpNameValue, IHttpNameValues, IHttpRequest, PrismHttpInstance } from '@stoplight/prism-http';
import type { HttpMethod, IHttpOperation } from '@stoplight/types';
import type { Contract } from '../spec/load.ts';
import { deferPrismFaker } from './lazy-faker.ts';
import type { RawPreferences } from './preferences.ts';
import type { RequestBody } from './request.ts';
import type { EngineRequest, Verdict } from './respond.ts';
import { requestViolations, type PrismViolation } from './violations.ts';
import { bodyViolation } from './answers.ts';

/**
 * The engine: Prism's library does content negotiation, named examples (`Prefer: example=` / `?__example=`) and
 * dynamic mocking for requests the shared core (respond.ts) has routed and validated and does not answer itself.
 * This file only wires it up and reports its verdict as data.
 */

/**
 * As `prism mock` configures itself, except: no response validation (our answers are the spec's own examples),
 * and request validation only when asked — the core validates bodies itself, bounded; Prism's validator
 * collects every error of a hostile body and would validate every valid one a second time.
 */
const BASE_CONFIG = {
  validateRequest: false,
  validateResponse: false,
  checkSecurity: true,
  errors: false,
  isProxy: false,
  upstreamProxy: undefined,
  mock: { dynamic: false },
} as const;

/** Prism's modules, loaded on first use (after deferring faker, see lazy-faker.ts). */
async function importPrism() {
  deferPrismFaker();
  const configModule = '@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js';
  const [core, http, server] = await Promise.all([import('@stoplight/prism-core'), import('@stoplight/prism-http'), import(configModule)]);
  // The Prefer parser prism-http-server itself uses (resolved from there, whatever the hoisting).
  const fromServer = createRequire(createRequire(import.meta.url).resolve(configModule));
  const parsePreferHeader = fromServer('parse-prefer-header') as (header: string) => Record<string, string | true>;
  return { createLogger: core.createLogger, ...http, getHttpConfigFromRequest: server.getHttpConfigFromRequest, parsePreferHeader };
}
type PrismModules = Awaited<ReturnType<typeof importPrism>>;
let prismModules: Promise<PrismModules> | undefined;

export interface PrismEngine {
  prism: PrismModules;
  operations: IHttpOperation[];
  instance: PrismHttpInstance;
}

export async function createEngine(specFile: string): Promise<PrismEngine> {
  const prism = await (prismModules ??= importPrism());
  const operations = await prism.getHttpOperationsFromSpec(specFile);
  // Silent: Prism's pino lines per request halve throughput and overflow the stack on deeply nested bodies.
  const logger = prism.createLogger('mock', { level: 'silent' });
  return { prism, operations, instance: prism.createInstance(BASE_CONFIG as unknown as IHttpConfig, { logger }) };
}

const prismError = (template: { type: string }) => `https://stoplight.io/prism/errors#${template.type}`;

interface PrismProblem {
  name?: string;
  message?: string;
  status?: number;
  detail?: string;
  additional?: { validation?: PrismViolation[] };
}

function queryOf(searchParams: URLSearchParams): IHttpNameValues {
  const query: IHttpNameValues = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** The body as Prism receives it from prism-http-server: parsed JSON, raw text, or null. */
function prismBody(body: RequestBody): unknown {
  if (body.kind === 'json') return body.value;
  if (body.kind === 'text') return body.text;
  return null;
}

/** Headers for Prism: defined values only, Accept replaced by its cleaned list (or dropped). */
function prismHeaders(headers: EngineRequest['headers'], accept: string | undefined): IHttpNameValue {
  const result: IHttpNameValue = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && name !== 'accept') result[name] = value;
  if (accept !== undefined) result.accept = accept;
  return result;
}

/**
 * Prism's preferences for a request, read by prism-http-server's own parser and decoder — without `code`, which is
 * the mock's (the envelope's code, turned into `example` before Prism is asked): the raw values go to Prism's
 * decoder through its query form, which takes exactly what its header parser produces.
 */
function preferencesFor(prism: PrismModules, request: EngineRequest, query: IHttpNameValues) {
  const raw: RawPreferences & Record<string, unknown> = request.headers.prefer
    ? { ...prism.parsePreferHeader(request.headers.prefer) }
    : { dynamic: query.__dynamic, seed: query.__seed, example: query.__example };
  if (request.example !== undefined) raw.example = request.example;
  return prism.getHttpConfigFromRequest({ method: 'post', url: { path: '/', query: { __dynamic: raw.dynamic, __seed: raw.seed, __example: raw.example } as IHttpNameValues } });
}

/**
 * Ask Prism for the answer to one request the core has validated; never throws for anything the client sends (the
 * core has checked the headers Prism's parsers throw on). Prism validates the request too only when the operation
 * declares parameters (the core checks bodies only).
 */
export async function prismVerdict(engine: PrismEngine, contract: Contract, request: EngineRequest, validateRequest: boolean): Promise<Verdict> {
  const { prism } = engine;
  const query = queryOf(request.url.searchParams);
  const preferences = preferencesFor(prism, request, query);
  if (preferences._tag === 'Left') return verdictOfProblem(prism, contract, request, preferences.left, undefined);
  const input: IHttpRequest = {
    method: request.method.toLowerCase() as HttpMethod,
    url: { path: request.url.pathname, baseUrl: request.url.searchParams.get('__server') || undefined, query },
    headers: prismHeaders(request.headers, request.accept),
    body: prismBody(request.body),
  };
  // A fresh mock config per request: Prism's mocker writes the Accept header's media types into it.
  const prefs = Object.fromEntries(Object.entries(preferences.right).filter(([, v]) => v !== undefined));
  const config = { ...BASE_CONFIG, validateRequest, mock: { ...BASE_CONFIG.mock, ...prefs } } as unknown as IHttpConfig;
  const result = await engine.instance.request(input, engine.operations, config)();
  if (result._tag === 'Left') return verdictOfProblem(prism, contract, request, result.left as PrismProblem, preferences.right.exampleKey);
  return { kind: 'response', status: result.right.output.statusCode, envelope: result.right.output.body };
}

function verdictOfProblem(prism: PrismModules, contract: Contract, request: EngineRequest, error: PrismProblem, exampleKey: string | undefined): Verdict {
  const { UNPROCESSABLE_ENTITY, INVALID_CONTENT_TYPE, NOT_FOUND } = prism;
  const name = error.name ?? '';
  if (name === prismError(UNPROCESSABLE_ENTITY) && Array.isArray(error.additional?.validation)) {
    // Only with parameters declared (Prism validates them) or a body the two validators judge differently.
    if (request.body.kind === 'none') return { kind: 'invalid', list: { violations: [bodyViolation.empty()], complete: true } };
    return { kind: 'invalid', list: requestViolations(contract, prismBody(request.body), error.additional.validation) };
  }
  if (name === prismError(INVALID_CONTENT_TYPE)) return { kind: 'contentType' };
  if (name === prismError(NOT_FOUND) && exampleKey !== undefined && (error.detail ?? '').includes('exampleKey')) return { kind: 'unknownExample', exampleKey };
  return { kind: 'problem', status: error.status ?? 500, title: error.message ?? 'Error', detail: error.detail ?? '', type: name };
}
