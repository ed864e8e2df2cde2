import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReview, type ReviewOutput } from '../../src/review/index.ts';
import { apiNames, projectRoot } from '../../src/spec/load.ts';
import { chromiumSkipNote, hasChromium, launchChromium } from '../browser/chromium.ts';

// The review pack as a reader sees it: each page opened in headless Chromium with every non-local request
// blocked and recorded, and what the page shows (its rendered text, not the data embedded in its scripts) checked.
// Full-page screenshots go to review/screenshots/ (git-ignored) to look at.

const SCREENSHOTS = path.join(projectRoot, 'review', 'screenshots');

interface Visit {
  /** Every request the page tried that is not file:// or data: (each one was aborted). */
  remote: string[];
  /** CSP violations and page errors: the page must load clean. */
  problems: string[];
  /** The rendered text (innerText: what a reader sees, without scripts and hidden nodes). */
  text: string;
  /** Where the screenshot went (pages of the pack only). */
  screenshot?: string;
}

describe.skipIf(!hasChromium)(`review > browser${chromiumSkipNote}`, () => {
  let dir: string;
  let out: ReviewOutput;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'review-browser-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    [out, browser] = await Promise.all([buildReview(dir), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function visit(file: string, options: { prepare?: (page: Page) => Promise<void>; screenshot?: boolean } = {}): Promise<Visit> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const remote: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      remote.push(url);
      return route.abort('blockedbyclient');
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await options.prepare?.(page);
      const text = await page.evaluate(() => document.body.innerText);
      const screenshot = options.screenshot === false ? undefined : path.join(SCREENSHOTS, path.basename(file).replace(/\.html$/, '.png'));
      if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
      return { remote, problems, text, screenshot };
    } finally {
      await page.close();
    }
  }

  it('review > the detectors see a remote request and a CSP refusal (control)', async () => {
    const leaky = path.join(dir, 'leaky.html');
    writeFileSync(leaky, '<!DOCTYPE html><html><body><img src="https://example.invalid/pixel.png"><p>leaky</p></body></html>');
    const guarded = path.join(dir, 'guarded.html');
    writeFileSync(guarded, `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><img src="https://example.invalid/pixel.png"></body></html>`);
    expect((await visit(leaky, { screenshot: false })).remote).toEqual(['https://example.invalid/pixel.png']);
    expect((await visit(guarded, { screenshot: false })).problems.join()).toMatch(/Content Security Policy/);
  });

  /** Every code's meaning in both languages; raw JSON of an extension never shows. */
  function expectReadableCodes(text: string, review: ReviewOutput['model']['apis'][number]) {
    for (const c of review.codes) {
      expect(text, `${review.api} code ${c.label}`).toContain(c.label);
      expect(text, `${review.api} code ${c.label} zh`).toContain(c.zh);
      expect(text, `${review.api} code ${c.label} en`).toContain(c.en);
    }
    expect(text).not.toContain('{"document":');
    expect(text).not.toMatch(/"document"\s*:/);
  }

  it('review > the report page shows every field, code meaning and decision, offline', async () => {
    const { remote, problems, text, screenshot } = await visit(out.reportHtml);
    expect(remote).toEqual([]);
    expect(problems).toEqual([]);
    for (const review of out.model.apis) {
      for (const f of review.fields) expect(text, `${review.api} field ${f.path}`).toContain(f.path);
      expectReadableCodes(text, review);
      for (const q of review.questions) {
        expect(text, q.id).toContain(`${q.id} · ${q.topic}`);
        expect(text, q.id).toContain(q.quote);
      }
    }
    expect(text).toContain('What needs doing');
    expect(statSync(screenshot!).size).toBeGreaterThan(10_000);
  });

  it.each(apiNames)('review > the %s reference page shows the operation, every error code with its meaning, sources as text, offline', async (api) => {
    const file = out.references[api]!;
    const review = out.model.apis.find((r) => r.api === api)!;
    // Redoc renders after load: wait for the error-code list, which sits in the operation description.
    const { remote, problems, text, screenshot } = await visit(file, { prepare: (page) => page.getByText(`Error codes (${review.envelope.codeField})`).first().waitFor({ state: 'visible', timeout: 15_000 }) });
    expect(remote).toEqual([]);
    expect(problems).toEqual([]);
    // The operation is expanded: its fields show without clicking "+ Show".
    expect(text).not.toMatch(/^\+ Show$/m);
    expect(text).toContain(review.operation.path);
    for (const f of review.fields) expect(text, f.path).toContain(f.path.split('/').pop()!);
    expectReadableCodes(text, review);
    for (const c of review.codes) for (const name of [c.examples[0]!, c.examples.at(-1)!]) expect(text, name).toContain(name);
    // x-source and decisions read as sentences.
    const first = review.fields.find((f) => f.source?.text && f.decisions.length)!;
    expect(text).toContain(`Document (line ${first.source!.line}`);
    expect(text).toContain(first.source!.text!);
    expect(text).toMatch(new RegExp(`Decisions: .*${first.decisions[0]} \\(`));
    expect(statSync(screenshot!).size).toBeGreaterThan(10_000);
  });
});
