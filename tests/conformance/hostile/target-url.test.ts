import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from './cli.ts';
import { startTarget, type HostileTarget } from './targets.ts';

let counting: HostileTarget;
beforeAll(async () => {
  counting = await startTarget((call) => call.res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"code":200,"result":"ok","status":0,"description":""}'));
});
afterAll(async () => {
  await counting.close();
});

describe('conformance > target URL and rate slips are refused before anything is sent', () => {
  // Every form of the slip is parsed in options.test.ts; here the real CLI, to show nothing reaches the target.
  test('--target ending in an empty fragment (which the URL parser drops) → exit 2, one line, nothing sent', async () => {
    const run = await cli(['--target', `${counting.url}/#`, '--seed', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--target must be a base URL without query or fragment/);
    expect(counting.requests).toBe(0);
  });

  test('--rate 0.001: the estimated duration is printed and the run refused without --long-run', async () => {
    const run = await cli(['--target', counting.url, '--rate', '0.001', '--seed', '1']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Plan: \d+ requests[^\n]*about \d+ d \d+ h/);
    expect(run.stderr).toMatch(/--rate 0\.001 would take about \d+ d \d+ h[^\n]*--long-run/);
    expect(counting.requests).toBe(0);
  });

  test('--rate 0.001 --long-run is accepted (shown with --dry-run: nothing is sent)', async () => {
    const run = await cli(['--target', counting.url, '--rate', '0.001', '--long-run', '--dry-run', '--seed', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Plan: \d+ requests[^\n]*about \d+ d \d+ h/);
    expect(run.stdout).not.toMatch(/a real run would refuse/);
    expect(counting.requests).toBe(0);
  });
});
