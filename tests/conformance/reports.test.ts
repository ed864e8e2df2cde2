import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildPlan } from '../../conformance/engine/plan.ts';
import { secretFieldNames } from '../../conformance/engine/mask.ts';
import { Session } from '../../conformance/engine/session.ts';
import { renderPlan } from '../../conformance/engine/dry-run.ts';
import { renderConsole } from '../../conformance/reports/console.ts';
import { REPORT_FILES } from '../../conformance/reports/write.ts';
import { apiNames, type JsonObject } from '../../src/spec/index.ts';
import { referenceCredentials, referenceServers, run } from './run-helpers.ts';

/**
 * Every secret value a run with this seed sends: the credentials and each x-secret field's value in every body
 * (the made-up credentials of the credentials check excepted: they are no one's secret, and the curl line shows them).
 */
function secretValues(seed: number): string[] {
  const names = new Set(apiNames.flatMap((api) => [...secretFieldNames(api)]));
  const values = new Set<string>(Object.values(referenceCredentials));
  const collect = (node: unknown, secret: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => collect(n, secret));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node as JsonObject)) collect(v, secret || names.has(k));
    else if (secret && node !== null && String(node).length >= 4 && !String(node).startsWith('made-up-')) values.add(String(node));
  };
  for (const c of buildPlan({ apis: [...apiNames], targets: {}, seed, credentials: { lingju: referenceCredentials } })) {
    try {
      collect(JSON.parse(c.request.body), false);
    } catch {
      // malformed-JSON variants: their values come from the same generated bodies
    }
  }
  return [...values];
}

const reference = referenceServers();

describe('conformance > reports', () => {
  let passing: Awaited<ReturnType<typeof run>>;
  let failing: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    // The faulty one echoes every request back in failures: bodies, curl lines and response excerpts all carry secrets.
    const [strict, faulty] = await Promise.all([reference(), reference('success-on-error')]);
    passing = await run(strict);
    failing = await run(faulty);
  });

  test('the spec marks the secret fields (appkey, authcode, identity_number, …)', () => {
    expect([...secretFieldNames('lingju')].sort()).toEqual(['appkey', 'authcode']);
    expect([...secretFieldNames('weidu')].sort()).toEqual(['identity_number', 'mobile']);
  });

  test('no secret value appears in any report, console text or dry-run plan', () => {
    const secrets = secretValues(4242);
    expect(secrets.length).toBeGreaterThan(10);
    expect(failing.result.totals.failure).toBeGreaterThan(0);
    for (const { result, files } of [passing, failing]) {
      const texts: Array<[string, string]> = files.map((f) => [path.basename(f), readFileSync(f, 'utf8')]);
      texts.push(['console', renderConsole(result, files)]);
      for (const [name, text] of texts) for (const secret of secrets) expect(text.includes(secret), `${name} contains a secret value ${secret}`).toBe(false);
    }
    expect(readFileSync(failing.files.find((f) => f.endsWith('report.json'))!, 'utf8')).toContain('"appkey\\":\\"***');
    const session = new Session(
      { apis: [...apiNames], targets: {}, embedded: true, seed: 4242, concurrency: 1, timeoutMs: 1000, waivers: [] },
      { lingju: referenceCredentials },
    );
    const plan = renderPlan(session);
    session.finish();
    for (const secret of secrets) expect(plan.includes(secret)).toBe(false);
  });

  test('all three formats are written', () => {
    expect(failing.files.map((f) => path.basename(f)).sort()).toEqual(Object.values(REPORT_FILES).sort());
  });

  test('report.json holds findings as data (check, api, severity, field, received, documented, request, response, curl, seed)', () => {
    const json = JSON.parse(readFileSync(failing.files.find((f) => f.endsWith('report.json'))!, 'utf8'));
    expect(json.findings[0].severity).toBe('failure');
    const finding = json.findings.find((f: { check: string }) => f.check === 'negative_rejection');
    expect(finding).toMatchObject({ check: 'negative_rejection', severity: 'failure', seed: 4242 });
    for (const key of ['api', 'field', 'received', 'documented', 'request', 'response', 'curl', 'message', 'basis']) expect(finding).toHaveProperty(key);
    // Every failure, warning and information finding says why: documented (line + quote), a decision, or the example.
    for (const f of json.findings.filter((x: { severity: string }) => ['failure', 'warning', 'info'].includes(x.severity))) expect(['documented', 'decision', 'example']).toContain(f.basis?.kind);
    expect(json.decisionsReliedOn.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(['W29']));
    expect(finding.request).toMatchObject({ method: 'POST', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) });
    expect(json.verdict).toBe('violations');
    expect(json.exitCode).toBe(1);
  });

  test('junit.xml: a testsuite per API and check, failures carry the message', () => {
    const xml = readFileSync(failing.files.find((f) => f.endsWith('junit.xml'))!, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<testsuite name="lingju.negative_rejection"');
    expect(xml).toMatch(/<failure message="[^"]+" type="negative_rejection">\[negative_rejection\]/);
    const failures = xml.match(/<failure /g)?.length ?? 0;
    expect(failures).toBeGreaterThan(0);
    expect(xml.match(/<testsuites [^>]*failures="(\d+)"/)![1]).toBe(String(failing.result.totals.failure));
    expect(xml.split('<testsuite ').length - 1).toBe(xml.split('</testsuite>').length - 1);
  });

  test('report.html is self-contained: the summary per API × check first, then the failures, with check, field, Received, Documented, curl, response, seed', () => {
    const html = readFileSync(failing.files.find((f) => f.endsWith('report.html'))!, 'utf8');
    // Nothing is loaded from anywhere: no script, stylesheet link, image, font or import (URLs in request bodies are text).
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(|@import/);
    expect(html.indexOf('Summary per API and check')).toBeLessThan(html.indexOf('<h2 id="failure">Failures'));
    expect(html.indexOf('<h2 id="failure">Failures')).toBeLessThan(html.indexOf('<h2 id="warning">'));
    for (const label of ['<td>Check</td>', '<td>Field</td>', '<td>Received</td>', '<td>Documented</td>', '<td>Grade</td>', '<td>Basis</td>', '<td>Seed</td>', 'Reproduce with:', 'Response: HTTP 200', 'Decisions relied on']) expect(html).toContain(label);
    const passingHtml = readFileSync(passing.files.find((f) => f.endsWith('report.html'))!, 'utf8');
    expect(passingHtml).toContain('PASS');
  });

  test('console: a score per API and check, failures grouped by check', () => {
    const text = renderConsole(failing.result, failing.files);
    expect(text).toMatch(/weidu +POST http:\/\/127\.0\.0\.1:\d+\/weidu\/api\/v1\/users\/accountinfo/);
    expect(text).toMatch(/\n  negative_rejection +\d+ +[1-9]\d* +\d+ +\d+ +0 +0 +0\n/);
    // Failures first, then the decision warnings grouped by decision (quote, line, ask the vendor), then information.
    expect(text.indexOf('Failures:')).toBeLessThan(text.indexOf('Decision warnings:'));
    expect(text).toMatch(/Decision warnings: \d+ — only the spec's decisions say this; ask the vendor/);
    expect(text).toMatch(/\n  W29 null for a field — 「### Request Body」 \(000_9070bf88d2281998\.txt line 14\): \d+ findings/);
    expect(text).toMatch(/Information: \d+ — not asserted/);
    expect(text).toMatch(/Basis: +documented — /);
    expect(text).toContain('── negative_rejection');
    expect(text).toMatch(/… and \d+ more cases with the same fault/);
    expect(text).toMatch(/^FAIL — /m);
  });
});
