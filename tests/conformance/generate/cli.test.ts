import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, reportTexts } from '../hostile/cli.ts';
import { startTarget, type HostileTarget } from '../hostile/targets.ts';
import { startReference, type RunningReference } from '../reference/server.ts';
import { referenceCredentials, scratchDir } from '../run-helpers.ts';

const env = { LINGJU_APPKEY: referenceCredentials.appkey, LINGJU_AUTHCODE: referenceCredentials.authcode };
let astral: RunningReference;
let strict: RunningReference;
let silent: HostileTarget;
beforeAll(async () => {
  astral = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'astral-500' });
  strict = await startReference({ credentials: { lingju: referenceCredentials } });
  silent = await startTarget(() => {});
});
afterAll(async () => {
  await Promise.all([astral.close(), strict.close(), silent.close()]);
});

describe('generate > the command line', () => {
  test('--generate: progress (sent, failures, time left), the shrunk failure with its replay, then --replay sends it alone and it fails again', async () => {
    const dir = scratchDir();
    const run = await cli(['--api', 'lingju', '--target', astral.url, '--seed', '7', '--generate', '--report-dir', dir], env);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^Plan: \d+ requests \+ generated ones \(200 per API, then shrinking each failure\)/m);
    expect(run.stderr).toMatch(/… generating lingju: \d+ of 200 generated requests sent, \d+ failures? found, about \d+ s left/);
    expect(run.stderr).toMatch(/… shrinking a failure of lingju against the target/);
    expect(run.stderr).toMatch(/… generated lingju: \d+ requests sent, 1 failure found/);
    expect(run.stdout).toMatch(/^Generated requests \(lingju, seed 7\): 200 requests \(\d+ schema-valid, \d+ invalid mutations\) \+ \d+ to shrink failures in [\d.]+ s; stopped: the count was reached$/m);
    expect(run.stdout).toMatch(/^ {2}✗ \[not_a_server_error\] failure: HTTP 500 — in \d+ of 200; case lingju\/generated\/1, shrunk in \d+ steps, --replay lingju:[\d:*]+$/m);
    // The secrets of the curl line are shell variables, never the values.
    expect(run.stdout + run.stderr + Object.values(reportTexts(dir)).join('')).not.toContain(referenceCredentials.appkey);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    const token = report.apis[0].generated.faults[0].replay as string;
    const finding = report.findings.find((f: { generated?: { replay: string }; check: string }) => f.generated?.replay === token && f.check === 'not_a_server_error');
    expect(finding.curl).toContain('"$LINGJU_APPKEY"');
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain(`--replay ${token}`);

    const replay = await cli(['--target', astral.url, '--seed', '7', '--replay', token, '--report-dir', scratchDir()], env);
    expect(replay.code, replay.stderr).toBe(1);
    expect(replay.stdout).toMatch(/^Plan: 1 generated request \(--replay lingju:/m);
    expect(replay.stdout).toContain(`Replayed ${token} (seed 7): fails again; answered HTTP 500`);
    expect(replay.stdout).toMatch(/^Conformance — seed 7 — 1 requests \(1 generated\)/m);
    expect(replay.stdout).toContain(finding.curl);
  });

  test('--dry-run --generate prints the first generated requests a real run sends, and sends nothing', async () => {
    const run = await cli(['--api', 'weidu', '--target', silent.url, '--seed', '7', '--generate', '--dry-run'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Generated requests for weidu \(200 per API; seed 7\), the first 5 as a real run sends them:$/m);
    expect(run.stdout.match(/^\[weidu:\d\] generated (valid request|invalid: )/gm)).toHaveLength(5);
    expect(silent.requests).toBe(0);
  });

  test('interrupted while generating: the reports say INCOMPLETE (never a pass) and name where generation was, exit 2', async () => {
    const dir = scratchDir();
    const run = await cli(['--api', 'lingju', '--target', strict.url, '--seed', '8', '--duration', '120', '--rate', '100', '--report-dir', dir], env, { interruptWhen: /generating lingju: \d+/ });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/interrupted by SIGINT after \d+ of \d+ tests \(generating lingju: \d+ generated requests sent, 0 failures found, about .* left\)/);
    const report = JSON.parse(reportTexts(dir)['report.json']!);
    expect(report).toMatchObject({ verdict: 'incomplete', exitCode: 2, complete: false });
    expect(reportTexts(dir)['report.html']).toMatch(/class="badge incomplete">INCOMPLETE</);
  });
});
