// npm run bench:mock [-- --duration S --rounds R --connections N]: our mock vs bare `prism mock -v silent`, same specs, same run.
// Prints requests/s, p50/p99 latency and the ratios ours/bare and logging/quiet, then how each answers a hostile
// 1.3 MB body (100,000 invalid items) and what that does to ordinary requests. Loopback only; children are cleaned up.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContract, projectRoot, specPath, type ApiName } from '../src/spec/load.ts';
import { validateRequest } from '../src/validation/index.ts';

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Cannon;
const prismCli = require.resolve('@stoplight/prism-cli/dist/index.js');

const { values } = parseArgs({ options: { duration: { type: 'string' }, connections: { type: 'string' }, rounds: { type: 'string' } } });
const DURATION_S = Number(values.duration ?? 3);
const ROUNDS = Number(values.rounds ?? 3);
const CONNECTIONS = Number(values.connections ?? 10);
const HOST = '127.0.0.1';
const children = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function launch(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.resume(); // drain: the default log writes one line per request into this pipe
  child.stderr?.resume();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Wait until the server answers a valid request with 200. */
async function waitReady(url: string, body: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering ${url}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (response.status === 200) return;
      throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
    } catch (error) {
      if ((error as Error).message.includes('answered')) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${url} not ready within 20 s`);
}

/** A valid weidu body of about `bytes`: the spec's first example with its files repeated. */
function weiduBody(bytes: number): unknown {
  const example = structuredClone(loadContract('weidu').requestExamples[0]!.value) as { work_list: Array<{ file_infos: unknown[] }> };
  const work = example.work_list[0]!;
  const files = structuredClone(work.file_infos);
  for (let i = 0; JSON.stringify(example).length < bytes; i++) work.file_infos.push(structuredClone(files[i % files.length]));
  return example;
}

interface Scenario {
  label: string;
  api: ApiName;
  body: string;
}

async function measure(url: string, body: string, duration: number): Promise<CannonResult> {
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const fmt = (rps: number, rs: CannonResult[]) => {
  const bad = rs.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  return `${rps.toFixed(0).padStart(6)} rps  p50 ${String(median(rs.map((r) => r.latency.p50))).padStart(3)} ms  p99 ${String(median(rs.map((r) => r.latency.p99))).padStart(4)} ms${bad ? `  (${bad} errors/timeouts/non-2xx)` : ''}`;
};

/**
 * All three servers run side by side (idle ones cost nothing) and are measured in interleaved rounds,
 * so a burst of load from elsewhere on the machine hits every target alike; the median round is reported.
 */
async function runScenario(scenario: Scenario): Promise<void> {
  const contract = loadContract(scenario.api);
  if (validateRequest(scenario.api, JSON.parse(scenario.body)).length > 0) throw new Error(`${scenario.label}: the bench body is not valid`);
  const [barePort, quietPort, logPort] = [await freePort(), await freePort(), await freePort()];
  const targets: Array<{ name: string; port: number; args: string[] }> = [
    { name: 'bare prism -v silent', port: barePort, args: [prismCli, 'mock', '-v', 'silent', '-h', HOST, '-p', String(barePort), specPath(scenario.api)] },
    { name: 'ours --quiet', port: quietPort, args: ['--import', 'tsx', 'src/cli/start.ts', '--quiet', `--${scenario.api}-port`, String(quietPort), ...otherApiPort(scenario.api)] },
    { name: 'ours, default logging', port: logPort, args: ['--import', 'tsx', 'src/cli/start.ts', `--${scenario.api}-port`, String(logPort), ...otherApiPort(scenario.api)] },
  ];
  console.log(`\n${scenario.label} (${scenario.body.length} bytes, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s, median)`);
  const started = targets.map((t) => launch(t.args));
  try {
    const urls = targets.map((t) => `http://${HOST}:${t.port}${contract.path}`);
    await Promise.all(urls.map((url, i) => waitReady(url, scenario.body, started[i]!)));
    for (const url of urls) await measure(url, scenario.body, 1); // warm-up (JIT, caches)
    const results: CannonResult[][] = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, url] of urls.entries()) results[i]!.push(await measure(url, scenario.body, DURATION_S));
    }
    const rps = results.map((rs) => median(rs.map((r) => r.requests.average)));
    targets.forEach((t, i) => console.log(`  ${t.name.padEnd(24)} ${fmt(rps[i]!, results[i]!)}`));
    const [bare, quiet, logging] = rps as [number, number, number];
    console.log(`  ratio ours/bare: ${(quiet / bare).toFixed(2)} (quiet), ${(logging / bare).toFixed(2)} (default logging)   logging/quiet: ${(logging / quiet).toFixed(2)}`);
  } finally {
    await Promise.all(started.map(stop));
  }
}

/** One POST; its time in ms, or undefined when no answer came within `timeoutMs`. */
async function timedPost(url: string, body: string, timeoutMs: number): Promise<number | undefined> {
  const started = performance.now();
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return performance.now() - started;
  } catch {
    return undefined;
  }
}

/**
 * Hostile input: a weidu body with 100,000 invalid work items (1.3 MB). For each server: how long one such
 * request takes (given up after 10 s), then ordinary valid requests measured while hostile ones keep arriving.
 * Bare Prism validates with every error collected; it is measured last, as it stays busy after the timeout.
 */
async function runHostile(validBody: string): Promise<void> {
  const contract = loadContract('weidu');
  const hostile = JSON.stringify({ user_id: 'u', work_list: Array.from({ length: 100_000 }, () => ({ type: 'x' })) });
  const [quietPort, barePort] = [await freePort(), await freePort()];
  const targets = [
    { name: 'ours --quiet', port: quietPort, args: ['--import', 'tsx', 'src/cli/start.ts', '--quiet', '--weidu-port', String(quietPort), '--lingju-port', '0'] },
    { name: 'bare prism -v silent', port: barePort, args: [prismCli, 'mock', '-v', 'silent', '-h', HOST, '-p', String(barePort), specPath('weidu')] },
  ];
  console.log(`
weidu, hostile body (${hostile.length} bytes, 100,000 invalid work items), ordinary ~200 KB valid requests alongside for ${DURATION_S} s`);
  const started = targets.map((t) => launch(t.args));
  try {
    const urls = targets.map((t) => `http://${HOST}:${t.port}${contract.path}`);
    await Promise.all(urls.map((url, i) => waitReady(url, validBody, started[i]!)));
    for (const [i, url] of urls.entries()) {
      const alone = await timedPost(url, hostile, 10_000);
      let stop = false;
      const attacker = (async () => {
        let sent = 0;
        for (; !stop && sent < 50; sent++) await timedPost(url, hostile, 10_000);
        return sent;
      })();
      const during = await measure(url, validBody, DURATION_S);
      stop = true;
      const hostileSent = await attacker;
      const answered = alone === undefined ? 'no answer within 10 s' : `answered in ${alone.toFixed(0)} ms`;
      console.log(`  ${targets[i]!.name.padEnd(24)} hostile ${answered}; valid requests meanwhile: ${fmt(during.requests.average, [during])} (${hostileSent} hostile sent)`);
    }
  } finally {
    await Promise.all(started.map(stop));
  }
}

/** The other API's mock gets any free port (0), so it never collides with anything. */
function otherApiPort(api: ApiName): string[] {
  return api === 'weidu' ? ['--lingju-port', '0'] : ['--weidu-port', '0'];
}

async function main(): Promise<void> {
  const lingjuBody = JSON.stringify(loadContract('lingju').requestExamples[0]!.value);
  const weidu200k = JSON.stringify(weiduBody(200 * 1024));
  console.log(`bench:mock — node ${process.version}, spec files in ${path.relative(process.cwd(), path.dirname(specPath('weidu'))) || '.'}`);
  await runScenario({ label: 'lingju, small valid body', api: 'lingju', body: lingjuBody });
  await runScenario({ label: 'weidu, ~200 KB valid body', api: 'weidu', body: weidu200k });
  await runHostile(weidu200k);
}

async function cleanup(): Promise<void> {
  await Promise.all([...children].map(stop));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().then(() => process.exit(130)));

try {
  await main();
} catch (error) {
  console.error(`bench:mock failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
