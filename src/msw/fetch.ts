import { mockData } from '../generated/mock.ts';
import { MockOptionError, resolveBehaviour, type BehaviourOptions } from '../mock/behaviour.ts';
import { pureEngine } from '../mock/pure-engine.ts';
import { MAX_BODY_BYTES, type MockRequest } from '../mock/request.ts';
import { codesWithExamples, createResponder, exampleWithCode, type Responder } from '../mock/respond.ts';
import { schemaSourceOf, type PreparedApi } from '../spec/prepared.ts';

/** The mock's options for in-browser and in-test use: `npm start`'s behaviour options (seed default 0), and these. */
export interface MockHandlerOptions extends BehaviourOptions {
  /**
   * Where the API is served, e.g. `http://127.0.0.1:4011` or `import.meta.env.VITE_LINGJU_URL`: the handlers then also
   * answer other paths and methods there as the server mock does (404/405 problem details). Default: the documented
   * path on any origin.
   */
  baseUrl?: string | undefined;
  /** Answer valid requests with this example (by name) unless a request asks for another (`Prefer: example=` / `code=`). */
  example?: string | undefined;
  /** Answer valid requests with the example carrying this code (e.g. 6 for lingju's APPKEY无效) unless a request asks otherwise. */
  code?: number | undefined;
}

/** The APIs with committed prepared data: one per spec in openapi/ (src/generated/mock.ts). */
export type MockApi = keyof typeof mockData;

/** The API's prepared data (src/generated/): its path, examples and the codes they carry. */
export const preparedApi = (api: MockApi): PreparedApi => mockData[api].prepared;

function exampleFor(prepared: PreparedApi, options: MockHandlerOptions): string | undefined {
  if (options.code === undefined) return options.example;
  const named = exampleWithCode(prepared, options.code);
  if (named === undefined) throw new MockOptionError(`${prepared.api}: no example carries ${prepared.envelope.codeField} ${options.code} (codes with an example: ${codesWithExamples(prepared)})`);
  if (options.example !== undefined && options.example !== named) throw new MockOptionError(`${prepared.api}: example ${options.example} does not carry code ${options.code}`);
  return named;
}

/** The shared core (the server mock's, src/mock/respond.ts) over the committed prepared data, with the pure engine. */
export function createApiResponder(api: MockApi, options: MockHandlerOptions = {}): Responder {
  const { prepared, validators } = mockData[api];
  const facts = { api, credentialFields: prepared.credentialCodes.map((c) => c.field), errorHttpStatus: prepared.envelope.errorHttpStatus };
  const behaviour = resolveBehaviour(facts, options, () => 0);
  return createResponder({
    prepared,
    schemas: schemaSourceOf(prepared, validators),
    engine: pureEngine(prepared),
    behaviour: { ...behaviour, example: exampleFor(prepared, options) },
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
