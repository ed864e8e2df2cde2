import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { apiNames, loadContract, type ApiName } from '../../src/spec/load.ts';
import { chromiumSkipNote, hasChromium, launchChromium } from './chromium.ts';

const contracts = { weidu: loadContract('weidu'), lingju: loadContract('lingju') };

interface Call {
  api: ApiName;
  label: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
interface PageResult {
  label: string;
  status?: number;
  contentType?: string | null;
  body?: Record<string, unknown>;
  error?: string;
}

/** A page on another origin that calls the mocks with fetch and records what page JavaScript can read. */
function pageHtml(calls: Call[]): string {
  const script = `
    const calls = ${JSON.stringify(calls)};
    window.results = Promise.all(calls.map(async (c) => {
      try {
        const r = await fetch(c.url, { method: 'POST', headers: c.headers, body: c.body });
        return { label: c.label, status: r.status, contentType: r.headers.get('content-type'), body: await r.json() };
      } catch (e) { return { label: c.label, error: String(e) }; }
    }));`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>mock CORS</title></head><body><script>${script}</script></body></html>`;
}

describe.skipIf(!hasChromium)(`browser > mock from another origin${chromiumSkipNote}`, () => {
  const mocks = {} as Record<ApiName, RunningMock>;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let calls: Call[];

  beforeAll(async () => {
    for (const api of apiNames) mocks[api] = await startMock({ api, port: 0, quiet: true });
    calls = apiNames.flatMap((api): Call[] => {
      const c = contracts[api];
      const url = `${mocks[api].url}${c.path}`;
      const headers = { 'Content-Type': c.requestMediaType };
      const valid = JSON.stringify(c.requestExamples[0]!.value);
      const errorExample = c.responseExamples.at(-1)!.name;
      return [
        { api, label: `${api} success`, url, headers, body: valid },
        { api, label: `${api} invalid`, url, headers, body: '{}' },
        { api, label: `${api} named`, url, headers: { ...headers, Prefer: `example=${errorExample}` }, body: valid },
      ];
    });
    const html = pageHtml(calls);
    site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    // "localhost" vs the mocks' 127.0.0.1, and another port: a different origin either way.
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await Promise.all(Object.values(mocks).map((m) => m.close()));
  });

  it('page JavaScript reads the success envelope, an error envelope and a named error from both mocks', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    const results = (await page.evaluate('window.results')) as PageResult[];
    expect(results).toHaveLength(calls.length);
    for (const [i, call] of calls.entries()) {
      const c = contracts[call.api];
      const result = results[i]!;
      expect(result.error, result.label).toBeUndefined();
      expect(result.status, result.label).toBe(200);
      expect(result.contentType, result.label).toBe(c.envelope.contentType);
      const code = result.body?.[c.envelope.codeField];
      if (call.label.endsWith('success')) expect(code, result.label).toBe(c.envelope.successCodes[0]);
      if (call.label.endsWith('invalid')) expect(code, result.label).toBe(mockCodeFor(c, 'required'));
      if (call.label.endsWith('named')) expect(result.body, result.label).toEqual(c.responseExamples.at(-1)!.value);
    }
    await page.close();
  });
});
