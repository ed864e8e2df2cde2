// Issue 11: comparing runs (--baseline, --fail-on new) and waivers that match precisely (check, field, case id,
// a pattern of the received answer, an expiry after which they stop applying and are reported).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseWaivers } from '../../../conformance/engine/waivers.ts';
import { renderConsole } from '../../../conformance/reports/console.ts';
import { startReference, type RunningReference } from '../reference/server.ts';
import { referenceCredentials, run, scratchDir } from '../run-helpers.ts';

let enumFault: RunningReference;
let formatFault: RunningReference;
let baselineFile: string;
beforeAll(async () => {
  enumFault = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'enum-not-checked' });
  formatFault = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'format-not-checked' });
  const first = await run(enumFault.url, { apis: ['lingju'] });
  baselineFile = first.files.find((f) => f.endsWith('report.json'))!;
});
afterAll(async () => {
  await Promise.all([enumFault.close(), formatFault.close()]);
});

const reportOf = (files: string[], name: string) => readFileSync(files.find((f) => path.basename(f) === name)!, 'utf8');

describe('conformance > --baseline', () => {
  test('the same faults again: all still failing, none new; --fail-on new → exit 0 (NO NEW FAILURES), without it exit 1', async () => {
    const gated = await run(enumFault.url, { apis: ['lingju'], baselineFile, failOn: 'new' });
    const b = gated.result.baseline!;
    expect(b.new).toEqual([]);
    expect(b.fixed).toEqual([]);
    expect(b.stillFailing.length).toBeGreaterThan(0);
    expect(b.stillFailing.every((e) => e.field === 'sex')).toBe(true);
    expect(gated.result.verdict).toBe('known violations');
    expect(gated.result.exitCode).toBe(0);
    expect(renderConsole(gated.result)).toMatch(/^PASS \(--fail-on new: no new failures\) — \d+ passed, [1-9]\d* failed.*; against the baseline: 0 new, 0 fixed, [1-9]\d* still failing$/m);
    // JUnit: a known failure does not fail the build under --fail-on new; it is listed as skipped with its message.
    const xml = reportOf(gated.files, 'junit.xml');
    expect(xml).not.toContain('<failure ');
    expect(xml).toMatch(/<skipped message="known failure, still failing since the baseline \(--fail-on new\): sex: /);
    expect(reportOf(gated.files, 'report.html')).toContain('NO NEW FAILURES');
    const plain = await run(enumFault.url, { apis: ['lingju'], baselineFile });
    expect(plain.result.exitCode).toBe(1);
    expect(plain.result.findings.filter((f) => f.severity === 'failure').every((f) => f.baseline === 'still failing')).toBe(true);
  });

  test('other faults: the new ones are new (exit 1 under --fail-on new), the old ones fixed — in the console and every report', async () => {
    const { result, files } = await run(formatFault.url, { apis: ['lingju'], baselineFile, failOn: 'new' });
    const b = result.baseline!;
    expect(b.new.length).toBeGreaterThan(0);
    expect(b.new.every((e) => e.field === 'birthday')).toBe(true);
    expect(b.fixed.length).toBeGreaterThan(0);
    expect(b.fixed.every((e) => e.field === 'sex')).toBe(true);
    expect(b.stillFailing).toEqual([]);
    expect(result.exitCode).toBe(1);
    const text = renderConsole(result);
    expect(text).toMatch(new RegExp(`^Against the baseline ${baselineFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(seed 4242, .*\\): ${b.new.length} new, ${b.fixed.length} fixed, 0 still failing$`, 'm'));
    expect(text).toMatch(/^ {2}new:\n {4}\[negative_rejection\] lingju\/negative\/birthday/m);
    expect(text).toMatch(/\[NEW since the baseline\]/);
    const json = JSON.parse(reportOf(files, 'report.json'));
    expect(json.baseline.new).toHaveLength(b.new.length);
    expect(json.findings.find((f: { severity: string }) => f.severity === 'failure').baseline).toBe('new');
    expect(reportOf(files, 'report.html')).toMatch(/<h2 id="baseline">Against the baseline: \d+ new, \d+ fixed, 0 still failing<\/h2>/);
    expect(reportOf(files, 'report.html')).toContain('<span class="tag new">new since the baseline</span>');
    expect(reportOf(files, 'junit.xml')).toMatch(/<failure message="\[new\] birthday: /);
    expect(reportOf(files, 'junit.xml')).toMatch(/<testsuite name="baseline"[\s\S]*fixed: \[negative_rejection\] lingju\/negative\/sex/);
  });

  test('a baseline run with another seed or --only: the notes say so, and unchecked failures are not called fixed', async () => {
    const { result } = await run(formatFault.url, { apis: ['lingju'], baselineFile, seed: 7, only: ['credentials'] });
    const b = result.baseline!;
    expect(b.notes).toEqual(['the baseline ran with seed 4242, this run with 7: the same cases carry other generated values']);
    expect(b.fixed).toEqual([]);
    expect(b.notChecked.length).toBeGreaterThan(0);
    expect(result.warnings).toContain('baseline: the baseline ran with seed 4242, this run with 7: the same cases carry other generated values');
  });

  test('a file that is not a report.json of this tool → one-line error (exit 2), never an empty baseline', async () => {
    const file = path.join(scratchDir(), 'other.json');
    writeFileSync(file, '{"findings": []}');
    await expect(run(enumFault.url, { apis: ['lingju'], baselineFile: file })).rejects.toMatchObject({ code: 'BAD_BASELINE', message: expect.stringContaining('is not a conformance report.json of this tool') });
    await expect(run(enumFault.url, { apis: ['lingju'], baselineFile: path.join(scratchDir(), 'missing.json') })).rejects.toMatchObject({ code: 'BAD_BASELINE' });
  });
});

describe('conformance > waivers that match precisely', () => {
  const waive = async (yaml: string) => {
    const file = path.join(scratchDir(), 'waivers.yaml');
    writeFileSync(file, yaml);
    return run(enumFault.url, { apis: ['lingju'], waiversFile: file });
  };

  test('by case id: only that case is waived; the other failing cases still fail', async () => {
    const typeFault = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'type-not-checked' });
    try {
      const all = await run(typeFault.url, { apis: ['lingju'] });
      const failing = [...new Set(all.result.findings.filter((f) => f.severity === 'failure' && f.check === 'negative_rejection').map((f) => f.caseId))];
      expect(failing.length).toBeGreaterThan(1);
      const file = path.join(scratchDir(), 'waivers.yaml');
      writeFileSync(file, `- check: negative_rejection\n  case: ${failing[0]}\n  reason: VEND-1\n- check: negative_rejection\n  case: lingju/negative/no-such-*\n  reason: a glob matching nothing\n`);
      const { result } = await run(typeFault.url, { apis: ['lingju'], waiversFile: file });
      expect(result.findings.filter((f) => f.severity === 'waived').map((f) => f.caseId)).toEqual([failing[0]]);
      expect(result.exitCode).toBe(1);
      expect(result.unusedWaivers.map((w) => w.index)).toEqual([2]);
    } finally {
      await typeFault.close();
    }
  });

  test('by a pattern of the received answer: a pattern the answer does not match waives nothing (reported unused)', async () => {
    const matching = await waive('- check: negative_rejection\n  field: sex\n  received: "^status 0 — 成功"\n  reason: the vendor accepts any sex\n');
    expect(matching.result.exitCode).toBe(0);
    expect(matching.result.totals.waived).toBeGreaterThan(0);
    const other = await waive('- check: negative_rejection\n  field: sex\n  received: "status 20"\n  reason: never\n');
    expect(other.result.exitCode).toBe(1);
    expect(other.result.unusedWaivers.map((w) => w.index)).toEqual([1]);
  });

  test('an expired waiver stops applying (its findings fail again) and every report lists it', async () => {
    const { result, files } = await waive('- check: negative_rejection\n  field: sex\n  expires: 2020-01-31\n  reason: VEND-9 fixed by January\n- check: negative_rejection\n  field: sex\n  expires: 2999-12-31\n  case: nothing-matches-this\n  reason: still valid\n');
    expect(result.exitCode).toBe(1);
    expect(result.totals.waived).toBe(0);
    expect(result.expiredWaivers).toEqual([expect.objectContaining({ index: 1, expires: '2020-01-31', wouldMatch: expect.any(Number) })]);
    expect(result.expiredWaivers[0]!.wouldMatch).toBeGreaterThan(0);
    expect(result.unusedWaivers.map((w) => w.index)).toEqual([2]);
    expect(renderConsole(result)).toMatch(/^Expired waivers: 1 — they no longer apply; what they covered counts again\n {2}#1 check=negative_rejection field=sex expired 2020-01-31 — VEND-9 fixed by January \(\d+ findings? it would cover\)$/m);
    expect(reportOf(files, 'report.html')).toContain('Expired waivers (1)');
    expect(reportOf(files, 'junit.xml')).toMatch(/name="expired waivers"><system-out>#1 check=negative_rejection field=sex expired 2020-01-31/);
    expect(JSON.parse(reportOf(files, 'report.json')).expiredWaivers[0].expires).toBe('2020-01-31');
  });

  test.each([
    [{ check: 'credentials', reason: 'r', expires: '2026-02-30' }, /expires must be a date YYYY-MM-DD/],
    [{ check: 'credentials', reason: 'r', expires: 'next month' }, /expires must be a date YYYY-MM-DD/],
    [{ check: 'credentials', reason: 'r', received: '(' }, /received is not a valid regular expression/],
    [{ check: 'credentials', reason: 'r', case: '' }, /case must be a non-empty case id/],
    [{ check: 'credentials', reason: 'r', until: '2026-01-01' }, /unknown key until \(allowed: check, field, api, case, received, expires, reason\)/],
  ])('%j → an error naming the entry', (entry, message) => {
    expect(() => parseWaivers([entry])).toThrow(message);
  });
});
