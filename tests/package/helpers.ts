import { spawn, type SpawnOptions } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/spec/load.ts';

export { CHROMIUM, CHROMIUM_ARGS } from '../browser/chromium.ts';

/** The repo's own tools, run by path: the consumer project installs only what a real consumer would. */
export const tool = {
  npm: 'npm',
  tsc: path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
  vite: path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
};

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to completion (killed after timeoutMs); never rejects, the caller asserts on the exit code. */
export function run(command: string, args: string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${String(error)}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Bytes and files under a folder, not following symbolic links. */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const stat = lstatSync(path.join(entry.parentPath, entry.name));
    if (stat.isFile()) {
      bytes += stat.size;
      files += 1;
    }
  }
  return { bytes, files };
}

export const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

/** npm's own warnings about this machine's configuration are not the command's output. */
export const withoutNpmNoise = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !/^npm (warn|notice)/.test(l))
    .join('\n');

export interface PackedToolkit {
  /** The project folder the package is installed into (run npx there). */
  project: string;
  /** node_modules/envelope-contract-kit inside it. */
  installed: string;
  /** `npm pack --json`'s record of the tarball. */
  packed: { files: { path: string }[]; size: number; unpackedSize: number };
  manifest: { version: string; bin: Record<string, string>; dependencies: Record<string, string> };
}

/**
 * `npm pack` this package (its prepack builds dist/) and install the tarball into `work/project` the quick way:
 * unpacked into node_modules, its bin linked into node_modules/.bin, and only its declared dependencies linked to
 * the repo's node_modules (so an undeclared one fails as it would for a user, without a registry or a minute of npm).
 */
export async function packAndInstallToolkit(work: string): Promise<PackedToolkit> {
  const name = 'envelope-contract-kit';
  const result = await run('npm', ['pack', '--pack-destination', work, '--json'], { cwd: projectRoot, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`npm pack failed (exit ${result.code}): ${result.stderr}`);
  const packed = (JSON.parse(result.stdout.slice(result.stdout.search(/^\[/m))) as [PackedToolkit['packed'] & { filename: string }])[0];
  const project = path.join(work, 'project');
  const installed = path.join(project, 'node_modules', name);
  mkdirSync(installed, { recursive: true });
  const untar = await run('tar', ['-xzf', path.join(work, packed.filename), '-C', installed, '--strip-components=1']);
  if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as PackedToolkit['manifest'];
  for (const dependency of Object.keys(manifest.dependencies)) {
    const link = path.join(project, 'node_modules', dependency);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.join(projectRoot, 'node_modules', dependency), link, 'dir');
  }
  mkdirSync(path.join(project, 'node_modules', '.bin'));
  for (const [bin, file] of Object.entries(manifest.bin)) symlinkSync(path.join('..', name, file), path.join(project, 'node_modules', '.bin', bin));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'qa-project', private: true, devDependencies: { [name]: `file:../${packed.filename}` } }));
  return { project, installed, packed, manifest };
}

/** npx from an installed project, never the registry. */
export const offlineNpmEnv = (): NodeJS.ProcessEnv => ({ ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' });
