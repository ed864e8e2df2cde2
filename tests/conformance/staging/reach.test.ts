// Acceptance of issue 11 "Reaching staging": a gateway that wants a header, an HTTP proxy that wants credentials,
// an HTTPS target whose certificate comes from a private CA — each end to end, and all three at once through the
// real CLI; none of the header value, the proxy credentials or the API secrets appear in any output.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scratchDir, run, referenceCredentials } from '../run-helpers.ts';
import { startReference, type RunningReference } from '../reference/server.ts';
import { cli, reportTexts } from '../hostile/cli.ts';
import { findLeaks } from '../hostile/secrets.ts';
import { makePrivateCa, startGateway, startProxy, type Gateway, type PrivateCa, type Proxy } from './network.ts';
import { parseHeaders } from '../../../conformance/engine/headers.ts';
import { renderConsole } from '../../../conformance/reports/console.ts';

/** Distinctive values with the characters servers escape (`/`, `=`, `+`), so every echoed form is searched for. */
const TOKEN = 'Gw7/ToKeN=Xq3+Lp8';
const PROXY_USER = 'qa-proxy-user';
const PROXY_PASSWORD = 'Px9/PaSs=Wd2+Km5';
const proxySecrets = [PROXY_PASSWORD, `${PROXY_USER}:${PROXY_PASSWORD}`, Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64'), encodeURIComponent(PROXY_PASSWORD)];
const apiSecrets = Object.values(referenceCredentials);

let reference: RunningReference;
let faulty: RunningReference;
let ca: PrivateCa;
let plainGateway: Gateway;
let tlsGateway: Gateway;
let faultyGateway: Gateway;
let proxy: Proxy;

beforeAll(async () => {
  ca = makePrivateCa();
  reference = await startReference({ credentials: { lingju: referenceCredentials } });
  faulty = await startReference({ credentials: { lingju: referenceCredentials }, fault: 'success-on-error' });
  plainGateway = await startGateway({ upstream: reference.url, header: 'X-Api-Token', value: TOKEN });
  tlsGateway = await startGateway({ upstream: reference.url, header: 'X-Api-Token', value: TOKEN, tls: { key: ca.key, cert: ca.cert } });
  faultyGateway = await startGateway({ upstream: faulty.url, header: 'X-Api-Token', value: TOKEN });
  proxy = await startProxy(PROXY_USER, PROXY_PASSWORD);
});
afterAll(async () => {
  await Promise.all([reference, faulty, plainGateway, tlsGateway, faultyGateway, proxy].map((s) => s?.close()));
});

const header = (env: NodeJS.ProcessEnv = { GW_TOKEN: TOKEN }) => parseHeaders(['X-Api-Token: ${GW_TOKEN}'], env);
/** Every text a person or CI reads after an in-process run: the reports and the console. */
const texts = (r: Awaited<ReturnType<typeof run>>): Record<string, string> => ({ ...Object.fromEntries(r.files.map((f) => [path.basename(f), readFileSync(f, 'utf8')])), console: renderConsole(r.result, r.files) });
const noLeaks = (all: Record<string, string>, secrets: readonly string[]) => {
  for (const [name, text] of Object.entries(all)) {
    expect(findLeaks(text, secrets), name).toEqual([]);
    for (const s of secrets) expect(text.includes(s), `${name} holds a secret`).toBe(false);
  }
};

describe('conformance > reaching staging (gateway, proxy, private CA)', () => {
  test('a gateway that wants a header: --header passes it, the value is masked everywhere and a curl variable', async () => {
    const before = plainGateway.passed;
    const r = await run(plainGateway.url, { headers: header() });
    expect(r.result.exitCode, renderConsole(r.result)).toBe(0);
    expect(plainGateway.passed - before).toBe(r.result.requests + 2); // + the probe of the shared target, one per API
    expect(plainGateway.refused).toBe(0);
    const json = JSON.parse(readFileSync(r.files.find((f) => f.endsWith('report.json'))!, 'utf8'));
    expect(json.options.headers).toEqual(['X-Api-Token']);
    const info = json.findings.find((f: { curl?: string }) => f.curl);
    expect(info.curl).toContain(`-H 'X-Api-Token: '"$GW_TOKEN"`);
    expect(info.request.headers['X-Api-Token']).toBe('***');
    expect(info.variables).toContainEqual(expect.objectContaining({ name: 'GW_TOKEN' }));
    noLeaks(texts(r), [TOKEN, ...apiSecrets]);
  });

  test('a failing server behind the gateway: the token echoed in the answers never reaches a report', async () => {
    const r = await run(faultyGateway.url, { headers: header() });
    expect(r.result.exitCode).toBe(1);
    const all = texts(r);
    expect(all['report.json']).toMatch(/"server": "gw \(token \*\*\*\)"/);
    noLeaks(all, [TOKEN, ...apiSecrets]);
  });

  test('through an HTTP proxy with credentials (http:// target, forwarded): every request goes through it, credentials never shown', async () => {
    const before = proxy.forwarded;
    const r = await run(plainGateway.url, { headers: header() }, true, { HTTP_PROXY: proxy.url });
    expect(r.result.exitCode, renderConsole(r.result)).toBe(0);
    expect(proxy.forwarded - before).toBe(r.result.requests + 2);
    expect(r.result.options.proxies).toEqual({ weidu: expect.stringMatching(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+$/), lingju: expect.stringMatching(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+$/) });
    noLeaks(texts(r), [TOKEN, ...proxySecrets, ...apiSecrets]);
  });

  test('NO_PROXY is honoured: a target it names is reached directly', async () => {
    const before = proxy.forwarded;
    const r = await run(plainGateway.url, { apis: ['lingju'], headers: header() }, true, { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect(r.result.exitCode).toBe(0);
    expect(proxy.forwarded).toBe(before);
    expect(r.result.options.proxies).toBeUndefined();
  });

  test('a proxy refusing the credentials: one line, exit 2 (could not run), the credentials not in it', async () => {
    const wrong = proxy.url.replace(encodeURIComponent(PROXY_PASSWORD), 'nope-wrong-password');
    await expect(run(tlsGateway.url, { caFile: ca.caFile, headers: header() }, true, { HTTPS_PROXY: wrong })).rejects.toMatchObject({
      code: 'PROXY_AUTH',
      message: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+ through the proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+: the proxy answered 407 Proxy Authentication Required: it refused the credentials/),
    });
    // A plain-HTTP target is forwarded request by request: every answer is the proxy's 407, which is the hint.
    const r = await run(plainGateway.url, { apis: ['lingju'], headers: header(), only: ['credentials'] }, true, { HTTP_PROXY: wrong });
    expect(r.result.exitCode).toBe(2);
    expect(r.result.targetHints).toEqual([expect.stringMatching(/^every lingju request was refused by the proxy \(HTTP 407\): the proxy wants credentials/)]);
    expect(JSON.stringify(r.result)).not.toContain('nope-wrong-password');
  });

  test('an HTTPS target with a private CA: refused without --ca (the cause and the fix in one line), passes with it', async () => {
    await expect(run(tlsGateway.url, { headers: header() })).rejects.toMatchObject({ code: 'TLS_FAILURE', message: expect.stringContaining('for a private CA pass --ca ca.pem') });
    const r = await run(tlsGateway.url, { apis: ['lingju'], caFile: ca.caFile, headers: header() });
    expect(r.result.exitCode, renderConsole(r.result)).toBe(0);
    expect(r.result.warnings).toEqual([]);
    const json = JSON.parse(readFileSync(r.files.find((f) => f.endsWith('report.json'))!, 'utf8'));
    // The curl line reproduces against the private CA.
    expect(json.findings.find((f: { curl?: string }) => f.curl).curl).toMatch(/^curl -sS -i --cacert '[^']*ca\.pem' -X POST 'https:\/\/127\.0\.0\.1:\d+\/serverapi\/userinfo\.do'/);
  });

  test('--insecure: the run passes, and the console and every report say loudly that nothing was verified', async () => {
    const r = await run(tlsGateway.url, { apis: ['lingju'], insecure: true, headers: header() });
    expect(r.result.exitCode).toBe(0);
    const all = texts(r);
    expect(all.console).toMatch(/^WARNING: --insecure: TLS certificates were NOT verified/m);
    expect(all['report.html']).toMatch(/<div class="banner danger">WARNING: --insecure: TLS certificates were NOT verified/);
    expect(all['junit.xml']).toMatch(/<testsuite name="run warnings"[\s\S]*WARNING: --insecure/);
    expect(all['junit.xml']).toContain('<property name="insecure" value="true (TLS certificates NOT verified)"/>');
    expect(JSON.parse(all['report.json']!).warnings[0]).toMatch(/^--insecure: TLS certificates were NOT verified/);
    expect(all['report.json']).toMatch(/curl -sS -i -k -X POST/);
  });

  test('all at once through the CLI: HTTPS with a private CA, behind the gateway, through the proxy (CONNECT) — exit 0, nothing secret in any output', async () => {
    const dir = scratchDir();
    const before = proxy.tunnels;
    const env = { ...referenceEnv, GW_TOKEN: TOKEN, HTTPS_PROXY: proxy.url, NO_PROXY: '' };
    const r = await cli(['--target', tlsGateway.url, '--ca', ca.caFile, '--header', 'X-Api-Token: ${GW_TOKEN}', '--seed', '31', '--report-dir', dir], env, { limitMs: 120_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(proxy.tunnels - before).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/^Both APIs answer at https:\/\/127\.0\.0\.1:\d+ \(probed first/m);
    expect(r.stdout).toMatch(/^lingju: through the proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+/m);
    expect(r.stdout).toMatch(/^Extra headers \(values masked\): X-Api-Token \(all APIs\)$/m);
    expect(r.stdout).toMatch(/^PASS — /m);
    const all = { stdout: r.stdout, stderr: r.stderr, ...reportTexts(dir) };
    expect(Object.keys(all).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'stderr', 'stdout']);
    noLeaks(all, [TOKEN, ...proxySecrets, ...apiSecrets]);
  });

  test('the CLI without the gateway header: one line naming the cause, exit 2, before the run', async () => {
    const r = await cli(['--target', plainGateway.url, '--seed', '32', '--report-dir', scratchDir()], referenceEnv);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^conformance: could not run: every (weidu|lingju) request got HTTP 401, never the API's envelope: a gateway in front of .* wants credentials the run did not send — add its header with --header 'Name: value'/)]);
  });
});

const referenceEnv = { LINGJU_APPKEY: referenceCredentials.appkey, LINGJU_AUTHCODE: referenceCredentials.authcode };
