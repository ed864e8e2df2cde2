// The fast path against the Prism path (issue 15): for every fixture (valid and invalid), every named example and
// code, and a few thousand generated requests, the server mock's fast path, the same core with every valid request
// sent through Prism, and the MSW handlers' core (committed data, pure engine) give the same status, the headers that
// matter (Content-Type, CORS) and the same body.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { invalidVariants, validCorpus } from '../../src/fixtures/index.ts';
import { seededRandom } from '../../src/mock/behaviour.ts';
import { loadPrepared } from '../../src/mock/prepare.ts';
import { createEngine, prismVerdict } from '../../src/mock/prism.ts';
import { createResponder, type Behaviour, type Responder } from '../../src/mock/respond.ts';
import type { Answer, MockRequest } from '../../src/mock/index.ts';
import { createApiResponder } from '../../src/msw/fetch.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { credentialFields } from '../../src/spec/credentials.ts';
import { apiNames, loadContract, projectRoot, type ApiName } from '../../src/spec/load.ts';

const GENERATED_PER_API = 2000;
const MATTERS = ['Content-Type', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers', 'Vary'];

interface Paths {
  fast: Responder;
  prism: Responder;
  msw: Responder;
  /** Valid requests the fast path handed to Prism. */
  prismCalls: () => number;
}

/** What a client sees of an answer: status, the headers that matter, the body. */
const seen = (a: Answer) => ({ status: a.status, headers: Object.fromEntries(MATTERS.map((h) => [h, a.headers[h]])), body: a.body });

async function paths(api: ApiName, behaviour: Omit<Behaviour, 'errorHttpStatus'> & { errorHttpStatus?: number }): Promise<Paths> {
  const contract = loadContract(api);
  const engine = await createEngine(contract.file);
  const { prepared, schemas, source } = await loadPrepared(contract, async () => engine);
  expect(source, 'src/generated/ is fresh').toBe('committed');
  const full: Behaviour = { errorHttpStatus: prepared.envelope.errorHttpStatus, ...behaviour };
  let calls = 0;
  const viaPrism = (request: Parameters<typeof prismVerdict>[2]) => prismVerdict(engine, contract, request, prepared.hasParameters);
  const credentials = Object.fromEntries(behaviour.credentials);
  return {
    fast: createResponder({ prepared, schemas, behaviour: full, engine: (r) => (calls++, viaPrism(r)) }),
    prism: createResponder({ prepared, schemas, behaviour: full, engine: viaPrism, fastPath: false }),
    msw: createApiResponder(api, { credentials: Object.keys(credentials).length ? credentials : undefined, chaos: behaviour.chaos, seed: behaviour.seed, errorHttpStatus: full.errorHttpStatus }),
    prismCalls: () => calls,
  };
}

const utf8 = new TextEncoder();
function request(api: ApiName, options: { body?: string; contentType?: string; target?: string; headers?: Record<string, string | undefined> }): MockRequest {
  const contract = loadContract(api);
  const headers: Record<string, string | undefined> = { 'content-type': options.contentType ?? contract.requestMediaType, ...options.headers };
  const bytes = options.body === undefined || options.body === '' ? undefined : utf8.encode(options.body);
  return { method: contract.method, target: options.target ?? contract.path, headers, body: bytes ? { kind: 'bytes', bytes } : { kind: 'none' } };
}

/** Every committed fixture as a request, with its own Content-Type; every example by name and by code, both ways. */
function namedRequests(api: ApiName): Array<[string, MockRequest]> {
  const contract = loadContract(api);
  const dir = path.join(projectRoot, 'fixtures', api);
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { valid: Array<{ file: string }>; invalid: Array<{ file: string; contentType?: string }> };
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  const valid = JSON.stringify(contract.requestExamples[0]!.value);
  const list: Array<[string, MockRequest]> = [];
  for (const f of index.valid) list.push([f.file, request(api, { body: read(f.file) })]);
  for (const f of index.invalid) list.push([f.file, request(api, { body: read(f.file), ...(f.contentType ? { contentType: f.contentType } : {}) })]);
  for (const { name, value } of contract.responseExamples) {
    const code = String(value[contract.envelope.codeField]);
    list.push([`Prefer: example=${name}`, request(api, { body: valid, headers: { prefer: `example=${name}` } })]);
    list.push([`?__example=${name}`, request(api, { body: valid, target: `${contract.path}?__example=${name}` })]);
    list.push([`Prefer: code=${code}`, request(api, { body: valid, headers: { prefer: `code=${code}` } })]);
    list.push([`?__code=${code}`, request(api, { body: valid, target: `${contract.path}?__code=${code}` })]);
  }
  return list;
}

const PREFER = [
  undefined, undefined, undefined, 'example=NAME', 'code=CODE', 'code=12345', 'code=abc', 'example=NAME, code=CODE', 'dynamic=false', 'seed=7',
  'return=minimal', 'respond-async, wait=10', ';code=CODE', 'EXAMPLE="NAME"', 'example', 'dynamic=maybe', 'example=nope', 'x-example=NAME', 'example=NAME;foo=bar', '',
];
const ACCEPT = [
  undefined, undefined, '*/*', 'application/json', 'application/json, text/plain, */*', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'application/xml', 'application/json;q=0', '*/*;q=0', 'application/*', 'text/*, */*;q=0.1', 'application/json;charset=utf-8', 'APPLICATION/JSON',
  'application/json; charset="UTF-8"', 'application/json;charset=latin1', 'image/png', 'application/json;q=0.5, text/plain', ',,application/json,',
];
const QUERY = ['', '', '', '?__example=NAME', '?__code=CODE', '?__example=a&__example=b', '?__dynamic=false', '?foo=bar', '?__example=', '?__seed=1&__example=NAME'];
const ORIGIN = [undefined, 'http://app.example'];

/** A few thousand requests: generated valid and invalid bodies under seeded mixes of preferences, Accept, query and Origin. */
function generatedRequests(api: ApiName, count: number): Array<[string, MockRequest]> {
  const contract = loadContract(api);
  const random = seededRandom(20251122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const bodies: Array<{ body: string; contentType?: string }> = [
    ...validCorpus(api, 77, 120).map((f) => ({ body: JSON.stringify(f.body) })),
    ...invalidVariants(api, 78).map((v) => ({ body: v.rawBody, ...(v.contentType ? { contentType: v.contentType } : {}) })),
  ];
  const names = contract.responseExamples.map((e) => e.name);
  const codes = contract.responseExamples.map((e) => String(e.value[contract.envelope.codeField]));
  const fill = (text: string) => text.replace(/NAME/g, () => pick(names)).replace(/CODE/g, () => pick(codes));
  return Array.from({ length: count }, (_, i) => {
    const b = pick(bodies);
    const prefer = pick(PREFER);
    const accept = pick(ACCEPT);
    const query = fill(pick(QUERY));
    const origin = pick(ORIGIN);
    const headers = { prefer: prefer === undefined ? undefined : fill(prefer), accept, origin };
    const label = `#${i} ${JSON.stringify({ query, ...headers, body: b.body.slice(0, 40) })}`;
    return [label, request(api, { body: b.body, ...(b.contentType ? { contentType: b.contentType } : {}), target: `${contract.path}${query}`, headers })];
  });
}

const answer = async (r: Responder, req: MockRequest) => seen(await r.respond(req));

describe.each(apiNames)('mock > differential: fast path, Prism path and MSW core agree (%s)', (api) => {
  let plain: Paths;
  let configured: Paths;
  beforeAll(async () => {
    plain = await paths(api, { credentials: new Map() });
    // The first credential as the spec's example sends it, the others not: both credential codes get answered.
    const contract = loadContract(api);
    const credentials = new Map(credentialFields(contract).map((f, i) => [f, i === 0 ? String(contract.requestExamples[0]!.value[f]) : `secret-${f}`]));
    configured = await paths(api, { credentials, chaos: { rate: 0.25 }, seed: 9, errorHttpStatus: 400 });
  }, 60_000);

  it(`${api}: every fixture, example and code — answered by the fast path without Prism, identical to Prism's`, async () => {
    const requests = namedRequests(api);
    expect(requests.length).toBeGreaterThan(70);
    for (const [label, req] of requests) {
      const viaPrism = await answer(plain.prism, req);
      expect(await answer(plain.fast, req), label).toEqual(viaPrism);
      expect(await answer(plain.msw, req), label).toEqual(viaPrism);
    }
    expect(plain.prismCalls(), 'valid requests the fast path sent to Prism').toBe(0);
  });

  it(`${api}: ${GENERATED_PER_API} generated requests (bodies, preferences, Accept, query, Origin) — identical`, async () => {
    for (const [label, req] of generatedRequests(api, GENERATED_PER_API)) {
      const viaPrism = await answer(plain.prism, req);
      expect(await answer(plain.fast, req), label).toEqual(viaPrism);
      expect(await answer(plain.msw, req), label).toEqual(viaPrism);
    }
  }, 120_000);

  it(`${api}: with credentials, seeded chaos and an error HTTP status configured — the same answers in the same order`, async () => {
    const contract = loadContract(api);
    const codes = new Set<unknown>();
    for (const [label, req] of [...namedRequests(api), ...generatedRequests(api, 400)]) {
      const viaPrism = await answer(configured.prism, req);
      expect(await answer(configured.fast, req), label).toEqual(viaPrism);
      expect(await answer(configured.msw, req), label).toEqual(viaPrism);
      if (viaPrism.headers['Content-Type'] === contract.envelope.contentType) codes.add((JSON.parse(viaPrism.body) as Record<string, unknown>)[contract.envelope.codeField]);
    }
    // Every credential code was among the answers compared (a wrong first credential, a wrong second one).
    for (const field of credentialFields(contract)) expect([...codes], field).toContain(mockCodeFor(contract, 'credentials', field));
  }, 120_000);
});
