import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { Masker } from '../../../conformance/engine/mask.ts';
import { checks } from '../../../conformance/checks/registry.ts';
import { buildPlan } from '../../../conformance/engine/plan.ts';
import type { ExchangeCheck } from '../../../conformance/checks/types.ts';
import { Session } from '../../../conformance/engine/session.ts';
import { writeReports } from '../../../conformance/reports/write.ts';
import { renderConsole } from '../../../conformance/reports/console.ts';
import { startReference, type RunningReference } from '../reference/server.ts';
import { referenceCredentials, run, scratchDir } from '../run-helpers.ts';
import { cli, reportTexts } from './cli.ts';
import { answerJson, startTarget, successEnvelope, type HostileTarget } from './targets.ts';

const env = { LINGJU_APPKEY: referenceCredentials.appkey, LINGJU_AUTHCODE: referenceCredentials.authcode };
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

let deepTarget: HostileTarget;
let slowTarget: HostileTarget;
let reference: RunningReference;
let faulty: RunningReference;
beforeAll(async () => {
  // Every other answer is a 10,000-deep array; the rest are envelopes carrying a 10,000-deep undocumented field.
  deepTarget = await startTarget((call) => {
    if (!call.contract) return void call.res.writeHead(404).end();
    const envelope = JSON.stringify(successEnvelope(call.contract.api)).slice(0, -1);
    answerJson(call, call.n % 2 ? deep(10_000) : `${envelope},"deep":${deep(10_000)}}`);
  });
  // Answers the first three requests, then never again (the run is interrupted meanwhile).
  slowTarget = await startTarget((call) => {
    if (call.n <= 3 && call.contract) answerJson(call, JSON.stringify(successEnvelope(call.contract.api)));
  });
  reference = await startReference({ credentials: { lingju: referenceCredentials } });
  faulty = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'enum-not-checked' });
});
afterAll(async () => {
  await Promise.all([deepTarget.close(), slowTarget.close(), reference.close(), faulty.close()]);
});

/** The verdict each report states: report.json's verdict, the HTML badge, JUnit's counts, the console's last line. */
function verdicts(texts: Record<string, string>, stdout: string) {
  const json = JSON.parse(texts['report.json']!);
  return {
    json: json.verdict as string,
    exitCode: json.exitCode as number,
    html: /class="badge [a-z]+">([A-Z]+)</.exec(texts['report.html']!)?.[1],
    junitErrors: Number(/<testsuites [^>]*errors="(\d+)"/.exec(texts['junit.xml']!)?.[1]),
    junitFailures: Number(/<testsuites [^>]*failures="(\d+)"/.exec(texts['junit.xml']!)?.[1]),
    console: /^(PASS|FAIL|INCOMPLETE)\b/m.exec(stdout)?.[1],
    cases: json.cases as Array<{ id: string; outcome: string }>,
  };
}

describe('conformance > a run that did not finish never reports a pass', () => {
  test('10,000-deep answers: judged (not a crash), every planned case in every report, exit code = verdict', async () => {
    const dir = scratchDir();
    const planned = buildPlan({ apis: ['lingju'], targets: { lingju: deepTarget.url }, seed: 31, credentials: { lingju: referenceCredentials } }).map((c) => c.id);
    const result = await cli(['--api', 'lingju', '--target', deepTarget.url, '--seed', '31', '--report-dir', dir], env);
    const texts = reportTexts(dir);
    const v = verdicts(texts, result.stdout);
    expect(result.code, result.stderr).toBe(1);
    expect(v).toMatchObject({ json: 'violations', exitCode: 1, html: 'FAIL', console: 'FAIL', junitErrors: 0 });
    expect(v.junitFailures).toBeGreaterThan(0);
    expect(v.cases.map((c) => c.id)).toEqual(planned);
    expect(v.cases.every((c) => ['passed', 'failed', 'skipped'].includes(c.outcome))).toBe(true);
    for (const id of planned) expect(texts['junit.xml']!.includes(id!) || texts['report.html']!.includes(id!), id).toBe(true);
  });

  test.each([
    ['a check throws while judging', () => {
      const original = checks.envelope_conformance.evaluate;
      let calls = 0;
      return vi.spyOn(checks.envelope_conformance as ExchangeCheck, 'evaluate').mockImplementation(function (this: ExchangeCheck, ...args) {
        if (++calls === 5) throw new RangeError('Maximum call stack size exceeded');
        return (original as ExchangeCheck['evaluate']).apply(this, args);
      });
    }],
    ['recording a finding throws (masking a response body)', () => {
      const original = Masker.prototype.text;
      let calls = 0;
      return vi.spyOn(Masker.prototype, 'text').mockImplementation(function (this: Masker, input: string) {
        if (input.includes('"status"') && ++calls === 1) throw new RangeError('Maximum call stack size exceeded');
        return original.call(this, input);
      });
    }],
  ])('%s: that case is an error, the run is incomplete (exit 2) in every report', async (_name, arm) => {
    const spy = arm();
    try {
      const { result, files } = await run(faulty.url, { apis: ['lingju'] });
      expect(spy).toHaveBeenCalled();
      expect(result.verdict).toBe('incomplete');
      expect(result.exitCode).toBe(2);
      expect(result.cases.some((c) => c.outcome === 'error')).toBe(true);
      const texts = Object.fromEntries(files.map((f) => [path.basename(f), readFileSync(f, 'utf8')]));
      const v = verdicts(texts, renderConsole(result));
      expect(v).toMatchObject({ json: 'incomplete', exitCode: 2, html: 'INCOMPLETE', console: 'INCOMPLETE' });
      expect(v.junitErrors).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });

  test('cases that never finished are listed as not run and the run is incomplete', async () => {
    const session = new Session({ apis: ['lingju'], targets: { lingju: reference.url }, embedded: false, seed: 5, concurrency: 1, timeoutMs: 2000, waivers: [] }, { lingju: referenceCredentials });
    for (const c of session.plan.slice(0, 3)) await session.execute(c);
    const result = session.finish();
    expect(result.cases).toHaveLength(session.plan.length);
    expect(result.cases.slice(3).every((c) => c.outcome === 'not run')).toBe(true);
    expect(result).toMatchObject({ verdict: 'incomplete', exitCode: 2 });
    const files = await writeReports(result, scratchDir(), session.masker);
    const texts = Object.fromEntries(files.map((f) => [path.basename(f), readFileSync(f, 'utf8')]));
    expect(verdicts(texts, renderConsole(result))).toMatchObject({ json: 'incomplete', html: 'INCOMPLETE', console: 'INCOMPLETE' });
  });

  test('interrupted with SIGINT mid-run: reports say incomplete, list every planned case, exit 2', async () => {
    const dir = scratchDir();
    const run = await cli(['--api', 'lingju', '--target', slowTarget.url, '--seed', '32', '--report-dir', dir, '--timeout', '20000', '--concurrency', '2'], env, { interruptWhen: /Running \d+ tests/ });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/interrupted/i);
    const texts = reportTexts(dir);
    const v = verdicts(texts, run.stdout);
    expect(v).toMatchObject({ json: 'incomplete', exitCode: 2, html: 'INCOMPLETE' });
    expect(v.cases.length).toBeGreaterThan(50);
    expect(v.cases.some((c) => c.outcome === 'not run')).toBe(true);
  });
});
