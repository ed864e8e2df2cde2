/**
 * npm run conformance -- --api <weidu|lingju|all> --target <baseURL> [options]
 * Installed: envelope-contract-kit conformance [options] (built JavaScript; the suite file is then dist/…/conformance.suite.js).
 * Exit 0 conformant (waived findings allowed), 1 at least one violation, 2 could not run (one-line cause).
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolkitError } from '../src/errors.ts';
import { projectRoot } from '../src/spec/index.ts';
import { parseCliArgs, USAGE, type ConformanceOptions } from './engine/options.ts';
import { prepareRun, type PreparedRun } from './engine/prepare.ts';
import type { RunResult } from './engine/result.ts';
import { renderConsole } from './reports/console.ts';
import { REPORT_FILES } from './reports/write.ts';
import { ProgressReporter } from './vitest/progress-reporter.ts';

/** Next to this file, with its extension: .ts under tsx, .js when built. */
const SUITE = fileURLToPath(new URL(`./vitest/conformance.suite${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

/** Runs the suite file under vitest (one worker, no isolation, no typecheck) and reads back report.json. */
async function runInVitest(prepared: PreparedRun, options: ConformanceOptions): Promise<{ result: RunResult; files: string[] }> {
  const reportDir = path.resolve(options.reportDir);
  const files = Object.values(REPORT_FILES).map((f) => path.join(reportDir, f));
  await Promise.all(files.map((f) => rm(f, { force: true })));
  const { startVitest } = await import('vitest/node');
  const reporter = new ProgressReporter();
  const settings = { ...prepared.settings, reportDir };
  const perTest = options.timeoutMs * 2 + (options.rate ? (options.concurrency * 1000) / options.rate : 0) + 10_000;
  const vitest = await startVitest(
    'test',
    [],
    {
      root: projectRoot,
      config: false,
      include: [path.relative(projectRoot, SUITE).split(path.sep).join('/')],
      // Installed, the package itself lives under node_modules, which vitest excludes by default.
      exclude: [],
      watch: false,
      pool: 'threads',
      maxWorkers: 1,
      isolate: false,
      fileParallelism: false,
      maxConcurrency: options.concurrency,
      testTimeout: perTest,
      hookTimeout: 60_000,
      reporters: [reporter],
      typecheck: { enabled: false },
      env: { CONFORMANCE_RUN: JSON.stringify(settings), CONFORMANCE_CREDENTIALS: JSON.stringify(prepared.credentials) },
    },
    { logLevel: 'silent' },
  );
  await vitest.close();
  if (reporter.crashedTests > 0) throw new ToolkitError('RUN_FAILED', `${reporter.crashedTests} test(s) crashed inside the suite: ${reporter.errors[0]?.split('\n')[0] ?? 'see above'}`);
  let result: RunResult;
  try {
    result = JSON.parse(await readFile(files[1]!, 'utf8')) as RunResult;
  } catch {
    const cause = reporter.errors[0]?.split('\n')[0] ?? 'no report was written';
    throw new ToolkitError('RUN_FAILED', `the vitest run did not complete: ${cause}`);
  }
  return { result, files: files.map((f) => path.relative(process.cwd(), f) || f) };
}

async function main(argv: string[]): Promise<number> {
  let options: ConformanceOptions | 'help';
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    err(`conformance: ${(error as Error).message}`);
    return 2;
  }
  if (options === 'help') {
    out(USAGE);
    return 0;
  }
  out(`Seed: ${options.seed}   (replay with --seed ${options.seed})`);
  out(`APIs: ${options.apis.join(', ')}   target: ${options.target ?? 'embedded mock'}${options.dryRun ? '   (dry run)' : ''}`);
  let prepared: PreparedRun | undefined;
  try {
    if (options.dryRun) {
      const { planConformance } = await import('./engine/run.ts');
      out(await planConformance(options));
      return 0;
    }
    prepared = await prepareRun(options);
    const { result, files } = await runInVitest(prepared, options);
    out(renderConsole(result, files));
    return result.exitCode;
  } catch (error) {
    const message = error instanceof ToolkitError ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    // One line, whatever the cause's own formatting.
    err(`conformance: could not run: ${message.replace(/\s*\n\s*/g, ' ')}`);
    return 2;
  } finally {
    await prepared?.close();
  }
}

/** Exit once stdout and stderr are flushed (pipes may be asynchronous), whatever handles vitest leaves open. */
const exit = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));

main(process.argv.slice(2)).then(exit, (error: unknown) => {
  err(`conformance: could not run: ${String(error)}`);
  exit(2);
});
