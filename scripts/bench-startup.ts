/**
 * npm run bench:startup [-- --runs N]: start-up of the commands, today's way (npm + tsx) against the built JavaScript
 * the installed package runs, in the same run, interleaved. Two measures, wall time from spawn:
 *   mock ready       until the mock prints "Ready in" (both APIs answered a first request);
 *   conformance dry  until `conformance --dry-run` (both APIs, 172 planned requests) has exited.
 * Variants: `npm start` / `npm run conformance` (today), node --import tsx (today without npm), node dist/bin/envelope-contract-kit.js
 * (built, no launcher), and `npx envelope-contract-kit` from a packed install (built, as a user types it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/spec/load.ts';
import { offlineNpmEnv, packAndInstallToolkit } from '../tests/package/helpers.ts';
import { loadLine, median } from './bench-util.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);

interface Variant {
  label: string;
  command: string;
  args: string[];
  cwd: string;
}

/** Wall milliseconds until `until` matches stdout (then the process group is stopped) or, without it, until exit. */
function time(v: Variant, until?: RegExp): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(v.command, v.args, { cwd: v.cwd, env: offlineNpmEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let done: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (until && done === undefined && until.test(out)) {
        done = performance.now() - started;
        process.kill(-child.pid!, 'SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (until ? done === undefined : code !== 0) reject(new Error(`${v.label}: exit ${code} before done:\n${out}`));
      else resolve(done ?? performance.now() - started);
    });
  });
}


const work = mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
try {
  console.log(`Packing and installing the toolkit (npm pack builds dist/)…`);
  const { project } = await packAndInstallToolkit(work);
  const bin = path.join(projectRoot, 'dist', 'bin', 'envelope-contract-kit.js');
  const ports = ['--weidu-port', '0', '--lingju-port', '0', '--quiet'];
  const dry = ['--dry-run', '--seed', '1'];
  const tsx = ['--import', 'tsx'];
  const measures = [
    {
      name: 'mock ready',
      until: /Ready in/,
      variants: [
        { label: 'npm start (today)', command: 'npm', args: ['start', '--', ...ports], cwd: projectRoot },
        { label: 'node --import tsx src/cli/start.ts', command: process.execPath, args: [...tsx, 'src/cli/start.ts', ...ports], cwd: projectRoot },
        { label: 'node dist/bin/envelope-contract-kit.js mock', command: process.execPath, args: [bin, 'mock', ...ports], cwd: projectRoot },
        { label: 'npx envelope-contract-kit mock', command: 'npx', args: ['envelope-contract-kit', 'mock', ...ports], cwd: project },
      ],
    },
    {
      name: 'conformance --dry-run',
      until: undefined,
      variants: [
        { label: 'npm run conformance (today)', command: 'npm', args: ['run', 'conformance', '--', ...dry], cwd: projectRoot },
        { label: 'node --import tsx conformance/cli.ts', command: process.execPath, args: [...tsx, 'conformance/cli.ts', ...dry], cwd: projectRoot },
        { label: 'node dist/bin/envelope-contract-kit.js conformance', command: process.execPath, args: [bin, 'conformance', ...dry], cwd: projectRoot },
        { label: 'npx envelope-contract-kit conformance', command: 'npx', args: ['envelope-contract-kit', 'conformance', ...dry], cwd: project },
      ],
    },
  ];

  console.log(`${runs} runs each, interleaved; ${os.cpus().length} CPUs; Node ${process.version}; ${loadLine()}\n`);
  for (const measure of measures) {
    const samples = measure.variants.map(() => [] as number[]);
    await time(measure.variants[2]!, measure.until); // warm the file cache once
    for (let i = 0; i < runs; i++) {
      for (const [j, v] of measure.variants.entries()) samples[j]!.push(await time(v, measure.until));
    }
    const today = median(samples[0]!);
    console.log(`${measure.name}: median (min) wall ms, ratio to today's`);
    const width = Math.max(...measure.variants.map((v) => v.label.length));
    for (const [j, v] of measure.variants.entries()) {
      const m = median(samples[j]!);
      console.log(`  ${v.label.padEnd(width)} ${String(Math.round(m)).padStart(6)} (${Math.round(Math.min(...samples[j]!))})   ×${(m / today).toFixed(2)}`);
    }
    console.log('');
  }
  console.log(`at the end: ${loadLine()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
