// msw/browser in Chromium: the page built by Vite from src/msw/, its service worker answering the same table the
// server mocks answer (tests/msw/table.ts); what page JavaScript reads must be the same.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { apiNames, projectRoot, type ApiName } from '../../src/spec/load.ts';
import { chromiumSkipNote, hasChromium, launchChromium, serveFolder } from '../browser/chromium.ts';
import { buildTable, type Reply } from './table.ts';

describe.skipIf(!hasChromium)(`msw > handlers in Chromium (msw/browser)${chromiumSkipNote}`, () => {
  const table = buildTable();
  const mocks = {} as Record<ApiName, RunningMock>;
  const dist = mkdtempSync(path.join(tmpdir(), 'eck-msw-page-'));
  let site: Awaited<ReturnType<typeof serveFolder>> | undefined;
  let browser: Browser;
  let result: { server: Reply[]; msw: Reply[]; matched: number };

  beforeAll(async () => {
    const { build } = await import('vite');
    await build({ root: path.join(projectRoot, 'tests/msw/browser'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 2000 }, configFile: false });
    copyFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), path.join(dist, 'mockServiceWorker.js'));
    for (const api of apiNames) mocks[api] = await startMock({ api, port: 0, quiet: true, log: () => {} });
    site = await serveFolder(dist);
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // localhost (a secure context, as a service worker needs) against the mocks' 127.0.0.1: another origin.
    await page.goto(site.url);
    await page.waitForFunction('typeof window.runTable === "function"');
    const urls = { weidu: mocks.weidu.url, lingju: mocks.lingju.url };
    result = (await page.evaluate(([t, u]) => window.runTable(t, u), [table, urls] as const)) as typeof result;
    expect(errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await Promise.all(Object.values(mocks).map((m) => m.close()));
    rmSync(dist, { recursive: true, force: true });
  });

  it('msw > Chromium: the service worker answered every request of the second pass', () => {
    expect(result.msw).toHaveLength(table.length);
    expect(result.matched).toBe(table.length);
  });

  // Not Access-Control-Allow-Origin: the request the service worker hands MSW carries no Origin header (the server
  // mock echoes it, the handlers answer *), and no CORS check applies to a worker's answer anyway.
  it('msw > Chromium: every case reads the same status, Content-Type and body from the handlers as from the server mock', () => {
    const differ = table.flatMap((c, i) => {
      const [s, m] = [result.server[i]!, result.msw[i]!];
      const same = s.status === m.status && s.contentType === m.contentType && s.body === m.body;
      return same ? [] : [`${c.label}: server ${JSON.stringify(s)} / msw ${JSON.stringify(m)}`];
    });
    expect(differ).toEqual([]);
  });
});
