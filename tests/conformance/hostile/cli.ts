import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/spec/index.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns the real conformance CLI (tsx) with LINGJU_* taken only from `env`. `interruptWhen`: send SIGINT
 * once stderr matches it. Killed (SIGKILL) after `limitMs` so a hang fails the test instead of stalling it.
 */
export function cli(args: string[], env: Record<string, string> = {}, options: { interruptWhen?: RegExp; limitMs?: number } = {}): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LINGJU_') && !k.startsWith('WEIDU_')));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'conformance/cli.ts'), ...args], { cwd: projectRoot, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const limit = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('exit', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file a run wrote to its report directory, by name. */
export function reportTexts(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}
