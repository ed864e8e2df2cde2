// The client as a frontend team gets it: packed, installed from tarballs (offline) into a project outside the
// repository, then imported from plain Node ESM, type-checked under strict consumer settings, built with Vite for Chromium.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { loadContract, projectRoot } from '../../src/spec/load.ts';
import { chromiumSkipNote, hasChromium, launchChromium, serveFolder } from '../browser/chromium.ts';
import { folderSize, kB, run, tool, withoutNpmNoise } from './helpers.ts';

const PACKAGE = '@envelope-contract-kit/client';
const MAX_INSTALLED_BYTES = 1024 * 1024;
const contracts = { weidu: loadContract('weidu'), lingju: loadContract('lingju') };
const minimal = (api: 'weidu' | 'lingju') => contracts[api].requestExamples.find((e) => e.name === 'minimal')!.value;
const ERROR_EXAMPLE = 'appkeyInvalid';
const cases = { weiduValid: minimal('weidu'), lingjuValid: minimal('lingju'), lingjuErrorExample: ERROR_EXAMPLE };
const namedErrorCode = (contracts.lingju.responseExamples.find((e) => e.name === ERROR_EXAMPLE)!.value as { status: number }).status;
const expected = {
  weiduValid: { kind: 'success', code: 200 },
  lingjuValid: { kind: 'success', code: 0 },
  lingjuNamedError: { kind: 'error', code: namedErrorCode, category: 'credentials' },
  lingjuAborted: { kind: 'transport', aborted: true },
};

const work = mkdtempSync(path.join(tmpdir(), 'eck-client-consumer-'));
const app = path.join(work, 'app');
let packedFiles: string[] = [];
const mocks: RunningMock[] = [];
let urls: { weidu: string; lingju: string };

beforeAll(async () => {
  // npm pack runs the package's prepack (the tsc build); its dependencies are packed from the repo's node_modules,
  // so the install below needs no registry.
  const packed = await run(tool.npm, ['pack', '-w', 'packages/client', '--pack-destination', work, '--json'], { cwd: projectRoot, timeoutMs: 90_000 });
  expect(packed.code, packed.stderr).toBe(0);
  packedFiles = (JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[/m))) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
  const deps = await run(tool.npm, ['pack', '--ignore-scripts', '--pack-destination', work, './node_modules/openapi-fetch', './node_modules/openapi-typescript-helpers'], { cwd: projectRoot });
  expect(deps.code, deps.stderr).toBe(0);
  const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  expect(tarballs).toHaveLength(3);

  cpSync(path.join(projectRoot, 'tests', 'package', 'consumer'), app, { recursive: true });
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const installed = await run(tool.npm, ['install', '--offline', '--no-audit', '--no-fund', ...tarballs.map((t) => path.join(work, t))], { cwd: app, timeoutMs: 60_000 });
  expect(installed.code, installed.stderr).toBe(0);

  for (const api of ['weidu', 'lingju'] as const) mocks.push(await startMock({ api, port: 0, quiet: true }));
  urls = { weidu: mocks[0]!.url, lingju: mocks[1]!.url };
}, 150_000);

afterAll(async () => {
  await Promise.all(mocks.map((m) => m.close()));
  rmSync(work, { recursive: true, force: true });
});

describe('package > client', () => {
  it('package > client: the tarball holds the built JavaScript, declarations and README, nothing else', () => {
    expect(packedFiles).toContain('package.json');
    expect(packedFiles).toContain('dist/client/index.js');
    expect(packedFiles).toContain('dist/client/index.d.ts');
    expect(packedFiles).toContain('dist/msw/index.js');
    expect(packedFiles).toContain('dist/msw/index.d.ts');
    expect(packedFiles.filter((f) => !/^dist\/.+\.(js|d\.ts)$/.test(f) && f !== 'package.json' && f !== 'README.md')).toEqual([]);
  });

  it('package > client: installs only openapi-fetch beside it (no Prism, faker, ajv, tsx) and stays under 1 MB', () => {
    const installed = readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed.sort()).toEqual(['@envelope-contract-kit', 'openapi-fetch', 'openapi-typescript-helpers']);
    const own = folderSize(path.join(app, 'node_modules', PACKAGE));
    const fetchLib = ['openapi-fetch', 'openapi-typescript-helpers'].map((n) => folderSize(path.join(app, 'node_modules', n)).bytes).reduce((a, b) => a + b);
    console.log(`${PACKAGE} installed: ${kB(own.bytes)} in ${own.files} files (limit ${kB(MAX_INSTALLED_BYTES)}); openapi-fetch and its helper: ${kB(fetchLib)} more`);
    expect(own.bytes).toBeLessThan(MAX_INSTALLED_BYTES);
  });

  it('package > client: plain Node ESM imports it by name (no tsx) and calls the mocks; deep imports are closed', async () => {
    const ran = await run(process.execPath, ['node-check.mjs'], {
      cwd: app,
      env: { ...process.env, WEIDU_URL: urls.weidu, LINGJU_URL: urls.lingju, CASES: JSON.stringify(cases) },
      timeoutMs: 30_000,
    });
    expect(ran.code, ran.stderr).toBe(0);
    const out = JSON.parse(ran.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      ...expected,
      lingjuInvalid: { kind: 'error', code: mockCodeFor(contracts.lingju, 'required') },
      subpathIsSame: true,
      codes: ['weidu', 'lingju', expect.stringContaining('APPKEY无效')],
      deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
    expect(out.typesModule).toEqual(expect.arrayContaining(['lingju', 'lingjuContract', 'weidu', 'weiduContract']));
  });

  // node10 ("node"): older setups that ignore `exports`; main, types and typesVersions serve them.
  it.each(['bundler', 'nodenext', 'node10'])('package > client: a consumer type-checks under strict + exactOptionalPropertyTypes, moduleResolution %s', async (resolution) => {
    const ran = await run(process.execPath, [tool.tsc, '-p', `tsconfig.${resolution}.json`], { cwd: app, timeoutMs: 60_000 });
    expect(ran.code, `${ran.stdout}${ran.stderr}`).toBe(0);
  });
});

// msw is an optional peer dependency: a team that mocks with MSW has it installed; here it is linked from the repository.
describe('package > client/msw', () => {
  beforeAll(() => {
    symlinkSync(path.join(projectRoot, 'node_modules', 'msw'), path.join(app, 'node_modules', 'msw'), 'dir');
  });

  it('package > client/msw: plain Node ESM — msw/node with the handlers answers the typed client; mockFetch without MSW', async () => {
    const ran = await run(process.execPath, ['msw-check.mjs'], { cwd: app, timeoutMs: 30_000 });
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({
      valid: { kind: 'success', code: 0 },
      byCode: { kind: 'error', code: 6 },
      invalid: { kind: 'error', code: mockCodeFor(contracts.lingju, 'required') },
      perTest: { kind: 'error', code: -1 },
      viaFetch: { kind: 'error', code: 11 },
    });
  });

  it.each(['bundler', 'nodenext'])('package > client/msw: a consumer with msw type-checks (strict, exactOptionalPropertyTypes), moduleResolution %s', async (resolution) => {
    const ran = await run(process.execPath, [tool.tsc, '-p', `tsconfig.msw-${resolution}.json`], { cwd: app, timeoutMs: 60_000 });
    expect(ran.code, `${ran.stdout}${ran.stderr}`).toBe(0);
  });
});

describe.skipIf(!hasChromium)(`package > client in a Vite build${chromiumSkipNote}`, () => {
  let site: Awaited<ReturnType<typeof serveFolder>> | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('package > client: built with Vite, runs in Chromium against the mocks (another origin)', async () => {
    const built = await run(process.execPath, [tool.vite, 'build', '--logLevel', 'warn'], { cwd: app, timeoutMs: 60_000 });
    expect(built.code, withoutNpmNoise(`${built.stdout}${built.stderr}`)).toBe(0);
    const dist = path.join(app, 'dist');
    const scripts = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const bytes = scripts.reduce((sum, f) => sum + statSync(path.join(dist, 'assets', f)).size, 0);
    console.log(`Vite build of the consumer page (client, openapi-fetch, page code): ${kB(bytes)} of minified JavaScript in ${scripts.length} file(s)`);

    site = await serveFolder(dist);
    const query = new URLSearchParams({ weidu: urls.weidu, lingju: urls.lingju, cases: JSON.stringify(cases) });
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // "localhost" against the mocks' 127.0.0.1: a different origin, as a dev server's page would be.
    await page.goto(`${site.url}?${query.toString()}`);
    const results = await page.evaluate('window.results');
    expect(errors).toEqual([]);
    expect(results).toMatchObject({ ...expected, contract: 'lingju' });
  });
});
