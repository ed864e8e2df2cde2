import { lingjuMock } from '../generated/lingju-mock.ts';
import { lingjuValidators } from '../generated/lingju-validators.ts';
import { weiduMock } from '../generated/weidu-mock.ts';
import { weiduValidators } from '../generated/weidu-validators.ts';
import { checkDelay, MockOptionError, parseDelay, parseRate, type ChaosSpec, type DelaySpec } from '../mock/behaviour.ts';
import { pureEngine } from '../mock/pure-engine.ts';
import { MAX_BODY_BYTES, type MockRequest } from '../mock/request.ts';
import { createResponder, type Responder } from '../mock/respond.ts';
import { schemaSourceOf, type CompiledValidator, type PreparedApi } from '../spec/prepared.ts';

/** The mock's options for in-browser and in-test use (the same behaviour as `npm start`'s flags). */
export interface MockHandlerOptions {
  /**
   * Where the API is served, e.g. `http://127.0.0.1:4011` or `import.meta.env.VITE_LINGJU_URL`: the handlers then also
   * answer other paths and methods there as the server mock does (404/405 problem details). Default: the documented
   * path on any origin.
   */
  baseUrl?: string | undefined;
  /** Accept only this pair (lingju: `{ appkey, authcode }`); a wrong one gets the spec's credentials code. */
  credentials?: Readonly<Record<string, string>> | undefined;
  /** HTTP status of envelopes carrying an error code (default the spec's, 200). */
  errorHttpStatus?: number | undefined;
  /** Simulated latency of envelope answers: ms, `'100-500'` (uniform), `'p50=200,p99=900'` (log-normal), or a DelaySpec. */
  delay?: number | string | DelaySpec | undefined;
  /** A share (0–1) of valid requests answered with a random documented error code, or `{ rate, codes }`. */
  chaos?: number | ChaosSpec | undefined;
  /** Seed of chaos and delay draws (default 0: the same answers on every run). */
  seed?: number | undefined;
  /** Answer valid requests with this example (by name) unless a request asks for another (`Prefer: example=` / `code=`). */
  example?: string | undefined;
  /** Answer valid requests with the example carrying this code (e.g. 6 for lingju's APPKEY无效) unless a request asks otherwise. */
  code?: number | undefined;
}

export type MockApi = 'weidu' | 'lingju';

const DATA: Record<MockApi, { prepared: PreparedApi; validators: Readonly<Record<string, CompiledValidator>> }> = {
  weidu: { prepared: weiduMock, validators: weiduValidators },
  lingju: { prepared: lingjuMock, validators: lingjuValidators },
};

/** The API's prepared data (src/generated/): its path, examples and the codes they carry. */
export const preparedApi = (api: MockApi): PreparedApi => DATA[api].prepared;

function credentialsMap(prepared: PreparedApi, given: MockHandlerOptions['credentials']): Map<string, string> {
  const result = new Map<string, string>();
  if (!given) return result;
  const fields = prepared.credentialCodes.map((c) => c.field);
  const unknown = Object.keys(given).filter((f) => !fields.includes(f));
  if (unknown.length) throw new MockOptionError(`${prepared.api} has no credential field ${unknown.join(', ')} (credential fields: ${fields.join(', ') || 'none'})`);
  for (const field of fields) {
    const value = given[field];
    if (typeof value !== 'string' || value === '') throw new MockOptionError(`${prepared.api} credentials: ${field} must be a non-empty string`);
    result.set(field, value);
  }
  return result;
}

function exampleFor(prepared: PreparedApi, options: MockHandlerOptions): string | undefined {
  if (options.code === undefined) return options.example;
  const named = prepared.examples.find((e) => e.code === options.code)?.name;
  if (named === undefined) throw new MockOptionError(`${prepared.api}: no example carries ${prepared.envelope.codeField} ${options.code} (codes: ${prepared.examples.map((e) => String(e.code)).join(', ')})`);
  if (options.example !== undefined && options.example !== named) throw new MockOptionError(`${prepared.api}: example ${options.example} does not carry code ${options.code}`);
  return named;
}

/** The shared core (the server mock's, src/mock/respond.ts) over the committed prepared data, with the pure engine. */
export function createApiResponder(api: MockApi, options: MockHandlerOptions = {}): Responder {
  const { prepared, validators } = DATA[api];
  const errorHttpStatus = options.errorHttpStatus ?? prepared.envelope.errorHttpStatus;
  if (!Number.isInteger(errorHttpStatus) || errorHttpStatus < 200 || errorHttpStatus > 599) throw new MockOptionError(`errorHttpStatus ${errorHttpStatus} is not an HTTP status (200–599)`);
  const delay = options.delay === undefined ? undefined : typeof options.delay === 'object' ? checkDelay(options.delay) : parseDelay(options.delay);
  const chaos = options.chaos === undefined ? undefined : typeof options.chaos === 'number' ? { rate: parseRate(options.chaos) } : { ...options.chaos, rate: parseRate(options.chaos.rate) };
  return createResponder({
    prepared,
    schemas: schemaSourceOf(prepared, validators),
    engine: pureEngine(prepared),
    behaviour: { errorHttpStatus, credentials: credentialsMap(prepared, options.credentials), delay, chaos, seed: options.seed ?? 0, example: exampleFor(prepared, options) },
  });
}

/** A fetch Request as the core's plain data (header names lower-case, repeats joined with ", " as Headers does). */
export async function toMockRequest(request: Request): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const bytes = new Uint8Array(await request.arrayBuffer());
  const body: MockRequest['body'] = bytes.length === 0 ? { kind: 'none' } : bytes.length > MAX_BODY_BYTES ? { kind: 'tooLarge', bytes: bytes.length } : { kind: 'bytes', bytes };
  return { method: request.method, target: `${url.pathname}${url.search}`, headers, body };
}

/** Answer a fetch Request as the server mock would, simulated delay included. */
export async function answerRequest(responder: Responder, request: Request): Promise<Response> {
  const answer = await responder.respond(await toMockRequest(request));
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  return new Response(answer.status === 204 || answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * A `fetch` that answers the API's operation as the mock does, without a server or MSW — e.g.
 * `createLingjuClient({ baseUrl: 'http://lingju.test', fetch: mockFetch('lingju') })` in a unit test.
 */
export function mockFetch(api: MockApi, options: MockHandlerOptions = {}): typeof fetch {
  const responder = createApiResponder(api, options);
  return (input, init) => answerRequest(responder, new Request(input, init));
}
