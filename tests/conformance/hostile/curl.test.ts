import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runConformance } from '../../../conformance/engine/run.ts';
import { buildPlan } from '../../../conformance/engine/plan.ts';
import { scratchDir } from '../run-helpers.ts';
import { findLeaks, SECRETS } from './secrets.ts';
import { startTarget, successEnvelope, answerJson, type HostileTarget } from './targets.ts';

const received: Array<{ body: string; contentType?: string }> = [];
let target: HostileTarget;
beforeAll(async () => {
  // Accepts everything (so every invalid request is a finding with a curl line) and records what arrives.
  target = await startTarget((call) => {
    received.push({ body: call.body, contentType: call.req.headers['content-type'] });
    if (!call.contract) return void call.res.writeHead(404).end();
    answerJson(call, JSON.stringify(successEnvelope(call.contract.api)));
  });
});
afterAll(async () => {
  await target.close();
});

const sh = (line: string, env: Record<string, string>) =>
  new Promise<void>((resolve, reject) => execFile('sh', ['-c', line], { env: { PATH: process.env.PATH!, ...env }, timeout: 10_000 }, (error) => (error ? reject(error) : resolve())));

/** Compact JSON stays as sent; a pretty JSON body is replayed compact (same JSON); anything else byte for byte. */
const sameBody = (replayed: string, sent: string) => {
  if (replayed === sent) return true;
  try {
    return JSON.stringify(JSON.parse(replayed)) === JSON.stringify(JSON.parse(sent));
  } catch {
    return false;
  }
};

describe('conformance > curl lines reproduce, secrets as shell variables', () => {
  test('pasted into sh with the variables set, a finding\'s curl sends the very request of the run', async () => {
    const seed = 51;
    const { result } = await runConformance(
      { apis: ['weidu', 'lingju'], target: target.url, seed, reportDir: scratchDir(), concurrency: 4, timeoutMs: 3000, dryRun: false },
      { env: { LINGJU_APPKEY: SECRETS.appkey, LINGJU_AUTHCODE: SECRETS.authcode } },
    );
    const plan = new Map(buildPlan({ apis: ['weidu', 'lingju'], targets: { weidu: target.url, lingju: target.url }, seed, credentials: { lingju: SECRETS } }).map((c) => [c.id, c]));
    const withCurl = result.findings.filter((f) => f.curl);
    // A bounded, varied sample: credentials, malformed JSON, another Content-Type, weidu's personal data, lingju's credentials.
    const pick = (p: (id: string, body: string) => boolean) => withCurl.find((f) => p(f.caseId, plan.get(f.caseId)!.request.body));
    const sample = [
      pick((id) => id === 'lingju/credentials/appkey'),
      pick((id) => id === 'lingju/credentials/authcode'),
      pick((id, body) => id.startsWith('lingju/') && !isJson(body) && body.includes('appkey')),
      pick((id) => id.startsWith('lingju/') && plan.get(id)!.request.headers['Content-Type'] === 'text/plain'),
      pick((id, body) => id.startsWith('weidu/') && body.includes('"mobile"') && body.includes('"identity_number"')),
      pick((id, body) => id.startsWith('weidu/') && !isJson(body) && body.includes('mobile')),
      pick((id, body) => id.startsWith('lingju/') && isJson(body) && body.includes(JSON.stringify(SECRETS.authcode))),
    ];
    expect(sample.every(Boolean), String(sample.map((f) => f?.caseId))).toBe(true);
    for (const finding of sample) {
      const planned = plan.get(finding!.caseId)!;
      expect(findLeaks(finding!.curl!, Object.values(SECRETS)), finding!.caseId).toEqual([]);
      // The variables a finding names, set as the user would: credentials from the environment, generated data from the plan.
      const env: Record<string, string> = { LINGJU_APPKEY: SECRETS.appkey, LINGJU_AUTHCODE: SECRETS.authcode };
      for (const v of finding!.variables ?? []) if (!(v.name in env)) env[v.name] = generatedValue(planned.request.body, v.field!);
      const before = received.length;
      await sh(finding!.curl!.replace(/^curl /, 'curl -o /dev/null '), env);
      expect(received.length).toBe(before + 1);
      const got = received[received.length - 1]!;
      expect(sameBody(got.body, planned.request.body), `${finding!.caseId}\n${finding!.curl}\n${got.body}\n${planned.request.body}`).toBe(true);
      expect(got.contentType ?? '').toBe(planned.request.headers['Content-Type'] ?? '');
    }
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The value a generated-data variable stands for, read from the planned body (JSON, or the "field":value text of a malformed one). */
function generatedValue(body: string, field: string): string {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    return String(value);
  } catch {
    const m = new RegExp(`"${field}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`).exec(body)!;
    return m[1]!.startsWith('"') ? (JSON.parse(m[1]!) as string) : m[1]!;
  }
}
