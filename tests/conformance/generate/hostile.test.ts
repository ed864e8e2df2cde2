import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runConformance } from '../../../conformance/engine/run.ts';
import { apiGenerator, valueAtPath } from '../../../conformance/generate/generator.ts';
import { parseReplay } from '../../../conformance/generate/replay.ts';
import { secretFieldNames } from '../../../conformance/engine/mask.ts';
import { parseHeaders } from '../../../conformance/engine/headers.ts';
import type { ApiName } from '../../../src/spec/index.ts';
import { startEchoTarget } from '../hostile/echo-target.ts';
import { findLeaks, SECRETS } from '../hostile/secrets.ts';
import { answerJson, startTarget, type HostileTarget } from '../hostile/targets.ts';
import { scratchDir } from '../run-helpers.ts';

let echo: HostileTarget;
let counting: HostileTarget;
let gateway: HostileTarget;
let withoutToken = 0;
const TOKEN = 'gw-token-5b1e9c44d7';
let inFlight = 0;
let maxInFlight = 0;
beforeAll(async () => {
  echo = await startEchoTarget();
  // Refuses everything with a documented code, a few milliseconds later: generation finds nothing, nothing is shrunk.
  counting = await startTarget((call) => {
    if (!call.contract) return void call.res.writeHead(404).end();
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    setTimeout(() => {
      inFlight--;
      answerJson(call, JSON.stringify({ code: 1001, result: 'refused' }));
    }, 3);
  });
  // A gateway: 401 without its header, else a refusal in the envelope (nothing fails, nothing is shrunk).
  gateway = await startTarget((call) => {
    if (call.req.headers['x-api-token'] !== TOKEN) {
      withoutToken++;
      return void call.res.writeHead(401, { 'Content-Type': 'text/plain' }).end('missing X-Api-Token');
    }
    answerJson(call, JSON.stringify({ code: 1001, result: 'refused' }));
  });
});
afterAll(async () => {
  await Promise.all([echo.close(), counting.close(), gateway.close()]);
});

const options = (target: string, overrides: Record<string, unknown> = {}) => ({ apis: ['weidu', 'lingju'] as ApiName[], target, seed: 61, reportDir: scratchDir(), concurrency: 4, timeoutMs: 3000, dryRun: false, ...overrides });

describe('generate > bounded, sent once, masked like the fixed suite', () => {
  test('--concurrency holds for generated requests; each is sent exactly once (the target counts every request the run reports)', async () => {
    const { result } = await runConformance(options(counting.url, { apis: ['weidu'], concurrency: 2, generate: { count: 120 } }), { env: {} });
    const generated = result.apis[0]!.generated!;
    expect(generated.valid + generated.invalid).toBe(120);
    expect(generated.shrinking).toBe(0);
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(counting.requests).toBe(result.requests);
    expect(result.requests).toBe(result.cases.filter((c) => c.sent && c.purpose !== 'generated').length + generated.sent);
  });

  test('--header reaches every generated request; its value is in no report (the curl lines read it from a variable)', async () => {
    const headers = parseHeaders([`X-Api-Token: ${TOKEN}`], {});
    const { result, files } = await runConformance(options(gateway.url, { apis: ['weidu'], headers, generate: { count: 50 } }), { env: {} });
    expect(result.apis[0]!.generated!.sent).toBe(50);
    expect(withoutToken).toBe(0);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(TOKEN);
  });

  test('an echoing target: no credential and no kept request\'s generated personal data in any report, in any form', async () => {
    // One check keeps it quick (the echoes are large): its failure is shrunk once, its warning kept as found.
    const { result, files } = await runConformance(options(echo.url, { apis: ['weidu', 'lingju'], only: ['envelope_conformance'], generate: { count: 40 } }), { env: {}, credentials: { lingju: SECRETS } });
    expect(result.exitCode).toBe(1);
    const kept = result.findings.filter((f) => f.generated);
    expect(kept.length).toBeGreaterThan(0);
    const texts = Object.fromEntries(files.map((f) => [f, readFileSync(f, 'utf8')]));
    expect(texts[files.find((f) => f.endsWith('report.json'))!]).toContain('***');
    for (const [name, text] of Object.entries(texts)) expect(findLeaks(text, Object.values(SECRETS)), name).toEqual([]);
    // The generated x-secret values of every kept request, rebuilt from its replay path.
    const secrets = new Set<string>();
    for (const token of new Set(kept.map((f) => f.generated!.replay))) {
      const { api, path } = parseReplay(token);
      const names = secretFieldNames(api);
      const walk = (node: unknown, secret: boolean): void => {
        if (Array.isArray(node)) node.forEach((n) => walk(n, secret));
        else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, secret || names.has(k));
        else if (secret && typeof node === 'string' && node.length >= 4) secrets.add(node);
      };
      walk(valueAtPath(apiGenerator(api, api === 'lingju' ? SECRETS : {}), 61, path).body, false);
    }
    for (const [name, text] of Object.entries(texts)) for (const value of secrets) expect(text.includes(value), `${name} holds ${JSON.stringify(value)}`).toBe(false);
  });
});
