import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envSyntax, flagSyntax, mockFlags } from '../../src/mock/flags.ts';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { projectRoot } from '../../src/spec/load.ts';
import { contracts, expectEnvelope, minimalBody, postJson, startCli, stopCli } from './helpers.ts';

/** Run the CLI to completion (for the failing cases) and collect its output. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts', ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let blocker: Server;
let busyPort: number;
beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
});

describe('mock > npm start', () => {
  it('a port already in use is a one-line error naming the port, exit 1, no stack, no help', async () => {
    const { code, stdout, stderr } = await runCli(['--lingju-port', String(busyPort), '--weidu-port', '0']);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toContain(String(busyPort));
    expect(lines[0]).toMatch(/in use/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).not.toMatch(/Usage/);
  });

  it('--help lists every option of the README table, with its variable (one list drives both)', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    const words = stdout.replace(/\s+/g, ' '); // meanings are wrapped
    for (const flag of mockFlags()) {
      expect(stdout).toContain(`  ${flagSyntax(flag)} `);
      expect(words).toContain(`env ${envSyntax(flag)}`);
    }
    expect(stdout).toContain('LINGJU_APPKEY + LINGJU_AUTHCODE');
  });

  it.each([
    [['--weidu-port', 'abc'], /weidu port/],
    [['--no-such-flag'], /no-such-flag/],
    [['--error-http-status', '99', '--weidu-port', '0', '--lingju-port', '0'], /HTTP status/],
    [['--api', 'both'], /--api must be weidu, lingju or all/],
    [['--delay', 'soon'], /delay: "soon"/],
    [['--chaos', '2'], /chaos: 2 is not a share/],
    [['--chaos-codes', '6'], /--chaos-codes needs --chaos/],
    [['--chaos', '0.1', '--chaos-codes', '6', '--weidu-port', '0', '--lingju-port', '0'], /weidu has no error example with these codes .*--api/],
  ])('bad arguments %j are a one-line error, exit 1', async (args, pattern) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
  });

  it('starts both mocks, prints URL, curl and example names per API, logs one line per request, stops on SIGTERM', async () => {
    const cli = await startCli(['--weidu-port', '0', '--lingju-port', '0']);
    try {
      const out = cli.stdout();
      for (const api of ['weidu', 'lingju'] as const) {
        const contract = contracts[api];
        expect(cli.urls[api], out).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(out).toContain(`curl -s -X POST '${cli.urls[api]}${contract.path}'`);
        expect(out).toContain('Prefer: example=NAME');
        expect(out).toContain("Prefer: code=N' (the envelope's " + contract.envelope.codeField + ')');
        expect(out).toContain(contract.responseExamples.at(-1)!.name);
      }
      expect(out).toMatch(/Ready in \d+ ms/);
      const reply = await postJson(cli.urls.lingju!, contracts.lingju, {});
      const code = mockCodeFor(contracts.lingju, 'required');
      expectEnvelope(contracts.lingju, reply, code);
      await new Promise((r) => setTimeout(r, 100));
      expect(cli.stdout()).toContain(`lingju POST ${contracts.lingju.path} → 200 status=${code} `);
    } finally {
      expect(await stopCli(cli)).toBe(0);
    }
  });

  it('--api lingju serves lingju only; --chaos with its codes and --seed answer valid requests with those codes and say so', async () => {
    const cli = await startCli(['--api', 'lingju', '--lingju-port', '0', '--chaos', '100%', '--chaos-codes=-1,97', '--seed', '5', '--delay', '10-20', '--quiet']);
    try {
      const out = cli.stdout();
      expect(cli.urls.lingju, out).toBeDefined();
      expect(cli.urls.weidu, out).toBeUndefined();
      expect(out).toContain('Simulating: delay 10–20 ms (uniform) on every envelope answer; lingju: 100% of valid requests get one of -1, 97. Seed 5');
      for (let i = 0; i < 5; i++) {
        const reply = await postJson(cli.urls.lingju!, contracts.lingju, minimalBody(contracts.lingju));
        expect([-1, 97]).toContain(reply.json?.status);
      }
      const asked = await postJson(cli.urls.lingju!, contracts.lingju, minimalBody(contracts.lingju), { headers: { prefer: 'code=6' } });
      expect(asked.json).toEqual({ status: 6, description: 'APPKEY无效' });
    } finally {
      expect(await stopCli(cli)).toBe(0);
    }
  });
});
