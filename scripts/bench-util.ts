// Helpers of the benchmark scripts: medians, the load average, and server children (started, measured, always stopped).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { projectRoot } from '../src/spec/load.ts';

export const HOST = '127.0.0.1';
const children = new Set<ChildProcess>();

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The load average, printed beside every figure: the machine is shared, figures are noisy. */
export const loadLine = (): string => `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (${os.cpus().length} cores)`;
/** `uptime`'s line (the load average without it). */
export const uptime = (): string => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return loadLine();
  }
};

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A node child in the project folder, its output drained, stopped by stopAll(). */
export function launch(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.resume(); // drain: the default log writes one line per request into this pipe
  child.stderr?.resume();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after 3 s. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a child, in MB (Linux /proc; undefined elsewhere). */
export function rssMb(child: ChildProcess): number | undefined {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Wait until the server answers a valid request with 200; the time it took from `since`. */
export async function waitReady(url: string, body: string, child: ChildProcess, since = performance.now()): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering ${url}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (response.status === 200) return performance.now() - since;
      throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
    } catch (error) {
      if ((error as Error).message.includes('answered')) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  throw new Error(`${url} not ready within 30 s`);
}

/** Stop every child launch() started and is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}
