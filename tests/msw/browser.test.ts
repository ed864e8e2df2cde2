// msw/browser in Chromium: the page built by Vite from src/msw/, its service worker answering the same table the
// server mocks answer (tests/msw/table.ts); what page JavaScript reads must be the same.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { apiNames, projectRoot, type ApiName } from '../../src/spec/load.ts';
import { buildTable, type Reply } from './table.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const hasChromium = existsSync(CHROMIUM);
const skipReason = hasChromium ? '' : ` — SKIPPED: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)`;

describe.skipIf(!hasChromium)(`msw > handlers in Chromium (msw/browser)${skipReason}`, () => {
  const table = buildTable();
  const mocks = {} as Record<ApiName, RunningMock>;
  const dist = mkdtempSync(path.join(tmpdir(), 'eck-msw-page-'));
  let site: Server;
  let browser: Browser;
  let result: { server: Reply[]; msw: Reply[]; matched: number };

  beforeAll(async () => {
    const { build } = await import('vite');
    await build({ root: path.join(projectRoot, 'tests/msw/browser'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 2000 }, configFile: false });
    copyFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), path.join(dist, 'mockServiceWorker.js'));
    for (const api of apiNames) mocks[api] = await startMock({ api, port: 0, quiet: true, log: () => {} });
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const file = path.join(dist, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
      if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
      const type = file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // localhost (a secure context, as a service worker needs) against the mocks' 127.0.0.1: another origin.
    await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
    await page.waitForFunction('typeof window.runTable === "function"');
    const urls = { weidu: mocks.weidu.url, lingju: mocks.lingju.url };
    result = (await page.evaluate(([t, u]) => window.runTable(t, u), [table, urls] as const)) as typeof result;
    expect(errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
    await Promise.all(Object.values(mocks).map((m) => m.close()));
    rmSync(dist, { recursive: true, force: true });
  });

  it('msw > Chromium: the service worker answered every request of the second pass', () => {
    expect(result.msw).toHaveLength(table.length);
    expect(result.matched).toBe(table.length);
  });

  it('msw > Chromium: every case reads the same status, Content-Type and body from the handlers as from the server mock', () => {
    const differ = table.flatMap((c, i) => {
      const [s, m] = [result.server[i]!, result.msw[i]!];
      const same = s.status === m.status && s.contentType === m.contentType && s.body === m.body;
      return same ? [] : [`${c.label}: server ${JSON.stringify(s)} / msw ${JSON.stringify(m)}`];
    });
    expect(differ).toEqual([]);
  });
});
