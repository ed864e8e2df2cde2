/**
 * npm run build [-- cli|client]: compile with tsc (no bundler), .ts import specifiers rewritten to .js.
 *   cli    → dist/: the installed package's commands (package.json "bin"), from tsconfig.build.json.
 *   client → packages/client/dist/: the client package (ESM + .d.ts), from packages/client/tsconfig.json.
 * `npm pack` runs it (prepack), so a packed tarball never holds stale JavaScript.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../src/spec/load.ts';

const targets = {
  cli: { project: 'tsconfig.build.json', outDir: 'dist', bin: 'dist/bin/envelope-contract-kit.js' },
  client: { project: 'packages/client/tsconfig.json', outDir: 'packages/client/dist', bin: undefined },
} as const;
type Target = keyof typeof targets;

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

/**
 * tsc rewrites `./x.ts` to `./x.js` in JavaScript but keeps `.ts` in declaration files. TypeScript 5 tolerates that
 * in a .d.ts; TypeScript 4 (TS2691) and other declaration readers do not, and no .ts file ships: say .js there too.
 */
function rewriteDeclarationSpecifiers(text: string): string {
  return text.replace(/((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+?)\.ts\2/g, '$1$2$3.js$2');
}

function build(target: Target): void {
  const { project, outDir, bin } = targets[target];
  const started = performance.now();
  rmSync(path.join(projectRoot, outDir), { recursive: true, force: true });
  const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd: projectRoot, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`build: ${target}: tsc -p ${project} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  const files = filesUnder(path.join(projectRoot, outDir));
  for (const file of files.filter((f) => f.endsWith('.d.ts'))) writeFileSync(file, rewriteDeclarationSpecifiers(readFileSync(file, 'utf8')));
  if (bin) chmodSync(path.join(projectRoot, bin), 0o755);
  console.log(`build: ${target} → ${outDir}/ (${files.length} files) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const asked = process.argv.slice(2);
const unknown = asked.filter((t) => !(t in targets));
if (unknown.length) {
  console.error(`build: unknown target ${unknown.join(', ')} (targets: ${Object.keys(targets).join(', ')})`);
  process.exit(2);
}
for (const target of (asked.length ? asked : Object.keys(targets)) as Target[]) build(target);
