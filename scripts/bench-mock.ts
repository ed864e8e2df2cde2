// npm run bench:mock [-- --duration S --rounds R --connections N --long --no-hostile]: in one run, on this machine —
//   start-up: until a first valid request is answered, bare `prism mock` against ours (`npm start`'s entry, one API and both);
//   throughput: the bare Node limit (node:http parsing the JSON body, a fixed envelope), bare `prism mock -v silent`,
//     ours --quiet and ours with its default logging, for lingju's small valid body, an invalid lingju body, weidu's full
//     fixture and a ~200 KB weidu body: requests/s, p50/p99, each ratio, and the issue's targets;
//   memory: our RSS idle and after the load (--long: after a full minute of load);
//   hostile input: a 1.3 MB body of 100,000 invalid items, alone and alongside ordinary requests.
// Loopback only; every child is stopped at the end. Figures are noisy on a shared machine: the load average is printed.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContract, projectRoot, specPath, type ApiName } from '../src/spec/load.ts';
import { validateRequest } from '../src/validation/index.ts';
import { freePort, HOST, launch, loadLine, median, rssMb, stop, stopAll, uptime, waitReady } from './bench-util.ts';

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Cannon;
const prismCli = require.resolve('@stoplight/prism-cli/dist/index.js');

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    long: { type: 'boolean' },
    'no-hostile': { type: 'boolean' },
    'startup-runs': { type: 'string' },
  },
});
const DURATION_S = Number(values.duration ?? 3);
const ROUNDS = Number(values.rounds ?? 3);
const CONNECTIONS = Number(values.connections ?? 10);
const STARTUP_RUNS = Number(values['startup-runs'] ?? 3);

/** A valid weidu body of about `bytes`: the spec's first example with its files repeated. */
function weiduBody(bytes: number): unknown {
  const example = structuredClone(loadContract('weidu').requestExamples[0]!.value) as { work_list: Array<{ file_infos: unknown[] }> };
  const work = example.work_list[0]!;
  const files = structuredClone(work.file_infos);
  for (let i = 0; JSON.stringify(example).length < bytes; i++) work.file_infos.push(structuredClone(files[i % files.length]));
  return example;
}

const BARE_NODE = `
const { createServer } = require('node:http');
const answer = JSON.stringify({ status: 0, description: '' });
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try { JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch {}
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(answer) }).end(answer);
  });
}).listen(Number(process.argv[1]), '127.0.0.1');`;

interface Target {
  name: string;
  args: (port: number) => string[];
}

const TARGETS = (api: ApiName): Target[] => [
  { name: 'bare Node limit', args: (port) => ['-e', BARE_NODE, String(port)] },
  { name: 'bare prism -v silent', args: (port) => [prismCli, 'mock', '-v', 'silent', '-h', HOST, '-p', String(port), specPath(api)] },
  { name: 'ours --quiet', args: (port) => ['--import', 'tsx', 'src/cli/start.ts', '--api', api, '--quiet', `--${api}-port`, String(port)] },
  { name: 'ours, default logging', args: (port) => ['--import', 'tsx', 'src/cli/start.ts', '--api', api, `--${api}-port`, String(port)] },
];

interface Scenario {
  label: string;
  body: string;
  /** The body is valid (checked before measuring). */
  valid: boolean;
  /** Ratio targets ours --quiet must reach. */
  targets: { overPrism?: number; overNode?: number; p99Ms?: number };
}

const measure = (url: string, body: string, duration: number): Promise<CannonResult> =>
  autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration });

const mark = (ok: boolean) => (ok ? '✓' : '✗');

const fmt = (rps: number, rs: CannonResult[]) => {
  const bad = rs.reduce((n, r) => n + r.errors + r.timeouts, 0);
  return `${rps.toFixed(0).padStart(6)} rps  p50 ${String(median(rs.map((r) => r.latency.p50))).padStart(3)} ms  p99 ${String(median(rs.map((r) => r.latency.p99))).padStart(4)} ms${bad ? `  (${bad} errors/timeouts)` : ''}`;
};

/**
 * One API's four servers run side by side (idle ones cost nothing) and are measured in interleaved rounds, so a burst
 * of load from elsewhere on the machine hits every target alike; the median round is reported.
 */
async function runGroup(api: ApiName, scenarios: Scenario[]): Promise<{ quiet: ChildProcess; quietUrl: string; idleMb: number | undefined }> {
  const contract = loadContract(api);
  const targets = TARGETS(api);
  const ports = await Promise.all(targets.map(() => freePort()));
  const started = targets.map((t, i) => launch(t.args(ports[i]!)));
  const urls = ports.map((p) => `http://${HOST}:${p}${contract.path}`);
  const validBody = scenarios.find((s) => s.valid)!.body;
  await Promise.all(urls.map((url, i) => waitReady(url, validBody, started[i]!)));
  const idle = rssMb(started[2]!);
  for (const scenario of scenarios) {
    if (validateRequest(api, JSON.parse(scenario.body)).length > 0 === scenario.valid) throw new Error(`${scenario.label}: the bench body is not ${scenario.valid ? 'valid' : 'invalid'}`);
    console.log(`\n${scenario.label} (${scenario.body.length} bytes, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s, median) — ${loadLine()}`);
    for (const url of urls) await measure(url, scenario.body, 1); // warm-up (JIT, caches)
    const results: CannonResult[][] = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, url] of urls.entries()) results[i]!.push(await measure(url, scenario.body, DURATION_S));
    }
    const rps = results.map((rs) => median(rs.map((r) => r.requests.average)));
    targets.forEach((t, i) => console.log(`  ${t.name.padEnd(24)} ${fmt(rps[i]!, results[i]!)}`));
    const [node, prism, quiet, logging] = rps as [number, number, number, number];
    const p99 = median(results[2]!.map((r) => r.latency.p99));
    console.log(`  ratios: ours/bare prism ${(quiet / prism).toFixed(2)} (quiet), ${(logging / prism).toFixed(2)} (logging); ours/bare Node ${(quiet / node).toFixed(2)} (quiet), ${(logging / node).toFixed(2)} (logging); logging/quiet ${(logging / quiet).toFixed(2)}`);
    const checks: string[] = [];
    const { overPrism, overNode, p99Ms } = scenario.targets;
    if (overPrism) checks.push(`${mark(quiet / prism >= overPrism)} ≥ ${overPrism}× bare prism`);
    if (overNode) checks.push(`${mark(quiet / node >= overNode)} ≥ ${overNode}× bare Node`);
    if (p99Ms) checks.push(`${mark(p99 <= p99Ms)} p99 ≤ ${p99Ms} ms`);
    if (checks.length) console.log(`  targets (ours --quiet): ${checks.join(', ')}`);
  }
  const loaded = rssMb(started[2]!);
  if (idle !== undefined && loaded !== undefined) console.log(`  ours --quiet RSS: ${idle.toFixed(0)} MB idle, ${loaded.toFixed(0)} MB after the rounds above (${(loaded / idle).toFixed(2)}×)`);
  await Promise.all(started.filter((_, i) => i !== 2).map(stop));
  return { quiet: started[2]!, quietUrl: urls[2]!, idleMb: idle };
}

/** Start-up until a first valid request is answered: bare prism (one API) against ours (one API, and both as npm start). */
async function runStartup(): Promise<void> {
  const contract = loadContract('lingju');
  const body = JSON.stringify(contract.requestExamples[0]!.value);
  const variants: Array<{ name: string; args: (port: number, other: number) => string[] }> = [
    { name: 'bare prism mock (lingju)', args: (port) => [prismCli, 'mock', '-v', 'silent', '-h', HOST, '-p', String(port), specPath('lingju')] },
    { name: 'ours --api lingju', args: (port) => ['--import', 'tsx', 'src/cli/start.ts', '--api', 'lingju', '--quiet', '--lingju-port', String(port)] },
    { name: 'ours, both APIs (npm start)', args: (port, other) => ['--import', 'tsx', 'src/cli/start.ts', '--quiet', '--lingju-port', String(port), '--weidu-port', String(other)] },
  ];
  const times: number[][] = variants.map(() => []);
  console.log(`\nstart-up: spawn → first valid lingju request answered (${STARTUP_RUNS} interleaved runs, median) — ${loadLine()}`);
  for (let run = 0; run < STARTUP_RUNS; run++) {
    for (const [i, v] of variants.entries()) {
      const [port, other] = [await freePort(), await freePort()];
      const since = performance.now();
      const child = launch(v.args(port, other));
      times[i]!.push(await waitReady(`http://${HOST}:${port}${contract.path}`, body, child, since));
      await stop(child);
    }
  }
  const medians = times.map(median);
  variants.forEach((v, i) => console.log(`  ${v.name.padEnd(30)} ${medians[i]!.toFixed(0).padStart(5)} ms   (runs: ${times[i]!.map((t) => t.toFixed(0)).join(', ')})`));
  const [prism, one, both] = medians as [number, number, number];
  console.log(`  ratio ours/bare prism: ${(one / prism).toFixed(2)} (one API), ${(both / prism).toFixed(2)} (both)   target: ${mark(one <= prism)} ours ready ≤ bare prism ready`);
}

/** --long: a full minute of load on ours --quiet, RSS sampled every 10 s, against its idle RSS. */
async function runMemoryMinute(child: ChildProcess, url: string, body: string, idleMb: number | undefined): Promise<void> {
  console.log(`\nmemory: ours --quiet under full load for 60 s (lingju small valid body, ${CONNECTIONS} connections) — ${loadLine()}`);
  const samples: string[] = [];
  const sampler = setInterval(() => samples.push(`${(rssMb(child) ?? 0).toFixed(0)}`), 10_000);
  const result = await measure(url, body, 60);
  clearInterval(sampler);
  const after = rssMb(child);
  console.log(`  ${fmt(result.requests.average, [result])}`);
  if (idleMb !== undefined && after !== undefined) {
    console.log(`  RSS: ${idleMb.toFixed(0)} MB idle → ${after.toFixed(0)} MB after 1 minute (every 10 s: ${samples.join(', ')} MB); ${(after / idleMb).toFixed(2)}×   target: ${mark(after / idleMb <= 1.5)} ≤ 1.5× idle`);
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
    { name: 'ours --quiet', port: quietPort, args: ['--import', 'tsx', 'src/cli/start.ts', '--api', 'weidu', '--quiet', '--weidu-port', String(quietPort)] },
    { name: 'bare prism -v silent', port: barePort, args: [prismCli, 'mock', '-v', 'silent', '-h', HOST, '-p', String(barePort), specPath('weidu')] },
  ];
  console.log(`\nweidu, hostile body (${hostile.length} bytes, 100,000 invalid work items), ordinary ~200 KB valid requests alongside for ${DURATION_S} s — ${loadLine()}`);
  const started = targets.map((t) => launch(t.args));
  try {
    const urls = targets.map((t) => `http://${HOST}:${t.port}${contract.path}`);
    await Promise.all(urls.map((url, i) => waitReady(url, validBody, started[i]!)));
    for (const [i, url] of urls.entries()) {
      const alone = await timedPost(url, hostile, 10_000);
      let halt = false;
      const attacker = (async () => {
        let sent = 0;
        for (; !halt && sent < 50; sent++) await timedPost(url, hostile, 10_000);
        return sent;
      })();
      const during = await measure(url, validBody, DURATION_S);
      halt = true;
      const hostileSent = await attacker;
      const answered = alone === undefined ? 'no answer within 10 s' : `answered in ${alone.toFixed(0)} ms`;
      console.log(`  ${targets[i]!.name.padEnd(24)} hostile ${answered}; valid requests meanwhile: ${fmt(during.requests.average, [during])} (${hostileSent} hostile sent)`);
    }
  } finally {
    await Promise.all(started.map(stop));
  }
}

async function main(): Promise<void> {
  const lingju = loadContract('lingju');
  const lingjuBody = JSON.stringify(lingju.requestExamples[0]!.value);
  // Two mistakes a client makes: sex outside its enum, weight as a string (decision L02) — status 20, both listed.
  const lingjuInvalid = JSON.stringify({ ...lingju.requestExamples[0]!.value, sex: 'x', weight: '65' });
  const weiduFull = readFileSync(path.join(projectRoot, 'fixtures/weidu/valid/full.json'), 'utf8').trim();
  const weidu200k = JSON.stringify(weiduBody(200 * 1024));
  console.log(`bench:mock — node ${process.version}, ${os.cpus().length} cores\n${uptime()}`);
  await runStartup();
  const lingjuGroup = await runGroup('lingju', [
    { label: 'lingju, small valid body', body: lingjuBody, valid: true, targets: { overPrism: 4, overNode: 0.4, p99Ms: 5 } },
    { label: 'lingju, invalid body (2 violations)', body: lingjuInvalid, valid: false, targets: { overPrism: 2 } },
  ]);
  if (values.long) await runMemoryMinute(lingjuGroup.quiet, lingjuGroup.quietUrl, lingjuBody, lingjuGroup.idleMb);
  await stop(lingjuGroup.quiet);
  const weiduGroup = await runGroup('weidu', [
    { label: 'weidu, full fixture', body: weiduFull, valid: true, targets: {} },
    { label: 'weidu, ~200 KB valid body', body: weidu200k, valid: true, targets: { overPrism: 2 } },
  ]);
  await stop(weiduGroup.quiet);
  if (!values['no-hostile']) await runHostile(weidu200k);
  console.log(`\n${uptime()}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().then(() => process.exit(130)));

try {
  await main();
} catch (error) {
  console.error(`bench:mock failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
