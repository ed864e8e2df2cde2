import { describe, expect, test } from 'vitest';
import { checkCatalogue } from '../../conformance/catalogue.ts';
import { checks } from '../../conformance/checks/registry.ts';
import { Masker } from '../../conformance/engine/mask.ts';
import { buildCurl } from '../../conformance/engine/curl.ts';
import { buildPlan } from '../../conformance/engine/plan.ts';
import { fieldMatches, parseWaivers, WaiverBook } from '../../conformance/engine/waivers.ts';
import { madeUpCredential, targetCredentialsFromEnv, generatedCredentials } from '../../conformance/engine/credentials.ts';
import { decisionsReliedOn } from '../../conformance/engine/result.ts';
import type { Finding } from '../../conformance/types.ts';
import { decisionAdvice, decisionBasis, loadContract } from '../../src/spec/index.ts';

/** A plain request's curl line: no secrets known, so every byte is shown. */
const curlLine = (request: Parameters<typeof buildCurl>[0]) => buildCurl(request, new Masker([])).line;

describe('conformance > catalogue', () => {
  test('every catalogue entry has its check function, registered under its name', () => {
    expect(Object.keys(checks).sort()).toEqual(checkCatalogue.map((c) => c.name).sort());
    for (const [name, check] of Object.entries(checks)) expect(check.name).toBe(name);
  });
});

describe('conformance > plan', () => {
  const input = (seed: number) => ({ apis: ['weidu', 'lingju'] as const, targets: { weidu: 'http://h:1', lingju: 'http://h:1/p/' }, seed, credentials: { lingju: { appkey: 'k-1234', authcode: 'a-1234' } } });

  test('same seed → same requests; another seed → other requests', () => {
    const a = buildPlan({ ...input(5), apis: ['weidu', 'lingju'] });
    const b = buildPlan({ ...input(5), apis: ['weidu', 'lingju'] });
    const c = buildPlan({ ...input(6), apis: ['weidu', 'lingju'] });
    expect(a.map((x) => x.request)).toEqual(b.map((x) => x.request));
    expect(a.map((x) => x.request.body)).not.toEqual(c.map((x) => x.request.body));
  });

  test('the operation URL is the target (path prefix kept) plus the documented path', () => {
    const plan = buildPlan({ ...input(1), apis: ['weidu', 'lingju'] });
    expect(plan.find((c) => c.api === 'weidu')!.request.url).toBe('http://h:1/weidu/api/v1/users/accountinfo');
    expect(plan.find((c) => c.api === 'lingju')!.request.url).toBe('http://h:1/p/serverapi/userinfo.do');
  });

  test('ids are unique; positive, negative and credential cases carry their checks', () => {
    const plan = buildPlan({ ...input(1), apis: ['weidu', 'lingju'] });
    expect(new Set(plan.map((c) => c.id)).size).toBe(plan.length);
    expect(plan.find((c) => c.purpose === 'positive')!.checks).toEqual(['positive_acceptance', 'envelope_conformance', 'content_type_conformance', 'not_a_server_error']);
    expect(plan.filter((c) => c.purpose === 'credentials').map((c) => c.field)).toEqual(['appkey', 'authcode']);
    expect(plan.some((c) => c.api === 'weidu' && c.purpose === 'credentials')).toBe(false);
  });

  test('credential cases: one made-up value, the other valid', () => {
    const plan = buildPlan({ ...input(1), apis: ['lingju'] });
    const authcodeCase = plan.find((c) => c.id === 'lingju/credentials/authcode')!;
    const body = JSON.parse(authcodeCase.request.body);
    expect(body.appkey).toBe('k-1234');
    expect(body.authcode).not.toBe('a-1234');
    expect(authcodeCase.accepted!.codes).toContain(11);
    expect(authcodeCase.accepted!.codes).not.toContain(6);
  });

  test('--only drops requests no selected check looks at', () => {
    const plan = buildPlan({ ...input(1), apis: ['lingju'], only: ['positive_acceptance'] });
    expect(plan.every((c) => c.purpose === 'positive' && c.checks.join() === 'positive_acceptance')).toBe(true);
  });
});

describe('conformance > credentials', () => {
  const lingju = loadContract('lingju');
  test.each([
    [{}, {}],
    [{ LINGJU_APPKEY: 'k1', LINGJU_AUTHCODE: 'a2' }, { credentials: { appkey: 'k1', authcode: 'a2' } }],
    [{ LINGJU_APPKEY: 'k' }, { error: 'set all of LINGJU_APPKEY, LINGJU_AUTHCODE or none (only LINGJU_APPKEY is set)' }],
    [{ LINGJU_APPKEY: 'k1', LINGJU_AUTHCODE: 'a' }, { error: expect.stringMatching(/^LINGJU_AUTHCODE is a single character: too short to be masked reliably in reports \(its value is not shown\)/) }],
  ])('from env %j', (env, expected) => {
    expect(targetCredentialsFromEnv(lingju, env)).toEqual(expected);
  });
  test('weidu needs none; generated and made-up values are seeded and differ from the valid ones', () => {
    expect(generatedCredentials(loadContract('weidu'), 1)).toBeUndefined();
    expect(generatedCredentials(lingju, 1)).toEqual(generatedCredentials(lingju, 1));
    expect(madeUpCredential(lingju, 1, 'appkey')).not.toBe(generatedCredentials(lingju, 1)!.appkey);
  });
});

describe('conformance > masking', () => {
  const masker = new Masker(['weidu', 'lingju']);
  masker.addSecret('super-secret-key');

  test.each([
    ['compact JSON', '{"appkey":"abc","userid":"u1","authcode":"xyz9"}', '{"appkey":"***","userid":"u1","authcode":"***"}'],
    ['pretty JSON keeps its layout', '{\n  "identity_number": "110101199003074518",\n  "user_id": "u"\n}\n', '{\n  "identity_number": "***",\n  "user_id": "u"\n}\n'],
    ['nested secret of another type', '{"appkey":123}', '{"appkey":"***"}'],
    ['empty and null reveal nothing', '{"appkey":"","authcode":null}', '{"appkey":"","authcode":null}'],
    ['known secret in malformed text', '{"appkey":"super-secret-key", "x":', '{"appkey":"***", "x":'],
  ])('%s', (_name, input, output) => {
    expect(masker.body(input)).toBe(output);
  });

  test('free text: every learnt value, even inside other words', () => {
    masker.learnBody('{"authcode":"learnt-code-77"}');
    expect(masker.text('echo learnt-code-77 and super-secret-key!')).toBe('echo *** and ***!');
  });
});

describe('conformance > curl line', () => {
  test('quotes for the shell and keeps an absent Content-Type absent', () => {
    expect(curlLine({ method: 'POST', url: 'http://h/p', headers: { 'Content-Type': 'application/json' }, body: `{"a":"it's"}` })).toBe(
      `curl -sS -i -X POST 'http://h/p' -H 'Content-Type: application/json' --data-raw '{"a":"it'\\''s"}'`,
    );
    expect(curlLine({ method: 'POST', url: 'http://h/p', headers: {}, body: '' })).toBe(`curl -sS -i -X POST 'http://h/p' -H 'Content-Type:' --data-raw ''`);
  });
});

describe('conformance > waivers', () => {
  test('parses a list or a waivers: list', () => {
    expect(parseWaivers([{ check: 'negative_rejection', field: 'sex', reason: 'r' }])).toEqual([{ check: 'negative_rejection', field: 'sex', api: undefined, reason: 'r', index: 1 }]);
    expect(parseWaivers({ waivers: [{ check: 'credentials', api: 'lingju', reason: 'r' }] })[0]!.api).toBe('lingju');
    expect(parseWaivers(null)).toEqual([]);
  });

  test.each([
    [[{ check: 'nope', reason: 'r' }], /waiver #1: check must be one of/],
    [[{ check: 'credentials' }], /a reason is required/],
    [[{ check: 'credentials', reason: 'r', feild: 'x' }], /unknown key feild/],
    [[{ check: 'credentials', reason: 'r', api: 'x' }], /unknown api/],
    [{ nope: 1 }, /expected a list/],
  ])('rejects %j', (doc, message) => {
    expect(() => parseWaivers(doc)).toThrow(message);
  });

  test('field patterns: exact, * per segment, absent = any', () => {
    expect(fieldMatches('work_list/*/type', 'work_list/0/type')).toBe(true);
    expect(fieldMatches('work_list/*/type', 'work_list/0/file_infos/0/type')).toBe(false);
    expect(fieldMatches(undefined, 'x')).toBe(true);
    expect(fieldMatches('x', undefined)).toBe(false);
  });

  test('matching marks waivers used; the rest are reported unused', () => {
    const book = new WaiverBook(parseWaivers([{ check: 'negative_rejection', field: 'sex', reason: 'a' }, { check: 'credentials', reason: 'b' }]));
    const subject = { check: 'negative_rejection' as const, api: 'lingju' as const, caseId: 'lingju/negative/x', received: 'status 0' };
    expect(book.match({ ...subject, field: 'sex' })?.reason).toBe('a');
    expect(book.match({ ...subject, field: 'weight' })).toBeUndefined();
    expect(book.unused().map((w) => w.index)).toEqual([2]);
  });
});

describe('conformance > rate cap', () => {
  test('--rate N spaces requests 1/N s apart (fake clock)', async () => {
    const { vi } = await import('vitest');
    const { createRateLimiter } = await import('../../conformance/engine/http.ts');
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const wait = createRateLimiter(10);
      const released: number[] = [];
      const start = performance.now();
      const all = [0, 1, 2].map((i) => wait().then(() => released.push(Math.round(performance.now() - start)) && i));
      await vi.advanceTimersByTimeAsync(500);
      await Promise.all(all);
      expect(released).toEqual([0, 100, 200]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('conformance > curl line of a pretty body', () => {
  test('pretty JSON is replayed compact; malformed bodies byte for byte', () => {
    const pretty = `${JSON.stringify({ a: 1, b: [1] }, null, 2)}\n`;
    expect(curlLine({ method: 'POST', url: 'u', headers: {}, body: pretty })).toContain(`--data-raw '{"a":1,"b":[1]}'`);
    const cut = pretty.slice(0, pretty.lastIndexOf('}'));
    expect(curlLine({ method: 'POST', url: 'u', headers: {}, body: cut })).toContain(`--data-raw '${cut}'`);
  });

  test('hostile nesting too deep to re-render is replayed byte for byte, never a crash', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(curlLine({ method: 'POST', url: 'u', headers: {}, body: deep })).toContain(`--data-raw '${deep}'`);
    expect(new Masker(['lingju']).body(deep)).toBe(deep);
  });
});

describe('conformance > decisions relied on', () => {
  const weidu = loadContract('weidu');
  test.each([
    ['W29', 'needs-vendor', 'ask the vendor'],
    ['W20', 'default', 'our default: agree it with the vendor or waive it'],
  ] as const)('decisions relied on > %s is %s: "%s"', (id, status, advice) => {
    const finding = { api: 'weidu', check: 'negative_rejection', severity: 'warning', basis: decisionBasis(weidu, id) } as unknown as Finding;
    const [relied] = decisionsReliedOn([finding]);
    expect(relied).toMatchObject({ id, status, findings: 1 });
    expect(decisionAdvice[relied!.status]).toBe(advice);
  });
});
