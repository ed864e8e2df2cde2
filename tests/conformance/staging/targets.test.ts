// Issue 11: one target per API, the probe of a shared target, and the one-line hints when the target rather than
// the server is wrong (a gateway's 401/403, a 404, a login page, a redirect, our own mock without credentials).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCliArgs } from '../../../conformance/engine/options.ts';
import { renderConsole } from '../../../conformance/reports/console.ts';
import { loadContract } from '../../../src/spec/index.ts';
import { startMock, type RunningMock } from '../../../src/mock/index.ts';
import { startReference, type RunningReference } from '../reference/server.ts';
import { referenceCredentials, run } from '../run-helpers.ts';
import { startFixedAnswer, startOnePath, type Closable } from './network.ts';

const parse = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const options = parseCliArgs(args, () => 1, env);
  if (options === 'help') throw new Error('help');
  return options;
};
const parseError = (args: string[], env: NodeJS.ProcessEnv = {}): string => {
  try {
    parse(args, env);
  } catch (error) {
    expect((error as { code: string }).code).toBe('BAD_ARGS');
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error(`no error for ${args.join(' ')}`);
};

describe('conformance > targets and headers on the command line', () => {
  test.each([
    [['--target', 'http://a:1'], { apis: ['weidu', 'lingju'], target: 'http://a:1' }],
    [['--api', 'lingju', '--target', 'http://a:1/'], { apis: ['lingju'], target: 'http://a:1' }],
    [['--target', 'lingju=https://a', '--target', 'weidu=https://b/x'], { apis: ['weidu', 'lingju'], apiTargets: { lingju: 'https://a', weidu: 'https://b/x' } }],
    [['--target', 'lingju=https://a'], { apis: ['lingju'], apiTargets: { lingju: 'https://a' } }],
    [['--target', 'https://gw', '--target', 'weidu=https://w'], { apis: ['weidu', 'lingju'], target: 'https://gw', apiTargets: { weidu: 'https://w' } }],
  ])('%j', (args, expected) => {
    expect(parse(args)).toMatchObject(expected);
  });

  test.each([
    [['--target', 'foo=https://a'], /--target foo=…: unknown API \(expected weidu or lingju/],
    [['--target', 'http://a', '--target', 'http://b'], /--target without an API name is given twice/],
    [['--target', 'lingju=http://a', '--target', 'lingju=http://b'], /--target lingju=… is given twice/],
    [['--api', 'all', '--target', 'lingju=http://a'], /no target for weidu: add --target weidu=URL/],
    [['--api', 'weidu', '--target', 'lingju=http://a'], /no target for weidu/],
    [['--target', 'lingju=ftp://a'], /--target lingju= must be an http:\/\/ or https:\/\/ URL/],
    [['--header', 'X-Token'], /--header must be 'Name: value'/],
    [['--header', 'Bad Name: v'], /not a valid HTTP header name/],
    [['--header', 'Content-Type: text/plain'], /--header Content-Type cannot be set: each request sets its own/],
    [['--header', 'Proxy-Authorization: Basic x'], /put the proxy credentials in HTTPS_PROXY/],
    [['--header', 'X-Token: ${NOT_SET}'], /the environment variable NOT_SET is not set/],
    [['--header', 'X-Token: a'], /one-character value is too short to be masked/],
    [['--header', 'nope=X-Token: abc'], /unknown API before "="/],
    [['--header', 'X-Token: abc', '--header', 'x-token: def'], /--header x-token is given twice for weidu/i],
    [['--ca', 'ca.pem', '--insecure'], /--insecure and --ca contradict each other/],
    [['--fail-on', 'new'], /--fail-on new needs --baseline/],
    [['--fail-on', 'some'], /--fail-on must be any or new/],
  ])('%j → one-line error', (args, message) => {
    expect(parseError(args, { SET: 'x' })).toMatch(message);
  });

  test('--header: ${VAR} is read from the environment, per API with API=, and an error never shows a value', () => {
    const options = parse(['--header', 'X-Api-Token: ${GW_TOKEN}', '--header', 'lingju=Authorization: Bearer ${BEARER}'], { GW_TOKEN: 'tok-123', BEARER: 'abc.def' });
    expect(options.headers).toEqual([
      { name: 'X-Api-Token', value: 'tok-123', variable: 'GW_TOKEN', parts: [{ name: 'GW_TOKEN', value: 'tok-123' }] },
      { api: 'lingju', name: 'Authorization', value: 'Bearer abc.def', variable: 'HEADER_AUTHORIZATION', parts: [{ name: 'BEARER', value: 'abc.def' }] },
    ]);
    expect(parseError(['--header', 'X-Token: secret-value\r\nInjected: 1'])).not.toContain('secret-value');
  });
});

const servers: Closable[] = [];
let reference: RunningReference;
beforeAll(async () => {
  reference = await startReference({ credentials: { lingju: referenceCredentials } });
  servers.push(reference);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
const serve = async <T extends Closable>(s: Promise<T>): Promise<T> => {
  const started = await s;
  servers.push(started);
  return started;
};

describe('conformance > one target per API', () => {
  test('each API to its own host: both checked, each at its own URL, nothing probed', async () => {
    const lingjuOnly = await serve(startOnePath(reference.url, loadContract('lingju').path));
    const weiduOnly = await serve(startOnePath(reference.url, loadContract('weidu').path));
    const { result } = await run(undefined, { apiTargets: { lingju: lingjuOnly.url, weidu: weiduOnly.url } });
    expect(result.exitCode, renderConsole(result)).toBe(0);
    expect(result.apis.map((a) => [a.api, a.target])).toEqual([['weidu', weiduOnly.url], ['lingju', lingjuOnly.url]]);
    expect(result.notes).toEqual([]);
  });

  test('--api all with one bare target where only lingju lives: refused in one line before anything else is sent', async () => {
    const lingjuOnly = await serve(startOnePath(reference.url, loadContract('lingju').path));
    await expect(run(lingjuOnly.url)).rejects.toMatchObject({
      code: 'WRONG_TARGET',
      message: `${lingjuOnly.url} serves lingju but not weidu (HTTP 404 for its documented path): give each API its own target (--target weidu=URL --target lingju=URL), or check one with --api lingju`,
    });
  });

  test('both APIs at the bare target: the probe says so in one line, then the run', async () => {
    const { result } = await run(reference.url, { only: ['credentials'] });
    expect(result.notes).toEqual([`Both APIs answer at ${reference.url} (probed first: one POST {} to each documented path)`]);
  });
});

describe('conformance > hints when the target, not the server, is wrong (exit 2, one line)', () => {
  test.each([
    ['a login page', 200, { 'Content-Type': 'text/html' }, '<!DOCTYPE html><html><head><title>Sign in · Corp SSO</title></head><body>…</body></html>', /^every lingju request got an HTML page \("Sign in · Corp SSO"\), not the API's JSON envelope: a login page, a gateway or a web server answers at http:\/\/127\.0\.0\.1:\d+\/serverapi\/userinfo\.do — is --target the API's base URL\?/],
    ['a redirect', 301, { Location: 'https://staging.example/serverapi/userinfo.do' }, '', /^every lingju request was redirected \(HTTP 301 to https:\/\/staging\.example\/serverapi\/userinfo\.do\): use the URL it points to as --target \(the suite never follows a redirect/],
    ['a firewall', 403, { 'Content-Type': 'application/json' }, '{"error":"forbidden"}', /^every lingju request got HTTP 403, never the API's envelope: a gateway or firewall refuses this client/],
    ['a gateway', 401, { 'Content-Type': 'text/plain' }, 'Unauthorized', /^every lingju request got HTTP 401, never the API's envelope: a gateway in front of .* wants credentials the run did not send — add its header with --header 'Name: value'/],
    ['a proxy as the target', 407, {}, '', /^every lingju request got HTTP 407, never the API's envelope \(Proxy Authentication Required\): --target points at a proxy\? Set HTTPS_PROXY\/HTTP_PROXY to the proxy/],
  ])('%s', async (_name, status, headers, body, hint) => {
    const target = await serve(startFixedAnswer(status, headers, body));
    const { result } = await run(target.url, { apis: ['lingju'] });
    expect(result.exitCode).toBe(2);
    expect(result.verdict).toBe('incomplete');
    expect(result.targetHints).toEqual([expect.stringMatching(hint)]);
    const text = renderConsole(result);
    expect(text.match(/^Hint: .*$/gm)).toHaveLength(1);
    expect(text).toMatch(/^INCOMPLETE — no verdict on the server: the target, not the server, answered every request \(see the hint above\)/m);
  });

  test('a server answering a refused credential with HTTP 401 and its envelope is judged, not hinted at', async () => {
    const target = await serve(startFixedAnswer(401, { 'Content-Type': 'application/json;charset=UTF-8' }, '{"status":6,"description":"APPKEY无效"}'));
    const { result } = await run(target.url, { apis: ['lingju'] });
    expect(result.targetHints).toEqual([]);
    expect(result.exitCode).toBe(1);
  });

  test("our own mock started without LINGJU_APPKEY/LINGJU_AUTHCODE: detected, and how to start it for conformance", async () => {
    const mock: RunningMock = await startMock({ api: 'lingju', port: 0, quiet: true, log: () => {} });
    servers.push({ url: mock.url, close: () => mock.close() });
    const { result } = await run(mock.url, { apis: ['lingju'] });
    expect(result.exitCode).toBe(2);
    expect(result.targetHints).toEqual([
      "the lingju target is this project's mock started without LINGJU_APPKEY/LINGJU_AUTHCODE, so it accepts any credentials and the credentials check cannot pass (one extra request asked it for an example only the mock knows): start it with `LINGJU_APPKEY=… LINGJU_AUTHCODE=… npm start` and run conformance with the same 2 variables set",
    ]);
    // Started with the credentials, the same mock passes.
    const configured: RunningMock = await startMock({ api: 'lingju', port: 0, quiet: true, log: () => {}, credentials: referenceCredentials });
    servers.push({ url: configured.url, close: () => configured.close() });
    const again = await run(configured.url, { apis: ['lingju'] });
    expect(again.result.exitCode, renderConsole(again.result)).toBe(0);
    expect(again.result.targetHints).toEqual([]);
  });
});
