import { loadContract, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checkNames } from '../checks/registry.ts';
import type { GenerationSummary } from '../generate/types.ts';
import type { CheckCounts, CodeCoverage } from '../types.ts';
import { credentialFields } from './credentials.ts';
import type { Masker } from './mask.ts';
import { operationUrl } from './plan.ts';
import { caseOutcome, type ApiResult, type CaseSummary } from './result.ts';
import type { CaseResult, SessionSettings } from './session-types.ts';

export const emptyCounts = (): CheckCounts => ({ passed: 0, failure: 0, warning: 0, info: 0, skipped: 0, waived: 0, error: 0 });

export const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** One API's line of the run's result: scores per check, where and how it was reached, what generation did. */
export function apiResult(input: {
  api: ApiName;
  settings: SessionSettings;
  /** The run's cases of every API, planned then generated. */
  records: readonly CaseResult[];
  hasCredentials: boolean;
  generation?: GenerationSummary;
  /** Error-code coverage over the run's exchanges; a throw is reported as `incomplete`, not as a verdict. */
  coverage: () => CodeCoverage | undefined;
  incomplete: string[];
  masker: Masker;
}): ApiResult {
  const { api, settings, generation } = input;
  const contract = loadContract(api);
  const own = input.records.filter((r) => r.case.api === api);
  const scores = Object.fromEntries(checkNames.map((n) => [n, emptyCounts()])) as Record<CheckName, CheckCounts>;
  for (const r of own) {
    for (const n of r.passed) scores[n].passed++;
    for (const f of r.findings) scores[f.check][f.severity]++;
  }
  let coverage: CodeCoverage | undefined;
  try {
    coverage = input.coverage();
  } catch (error) {
    input.incomplete.push(`error_code_coverage (${api}) could not be computed: ${input.masker.cut(describeError(error), 200)}`);
  }
  if (coverage) scores.error_code_coverage.passed++;
  const needsCredentials = credentialFields(contract).length > 0;
  return {
    api,
    operation: `${contract.method} ${settings.embedded ? `(embedded mock)${contract.path}` : operationUrl(settings.targets[api]!, contract)}`,
    target: settings.embedded ? 'embedded mock' : settings.targets[api]!,
    credentials: !needsCredentials ? 'not needed' : input.hasCredentials ? (settings.embedded ? 'embedded' : 'environment') : 'none',
    // Generated requests count once, whether kept as a case or not.
    requests: own.filter((r) => r.sent && !r.case.generated).length + (generation?.sent ?? 0),
    scores,
    coverage,
    ...(generation ? { generated: generation } : {}),
  };
}

/** A case as the reports list it (its title masked: generated titles may quote personal data). */
export function caseSummary(r: CaseResult, judged: boolean, masker: Masker): CaseSummary {
  return {
    id: r.case.id,
    api: r.case.api,
    purpose: r.case.generated ? 'generated' : r.case.purpose,
    title: masker.text(r.case.title),
    field: r.case.field,
    checks: r.case.checks,
    passed: r.passed,
    outcome: judged ? caseOutcome(r) : 'not run',
    sent: r.sent,
    httpStatus: r.httpStatus,
    durationMs: r.durationMs,
  };
}
