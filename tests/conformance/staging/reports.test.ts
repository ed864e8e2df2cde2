// Issue 11 "Reports QA can read": the HTML report opens with a summary per API × check, orders failures by how bad
// they are, has anchors and a filter (API, grade, check) that works without a script; a report directory per run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderHtml } from '../../../conformance/reports/html.ts';
import { allocateRunDir, pointLatest, runDirName } from '../../../conformance/reports/run-dir.ts';
import type { RunResult } from '../../../conformance/engine/result.ts';
import type { Finding } from '../../../conformance/types.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../../package/helpers.ts';
import { startReference, type RunningReference } from '../reference/server.ts';
import { referenceCredentials, run } from '../run-helpers.ts';

let faulty: RunningReference;
let result: RunResult;
let html: string;
beforeAll(async () => {
  faulty = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'success-on-error' });
  ({ result } = await run(faulty.url));
  html = renderHtml(result);
});
afterAll(async () => {
  await faulty.close();
});

describe('conformance > HTML report', () => {
  test('opens with a summary per API × check (passed, failed, warnings, skipped …), failed counts linking to the first failure', () => {
    const summary = html.indexOf('<h2 id="summary">Summary per API and check</h2>');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(html.indexOf('<nav class="filters"'));
    expect(html.indexOf('<nav class="filters"')).toBeLessThan(html.indexOf('<h2 id="failure">'));
    expect(html).toMatch(/<tr><th>API<\/th><th>check<\/th><th>passed<\/th><th>failed<\/th><th>warnings<\/th><th>skipped<\/th>/);
    const link = /<tr><td>lingju<\/td><td[^>]*><code>negative_rejection<\/code><\/td><td class="n(?: zero)?">\d+<\/td><td class="n bad"><a href="#(first-lingju-negative_rejection-failure)">\d+<\/a><\/td>/.exec(html);
    expect(link).not.toBeNull();
    expect(html).toContain(`<a id="${link![1]}"></a><div class="finding f failure"`);
  });

  test('failures worst first: server errors, then invalid requests accepted, then the rest', () => {
    const base = result.findings.find((f) => f.severity === 'failure' && f.impact === 'invalid-accepted')!;
    const other: Finding = { ...base, check: 'envelope_conformance', impact: undefined, field: 'status', summary: 'status is a string' };
    const crash: Finding = { ...base, check: 'not_a_server_error', impact: 'server-error', field: '(body)', summary: 'HTTP 500' };
    const page = renderHtml({ ...result, findings: [other, ...result.findings, crash] });
    const failures = page.slice(page.indexOf('<h2 id="failure">'), page.indexOf('<h2 id="warning">'));
    const groups = failures.split('<div class="finding f failure"').slice(1);
    const rank = (g: string) => (g.includes('<span class="tag impact">server error</span>') ? 0 : g.includes('<span class="tag impact">invalid accepted</span>') ? 1 : 2);
    const ranks = groups.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(groups[0]).toContain('data-check="not_a_server_error"');
    expect(ranks.filter((r) => r === 1).length).toBeGreaterThan(5);
    expect(rank(groups.find((g) => g.includes('data-check="envelope_conformance"'))!)).toBe(2);
    expect(failures).toContain('<span class="tag impact">server error</span>');
    expect(failures).toContain('<span class="tag impact">invalid accepted</span>');
  });

  test('one self-contained file: no script, no external resource; every group has an anchor', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(|@import|https?:\/\/(?!127\.0\.0\.1)[^\s"'<]*\.(css|js)/);
    const groups = [...html.matchAll(/<div class="finding f \w+" id="(g\d+)"/g)].map((m) => m[1]);
    expect(groups.length).toBeGreaterThan(10);
    expect(new Set(groups).size).toBe(groups.length);
    for (const id of groups.slice(0, 5)) expect(html).toContain(`href="#${id}"`);
  });

  test('the filter (API, grade, check) works in a browser without any script', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.setContent(html);
      const visible = () => page.$$eval('.f', (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).display !== 'none').filter((e) => getComputedStyle(e).display !== 'none').map((e) => `${e.getAttribute('data-api')}|${e.getAttribute('data-grade')}|${e.getAttribute('data-check')}`));
      const all = await visible();
      expect(new Set(all.map((v) => v.split('|')[0]))).toEqual(new Set(['weidu', 'lingju']));
      await page.click('label[for="f-api-lingju"]');
      const lingju = await visible();
      expect(lingju.length).toBeGreaterThan(0);
      expect(lingju.length).toBeLessThan(all.length);
      expect(lingju.every((v) => v.startsWith('lingju|'))).toBe(true);
      await page.click('label[for="f-grade-failure"]');
      const failures = await visible();
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((v) => /^lingju\|failure\|/.test(v))).toBe(true);
      // The other grades' sections are hidden whole, headings included.
      expect(await page.isVisible('h2#warning')).toBe(false);
      await page.click('label[for="f-check-credentials"]');
      expect((await visible()).every((v) => v === 'lingju|failure|credentials')).toBe(true);
      await page.click('label[for="f-api-all"]');
      await page.click('label[for="f-grade-all"]');
      await page.click('label[for="f-check-all"]');
      expect(await visible()).toEqual(all);
    } finally {
      await browser?.close();
    }
  });
});

describe('conformance > a report directory per run', () => {
  test('without --report-dir: each run gets its own timestamped directory, reports/latest follows the newest', async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'conformance-runs-')), 'reports');
    const first = await run(faulty.url, { apis: ['lingju'], only: ['credentials'], reportDir: root, reportPerRun: true });
    const second = await run(faulty.url, { apis: ['lingju'], only: ['credentials'], reportDir: root, reportPerRun: true });
    const dirs = readdirSync(root).filter((d) => d !== 'latest').sort();
    expect(dirs).toHaveLength(2);
    expect(dirs[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?$/);
    expect(path.dirname(first.files[0]!)).toBe(path.join(root, dirs[0]!));
    expect(path.dirname(second.files[0]!)).toBe(path.join(root, dirs[1]!));
    for (const dir of dirs) expect(readdirSync(path.join(root, dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json']);
    expect(readlinkSync(path.join(root, 'latest'))).toBe(dirs[1]);
    expect(JSON.parse(readFileSync(path.join(root, 'latest', 'report.json'), 'utf8')).startedAt).toBe(second.result.startedAt);
  });

  test('a run that could not start leaves no empty directory, and latest keeps pointing at the last report', async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'conformance-runs-')), 'reports');
    await run(faulty.url, { apis: ['lingju'], only: ['credentials'], reportDir: root, reportPerRun: true });
    const before = readlinkSync(path.join(root, 'latest'));
    await expect(run('http://127.0.0.1:1', { apis: ['lingju'], reportDir: root, reportPerRun: true })).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
    expect(readdirSync(root).sort()).toEqual([before, 'latest'].sort());
    expect(readlinkSync(path.join(root, 'latest'))).toBe(before);
  });

  test('names: sortable UTC; two runs in the same second get -2; a real directory named latest is left alone', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'conformance-runs-'));
    const now = new Date('2026-11-22T10:31:05.123Z');
    expect(runDirName(now)).toBe('2026-11-22T10-31-05Z');
    expect(path.basename(allocateRunDir(root, now))).toBe('2026-11-22T10-31-05Z');
    const second = allocateRunDir(root, now);
    expect(path.basename(second)).toBe('2026-11-22T10-31-05Z-2');
    expect(pointLatest(root, second)).toBeUndefined();
    expect(readlinkSync(path.join(root, 'latest'))).toBe('2026-11-22T10-31-05Z-2');
    const other = mkdtempSync(path.join(os.tmpdir(), 'conformance-runs-'));
    allocateRunDir(path.join(other, 'latest'));
    expect(pointLatest(other, path.join(other, 'x'))).toMatch(/exists and is not a link: left as it is/);
    expect(existsSync(path.join(other, 'latest'))).toBe(true);
  });
});
