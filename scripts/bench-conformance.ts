/**
 * npm run bench:conformance — the CLI (vitest included) against the local reference implementation of both
 * APIs: prints requests, checks run, wall time including start-up, and checks per second. Also the same run
 * in-process (runConformance, no vitest) for comparison. Target: ≥ 150 checks in ≤ 10 s wall.
 * Then generative testing (--generate): generated requests per second against the same reference, in-process
 * and through the CLI, and how long a failure takes to find and shrink (a variant crashing on astral characters).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generatedCredentials } from '../conformance/engine/credentials.ts';
import { runConformance } from '../conformance/engine/run.ts';
import type { RunResult } from '../conformance/engine/result.ts';
import { credentialEnvName, loadContract, projectRoot } from '../src/spec/index.ts';
import { startReference } from '../tests/conformance/reference/server.ts';
import { loadLine, median } from './bench-util.ts';

const SEED = 20240601;
// The reference's valid lingju credentials, one per credential field of the spec (seeded, like the embedded mock's).
const credentials = generatedCredentials(loadContract('lingju'), SEED)!;

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'conformance/cli.ts'), ...args], { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 2) process.stderr.write(stderr);
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, ms: performance.now() - started }));
  });
}

const line = (label: string, result: RunResult, ms: number) =>
  console.log(
    `${label.padEnd(34)} ${String(result.requests).padStart(5)} requests ${String(result.checksRun).padStart(6)} checks ${(ms / 1000).toFixed(2).padStart(6)} s wall ${Math.round(result.checksRun / (ms / 1000)).toString().padStart(7)} checks/s  ${result.verdict}`,
  );

const reference = await startReference({ credentials: { lingju: credentials } });
const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-conformance-'));
try {
  console.log(`Reference implementation at ${reference.url}; seed ${SEED}; Node ${process.version}; ${loadLine()}`);
  const env = { ...process.env, ...Object.fromEntries(Object.entries(credentials).map(([field, value]) => [credentialEnvName('lingju', field), value])) };
  const walls: number[] = [];
  let checksRun = 0;
  for (let i = 1; i <= 3; i++) {
    const cliDir = path.join(dir, `cli-${i}`);
    const { code, ms } = await runCli(['--api', 'all', '--target', reference.url, '--seed', String(SEED), '--report-dir', cliDir], env);
    if (code !== 0) throw new Error(`the CLI exited ${code} against the reference`);
    const result = JSON.parse(await readFile(path.join(cliDir, 'report.json'), 'utf8')) as RunResult;
    line(`CLI (vitest, spawned) run ${i}`, result, ms);
    walls.push(ms);
    checksRun = result.checksRun;
  }
  const wall = median(walls);
  console.log(`CLI median: ${checksRun} checks in ${(wall / 1000).toFixed(2)} s wall including start-up = ${Math.round(checksRun / (wall / 1000))} checks/s (target ≥ 150 checks in ≤ 10 s)`);
  const started = performance.now();
  const { result } = await runConformance(
    { apis: ['weidu', 'lingju'], target: reference.url, seed: SEED, reportDir: path.join(dir, 'inproc'), concurrency: 4, timeoutMs: 5000, dryRun: false },
    { credentials: { lingju: credentials } },
  );
  line('in-process runConformance', result, performance.now() - started);

  // Generative testing: requests built and judged per second (fast-check, ajv, undici), then the CLI's wall time.
  const count = 500;
  const { result: generated } = await runConformance(
    { apis: ['weidu', 'lingju'], target: reference.url, seed: SEED, reportDir: path.join(dir, 'generate'), concurrency: 4, timeoutMs: 5000, dryRun: false, generate: { count } },
    { credentials: { lingju: credentials } },
  );
  for (const api of generated.apis) {
    const g = api.generated!;
    console.log(`--generate ${count} in-process, ${api.api.padEnd(6)} ${String(g.sent).padStart(5)} generated requests ${(g.elapsedMs / 1000).toFixed(2).padStart(6)} s ${Math.round(g.sent / (g.elapsedMs / 1000)).toString().padStart(7)} requests/s  ${g.faults.length} findings  ${generated.verdict}`);
  }
  const cliGenerate = await runCli(['--api', 'all', '--target', reference.url, '--seed', String(SEED), '--generate', '--report-dir', path.join(dir, 'cli-generate')], env);
  const cliResult = JSON.parse(await readFile(path.join(dir, 'cli-generate', 'report.json'), 'utf8')) as RunResult;
  const sentByCli = cliResult.apis.reduce((n, a) => n + (a.generated?.sent ?? 0), 0);
  line('CLI --generate (default 200/API)', cliResult, cliGenerate.ms);
  console.log(`CLI --generate: ${sentByCli} generated + ${cliResult.requests - sentByCli} fixed requests in ${(cliGenerate.ms / 1000).toFixed(2)} s wall including start-up (exit ${cliGenerate.code})`);

  const crashing = await startReference({ credentials: { lingju: credentials }, fault: 'astral-500' });
  try {
    const t0 = performance.now();
    const { result: found } = await runConformance(
      { apis: ['weidu', 'lingju'], target: crashing.url, seed: SEED, reportDir: path.join(dir, 'astral'), concurrency: 4, timeoutMs: 5000, dryRun: false, generate: { count: 200 } },
      { credentials: { lingju: credentials } },
    );
    const ms = performance.now() - t0;
    for (const api of found.apis) {
      const g = api.generated!;
      const fault = g.faults.find((f) => f.severity === 'failure');
      console.log(`astral-500 variant, ${api.api.padEnd(6)} ${fault ? `found in ${fault.seenIn} of ${g.valid + g.invalid}, shrunk in ${fault.shrinks} steps (${g.shrinking} shrink requests)` : 'NOT FOUND'}, ${(g.elapsedMs / 1000).toFixed(2)} s`);
    }
    console.log(`astral-500 variant: whole run (fixed + generated + shrinking) ${(ms / 1000).toFixed(2)} s, ${found.verdict}`);
  } finally {
    await crashing.close();
  }
  console.log(`Finished at ${loadLine()}`);
} finally {
  await reference.close();
  await rm(dir, { recursive: true, force: true });
}
