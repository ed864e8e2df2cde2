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
import { proxyFromEnv } from './engine/connection.ts';
import { targetCredentialsFromEnv, type Credentials } from './engine/credentials.ts';
import { assertReasonable, estimatePlan } from './engine/estimate.ts';
import type { Masker } from './engine/mask.ts';
import { parseCliArgs, USAGE, type ConformanceOptions } from './engine/options.ts';
import { prepareRun, type PreparedRun } from './engine/prepare.ts';
import { markIncomplete, type RunResult } from './engine/result.ts';
import { sessionMasker } from './engine/session-masker.ts';
import { Session } from './engine/session.ts';
import { renderConsole } from './reports/console.ts';
import { REPORT_FILES, writeReports, writeReportsSync } from './reports/write.ts';
import { allocateRunDir, pointLatest, removeIfEmpty } from './reports/run-dir.ts';
import { targetsOf } from './engine/targets.ts';
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

/** Without --report-dir: the reports folder whose `latest` link follows each run (pointed once its reports exist). */
let latestRoot: string | undefined;
const linkLatest = (dir: string) => {
  const problem = latestRoot ? pointLatest(latestRoot, dir) : undefined;
  if (problem) err(`conformance: ${problem}`);
};

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
    const reason = `interrupted by ${signal} after ${reporter.done} of ${reporter.total} tests${reporter.generation ? ` (${reporter.generation})` : ''}`;
    let written = 'the reports could not be written';
    try {
      const result = incompleteResult(session, reporter, [reason]);
      writeReportsSync(result, reportDir, session.masker);
      linkLatest(reportDir);
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
        env: {
          CONFORMANCE_RUN: JSON.stringify(settings),
          CONFORMANCE_CREDENTIALS: JSON.stringify(prepared.credentials),
          CONFORMANCE_CONNECTION: JSON.stringify(prepared.connection),
        },
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
  linkLatest(reportDir);
  return { result, files: shown };
}

/** Valid credentials the environment holds for any API: masked in everything printed, even before the run is set up. */
function environmentCredentials(): Partial<Record<ApiName, Credentials>> {
  return Object.fromEntries(apiNames.map((api) => [api, targetCredentialsFromEnv(loadContract(api), process.env).credentials]).filter(([, c]) => c));
}

/** Proxies of the environment, for masking from the first line on (a malformed one is reported when the run needs it). */
function environmentProxy() {
  try {
    return proxyFromEnv(process.env);
  } catch {
    return undefined;
  }
}

/** "lingju → https://a, weidu → https://b", "https://a" (one for all), or "embedded mock". */
function describeTargets(options: ConformanceOptions): string {
  const targets = targetsOf(options);
  if (!targets) return 'embedded mock';
  const distinct = new Set(Object.values(targets));
  return distinct.size === 1 ? [...distinct][0]! : options.apis.map((api) => `${api} → ${targets[api]}`).join(', ');
}

async function main(argv: string[]): Promise<number> {
  outputMasker = sessionMasker({ apis: [...apiNames], seed: 0 }, environmentCredentials(), { proxy: environmentProxy() });
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
  // Header values are secrets from here on, in everything printed.
  outputMasker = sessionMasker({ apis: [...apiNames], seed: 0 }, environmentCredentials(), { proxy: environmentProxy(), headers: options.headers });
  out(`Seed: ${options.seed}   (replay with --seed ${options.seed})`);
  out(`APIs: ${options.apis.join(', ')}   target: ${describeTargets(options)}${options.dryRun ? '   (dry run)' : ''}`);
  if (options.insecure) err('WARNING: --insecure: TLS certificates are NOT verified; every report of this run says so. Prefer --ca FILE for a private CA.');
  let prepared: PreparedRun | undefined;
  let runDir: string | undefined;
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
    if (options.reportPerRun) {
      // A directory per run: a second run never overwrites the first; `latest` follows once the reports exist.
      latestRoot = options.reportDir;
      runDir = allocateRunDir(options.reportDir);
      options = { ...options, reportDir: runDir };
    }
    // From here on the run may not finish: an earlier run's reports must not stay behind looking current.
    await removeReports(options.reportDir);
    prepared = await prepareRun(options);
    const session = new Session(prepared.settings, prepared.credentials, prepared.connection);
    outputMasker = session.masker;
    for (const note of prepared.settings.notes ?? []) out(note);
    const { result, files } = await runInVitest(prepared, options, session);
    out(renderConsole(result, files));
    // A wrong target is one line naming the likely cause; any other reason, the run did not finish.
    if (result.targetHints?.length) err(`conformance: no verdict on the server: ${result.targetHints.join(' | ')}`);
    else if (!result.complete) err(`conformance: the run did not finish (${result.incompleteReasons.join('; ')}): the reports say INCOMPLETE`);
    return result.exitCode;
  } catch (error) {
    const message = error instanceof ToolkitError ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    // One line, whatever the cause's own formatting.
    err(`conformance: could not run: ${message.replace(/\s*\n\s*/g, ' ')}`);
    if (runDir) removeIfEmpty(runDir);
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
