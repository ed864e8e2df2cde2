import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiNames } from '../../../src/spec/index.ts';
import { buildPlan } from '../../../conformance/engine/plan.ts';
import { secretFieldNames } from '../../../conformance/engine/mask.ts';
import { scratchDir } from '../run-helpers.ts';
import { cli, reportTexts, type CliRun } from './cli.ts';
import { startEchoTarget } from './echo-target.ts';
import { findLeaks, findTokenLeaks, SECRETS, SHORT_SECRETS } from './secrets.ts';
import type { HostileTarget } from './targets.ts';

const envOf = (s: { appkey: string; authcode: string }) => ({ LINGJU_APPKEY: s.appkey, LINGJU_AUTHCODE: s.authcode });

/** The generated personal data (x-secret values of 4+ characters) a run with this seed sends. */
function generatedSecrets(seed: number): string[] {
  const names = new Set(apiNames.flatMap((api) => [...secretFieldNames(api)]));
  const values = new Set<string>();
  const collect = (node: unknown, secret: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => collect(n, secret));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) collect(v, secret || names.has(k));
    else if (secret && node !== null && String(node).length >= 4 && !String(node).startsWith('made-up-')) values.add(String(node));
  };
  for (const c of buildPlan({ apis: [...apiNames], targets: {}, seed, credentials: { lingju: SECRETS } })) {
    try {
      collect(JSON.parse(c.request.body), false);
    } catch {
      // malformed variants reuse the generated values
    }
  }
  return [...values];
}

/** Everything a person or a CI job could read after a run: stdout, stderr, every file in the report dir. */
const outputs = (run: CliRun, dir?: string): Record<string, string> => ({ stdout: run.stdout, stderr: run.stderr, ...(dir ? reportTexts(dir) : {}) });

let echo: HostileTarget;
beforeAll(async () => {
  echo = await startEchoTarget();
});
afterAll(async () => {
  await echo.close();
});

describe('conformance > secrets never leak (echo target, every escaping style)', () => {
  test('long secrets: no value, no 4-character prefix, no escaped form in stdout, stderr or any report', async () => {
    const dir = scratchDir();
    const run = await cli(['--target', echo.url, '--seed', '21', '--report-dir', dir, '--timeout', '3000'], envOf(SECRETS));
    expect(run.code, run.stderr).toBe(1);
    const texts = outputs(run, dir);
    expect(Object.keys(texts).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'stderr', 'stdout']);
    // The echo reached the findings (masked): the test would prove nothing otherwise.
    expect(texts['report.json']).toContain('***');
    for (const [name, text] of Object.entries(texts)) expect(findLeaks(text, Object.values(SECRETS)), name).toEqual([]);
    const generated = generatedSecrets(21);
    expect(generated.length).toBeGreaterThan(10);
    for (const [name, text] of Object.entries(texts)) expect(findLeaks(text, generated).filter((l) => !/(prefix|suffix) "\d{4}"/.test(l)), name).toEqual([]);
    for (const [name, text] of Object.entries(texts)) for (const value of generated) expect(text.includes(value), `${name} holds ${value}`).toBe(false);
  });

  test('short secrets (2 characters) never appear as a token in any output, including --dry-run', async () => {
    const dir = scratchDir();
    const run = await cli(['--api', 'lingju', '--target', echo.url, '--seed', '22', '--report-dir', dir, '--timeout', '3000'], envOf(SHORT_SECRETS));
    expect(run.code, run.stderr).toBe(1);
    const dry = await cli(['--api', 'lingju', '--target', echo.url, '--seed', '22', '--dry-run'], envOf(SHORT_SECRETS));
    expect(dry.code, dry.stderr).toBe(0);
    const texts = { ...outputs(run, dir), 'dry-run stdout': dry.stdout, 'dry-run stderr': dry.stderr };
    for (const [name, text] of Object.entries(texts)) expect(findTokenLeaks(text, Object.values(SHORT_SECRETS)), name).toEqual([]);
  });

  test('--dry-run with long secrets prints no secret in any form', async () => {
    const dry = await cli(['--target', echo.url, '--seed', '23', '--dry-run'], envOf(SECRETS));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/curl /);
    expect(findLeaks(dry.stdout + dry.stderr, Object.values(SECRETS))).toEqual([]);
  });
});
