import type { ApiName, DecisionStatus } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { CheckCounts, CodeCoverage, Finding } from '../types.ts';
import { baselineKey, compareWithBaseline, type BaselineComparison } from './baseline.ts';
import type { Masker } from './mask.ts';
import type { SessionSettings } from './session-types.ts';
import type { ExpiredWaiver, Waiver } from './waivers.ts';
import type { GenerationSummary } from '../generate/types.ts';

export const TOOL = { name: 'envelope-contract-kit conformance', version: '0.1.0' };

/**
 * What became of a planned case: `failed` (a failure), `error` (a check could not judge it), `not run` (the run
 * ended first), `skipped` (nothing judged: not sent, or every check skipped), else `passed` (warnings and waived
 * findings allowed).
 */
export type CaseOutcome = 'passed' | 'failed' | 'skipped' | 'error' | 'not run';

export function caseOutcome(r: { findings: readonly Finding[]; passed: readonly CheckName[] }): CaseOutcome {
  if (r.findings.some((f) => f.severity === 'error')) return 'error';
  if (r.findings.some((f) => f.severity === 'failure')) return 'failed';
  if (r.passed.length === 0 && r.findings.every((f) => f.severity === 'skipped')) return 'skipped';
  return 'passed';
}

/** Every planned case, sent or not, with its outcome and the checks it passed (JUnit, report.json, report.html). */
export interface CaseSummary {
  id: string;
  api: ApiName;
  purpose: string;
  title: string;
  field?: string;
  checks: CheckName[];
  passed: CheckName[];
  outcome: CaseOutcome;
  sent: boolean;
  httpStatus?: number;
  durationMs?: number;
}

export interface ApiResult {
  api: ApiName;
  /** "POST http://127.0.0.1:9000/serverapi/userinfo.do". */
  operation: string;
  target: string;
  /** Where valid credentials came from. */
  credentials: 'environment' | 'embedded' | 'none' | 'not needed';
  requests: number;
  scores: Record<CheckName, CheckCounts>;
  coverage?: CodeCoverage;
  /** What --generate sent and found for this API. */
  generated?: GenerationSummary;
}

/** The whole outcome of a run: what report.json holds, and what every other report is rendered from. */
export interface RunResult {
  tool: typeof TOOL;
  seed: number;
  startedAt: string;
  durationMs: number;
  embedded: boolean;
  options: {
    apis: ApiName[];
    only?: CheckName[];
    concurrency: number;
    rate?: number;
    timeoutMs: number;
    waiversFile?: string;
    strict: boolean;
    /** TLS certificates were not verified (--insecure). */
    insecure?: boolean;
    caFile?: string;
    /** Per API, the proxy used (credentials masked). */
    proxies?: Partial<Record<ApiName, string>>;
    /** Names of the headers given with --header (values are secrets). */
    headers?: string[];
    baselineFile?: string;
    failOn?: 'any' | 'new';
  };
  /** What the reader must know before trusting the run (--insecure …), one sentence each, shown first everywhere. */
  warnings: string[];
  /** Lines about how the targets were reached ("Both APIs answer at …"). */
  notes: string[];
  /** Lines naming why the target, not the server, answered every request as it did (the run is then incomplete, exit 2). */
  targetHints: string[];
  /** Against --baseline: new, fixed, still failing. */
  baseline?: BaselineComparison;
  apis: ApiResult[];
  /** Failures first, then warnings, information, waived, skipped; plan order within each. */
  findings: Finding[];
  /** The decisions the run's warnings (with --strict: failures) rest on, with how many findings each: what to settle with the vendor. */
  decisionsReliedOn: DecisionReliedOn[];
  cases: CaseSummary[];
  unusedWaivers: Waiver[];
  /** Waivers past their expiry date: they no longer apply, and the findings they would cover count again. */
  expiredWaivers: ExpiredWaiver[];
  totals: CheckCounts;
  /** Check evaluations that ran (skipped ones excluded). */
  checksRun: number;
  requests: number;
  /** False when the run did not finish cleanly (interrupted, a case not judged or never run): never a pass. */
  complete: boolean;
  /** Why the run is incomplete, one sentence each (empty when complete). */
  incompleteReasons: string[];
  /** `known violations`: failures, none new against the baseline, with --fail-on new (exit 0). */
  verdict: 'conformant' | 'violations' | 'known violations' | 'incomplete';
  /** 0 conformant (or known violations with --fail-on new), 1 violations, 2 incomplete (the CLI's "could not run"). */
  exitCode: 0 | 1 | 2;
  /** Secret field names masked in this report (their values never appear). */
  maskedFields: string[];
}

export interface DecisionReliedOn {
  api: ApiName;
  id: string;
  /** A question for the vendor (`needs-vendor`) or a default we chose (`default`): what the reader does about it differs. */
  status: DecisionStatus;
  topic: string;
  quote: string;
  source: { document: string; line: number };
  findings: number;
  checks: CheckName[];
}

const SEVERITY_ORDER = ['error', 'failure', 'warning', 'info', 'waived', 'skipped'] as const;

/** Warnings, and failures promoted by --strict, grouped by the decision they rest on (in id order). */
export function decisionsReliedOn(findings: readonly Finding[]): DecisionReliedOn[] {
  const out = new Map<string, DecisionReliedOn>();
  for (const f of findings) {
    if (f.basis?.kind !== 'decision' || !(f.severity === 'warning' || f.promoted)) continue;
    const key = `${f.api}|${f.basis.decision}`;
    const entry = out.get(key) ?? { api: f.api, id: f.basis.decision, status: f.basis.status, topic: f.basis.topic, quote: f.basis.quote, source: { document: f.basis.source.document, line: f.basis.source.line }, findings: 0, checks: [] };
    entry.findings++;
    if (!entry.checks.includes(f.check)) entry.checks.push(f.check);
    out.set(key, entry);
  }
  return [...out.values()].sort((a, b) => a.api.localeCompare(b.api) || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export function summarize(input: {
  settings: SessionSettings;
  startedAt: Date;
  durationMs: number;
  apis: ApiResult[];
  findings: Finding[];
  cases: CaseSummary[];
  unusedWaivers: Waiver[];
  expiredWaivers?: ExpiredWaiver[];
  targetHints?: string[];
  masker: Masker;
  /** Why the run did not complete (empty: it did). */
  incomplete?: readonly string[];
}): RunResult {
  const totals: CheckCounts = { passed: 0, failure: 0, warning: 0, info: 0, skipped: 0, waived: 0, error: 0 };
  for (const api of input.apis) for (const counts of Object.values(api.scores)) for (const k of Object.keys(totals) as Array<keyof CheckCounts>) totals[k] += counts[k];
  const { settings } = input;
  let findings = [...input.findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  let baseline: BaselineComparison | undefined;
  if (settings.baseline) {
    // Checks that judged a case this time (passed, or a verdict other than skipped): only there can a failure be fixed.
    const judged = new Set<string>();
    for (const c of input.cases) if (c.outcome !== 'not run') for (const check of c.passed) judged.add(`${c.api}|${check}|${c.id}`);
    for (const f of findings) if (f.severity !== 'skipped' && f.severity !== 'error') judged.add(`${f.api}|${f.check}|${f.caseId}`);
    baseline = compareWithBaseline(settings.baseline, findings, judged, settings.seed);
    const known = new Set(settings.baseline.failing.map(baselineKey));
    findings = findings.map((f) => (f.severity === 'failure' ? { ...f, baseline: known.has(baselineKey(f)) ? ('still failing' as const) : ('new' as const) } : f));
  }
  const warnings: string[] = [];
  if (settings.insecure) warnings.push('--insecure: TLS certificates were NOT verified — anyone between this machine and the target could read and change the requests (credentials and header values included) and the answers; this run proves nothing about who answered');
  for (const note of baseline?.notes ?? []) warnings.push(`baseline: ${note}`);
  const newFailures = baseline ? baseline.new.length : totals.failure;
  return {
    tool: TOOL,
    seed: settings.seed,
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
    embedded: settings.embedded,
    options: {
      apis: settings.apis,
      only: settings.only,
      concurrency: settings.concurrency,
      rate: settings.rate,
      timeoutMs: settings.timeoutMs,
      waiversFile: settings.waiversFile,
      strict: Boolean(settings.strict),
      ...(settings.insecure ? { insecure: true } : {}),
      ...(settings.caFile ? { caFile: settings.caFile } : {}),
      ...(settings.proxies && Object.keys(settings.proxies).length ? { proxies: settings.proxies } : {}),
      ...(settings.headerNames?.length ? { headers: settings.headerNames } : {}),
      ...(settings.baseline ? { baselineFile: settings.baseline.file } : {}),
      ...(settings.failOn ? { failOn: settings.failOn } : {}),
    },
    warnings,
    notes: settings.notes ?? [],
    targetHints: input.targetHints ?? [],
    ...(baseline ? { baseline } : {}),
    apis: input.apis,
    findings,
    decisionsReliedOn: decisionsReliedOn(findings),
    cases: input.cases,
    unusedWaivers: input.unusedWaivers,
    expiredWaivers: input.expiredWaivers ?? [],
    totals,
    checksRun: totals.passed + totals.failure + totals.warning + totals.info + totals.waived,
    requests: input.apis.reduce((n, a) => n + a.requests, 0),
    ...verdictOf(totals, input.incomplete ?? [], settings.failOn === 'new' ? newFailures : undefined),
    maskedFields: input.masker.secretFields,
  };
}

/**
 * Complete and failure-free → conformant (0); complete with failures → violations (1), or with --fail-on new and
 * none of them new → known violations (0); anything else → incomplete (2).
 */
function verdictOf(totals: CheckCounts, reasons: readonly string[], newFailures?: number): Pick<RunResult, 'complete' | 'incompleteReasons' | 'verdict' | 'exitCode'> {
  const incompleteReasons = [...reasons];
  if (totals.error > 0 && incompleteReasons.length === 0) incompleteReasons.push(`${totals.error} check evaluation(s) ended in an error`);
  if (incompleteReasons.length) return { complete: false, incompleteReasons, verdict: 'incomplete', exitCode: 2 };
  if (totals.failure === 0) return { complete: true, incompleteReasons: [], verdict: 'conformant', exitCode: 0 };
  if (newFailures === 0) return { complete: true, incompleteReasons: [], verdict: 'known violations', exitCode: 0 };
  return { complete: true, incompleteReasons: [], verdict: 'violations', exitCode: 1 };
}

/** The same result, marked incomplete for reasons seen outside the session (a crashed worker, an interruption). */
export function markIncomplete(result: RunResult, reasons: readonly string[]): RunResult {
  if (!reasons.length) return result;
  return { ...result, complete: false, incompleteReasons: [...result.incompleteReasons, ...reasons], verdict: 'incomplete', exitCode: 2 };
}
