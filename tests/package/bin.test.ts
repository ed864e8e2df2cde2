// The toolkit as QA or a frontend team installs it: `npm pack` of this package, installed into a project outside the
// repository (packAndInstallToolkit: quick, offline, only the declared dependencies visible), and its commands run
// with npx from built JavaScript (no tsx).
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockCodeFor } from '../../src/spec/codes.ts';
import { apiNames } from '../../src/spec/load.ts';
import { contracts, expectEnvelope, minimalBody, postJson, startMockProcess, type RunningCli } from '../mock/helpers.ts';
import { kB, offlineNpmEnv, packAndInstallToolkit, run, withoutNpmNoise, type PackedToolkit } from './helpers.ts';

const BIN = 'envelope-contract-kit';
const work = mkdtempSync(path.join(tmpdir(), 'eck-installed-'));
let project: string;
let installed: string;
let packed: PackedToolkit['packed'];
let manifest: PackedToolkit['manifest'];
const env = offlineNpmEnv();
const npx = (args: string[], timeoutMs = 60_000) => run('npx', [BIN, ...args], { cwd: project, env, timeoutMs });

beforeAll(async () => {
  ({ project, installed, packed, manifest } = await packAndInstallToolkit(work));
}, 150_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every package name the built JavaScript imports or resolves (static imports, import(), require.resolve). */
function importedPackages(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\.resolve\(\s*)(['"])([^'"./][^'"]*)\1/g)) {
      const spec = m[2]!;
      if (!/^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]*)?$/.test(spec)) continue; // text in a template literal, not a specifier
      if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return names;
}

describe('package > installed toolkit', () => {
  it('package > the tarball holds the built commands, the specs and the verbatim examples: no sources, tests or corpus', () => {
    const files = packed.files.map((f) => f.path);
    console.log(`${BIN} tarball: ${files.length} files, ${kB(packed.size)} packed, ${kB(packed.unpackedSize)} unpacked`);
    expect(files).toContain('dist/bin/envelope-contract-kit.js');
    expect(files).toContain('dist/conformance/vitest/conformance.suite.js');
    for (const api of apiNames) expect(files).toContain(`openapi/${api}.yaml`);
    const unexpected = files.filter((f) => !/^(dist\/.+\.js|openapi\/[\w-]+\.yaml|fixtures\/verbatim\/[^/]+)$/.test(f) && !['package.json', 'README.md'].includes(f));
    expect(unexpected).toEqual([]);
  });

  it('package > every package the built JavaScript imports is a declared runtime dependency', () => {
    const imported = importedPackages(path.join(installed, 'dist'));
    expect([...imported]).toEqual(expect.arrayContaining(['vitest', 'ajv', '@stoplight/prism-http', '@redocly/cli', 'api-smart-diff']));
    expect([...imported].filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('package > npx envelope-contract-kit mock serves both APIs from the installed package', async () => {
    const cli: RunningCli = await startMockProcess('npx', [BIN, 'mock', '--weidu-port', '0', '--lingju-port', '0', '--quiet'], { cwd: project, env, detached: true });
    try {
      expect(cli.stderr(), cli.stdout()).not.toMatch(/error/i);
      for (const api of apiNames) {
        const url = cli.urls[api];
        expect(url, `${api} URL in: ${cli.stdout()}`).toBeDefined();
        expectEnvelope(contracts[api], await postJson(url!, contracts[api], minimalBody(contracts[api])), contracts[api].envelope.successCodes[0]!);
        expectEnvelope(contracts[api], await postJson(url!, contracts[api], {}), mockCodeFor(contracts[api], 'required'));
      }
    } finally {
      // npx runs the bin in a child: stop the whole process group.
      process.kill(-cli.child.pid!, 'SIGTERM');
      await cli.exited;
    }
  });

  it('package > conformance runs its vitest suite from the installed package against the embedded mock', async () => {
    const dry = await npx(['conformance', '--api', 'lingju', '--dry-run', '--seed', '7']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: \d+ planned requests \(seed 7\)/);
    const full = await npx(['conformance', '--api', 'weidu', '--seed', '7', '--report-dir', path.join(work, 'reports')]);
    expect(full.code, `${full.stdout}${full.stderr}`).toBe(0);
    expect(full.stdout).toMatch(/^PASS — \d+ passed, 0 failed/m);
    expect(existsSync(path.join(work, 'reports', 'report.html'))).toBe(true);
  });

  it('package > review writes into ./review of the current folder, never into node_modules', async () => {
    const review = await npx(['review', '--no-reference']);
    expect(review.code, review.stderr).toBe(0);
    expect(existsSync(path.join(project, 'review', 'report.md'))).toBe(true);
    expect(existsSync(path.join(installed, 'review'))).toBe(false);
  });

  it('package > diff compares the packaged specs; usage and errors name the installed command', async () => {
    const spec = path.join(installed, 'openapi', 'lingju.yaml');
    const [same, help, unknown, version] = await Promise.all([npx(['diff', spec, spec]), npx(['mock', '--help']), npx(['mokc']), npx(['--version'])]);
    expect(same.code, same.stderr).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: ${BIN} mock \\[options\\]`));
    expect(unknown.code).toBe(2);
    expect(withoutNpmNoise(unknown.stderr).trim()).toBe(`${BIN}: unknown command "mokc" (commands: mock, conformance, review, diff; see ${BIN} --help)`);
    expect(version.stdout.trim()).toBe(manifest.version);
  });
});
