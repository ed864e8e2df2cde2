import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { apiGenerator, generatedProperty, sampleRuns, valueAtPath } from '../../../conformance/generate/generator.ts';
import { applyMutation, mutationTargets, starsIn, wrongValueArb } from '../../../conformance/generate/mutations.ts';
import { compactPath, parseReplay } from '../../../conformance/generate/replay.ts';
import { features, generatedCase, wireJson } from '../../../conformance/generate/request.ts';
import { valueArb } from '../../../conformance/generate/values.ts';
import { apiNames, contractFromDocument, loadContract, requestTree, type ApiName, type JsonObject } from '../../../src/spec/index.ts';
import { collectViolations, toViolations } from '../../../src/validation/index.ts';
import { invalidVariants } from '../../../src/fixtures/index.ts';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const fixed = (api: ApiName) => (api === 'lingju' ? { appkey: 'gen-appkey-0123', authcode: 'gen-authcode-4567' } : {});
/** The default budget's requests for one seed: what every property below is checked on. */
const SAMPLE = 200;
const generators = new Map<ApiName, ReturnType<typeof apiGenerator>>();
const drawnFor = new Map<string, ReturnType<typeof sampleRuns>>();
/** The default budget's requests of an API for a seed, drawn once for all the tests below. */
function drawn(api: ApiName, seed: number) {
  if (!generators.has(api)) generators.set(api, apiGenerator(api, fixed(api)));
  const key = `${api}/${seed}`;
  if (!drawnFor.has(key)) drawnFor.set(key, sampleRuns(generators.get(api)!, seed, 0, SAMPLE));
  return drawnFor.get(key)!;
}

describe('generate > requests from the spec (fast-check)', () => {
  test.each(apiNames)('%s: every schema-valid request is valid for ajv, every mutation breaks its keyword at its path, and nothing else', (api) => {
    const values = drawn(api, 1);
    const valid = values.filter((v) => !v.mutation);
    expect(valid.length).toBeGreaterThan(SAMPLE / 4);
    expect(values.length - valid.length).toBeGreaterThan(SAMPLE / 4);
    for (const v of valid) expect(collectViolations(api, 'request', v.body).violations).toEqual([]);
    for (const v of values.filter((x) => x.mutation)) {
      const violations = collectViolations(api, 'request', v.body).violations;
      expect(violations.map((x) => `${x.path} ${x.keyword}`), v.mutation!.path).toContain(`${v.mutation!.path} ${v.mutation!.target.keyword}`);
      expect(new Set(violations.map((x) => x.path)), v.mutation!.path).toEqual(new Set([v.mutation!.path]));
    }
    // The fixed fields (credentials) are never varied in a valid request.
    for (const v of valid) for (const [k, value] of Object.entries(fixed(api))) expect((v.body as JsonObject)[k]).toBe(value);
  });

  test.each(apiNames)('%s: the default budget holds every class of hostile value and every optional field both present and absent', (api) => {
    const values = drawn(api, 2);
    const seen = new Set(values.flatMap((v) => features(v.body, 1000).map((f) => f.replace(/ in .*$/, '').replace(/[\d,]+/g, 'N'))));
    const expected = ['astral characters', 'right-to-left text', 'combining marks', 'zero-width characters', 'control characters', 'empty strings', 'negative numbers', 'a N-character string', 'the intN limit N', 'the intN limit -N'];
    if (api === 'weidu') expected.push('N items');
    expect([...seen]).toEqual(expect.arrayContaining(expected));
    const optional = (requestTree(loadContract(api)).properties ?? []).filter((p) => !p.required).map((p) => p.name);
    const valid = values.filter((v) => !v.mutation).map((v) => v.body as JsonObject);
    for (const name of optional) {
      expect(valid.some((b) => name in b), `${name} present`).toBe(true);
      expect(valid.some((b) => !(name in b)), `${name} absent`).toBe(true);
    }
  });

  test.each(apiNames)('%s: every mutation target the schema expresses generates (each is drawn from in the default budget of a few seeds)', (api) => {
    const seen = new Set([1, 2, 3, 4, 5].flatMap((seed) => drawn(api, seed).flatMap((v) => (v.mutation ? [`${v.mutation.target.pattern}|${v.mutation.target.kind}`] : []))));
    const generator = generators.get(api)!;
    const all = generator.targets.map((t) => `${t.pattern}|${t.kind}`);
    expect(all.filter((t) => !seen.has(t))).toEqual([]);
    // Targets come from the tree: missing for required fields, enum where an enum is, unknown fields where objects are closed.
    const kinds = new Set(generator.targets.map((t) => t.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['null', 'type', 'format', 'unknown-field', ...(api === 'lingju' ? ['missing', 'too-short', 'enum'] : ['missing', 'enum'])]));
  });

  test('the same seed draws the same requests; fast-check\'s own check draws them too, and a path replays exactly', async () => {
    const generator = apiGenerator('weidu');
    expect(sampleRuns(generator, 9, 0, 40).map((v) => wireJson(v.body))).toEqual(sampleRuns(generator, 9, 0, 40).map((v) => wireJson(v.body)));
    expect(sampleRuns(generator, 9, 25, 5).map((v) => wireJson(v.body))).toEqual(sampleRuns(generator, 9, 0, 30).slice(25).map((v) => wireJson(v.body)));
    const astral = (v: { body: unknown; mutation?: unknown }) => !v.mutation && /[\u{10000}-\u{10ffff}]/u.test(JSON.stringify(v.body));
    const first = sampleRuns(generator, 9, 0, 40).findIndex(astral);
    let firstSeen: string | undefined;
    const details = await fc.check(
      generatedProperty(generator, async (v) => {
        firstSeen ??= wireJson(v.body);
        return !astral(v);
      }),
      { seed: 9, path: String(first), numRuns: 1 },
    );
    expect(firstSeen).toBe(wireJson(sampleRuns(generator, 9, first, 1)[0]!.body));
    expect(details.failed).toBe(true);
    expect(details.numShrinks).toBeGreaterThan(0);
    const shrunk = details.counterexample![0];
    // Shrunk to one astral character in one string; the path (compacted as reports print it) replays it exactly.
    expect([...JSON.stringify(shrunk.body)].filter((c) => c.codePointAt(0)! > 0xffff)).toHaveLength(1);
    const token = `weidu:${compactPath(details.counterexamplePath!)}`;
    expect(token.length).toBeLessThan(`weidu:${details.counterexamplePath}`.length);
    expect(parseReplay(token)).toEqual({ api: 'weidu', path: details.counterexamplePath });
    expect(wireJson(valueAtPath(generator, 9, parseReplay(token).path).body)).toBe(wireJson(shrunk.body));
  });

  test.each([
    ['weidu:3', { api: 'weidu', path: '3' }],
    ['lingju:12:0*4:2:1*3', { api: 'lingju', path: '12:0:0:0:0:2:1:1:1' }],
  ] as const)('replay tokens: %s', (token, parsed) => {
    expect(parseReplay(token)).toEqual(parsed);
    expect(`${parsed.api}:${compactPath(parsed.path)}`).toBe(token);
  });

  test.each(['lingju:5:999:999', 'lingju:5:0*5000'])('a replay path the seed has no request at is a ToolkitError (BAD_REPLAY), not fast-check\'s own: %s', (token) => {
    const generator = apiGenerator('lingju', fixed('lingju'));
    const { path } = parseReplay(token);
    expect(() => valueAtPath(generator, 1, path)).toThrow(expect.objectContaining({ name: 'ToolkitError', code: 'BAD_REPLAY', message: expect.stringMatching(/^--replay lingju:5:.*no such generated request for seed 1/) }));
  });

  test.each(['weidu', 'nope:3', 'weidu:a', 'weidu:3:', 'weidu:3:0*0'])('a bad replay token is a one-line error: %s', (token) => {
    expect(() => parseReplay(token)).toThrow(/--replay/);
  });

  test('bytes sent: characters a terminal interprets are JSON escapes (same value), the rest UTF-8; titles name what is hostile', () => {
    const body = { a: 'x\u202ey\u0085z\u2028\ufffe\u{1fffe}', b: '𠀀א\u200b', c: 'a\u0301' };
    const wire = wireJson(body);
    expect(JSON.parse(wire)).toEqual(body);
    expect(wire).toBe('{"a":"x\\u202ey\\u0085z\\u2028\\ufffe\\ud83f\\udffe","b":"𠀀א\u200b","c":"a\u0301"}');
    expect(features(body)).toEqual(['astral characters in a', 'right-to-left text in a', 'control characters in a', 'zero-width characters in b', '1 more']);
    const c = generatedCase(loadContract('weidu'), { body: { user_id: '' } }, { id: 'weidu/generated/x', url: 'http://127.0.0.1:1/weidu/api/v1/users/accountinfo' });
    expect(c).toMatchObject({ purpose: 'generated', title: 'generated valid request (14 bytes; empty strings in user_id)', request: { body: '{"user_id":""}' } });
    expect(c.checks).toEqual(['envelope_conformance', 'content_type_conformance', 'not_a_server_error']);
  });

  test('a mutation is graded as the invalid corpus grades it: work type 0 (the document\'s own example) is information, 7 a failure', () => {
    const contract = loadContract('weidu');
    const generator = apiGenerator('weidu');
    const target = generator.targets.find((t) => t.pattern === 'work_list/*/type' && t.kind === 'enum')!;
    const grade = (value: number) => {
      const applied = applyMutation({ user_id: 'u', work_list: [{ type: 1 }] }, target, [0], value, '')!;
      return generatedCase(contract, applied, { id: 'x', url: 'http://x' });
    };
    expect(grade(0)).toMatchObject({ purpose: 'negative', field: 'work_list/0/type', expectation: 'enum', basis: { kind: 'example' } });
    expect(grade(7)).toMatchObject({ basis: { kind: 'documented' }, accepted: { categories: expect.any(Array) } });
  });

  test('a field added to an edited spec is generated and mutated without code changes', () => {
    const doc = structuredClone(loadContract('lingju').doc);
    const schemas = (doc.components as JsonObject).schemas as Record<string, JsonObject & { properties: Record<string, JsonObject>; required: string[] }>;
    schemas.UserInfo!.properties.hobby = { type: 'string', enum: ['reading', 'hiking'] };
    schemas.UserInfo!.required.push('hobby');
    schemas.UserInfo!.properties.score = { type: 'integer', format: 'int32', minimum: 0, maximum: 100 };
    schemas.UserInfo!.properties.tags = { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 4 };
    const contract = contractFromDocument('lingju', doc);
    const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: 'urn:test:generate' });
    const validate = ajv.getSchema(`urn:test:generate${contract.requestSchemaPointer}`)!;
    const tree = requestTree(contract);
    const bodies = fc.sample(valueArb(tree), { seed: 4, numRuns: 100 }) as JsonObject[];
    for (const body of bodies) expect(validate(body), JSON.stringify(toViolations(validate.errors))).toBe(true);
    expect(bodies.every((b) => ['reading', 'hiking'].includes(b.hobby as string))).toBe(true);
    expect(bodies.some((b) => (b.tags as unknown[] | undefined)?.length === 4)).toBe(true);
    const targets = mutationTargets(tree).map((t) => `${t.pattern} ${t.kind}`);
    expect(targets).toEqual(expect.arrayContaining(['hobby missing', 'hobby enum', 'score below-minimum', 'score above-maximum', 'tags too-many-items', 'tags/* too-long']));
    for (const t of mutationTargets(tree).filter((x) => ['hobby', 'score', 'tags', 'tags/*'].includes(x.pattern))) {
      const base = { ...bodies[0]!, tags: ['a'] };
      for (const value of fc.sample(wrongValueArb(t), { seed: 5, numRuns: 10 })) {
        const applied = applyMutation(base, t, Array(starsIn(t)).fill(0), value, 'extra')!;
        validate(applied.body);
        const found = toViolations(validate.errors).map((v) => `${v.path} ${v.keyword}`);
        expect(found, `${t.pattern} ${t.kind} ${JSON.stringify(value)}`).toContain(`${applied.mutation.path} ${t.keyword}`);
      }
    }
  });
});

describe('generate > the bytes sent', () => {
  test.each([
    ['bidi controls, the Arabic letter mark included', '\u200f\u061c\u202e\u2066', '\\u200f\\u061c\\u202e\\u2066'],
    ['C1 controls and line separators', '\u0085\u009b\u2028', '\\u0085\\u009b\\u2028'],
    ['astral noncharacters', '\u{1fffe}\u{10ffff}', '\\ud83f\\udffe\\udbff\\udfff'],
    ['right-to-left letters, astral and zero-width characters stay UTF-8', '\u05d0\u{1f600}\u200b', '\u05d0\u{1f600}\u200b'],
  ])('wireJson > %s', (_name, text, sent) => {
    expect(wireJson({ a: text })).toBe(`{"a":"${sent}"}`);
    expect(JSON.parse(wireJson({ a: text }))).toEqual({ a: text });
  });
});

describe('generate > graded as the invalid corpus is', () => {
  test.each(apiNames)('%s: a generated missing field or undocumented field has the corpus variant\'s expectation and basis at the same place', (api) => {
    const contract = loadContract(api);
    const generator = apiGenerator(api, fixed(api));
    const corpus = invalidVariants(api, 1);
    let compared = 0;
    for (const value of drawn(api, 3)) {
      const m = value.mutation;
      if (!m || (m.target.kind !== 'missing' && m.target.kind !== 'unknown-field')) continue;
      const c = generatedCase(contract, value, { id: 'x', url: 'http://127.0.0.1:9/' });
      // The corpus names one place per object: its path with array indices as the generator drew them.
      const place = m.target.kind === 'missing' ? m.path : m.path.split('/').slice(0, -1).join('/');
      const twin = corpus.find((v) => v.kind === m.target.kind && (m.target.kind === 'missing' ? v.path === place : v.path.split('/').slice(0, -1).join('/') === place));
      if (!twin) continue;
      expect({ expectation: c.expectation, basis: c.basis }, m.path).toEqual({ expectation: twin.expectation, basis: twin.basis });
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    expect(generator.targets.length).toBeGreaterThan(0);
  });
});
