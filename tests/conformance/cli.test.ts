import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../src/spec/index.ts';
import { startReference, type RunningReference } from './reference/server.ts';
import { referenceCredentials, scratchDir } from './run-helpers.ts';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the real CLI (tsx), with LINGJU_* taken only from `env`. */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LINGJU_')));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'conformance/cli.ts'), ...args], { cwd: projectRoot, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const env = { LINGJU_APPKEY: referenceCredentials.appkey, LINGJU_AUTHCODE: referenceCredentials.authcode };
let strict: RunningReference;
let faulty: RunningReference;
let goLike: RunningReference;
let counting: http.Server;
let countingUrl: string;
let requests = 0;

beforeAll(async () => {
  strict = await startReference({ credentials: { lingju: referenceCredentials } });
  faulty = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'enum-not-checked' });
  goLike = await startReference({ profile: 'go-like' });
  counting = http.createServer((req, res) => {
    requests++;
    res.end();
  });
  await new Promise<void>((r) => counting.listen(0, '127.0.0.1', r));
  countingUrl = `http://127.0.0.1:${(counting.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all([strict.close(), faulty.close(), goLike.close(), new Promise((r) => counting.close(r))]);
});

describe('conformance > CLI exit codes', () => {
  test('bad arguments → exit 2 with a one-line cause', async () => {
    const run = await cli(['--api', 'foo']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['conformance: --api must be one of weidu, lingju, all (got "foo")']);
  });

  test.each([
    ['refused', () => 'http://127.0.0.1:1', /could not run: http:\/\/127\.0\.0\.1:1: connection refused/],
    ['TLS failure', () => countingUrl.replace('http:', 'https:'), /could not run: https:\/\/127\.0\.0\.1:\d+: TLS failure/],
    ['unresolvable host', () => 'http://no-such-host.invalid', /could not run: http:\/\/no-such-host\.invalid: (host name not resolved|no connection within 1500 ms)/],
  ])('unreachable target (%s) → exit 2 with a one-line cause, the seed printed', async (_name, target, cause) => {
    const run = await cli(['--target', target(), '--timeout', '1500', '--seed', '3']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Seed: 3');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(cause);
  });

  test('--dry-run prints the planned requests (secrets masked) and sends nothing', async () => {
    const run = await cli(['--target', countingUrl, '--dry-run', '--seed', '11'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Dry run: \d+ planned requests \(seed 11\); nothing is sent/);
    expect(run.stdout).toContain(`curl -sS -i -X POST '${countingUrl}/serverapi/userinfo.do'`);
    // Secrets are shell variables the curl line reads (JSON-escaped), never their values.
    expect(run.stdout).toContain(`"appkey":"'"$(printf %s "$LINGJU_APPKEY" | sed`);
    expect(run.stdout).not.toContain(referenceCredentials.appkey);
    expect(requests).toBe(0);
  });

  test('against the reference → exit 0, progress while running, three reports', async () => {
    const dir = scratchDir();
    const run = await cli(['--target', strict.url, '--seed', '5', '--report-dir', dir], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/… \d+\/\d+ done/);
    expect(run.stdout).toMatch(/^PASS — \d+ passed, 0 failed/m);
    for (const file of ['junit.xml', 'report.json', 'report.html']) expect(existsSync(path.join(dir, file))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).seed).toBe(5);
  });

  test('against a single-fault variant → exit 1 naming the field', async () => {
    const dir = scratchDir();
    const run = await cli(['--api', 'lingju', '--target', faulty.url, '--seed', '5', '--report-dir', dir], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/✗ lingju › negative · invalid: sex/);
    expect(run.stdout).toMatch(/── negative_rejection[\s\S]*Field: +sex[\s\S]*Received: +status 0/);
    expect(run.stdout).toMatch(/^FAIL — /m);
  });

  test('a Go-like weidu server: exit 0 with decision warnings; --strict → exit 1 listing the decisions it relied on', async () => {
    const relaxed = await cli(['--api', 'weidu', '--target', goLike.url, '--seed', '5', '--report-dir', scratchDir()]);
    expect(relaxed.code, relaxed.stdout).toBe(0);
    expect(relaxed.stdout).toMatch(/^Decision warnings: \d+ — only the spec's decisions say this; ask the vendor/m);
    expect(relaxed.stdout).toMatch(/^PASS — \d+ passed, 0 failed, \d+ warnings \(decisions W07, W15, W29\), \d+ information/m);
    const strictRun = await cli(['--api', 'weidu', '--target', goLike.url, '--seed', '5', '--report-dir', scratchDir(), '--strict']);
    expect(strictRun.code).toBe(1);
    expect(strictRun.stdout).toMatch(/^Decisions relied on \(--strict: their warnings are counted as failures above\): W07, W15, W29$/m);
    expect(strictRun.stdout).toMatch(/^FAIL — \d+ passed, (\d+) failed \(\1 by --strict: decisions W07, W15, W29\)/m);
  });

  test('no --target: the embedded mock → exit 0', async () => {
    const run = await cli(['--seed', '8', '--report-dir', scratchDir()]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('target: embedded mock');
    expect(run.stdout).toMatch(/lingju +POST \(embedded mock\)\/serverapi\/userinfo\.do +\(credentials: embedded\)/);
  });
});
