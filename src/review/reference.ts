import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ToolkitError } from '../errors.ts';
import { projectRoot, type Contract } from '../spec/load.ts';
import { referenceDocument } from './reference-doc.ts';

/** Offline reference pages: `redocly build-docs --inlineBundle`, made fully self-contained afterwards. */

/** Redocly's CLI script, found by module resolution (a clone's node_modules or, installed, wherever npm hoisted it). */
function redoclyScript(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('@redocly/cli/package.json');
  } catch (cause) {
    throw new ToolkitError('REFERENCE_BUILD_FAILED', 'cannot find @redocly/cli (run npm ci first, or pass --no-reference)', { cause });
  }
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin.redocly!;
  return path.join(path.dirname(manifest), bin);
}
const BUILD_TIMEOUT_MS = 120_000;

/**
 * Redoc 3 options: expand every schema and sample. No extension is shown as such (Redoc prints them as raw JSON):
 * referenceDocument() turns them into text first.
 */
const REDOC_OPTIONS = [
  '--openapi.schemasExpansionLevel=all',
  '--openapi.jsonSamplesExpandLevel=all',
  '--openapi.sortRequiredPropsFirst=true',
];

/**
 * Forbids every fetch from the page: Redoc's inline scripts and styles run, images and fonts only from data: URIs.
 * Defence in depth: the browser test proves that nothing is even attempted.
 */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; worker-src blob:";
const EMPTY_SVG = 'data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E';

/** Even with --inlineBundle, Redoc 3 loads its "API docs by Redocly" logo from cdn.redoc.ly; point it at an empty inline image. */
export function makeOffline(html: string): string {
  const withoutCdn = html.replace(/https:\/\/cdn\.redoc\.ly\/[\w./-]+\.svg/g, EMPTY_SVG);
  if (!withoutCdn.includes('<head>')) throw new ToolkitError('REFERENCE_BUILD_FAILED', 'redocly output has no <head>; cannot add the offline Content-Security-Policy');
  return withoutCdn.replace('<head>', `<head>\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
}

function run(args: string[]): Promise<{ status: number | null; output: string }> {
  const script = redoclyScript();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\ntimed out after ${BUILD_TIMEOUT_MS / 1000} s`;
      child.kill('SIGKILL');
    }, BUILD_TIMEOUT_MS);
    child.on('error', (cause) => {
      clearTimeout(timer);
      reject(new ToolkitError('REFERENCE_BUILD_FAILED', `cannot run ${script} (${cause.message}); run npm ci first`, { cause }));
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** The last line of redocly's output that says something (it frames notices in box-drawing characters). */
function lastMessage(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !/^[║╔╚═]/.test(l));
  return lines.at(-1) ?? 'no output';
}

/** Build the reference page of one API into outFile, from the spec made readable (referenceDocument). */
export async function buildReferencePage(contract: Contract, outFile: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), `reference-${contract.api}-`));
  try {
    const input = path.join(dir, `${contract.api}.json`);
    await writeFile(input, JSON.stringify(referenceDocument(contract), null, 2));
    const { status, output } = await run(['build-docs', input, '--inlineBundle', '--output', outFile, ...REDOC_OPTIONS]);
    if (status !== 0) throw new ToolkitError('REFERENCE_BUILD_FAILED', `redocly build-docs ${contract.api} exited with ${status ?? 'a signal'}: ${lastMessage(output)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await writeFile(outFile, makeOffline(await readFile(outFile, 'utf8')));
}
