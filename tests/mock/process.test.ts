import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot, type ApiName } from '../../src/spec/load.ts';
import { contracts, minimalBody, postJson, startCli, stopCli } from './helpers.ts';

/** Resolves true when something accepts a connection on the URL's port, false when it is refused. */
function listening(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'OPTIONS', timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function waitUntil(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

describe('mock > process > output whose reader has gone (issue 10, item 13)', () => {
  it('stdout closed after the banner (`npm start | head -c 100`): requests are still answered, the process stays up', async () => {
    const cli = await startCli(['--weidu-port', '0', '--lingju-port', '0']);
    try {
      expect(cli.urls.lingju, cli.stdout() + cli.stderr()).toBeTruthy();
      cli.child.stdout!.destroy(); // the reader goes away: the next request line written gets EPIPE
      for (let i = 0; i < 5; i++) {
        for (const api of ['weidu', 'lingju'] as const) {
          const reply = await postJson(cli.urls[api]!, contracts[api], minimalBody(contracts[api]));
          expect(reply.status, `request ${i} to ${api}`).toBe(200);
        }
        await new Promise((r) => setTimeout(r, 50)); // let the batched request lines be written (and fail)
      }
      expect(cli.child.exitCode).toBeNull();
      expect(cli.stderr()).toBe('');
    } finally {
      expect(await stopCli(cli)).toBe(0);
    }
  }, 30_000);
});

/** Process groups this file started: whatever is left of them is killed after each test, even one that timed out. */
const groups = new Set<number>();
afterEach(() => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `npm start` exactly as a user runs it (npm → node), in its own process group so the test can always clean up. */
async function startNpm(): Promise<{ pid: number; urls: Record<ApiName, string>; exited: Promise<number | null>; output: () => string }> {
  const child = spawn('npm', ['start'], {
    cwd: projectRoot,
    env: { ...process.env, WEIDU_PORT: '0', LINGJU_PORT: '0', LINGJU_APPKEY: '', LINGJU_AUTHCODE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  groups.add(child.pid!);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await waitUntil(async () => out.includes('Ready in') || child.exitCode !== null, 30_000);
  expect(ready && out.includes('Ready in'), out).toBe(true);
  const urls = Object.fromEntries([...out.matchAll(/^(weidu|lingju)\s+(http:\/\/\S+)/gm)].map((m) => [m[1], m[2]])) as Record<ApiName, string>;
  return { pid: child.pid!, urls, exited, output: () => out };
}

describe('mock > process > stopping what the user started (issue 10, item 16)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to the npm process stops the mock and frees both ports', async (signal) => {
    const npm = await startNpm();
    for (const api of ['weidu', 'lingju'] as const) expect(await listening(npm.urls[api])).toBe(true);
    process.kill(npm.pid, signal);
    await Promise.race([npm.exited, sleep(10_000)]);
    for (const api of ['weidu', 'lingju'] as const) {
      expect(await waitUntil(async () => !(await listening(npm.urls[api])), 10_000), `${api} still listening after ${signal} to npm\n${npm.output()}`).toBe(true);
    }
  }, 60_000);
});
