import type { IHttpConfig, IHttpRequest, IHttpResponse, PrismHttpInstance } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { deferPrismFaker } from './lazy-faker.ts';
import type { PrismViolation } from './violations.ts';

/**
 * The engine: Prism's library does content negotiation, named examples (`Prefer: example=` /
 * `?__example=`) and dynamic mocking for requests the core (core.ts) has routed and validated.
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
  const [core, http, server] = await Promise.all([
    import('@stoplight/prism-core'),
    import('@stoplight/prism-http'),
    import('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js'),
  ]);
  return { createLogger: core.createLogger, ...http, getHttpConfigFromRequest: server.getHttpConfigFromRequest };
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

/** Prism's verdict on one request. */
export type PrismVerdict =
  | { kind: 'response'; response: IHttpResponse }
  | { kind: 'invalid'; violations: PrismViolation[] }
  | { kind: 'contentType'; detail: string }
  | { kind: 'unknownExample'; exampleKey: string; detail: string }
  /** Any other refusal (unknown route or method, Prefer header it cannot read, Accept it cannot serve). */
  | { kind: 'problem'; status: number; title: string; detail: string; type: string };

const prismError = (template: { type: string }) => `https://stoplight.io/prism/errors#${template.type}`;

interface PrismProblem {
  name?: string;
  message?: string;
  status?: number;
  detail?: string;
  additional?: { validation?: PrismViolation[] };
}

function verdictOfProblem(prism: PrismModules, error: PrismProblem, exampleKey: string | undefined): PrismVerdict {
  const { UNPROCESSABLE_ENTITY, INVALID_CONTENT_TYPE, NOT_FOUND } = prism;
  const name = error.name ?? '';
  if (name === prismError(UNPROCESSABLE_ENTITY) && Array.isArray(error.additional?.validation)) return { kind: 'invalid', violations: error.additional.validation };
  if (name === prismError(INVALID_CONTENT_TYPE)) return { kind: 'contentType', detail: error.detail ?? '' };
  if (name === prismError(NOT_FOUND) && exampleKey !== undefined && (error.detail ?? '').includes('exampleKey')) return { kind: 'unknownExample', exampleKey, detail: error.detail ?? '' };
  return { kind: 'problem', status: error.status ?? 500, title: error.message ?? 'Error', detail: error.detail ?? '', type: name };
}

/**
 * Ask Prism for the answer to one request; never throws for anything the client sends (the core has checked
 * the headers Prism's parsers throw on). `validateRequest`: let Prism validate the request too (parameters).
 */
export async function askPrism(engine: PrismEngine, input: IHttpRequest, validateRequest = false): Promise<PrismVerdict> {
  const preferences = engine.prism.getHttpConfigFromRequest(input);
  if (preferences._tag === 'Left') return verdictOfProblem(engine.prism, preferences.left, undefined);
  // A fresh mock config per request: Prism's mocker writes the Accept header's media types into it.
  const prefs = Object.fromEntries(Object.entries(preferences.right).filter(([, v]) => v !== undefined));
  const config = { ...BASE_CONFIG, validateRequest, mock: { ...BASE_CONFIG.mock, ...prefs } } as unknown as IHttpConfig;
  const result = await engine.instance.request(input, engine.operations, config)();
  if (result._tag === 'Left') return verdictOfProblem(engine.prism, result.left as PrismProblem, preferences.right.exampleKey);
  return { kind: 'response', response: result.right.output };
}
