import { ToolkitError } from '../../src/errors.ts';
import type { ApiName } from '../../src/spec/index.ts';
import { renderPlan } from './dry-run.ts';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { REPORT_FILES, writeReports } from '../reports/write.ts';
import { allocateRunDir, pointLatest, removeIfEmpty } from '../reports/run-dir.ts';
import type { Credentials } from './credentials.ts';
import { runPool } from './http.ts';
import type { ConformanceOptions } from './options.ts';
import { prepareRun } from './prepare.ts';
import type { RunResult } from './result.ts';
import { Session } from './session.ts';
import type { CaseResult } from './session-types.ts';
import { runGeneration, type GenerationProgress } from '../generate/run.ts';
import { renderGeneratedPlan } from '../generate/dry-run.ts';

export interface RunHooks {
  /** Environment to read target credentials from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Valid credentials per API, overriding the environment. */
  credentials?: Partial<Record<ApiName, Credentials>>;
  /** Called after each request is judged (progress). */
  onCase?: (result: CaseResult, done: number, total: number) => void;
  /** Called while --generate runs (about once a second, and at each phase). */
  onGenerate?: (progress: GenerationProgress) => void;
}

/**
 * Runs the whole suite in-process (no vitest): prepare, send every planned request, judge, write the
 * three reports. Throws ToolkitError when the run cannot happen (the CLI's exit 2). The CLI runs the same
 * Session inside vitest; tests use this for speed.
 */
export async function runConformance(given: ConformanceOptions, hooks: RunHooks = {}): Promise<{ result: RunResult; files: string[] }> {
  if (given.dryRun) throw new ToolkitError('DRY_RUN', 'runConformance sends requests; use planConformance for a dry run');
  // Without --report-dir each run gets its own directory, and reports/latest points at it once its reports are written.
  const root = given.reportPerRun ? given.reportDir : undefined;
  const options = root ? { ...given, reportDir: allocateRunDir(root) } : given;
  let prepared: Awaited<ReturnType<typeof prepareRun>>;
  try {
    prepared = await prepareRun(options, hooks);
  } catch (error) {
    if (root) removeIfEmpty(options.reportDir);
    throw error;
  }
  try {
    // A run that does not finish must not leave an earlier run's passing reports behind.
    await Promise.all(Object.values(REPORT_FILES).map((f) => rm(path.join(options.reportDir, f), { force: true })));
    const session = new Session(prepared.settings, prepared.credentials, prepared.connection);
    let done = 0;
    for (const api of prepared.settings.apis) {
      const cases = session.plan.filter((c) => c.api === api);
      await runPool(cases, options.concurrency, async (c) => {
        const r = await session.execute(c);
        hooks.onCase?.(r, ++done, session.plan.length);
      });
      // Generated requests come after the API's fixed ones, never alongside them (--concurrency holds for both).
      if (prepared.settings.generate) await runGeneration(session, api, hooks.onGenerate);
    }
    const result = session.finish();
    const files = await writeReports(result, options.reportDir, session.masker);
    if (root) pointLatest(root, options.reportDir);
    return { result, files };
  } finally {
    await prepared.close();
  }
}

/** The dry run: the planned requests as text (secrets masked); nothing is sent and no mock is started. */
export async function planConformance(options: ConformanceOptions, hooks: Pick<RunHooks, 'env' | 'credentials'> = {}): Promise<string> {
  const prepared = await prepareRun({ ...options, dryRun: true }, hooks);
  try {
    const session = new Session(prepared.settings, prepared.credentials, prepared.connection);
    const text = renderPlan(session) + (prepared.settings.generate ? renderGeneratedPlan(session) : '');
    session.finish();
    return text;
  } finally {
    await prepared.close();
  }
}
