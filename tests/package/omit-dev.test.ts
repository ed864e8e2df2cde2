// The runtime needs no dev dependency (issue 11): a fresh copy of the repository installed the way CI images do,
// `npm ci --omit=dev` (from npm's cache, offline when it can), runs `npm run conformance`, `npm start` and
// `npm run review`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/spec/load.ts';
import { contracts, expectEnvelope, minimalBody, postJson, startMockProcess, stopCli } from '../mock/helpers.ts';
import { run, withoutNpmNoise } from './helpers.ts';

const work = mkdtempSync(path.join(tmpdir(), 'eck-omit-dev-'));
const clone = path.join(work, 'clone');
const env: NodeJS.ProcessEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LINGJU_|WEIDU_|npm_)/.test(k))), npm_config_update_notifier: 'false', REDOCLY_TELEMETRY: 'off' };
/** What the lockfile installs for development only (Prism's CLI, playwright-core, openapi-typescript, …): `"dev": true`. */
const devOnly = Object.entries((JSON.parse(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> }).packages)
  .filter(([where, entry]) => entry.dev === true && where.startsWith('node_modules/'))
  .map(([where]) => where);
let install = '';

beforeAll(async () => {
  // What a fresh clone holds: the tracked files (and new ones not ignored), never node_modules or build output.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(projectRoot, file);
    if (!existsSync(from)) continue; // deleted in the work tree, not yet committed
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    copyFileSync(from, path.join(clone, file));
  }
  // npm's cache holds every package of the lockfile once `npm ci` ran on this machine: no registry needed.
  const args = ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'];
  let ran = await run('npm', [...args, '--offline'], { cwd: clone, env, timeoutMs: 240_000 });
  if (ran.code !== 0) ran = await run('npm', [...args, '--prefer-offline'], { cwd: clone, env, timeoutMs: 240_000 });
  install = `exit ${ran.code}\n${withoutNpmNoise(ran.stdout + ran.stderr)}`;
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('package > npm ci --omit=dev on a fresh copy', () => {
  it('installs without a single development-only package', () => {
    expect(install).toMatch(/^exit 0/);
    expect(devOnly).toEqual(expect.arrayContaining(['node_modules/playwright-core', 'node_modules/@stoplight/prism-cli', 'node_modules/openapi-typescript']));
    expect(devOnly.filter((where) => existsSync(path.join(clone, where, 'package.json')))).toEqual([]);
  });

  it('npm run conformance: the embedded mocks checked, PASS, three reports in reports/<run>/ and reports/latest', async () => {
    const ran = await run('npm', ['run', 'conformance', '--', '--seed', '5'], { cwd: clone, env, timeoutMs: 120_000 });
    expect(ran.code, withoutNpmNoise(ran.stdout + ran.stderr)).toBe(0);
    expect(ran.stdout).toMatch(/^PASS — \d+ passed, 0 failed/m);
    for (const file of ['junit.xml', 'report.json', 'report.html']) expect(existsSync(path.join(clone, 'reports', 'latest', file)), file).toBe(true);
  }, 150_000);

  it('npm start: both mocks answer', async () => {
    const mock = await startMockProcess('npm', ['start', '--', '--weidu-port', '0', '--lingju-port', '0', '--quiet'], { cwd: clone, env });
    try {
      expect(mock.urls.lingju, mock.stdout() + mock.stderr()).toBeDefined();
      for (const api of ['weidu', 'lingju'] as const) expectEnvelope(contracts[api], await postJson(mock.urls[api]!, contracts[api], minimalBody(contracts[api])), contracts[api].envelope.successCodes[0]!);
    } finally {
      await stopCli(mock);
    }
  }, 60_000);

  it('npm run review: the review pack is written', async () => {
    const ran = await run('npm', ['run', 'review'], { cwd: clone, env, timeoutMs: 120_000 });
    expect(ran.code, withoutNpmNoise(ran.stdout + ran.stderr)).toBe(0);
    for (const file of ['report.html', 'weidu.html', 'lingju.questions.csv']) expect(existsSync(path.join(clone, 'review', file)), file).toBe(true);
  }, 150_000);
});
