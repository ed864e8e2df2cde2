import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { delaySampler, MockOptionError, parseCodes, parseDelay, parseRate, seededRandom } from '../../src/mock/behaviour.ts';
import { loadPrepared } from '../../src/mock/prepare.ts';
import { createEngine } from '../../src/mock/prism.ts';
import { createApiResponder, mockFetch } from '../../src/msw/fetch.ts';
import { startMock, type MockOptions } from '../../src/mock/index.ts';
import { ToolkitError } from '../../src/errors.ts';
import { mockData } from '../../src/generated/mock.ts';
import { contractFromDocument, loadContract, loadSpecDocument } from '../../src/spec/load.ts';

describe('mock > behaviour options', () => {
  it.each([
    ['300', { kind: 'fixed', ms: 300 }],
    ['300ms', { kind: 'fixed', ms: 300 }],
    ['100-500', { kind: 'uniform', min: 100, max: 500 }],
    ['p50=200,p99=900', { kind: 'lognormal', p50: 200, p99: 900 }],
    ['p50 = 200, p99 = 900', { kind: 'lognormal', p50: 200, p99: 900 }],
  ])('mock > delay %s', (text, spec) => {
    expect(parseDelay(text)).toEqual(spec);
  });

  it.each(['', 'abc', '500-100', '-5', 'p50=900,p99=200', '9999999', 'p99=9'])('mock > delay %j is refused with a sentence', (text) => {
    expect(() => parseDelay(text)).toThrow(/delay/);
  });

  it.each([['0.1', 0.1], ['10%', 0.1], ['1', 1], ['0', 0], [0.25, 0.25]] as const)('mock > chaos rate %j', (text, rate) => {
    expect(parseRate(text)).toBeCloseTo(rate);
  });

  it.each(['1.5', '150%', '-0.1', 'often'])('mock > chaos rate %j is refused', (text) => {
    expect(() => parseRate(text)).toThrow(/chaos/);
  });

  it('mock > chaos codes', () => {
    expect(parseCodes('-1, 1,97')).toEqual([-1, 1, 97]);
    expect(() => parseCodes('a,b')).toThrow(/chaos codes/);
  });

  it('mock > the seeded generator repeats itself and draws uniformly', () => {
    const [a, b] = [seededRandom(42), seededRandom(42)];
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 100)).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('mock > a log-normal delay has the asked median and 99th percentile', () => {
    const draw = delaySampler({ kind: 'lognormal', p50: 200, p99: 900 }, seededRandom(3));
    const xs = Array.from({ length: 20_000 }, draw).sort((x, y) => x - y);
    expect(xs[10_000]! / 200).toBeGreaterThan(0.93);
    expect(xs[10_000]! / 200).toBeLessThan(1.07);
    expect(xs[19_800]! / 900).toBeGreaterThan(0.85);
    expect(xs[19_800]! / 900).toBeLessThan(1.15);
  });

  it('mock > a uniform delay stays within its bounds', () => {
    const draw = delaySampler({ kind: 'uniform', min: 100, max: 500 }, seededRandom(1));
    const xs = Array.from({ length: 1000 }, draw);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...xs)).toBeLessThanOrEqual(500);
  });
});

describe('mock > options are checked once for npm start and the MSW handlers', () => {
  it.each([
    ['an error HTTP status outside 200–599', { api: 'lingju', errorHttpStatus: 99 }, 'BAD_STATUS', /error HTTP status 99 is not an HTTP status/],
    ['credentials for an API without credential fields', { api: 'weidu', credentials: { appkey: 'a', authcode: 'b' } }, 'BAD_CREDENTIALS', /weidu has no credential field appkey, authcode/],
    ['half the credential pair', { api: 'lingju', credentials: { appkey: 'a' } }, 'BAD_CREDENTIALS', /authcode must be a non-empty string/],
    ['a delay that is not one', { api: 'lingju', delay: 'soon' }, 'BAD_MOCK_OPTION', /delay: "soon"/],
    ['a chaos share over 1', { api: 'lingju', chaos: 2 }, 'BAD_MOCK_OPTION', /chaos: 2 is not a share/],
    ['a seed that is not a whole number', { api: 'lingju', seed: 1.5 }, 'BAD_MOCK_OPTION', /seed: 1.5/],
  ] as const)('mock > %s: the same code and sentence from startMock and mockFetch', async (_label, options, code, message) => {
    const { api, ...rest } = options as MockOptions;
    const server = await startMock({ ...(options as MockOptions), port: 0, quiet: true }).then(
      async (running) => (await running.close(), undefined),
      (error: unknown) => error,
    );
    expect(server).toBeInstanceOf(ToolkitError);
    expect(server).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(() => mockFetch(api, rest)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
    // One user-facing error class: the MSW handlers' MockOptionError is a ToolkitError too.
    expect(() => mockFetch(api, rest)).toThrow(ToolkitError);
    expect(() => mockFetch(api, rest)).toThrow(MockOptionError);
  });
});

describe('mock > delay is a timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const contract = loadContract('lingju');
  const request = (headers: Record<string, string> = {}) => ({
    method: 'POST',
    target: contract.path,
    headers: { 'content-type': 'application/json', ...headers },
    body: { kind: 'bytes' as const, bytes: new TextEncoder().encode(JSON.stringify(contract.requestExamples[1]!.value)) },
  });

  it('mock > envelope answers carry the drawn delay; the mock\'s own problems and preflights none', async () => {
    const responder = createApiResponder('lingju', { delay: '100-500', seed: 4 });
    const again = createApiResponder('lingju', { delay: '100-500', seed: 4 });
    const delays = [];
    for (let i = 0; i < 5; i++) delays.push((await responder.respond(request())).delayMs);
    expect(delays.every((d) => d! >= 100 && d! <= 500)).toBe(true);
    for (const d of delays) expect((await again.respond(request())).delayMs).toBe(d);
    expect((await responder.respond(request({ prefer: 'example=nope' }))).delayMs).toBeUndefined();
    expect((await responder.respond({ ...request({ origin: 'http://a.example', 'access-control-request-method': 'POST' }), method: 'OPTIONS' })).delayMs).toBeUndefined();
  });

  it('mock > MSW answers wait on a timer, not a busy loop', async () => {
    vi.useFakeTimers();
    const f = mockFetch('lingju', { delay: 300 });
    let settled = false;
    const pending = f(`http://lingju.test${contract.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(contract.requestExamples[1]!.value) }).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });
});

describe('mock > prepared data', () => {
  it('mock > a spec changed since npm run generate is prepared at start-up, from Prism, to the same answers', async () => {
    const original = loadContract('lingju');
    const dir = mkdtempSync(path.join(tmpdir(), 'eck-spec-'));
    try {
      const file = path.join(dir, 'lingju.yaml');
      copyFileSync(original.file, file);
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n# edited\n`);
      const contract = contractFromDocument('lingju', loadSpecDocument(file), file);
      const live = await loadPrepared(contract, () => createEngine(file));
      expect(live.source).toBe('live');
      expect({ ...live.prepared, specSha256: '' }).toEqual({ ...mockData.lingju.prepared, specSha256: '' });
      const committed = await loadPrepared(original, () => Promise.reject(new Error('Prism is not needed')));
      expect(committed.source).toBe('committed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
