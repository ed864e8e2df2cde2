/**
 * The vitest side of a CLI run: one test per planned request (run concurrently, --concurrency at a time),
 * one coverage test per API; reports are written when the file ends. The CLI passes the run through the
 * environment (CONFORMANCE_RUN: settings; CONFORMANCE_CREDENTIALS: valid credentials; CONFORMANCE_CONNECTION: header
 * values, proxies, the CA — the last two never written). Each test
 * also hands its masked outcome to the CLI (task meta), so a run that ends early still reports what it judged.
 */
import { afterAll, describe, test } from 'vitest';
import { Session } from '../engine/session.ts';
import type { SessionSettings } from '../engine/session-types.ts';
import { writeReports } from '../reports/write.ts';
import { progressLine } from '../generate/report.ts';
import { GENERATE_PROGRESS, generationTimeout, runGeneration } from '../generate/run.ts';
import './meta.ts';

const settings = JSON.parse(process.env.CONFORMANCE_RUN ?? 'null') as SessionSettings | null;
if (!settings?.reportDir) throw new Error('conformance.suite.ts is run by conformance/cli.ts (CONFORMANCE_RUN is not set)');
const session = new Session(settings, JSON.parse(process.env.CONFORMANCE_CREDENTIALS ?? '{}'), JSON.parse(process.env.CONFORMANCE_CONNECTION ?? '{}'));

for (const api of settings.apis) {
  describe(api, () => {
    for (const c of session.plan.filter((x) => x.api === api)) {
      test.concurrent(`${c.purpose} · ${session.masker.text(c.title)}`, async ({ task, skip }) => {
        const { caseId, findings, passed, sent, httpStatus, durationMs } = await session.execute(c);
        task.meta.conformance = { caseId, findings, passed, sent, httpStatus, durationMs };
        // Findings' messages start with "[check]": the CLI tells them from crashes of the suite itself.
        const failures = findings.filter((f) => f.severity === 'failure' || f.severity === 'error');
        if (failures.length) throw new Error(failures.map((f) => f.message).join('\n\n'));
        if (!passed.length && findings.every((f) => f.severity === 'skipped')) skip(findings[0]?.summary ?? 'not sent');
      });
    }
    // Generated requests come after this API's fixed ones (vitest runs a plain test after the concurrent group).
    if (settings.generate) {
      test(`generated · ${settings.generate.replay ? `replay ${settings.generate.replay}` : 'requests from the spec\'s schemas (fast-check)'}`, async ({ task, annotate }) => {
        await runGeneration(session, api, (p) => void annotate(progressLine(p), GENERATE_PROGRESS).catch(() => {}));
        const findings = session.generatedCases(api).flatMap((r) => r.findings);
        task.meta.conformance = { caseId: `${api}/generated`, findings, passed: [], sent: true };
        const failures = findings.filter((f) => f.severity === 'failure' || f.severity === 'error');
        if (failures.length) throw new Error(failures.map((f) => f.message).join('\n\n'));
      }, generationTimeout(settings));
    }
    if (!settings.only || settings.only.includes('error_code_coverage')) {
      test('error_code_coverage (reported, not failed)', () => {
        session.coverage(api);
      });
    }
  });
}

afterAll(async () => {
  const result = session.finish();
  await writeReports(result, settings.reportDir!, session.masker);
});
