/**
 * npm run conformance -- --api <weidu|lingju|all> --target <baseURL> [options]
 * Installed: envelope-contract-kit conformance [options] (built JavaScript; the suite file is then dist/…/conformance.suite.js).
 * Exit 0 conformant (waived findings allowed), 1 at least one violation, 2 could not run or did not finish
 * (one-line cause; a run that did not finish writes reports that say INCOMPLETE).
 */
import { readFile, rm } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolkitError } from '../src/errors.ts';
import { apiNames, loadContract, projectRoot, type ApiName } from '../src/spec/index.ts';
import { printableText } from '../src/util/terminal.ts';
import { credentialsFromEnv, type Credentials } from './engine/credentials.ts';
import { assertReasonable, estimatePlan } from './engine/estimate.ts';
import type { Masker } from './engine/mask.ts';
import { parseCliArgs, USAGE, type ConformanceOptions } from './engine/options.ts';
import { prepareRun, type PreparedRun } from './engine/prepare.ts';
import { markIncomplete, type RunResult } from './engine/result.ts';
import { Session, sessionMasker } from './engine/session.ts';
import { renderConsole } from './reports/console.ts';
import { REPORT_FILES, writeReports, writeReportsSync } from './reports/write.ts';
import { ProgressReporter } from './vitest/progress-reporter.ts';

/** Next to this file, with its extension: .ts under tsx, .js when built. */
const SUITE = fileURLToPath(new URL(`./vitest/conformance.suite${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * Everything printed goes through the run's masker and the terminal sanitiser: a target's answer (or a stack
 * trace quoting it) can neither leak a secret nor drive the terminal.
 */
let outputMasker: Masker | undefined;
const guard = (text: string) => {
  let masked = text;
  try {
    masked = outputMasker ? outputMasker.text(text) : text;
  } catch {
    masked = '(output withheld: it could not be masked)';
  }
  return printableText(masked);
};
const out = (text: string) => process.stdout.write(`${guard(text)}\n`);
const err = (text: string) => process.stderr.write(`${guard(text)}\n`);

const reportFiles = (dir: string) => Object.values(REPORT_FILES).map((f) => path.join(path.resolve(dir), f));
const removeReports = (dir: string) => Promise.all(reportFiles(dir).map((f) => rm(f, { force: true })));

/** Reports for a run that ended early: every planned case, the judged ones with their findings, the rest "not run". */
function incompleteResult(session: Session, reporter: ProgressReporter, reasons: string[]): RunResult {
  for (const record of reporter.records) session.adopt(record);
  return session.finish(reasons);
}

/** Runs the suite file under vitest (one worker, no isolation, no typecheck) and reads back report.json. */
async function runInVitest(prepared: PreparedRun, options: ConformanceOptions, session: Session): Promise<{ result: RunResult; files: string[] }> {
  const reportDir = path.resolve(options.reportDir);
  const files = reportFiles(reportDir);
  const shown = files.map((f) => path.relative(process.cwd(), f) || f);
  const { startVitest } = await import('vitest/node');
  const reporter = new ProgressReporter(err);
  const settings = { ...prepared.settings, reportDir };
  const perTest = options.timeoutMs * 2 + (options.rate ? (options.concurrency * 1000) / options.rate : 0) + 10_000;

  // Ctrl-C or SIGTERM: write INCOMPLETE reports synchronously (vitest exits right after its own handler), exit 2.
  const onSignal = (signal: NodeJS.Signals) => {
    const reason = `interrupted by ${signal} after ${reporter.done} of ${reporter.total} tests`;
    let written = 'the reports could not be written';
    try {
      const result = incompleteResult(session, reporter, [reason]);
      writeReportsSync(result, reportDir, session.masker);
      written = `reports: ${shown.join(', ')}`;
      writeSync(1, `${guard(renderConsole(result, shown))}\n`);
    } catch {
      // the exit code and the line below still say the run did not finish
    }
    writeSync(2, `${guard(`conformance: ${reason}: the run is INCOMPLETE (never a pass); ${written}`)}\n`);
    process.exit(2);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
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
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  // The worker's report is the run's result, unless vitest saw the suite itself fail: then it says INCOMPLETE.
  const reasons: string[] = [];
  const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0]!.slice(0, 300);
  if (reporter.crashedTests > 0) reasons.push(`${reporter.crashedTests} test(s) failed inside vitest without a finding: ${firstLine(reporter.errors[0])}`);
  else if (reporter.errors.length > 0) reasons.push(`vitest reported an error: ${firstLine(reporter.errors[0])}`);
  let result: RunResult | undefined;
  try {
    result = JSON.parse(await readFile(files[1]!, 'utf8')) as RunResult;
  } catch {
    reasons.push(`the vitest run wrote no report${reporter.errors[0] ? ` (${firstLine(reporter.errors[0])})` : ''}`);
  }
  if (!result || reasons.length) {
    result = result ? markIncomplete(result, reasons) : incompleteResult(session, reporter, reasons);
    await writeReports(result, reportDir, session.masker);
  }
  return { result, files: shown };
}

/** Valid credentials the environment holds for any API: masked in everything printed, even before the run is set up. */
function environmentCredentials(): Partial<Record<ApiName, Credentials>> {
  return Object.fromEntries(apiNames.map((api) => [api, credentialsFromEnv(loadContract(api), process.env).credentials]).filter(([, c]) => c));
}

async function main(argv: string[]): Promise<number> {
  outputMasker = sessionMasker({ apis: [...apiNames], seed: 0 }, environmentCredentials());
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
    const estimate = estimatePlan(options);
    out(estimate.line);
    if (options.dryRun) {
      // Nothing is sent: a long plan is only pointed out.
      try {
        assertReasonable(options, estimate);
      } catch (error) {
        out(`Note: ${(error as Error).message} (a real run would refuse to start)`);
      }
      const { planConformance } = await import('./engine/run.ts');
      out(await planConformance(options));
      return 0;
    }
    assertReasonable(options, estimate);
    // From here on the run may not finish: an earlier run's reports must not stay behind looking current.
    await removeReports(options.reportDir);
    prepared = await prepareRun(options);
    const session = new Session(prepared.settings, prepared.credentials);
    outputMasker = session.masker;
    const { result, files } = await runInVitest(prepared, options, session);
    out(renderConsole(result, files));
    if (!result.complete) err(`conformance: the run did not finish (${result.incompleteReasons.join('; ')}): the reports say INCOMPLETE`);
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
