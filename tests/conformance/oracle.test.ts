import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checks } from '../../conformance/checks/registry.ts';
import { buildPlan } from '../../conformance/engine/plan.ts';
import type { Exchange, PlannedCase } from '../../conformance/types.ts';
import { apiNames, documentExchange, exampleContradictions, gradeOf, loadContract, verbatimDir, type ApiName } from '../../src/spec/index.ts';
import { context } from './helpers.ts';
import { startReference, type RunningReference } from './reference/server.ts';
import { referenceCredentials } from './run-helpers.ts';

// The documents' own exchanges are an oracle: no check may ever mark what they record the vendor doing as a failure.
const CURL = ['/usr/bin/curl', '/bin/curl'].find(existsSync);
let transcript: RunningReference;
beforeAll(async () => {
  transcript = await startReference({ credentials: { lingju: referenceCredentials }, profile: 'transcript' });
});
afterAll(async () => {
  await transcript.close();
});

const plan = (api: ApiName): PlannedCase[] => buildPlan({ apis: [api], targets: {}, seed: 4242, credentials: { lingju: referenceCredentials } });

/** Every verdict of every exchange check on an exchange (as the session would run them). */
function judgeAll(exchange: Exchange) {
  return Object.values(checks).flatMap((check) => (check.scope === 'exchange' && check.appliesTo.includes(exchange.case.purpose) ? check.evaluate(exchange, context(exchange.case.api)).map((v) => ({ check: check.name, ...v })) : []));
}

describe('conformance > the documents\' own exchanges as an oracle', () => {
  test.skipIf(!CURL)("weidu.curl.sh itself, byte for byte (curl's default form Content-Type), against the transcript target: 200 and the recorded answer", async () => {
    const { readFileSync } = await import('node:fs');
    const line = readFileSync(path.join(verbatimDir, 'weidu.curl.sh'), 'utf8').trim();
    const contract = loadContract('weidu');
    const command = line.replace(contract.servers[0]!, transcript.url).replace(/^curl /, `${CURL} -s `);
    const { stdout } = await promisify(execFile)('/bin/sh', ['-c', command]);
    const [head, body] = stdout.split(/\r\n\r\n(?!HTTP)/).slice(-2) as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head).toContain('Content-Type: application/json; charset=utf-8');
    expect(body).toBe(documentExchange(contract)!.response!.body);
  });

  test('the recorded weidu exchange (the curl, then 200 {"code":200,"result":"ok"}) gets no failure from any check', () => {
    const recorded = documentExchange(loadContract('weidu'))!;
    const example = plan('weidu').find((c) => c.purpose === 'example')!;
    expect(example.request.body).toBe(recorded.request.body);
    const exchange: Exchange = { case: example, response: { status: recorded.response!.status, headers: recorded.response!.headers, body: recorded.response!.body, truncated: false, utf8: true }, durationMs: 1 };
    const verdicts = judgeAll(exchange);
    expect(verdicts.length).toBeGreaterThanOrEqual(4);
    expect(verdicts.filter((v) => v.outcome !== 'passed')).toEqual([]);
  });

  test.each(apiNames)('%s: a server accepting what the document\'s own example sends is never failed (information only)', (api) => {
    const success = loadContract(api).responseExamples[0]!.value;
    const shown = plan(api).filter((c) => c.basis?.kind === 'example');
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) {
      const exchange: Exchange = { case: c, response: { status: 200, headers: { 'content-type': loadContract(api).envelope.contentType }, body: JSON.stringify(success), truncated: false, utf8: true }, durationMs: 1 };
      const verdicts = judgeAll(exchange);
      expect(verdicts.filter((v) => v.outcome === 'failure'), c.id).toEqual([]);
      expect(verdicts.some((v) => v.outcome === 'info'), c.id).toBe(true);
    }
  });

  test('where the spec is stricter than the vendor\'s own example: queryable from src/spec, each with its line and decisions', () => {
    const brief = (api: ApiName) => exampleContradictions(loadContract(api)).map((e) => `${e.key} ${e.path} ${JSON.stringify(e.value)} line ${e.source.line} ${e.decisions.join('+')} spec:${gradeOf(e.specBasis)}`);
    expect(brief('weidu')).toEqual([
      'enum work_list/0/type 0 line 62 W02 spec:failure',
      'media-type Content-Type "application/x-www-form-urlencoded" line 62 W07 spec:warning',
    ]);
    expect(brief('lingju')).toEqual([
      'unknown-field gender "m" line 28 L01+L14 spec:info',
      'format birthday "yyyy-MM-dd" line 29 L04 spec:failure',
      'type weight "176" line 30 L02+L03 spec:failure',
      'type height "65" line 31 L02+L03 spec:failure',
    ]);
  });
});
