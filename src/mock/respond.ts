import type { PreparedApi, SchemaSource } from '../spec/prepared.ts';
import type { Violation } from '../validation/violations.ts';
import type { ViolationList } from '../validation/walk.ts';
import { bodyViolation, envelopeAnswer, errorEnvelope, mockProblem, shorten, type Answer, type AnswerContext } from './answers.ts';
import { delaySampler, MockOptionError, seededRandom, type ChaosSpec, type DelaySpec } from './behaviour.ts';
import { corsHeaders, isPreflight, preflightHeaders } from './cors.ts';
import { checkCredentials } from './credentials.ts';
import { contentTypeEssence, matchesMediaType, readAccept } from './media-type.ts';
import { isPlainAccept } from './negotiation.ts';
import { decodePreferences, readPreferences, requestedCode, type RawPreferences, type ReadPreferences } from './preferences.ts';
import { MAX_BODY_BYTES, parseBody, type MockRequest, type RequestBody } from './request.ts';
import { routeProblem } from './routing.ts';
import { boundedViolations, describeViolations, mostSevereKind } from './words.ts';

/**
 * The mock's shared core: one request as plain data in, one answer as plain data out, from an API's prepared data
 * (src/spec/prepared.ts). The server mock (core.ts, node:http) and the MSW handlers (src/msw/) both run it; it uses
 * no Node built-ins and no Prism.
 *
 * Order: CORS preflight → route (404/405, before the body is looked at) → Accept (406) → body size (413)
 * → Content-Type → JSON → the spec's schema (bounded) → preferences (`code=`) → the answer. The answer to a valid
 * request is prepared (Prism decided it once, for each example) when the request is plain — no Accept or one
 * without parameters that matches, preferences read exactly as Prism reads them, no dynamic mode, no `__server`;
 * anything else goes to the engine: Prism's library in the server mock, a pure fallback in the MSW handlers.
 * Then configured credentials, chaos, the envelope, and a simulated delay.
 */

/** What decides a valid request the fast path does not answer (Prism on the server). */
export type Verdict =
  /** An answer: Prism's HTTP status and body (undefined: Prism would send no body). */
  | { kind: 'response'; status: number; envelope: unknown }
  | { kind: 'invalid'; list: ViolationList }
  | { kind: 'contentType' }
  | { kind: 'unknownExample'; exampleKey: string }
  | { kind: 'problem'; status: number; title: string; detail: string; type: string };

export interface EngineRequest {
  method: string;
  url: URL;
  headers: MockRequest['headers'];
  /** The Accept header cleaned (readAccept), undefined when absent. */
  accept: string | undefined;
  body: RequestBody;
  /** The example the mock chose before the engine: from `code=`, or the behaviour's default example. */
  example: string | undefined;
  /** The preferences as the core read them, without `code` (the mock's own); Prism's engine reads them again with Prism's parser. */
  preferences: RawPreferences;
}

export type Engine = (request: EngineRequest) => Verdict | Promise<Verdict>;

export interface Behaviour {
  /** HTTP status of envelopes that carry an error code. */
  errorHttpStatus: number;
  /** field name → the only accepted value; empty when any value is accepted. */
  credentials: ReadonlyMap<string, string>;
  delay?: DelaySpec | undefined;
  chaos?: ChaosSpec | undefined;
  /** Seed of chaos and delay draws. */
  seed?: number | undefined;
  /** The example a valid request gets unless it asks for another (the MSW handlers' per-test choice). */
  example?: string | undefined;
}

export interface ResponderOptions {
  prepared: PreparedApi;
  schemas: SchemaSource;
  behaviour: Behaviour;
  engine: Engine;
  /** false: every valid request goes to the engine (the differential test's Prism path). Default true. */
  fastPath?: boolean;
}

export interface Responder {
  respond(request: MockRequest): Answer | Promise<Answer>;
}

/** A prepared answer with the configured HTTP status applied, its body serialised once. */
interface Ready {
  status: number;
  body: string;
  code: number | undefined;
}

/** The codes that have an example, for messages: "0, -1, 1, 4, …". */
export function codesWithExamples(prepared: PreparedApi): string {
  return [...new Set(prepared.examples.map((e) => JSON.stringify(e.code)))].join(', ');
}

/** The first example carrying this envelope code (lingju's 20–29 each have their own). */
export function exampleWithCode(prepared: PreparedApi, code: number): string | undefined {
  return prepared.examples.find((e) => e.code === code)?.name;
}

/** The request target as a URL; undefined when it cannot be read. */
function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target || '/', 'http://mock.invalid');
  } catch {
    return undefined; // URL.parse needs Node 20.18
  }
}

export function createResponder(options: ResponderOptions): Responder {
  const { prepared, schemas, behaviour, engine } = options;
  const fastPath = options.fastPath ?? true;
  const ctx: AnswerContext = { envelope: prepared.envelope, errorHttpStatus: behaviour.errorHttpStatus };
  const exampleNames = new Set(prepared.examples.map((e) => e.name));
  // The documented path without a query, the usual target, is parsed once (the URL is only read, never changed).
  const documentedUrl = parseTarget(prepared.path)!;
  const toReady = (status: number, envelope: unknown): Ready => {
    const answer = envelopeAnswer(ctx, envelope, status);
    return { status: answer.status, body: answer.body, code: answer.code };
  };
  const ready = new Map<string, Ready>(Object.entries(prepared.answers.byExample).map(([name, a]) => [name, toReady(a.status, a.envelope)]));
  const readyDefault = toReady(prepared.answers.default.status, prepared.answers.default.envelope);
  if (behaviour.example !== undefined && !exampleNames.has(behaviour.example)) {
    throw new MockOptionError(`${prepared.api}: no example named "${behaviour.example}" (known: ${[...exampleNames].join(', ')})`);
  }
  const chaos = chaosPlan(prepared, behaviour);
  const delay = behaviour.delay ? delaySampler(behaviour.delay, seededRandom((behaviour.seed ?? 0) ^ 0x5bd1e995)) : undefined;
  const plainMediaTypes = prepared.responseMediaTypes;
  const fastEligible = fastPath && !prepared.hasParameters && !prepared.hasSecurity && plainMediaTypes.length === 1;

  const fromReady = (r: Ready): Answer => {
    const answer: Answer = { status: r.status, headers: { 'Content-Type': prepared.envelope.contentType }, body: r.body };
    if (r.code !== undefined) answer.code = r.code;
    return answer;
  };

  const violationsEnvelope = (violations: readonly Violation[], complete = true): Answer =>
    errorEnvelope(ctx, prepared.violationCodes[mostSevereKind(prepared.fields, violations)], describeViolations(prepared.fields, violations, complete));

  /** After the verdict: credentials, chaos, the envelope; or the verdict's problem. */
  function finish(verdict: Verdict | ReadyVerdict, body: RequestBody, asked: boolean, contentType: string | undefined, accept: string | undefined): Answer {
    switch (verdict.kind) {
      case 'ready':
      case 'response': {
        if (verdict.kind === 'response' && verdict.envelope === undefined) {
          // Prism's "no content" answer (a */* range that matched nothing): the API has no such answer.
          return mockProblem(406, 'The server cannot produce a representation for your accept header', `Unable to find content for ${accept ?? ''}`, 'https://stoplight.io/prism/errors#NOT_ACCEPTABLE');
        }
        const failure = checkCredentials(prepared.credentialCodes, behaviour.credentials, body.kind === 'json' ? body.value : undefined);
        if (failure) return errorEnvelope(ctx, failure.code, failure.message);
        const chaotic = asked ? undefined : chaos?.pick();
        if (chaotic !== undefined) return fromReady(ready.get(chaotic)!);
        return verdict.kind === 'ready' ? fromReady(verdict.ready) : envelopeAnswer(ctx, verdict.envelope, verdict.status);
      }
      case 'contentType':
        return violationsEnvelope([bodyViolation.contentType(prepared.requestMediaType, contentType)]);
      case 'invalid':
        return violationsEnvelope(verdict.list.violations, verdict.list.complete);
      case 'unknownExample':
        return mockProblem(404, 'Unknown example', `no example named ${JSON.stringify(shorten(verdict.exampleKey, 100))} (asked for with Prefer: example= or ?__example=); known examples: ${[...exampleNames].join(', ')}`);
      case 'problem':
        return mockProblem(verdict.status, verdict.title, verdict.detail, verdict.type);
    }
  }

  /** Everything after routing: a request for the documented operation. */
  function answerOperation(request: MockRequest, url: URL, accept: string | undefined): Answer | Promise<Answer> {
    if (request.body.kind === 'tooLarge') {
      return mockProblem(413, 'Payload Too Large', `the request body (${request.body.bytes} bytes or more) exceeds the mock's limit of ${MAX_BODY_BYTES} bytes (10 MiB, the same as Prism's)`);
    }
    const contentType = request.headers['content-type'];
    const essence = contentType === undefined ? undefined : contentTypeEssence(contentType);
    if (contentType !== undefined && essence === undefined) return violationsEnvelope([bodyViolation.contentType(prepared.requestMediaType, contentType)]);
    const body = parseBody(request.body, essence);
    // The body is validated here, bounded, and only a valid one reaches the answer (Prism's validator is unbounded).
    if (body.kind === 'malformed') return violationsEnvelope([bodyViolation.malformed(body.reason)]);
    if (body.kind === 'none' && prepared.bodyRequired) return violationsEnvelope([bodyViolation.empty()]);
    if (body.kind === 'text' || (body.kind === 'json' && !matchesMediaType(essence!, prepared.requestMediaType))) {
      return violationsEnvelope([bodyViolation.contentType(prepared.requestMediaType, contentType)]);
    }
    if (body.kind === 'json') {
      const list = boundedViolations(schemas, prepared.requestSchemaPointer, body.value);
      if (list.violations.length > 0) return violationsEnvelope(list.violations, list.complete);
    }

    const query = url.search ? url.searchParams : undefined;
    const preferences = request.headers.prefer || query ? readPreferences(request.headers.prefer, query) : NO_PREFERENCES;
    const code = requestedCode(preferences.raw);
    let example = behaviour.example !== undefined && preferences.raw.example === undefined ? behaviour.example : undefined;
    if (code.kind === 'unreadable') {
      return mockProblem(422, 'Invalid request', `Prefer code=${shorten(code.received, 60)}: expected the ${prepared.envelope.codeField} of an example, an integer (codes with an example: ${codesWithExamples(prepared)})`);
    }
    if (code.kind === 'code') {
      const named = exampleWithCode(prepared, code.code);
      if (named === undefined) return mockProblem(404, 'Unknown code', `no example carries ${prepared.envelope.codeField} ${code.code} (asked for with Prefer: code= or ?__code=); codes with an example: ${codesWithExamples(prepared)}`);
      const own = preferences.raw.example;
      if (typeof own === 'string' && own !== '' && own !== named) {
        return mockProblem(422, 'Invalid request', `Prefer asks for code ${code.code} and example ${JSON.stringify(shorten(own, 100))}, which does not carry it (example ${named} does)`);
      }
      example = named;
    }
    // A request that asks for an answer (or handlers told which one to give) is never chaos's.
    const asked = behaviour.example !== undefined || code.kind === 'code' || preferences.raw.example !== undefined || preferences.raw.dynamic !== undefined;
    const prismPreferences = withoutCode(preferences.raw);

    if (fastEligible && preferences.modelled && !query?.has('__server') && isPlainAccept(accept, plainMediaTypes)) {
      const decoded = decodePreferences(prismPreferences);
      if (decoded.ok && decoded.value.dynamic !== true) {
        const name = example ?? (decoded.value.exampleKey || undefined);
        const found = name === undefined ? readyDefault : ready.get(name);
        const verdict: Verdict | ReadyVerdict = found ? { kind: 'ready', ready: found } : { kind: 'unknownExample', exampleKey: name! };
        return finish(verdict, body, asked, contentType, accept);
      }
    }
    const sent = engine({ method: request.method, url, headers: request.headers, accept, body, example, preferences: prismPreferences });
    return sent instanceof Promise ? sent.then((v) => finish(v, body, asked, contentType, accept)) : finish(sent, body, asked, contentType, accept);
  }

  function decide(request: MockRequest): Answer | Promise<Answer> {
    const url = request.target === prepared.path ? documentedUrl : parseTarget(request.target);
    if (!url) return mockProblem(400, 'Bad request target', `cannot read the request target ${JSON.stringify(shorten(request.target, 100))}`);
    if (isPreflight(request.method, request.headers)) return { status: 204, headers: preflightHeaders(request.headers), body: '' };
    const routed = routeProblem(prepared, request.method, url.pathname);
    if (routed) return routed;
    const accept = readAccept(request.headers.accept);
    if (!accept.ok) {
      const detail = `cannot read the Accept header: ${JSON.stringify(shorten(accept.element, 100))} is not a media range (type/subtype, optionally ;name=value); this mock answers ${prepared.envelope.contentType}`;
      return mockProblem(406, 'Not Acceptable', detail);
    }
    return answerOperation(request, url, accept.header);
  }

  const complete = (request: MockRequest, answer: Answer): Answer => {
    answer.headers = Object.assign(corsHeaders(request.headers), answer.headers);
    if (delay && answer.headers['Content-Type'] === prepared.envelope.contentType) answer.delayMs = delay();
    return answer;
  };

  return {
    respond(request) {
      const answer = decide(request);
      return answer instanceof Promise ? answer.then((a) => complete(request, a)) : complete(request, answer);
    },
  };
}

const NO_PREFERENCES: ReadPreferences = { raw: {}, modelled: true };
/** A prepared answer chosen by the fast path. */
type ReadyVerdict = { kind: 'ready'; ready: Ready };

function withoutCode(raw: RawPreferences): RawPreferences {
  if (raw.code === undefined) return raw;
  const { code: _code, ...rest } = raw;
  return rest;
}

/** Chaos: which error example a valid request gets instead of its answer, drawn from the seeded generator. */
function chaosPlan(prepared: PreparedApi, behaviour: Behaviour): { pick(): string | undefined } | undefined {
  const spec = behaviour.chaos;
  if (!spec || spec.rate <= 0) return undefined;
  const success = new Set(prepared.envelope.successCodes);
  const errors = prepared.examples.filter((e) => typeof e.code === 'number' && !success.has(e.code));
  let chosen = errors;
  if (spec.codes && spec.codes.length) {
    const unknown = spec.codes.filter((c) => !errors.some((e) => e.code === c));
    if (unknown.length) throw new MockOptionError(`${prepared.api}: chaos codes ${unknown.join(', ')} have no error example (codes with one: ${errors.map((e) => String(e.code)).join(', ')})`);
    chosen = errors.filter((e) => spec.codes!.includes(e.code as number));
  }
  // One example per code (lingju's 20–29 each have their own), uniformly.
  const byCode = [...new Map(chosen.map((e) => [e.code, e.name])).values()];
  if (byCode.length === 0) return undefined;
  const random = seededRandom(behaviour.seed ?? 0);
  return {
    pick() {
      if (random() >= spec.rate) return undefined;
      return byCode[Math.floor(random() * byCode.length)];
    },
  };
}
