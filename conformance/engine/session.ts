import { gradeOf, loadContract, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checkNames, checks } from '../checks/registry.ts';
import type { CheckContext, ExchangeCheck } from '../checks/types.ts';
import type { CheckCounts, CodeCoverage, Exchange, Finding, Outcome, PlannedCase, Verdict } from '../types.ts';
import { credentialFields, type Credentials } from './credentials.ts';
import { toFinding } from './findings.ts';
import { createRateLimiter, createSender, type Sender } from './http.ts';
import { Masker } from './mask.ts';
import { buildPlan, credentialsHint, operationUrl } from './plan.ts';
import { WaiverBook, type Waiver } from './waivers.ts';
import { summarize, type RunResult } from './result.ts';

/** Everything a run needs once targets are up: serialisable except `credentials` (passed separately, never written). */
export interface SessionSettings {
  apis: ApiName[];
  /** Base URL per API. */
  targets: Partial<Record<ApiName, string>>;
  /** True when the targets are the embedded mocks started for this run. */
  embedded: boolean;
  seed: number;
  only?: CheckName[];
  concurrency: number;
  rate?: number;
  timeoutMs: number;
  waivers: Waiver[];
  waiversFile?: string;
  reportDir?: string;
  /** --strict: decision warnings are recorded as failures. */
  strict?: boolean;
}

/** After this many requests in a row without an answer, the rest of that API's requests are not sent (the run must end). */
export const BREAKER_THRESHOLD = 5;

export interface CaseResult {
  case: PlannedCase;
  exchange?: Exchange;
  findings: Finding[];
  passed: CheckName[];
}

/** One run: the plan, the sender, the findings; used by the vitest suite and by runConformance alike. */
export class Session {
  readonly plan: PlannedCase[];
  readonly masker: Masker;
  private readonly sender: Sender;
  private readonly waitTurn: () => Promise<void>;
  private readonly book: WaiverBook;
  private readonly results: CaseResult[] = [];
  private readonly silentStreak = new Map<ApiName, number>();
  private readonly startedAt = new Date();
  private readonly started = performance.now();

  constructor(
    readonly settings: SessionSettings,
    private readonly credentials: Partial<Record<ApiName, Credentials>>,
  ) {
    this.masker = new Masker(settings.apis);
    for (const creds of Object.values(credentials)) for (const value of Object.values(creds ?? {})) this.masker.addSecret(value);
    this.plan = buildPlan({ apis: settings.apis, targets: settings.targets, seed: settings.seed, only: settings.only, credentials });
    for (const c of this.plan) this.masker.learnBody(c.request.body);
    this.sender = createSender({ timeoutMs: settings.timeoutMs, concurrency: settings.concurrency });
    this.waitTurn = createRateLimiter(settings.rate);
    this.book = new WaiverBook(settings.waivers);
  }

  context(api: ApiName): CheckContext {
    const needed = credentialFields(loadContract(api)).length > 0;
    return { contract: loadContract(api), credentialsKnown: !needed || Boolean(this.credentials[api]), credentialsHint: credentialsHint(api) };
  }

  /** Send one planned request (unless it cannot teach anything) and judge it with its checks. */
  async execute(c: PlannedCase): Promise<CaseResult> {
    const verdicts: Array<[CheckName, Verdict]> = [];
    let exchange: Exchange | undefined;
    const streak = this.silentStreak.get(c.api) ?? 0;
    if (!c.send) {
      for (const name of c.checks) if (c.skip[name]) verdicts.push([name, { outcome: 'skipped', summary: c.skip[name] }]);
    } else if (streak >= BREAKER_THRESHOLD) {
      const reason = `not sent: the last ${streak} requests to ${c.api} got no answer (target stopped answering)`;
      for (const name of c.checks) verdicts.push([name, { outcome: 'skipped', field: c.field, summary: reason }]);
    } else {
      await this.waitTurn();
      exchange = await this.sender.send(c);
      this.silentStreak.set(c.api, exchange.response ? 0 : (this.silentStreak.get(c.api) ?? 0) + 1);
      const ctx = this.context(c.api);
      for (const name of c.checks) {
        const check = checks[name];
        if (c.skip[name]) verdicts.push([name, { outcome: 'skipped', field: c.field, summary: c.skip[name] }]);
        else if (check.scope === 'exchange') for (const v of evaluateSafely(check, exchange, ctx)) verdicts.push([name, v]);
      }
    }
    const result: CaseResult = { case: c, exchange, findings: [], passed: [] };
    for (const [name, verdict] of verdicts) {
      if (verdict.outcome === 'passed') result.passed.push(name);
      else result.findings.push(this.record(name, verdict, c, exchange));
    }
    this.results.push(result);
    return result;
  }

  private record(check: CheckName, verdict: Verdict, c: PlannedCase, exchange: Exchange | undefined): Finding {
    let severity: Exclude<Outcome, 'passed'> = verdict.outcome as Exclude<Outcome, 'passed'>;
    // --strict: a warning resting on a decision becomes a failure (the grade comes from src/spec, as everywhere).
    const promoted = severity === 'warning' && Boolean(this.settings.strict) && verdict.basis !== undefined && gradeOf(verdict.basis, { strict: true }) === 'failure';
    if (promoted) severity = 'failure';
    let waiver: Finding['waiver'];
    if (severity === 'failure' || severity === 'warning') {
      const match = this.book.match(check, c.api, verdict.field);
      if (match) {
        severity = 'waived';
        waiver = { reason: match.reason, field: match.field };
      }
    }
    return toFinding({
      check,
      verdict,
      severity,
      exchange,
      caseId: c.id,
      caseTitle: c.title,
      api: c.api,
      masker: this.masker,
      replay: { seed: this.settings.seed, api: c.api, target: this.settings.embedded ? undefined : this.settings.targets[c.api], strict: this.settings.strict },
      waiver,
      promoted,
    });
  }

  /** The run-level check of one API (error-code coverage), over the exchanges seen so far. */
  coverage(api: ApiName): CodeCoverage | undefined {
    if (this.settings.only && !this.settings.only.includes('error_code_coverage')) return undefined;
    const check = checks.error_code_coverage;
    if (check.scope !== 'run') return undefined;
    const exchanges = this.results.filter((r) => r.case.api === api && r.exchange).map((r) => r.exchange!);
    return check.evaluate(exchanges, this.plan.filter((c) => c.api === api), this.context(api)).coverage;
  }

  /** Results in plan order (they complete in any order), so reports are stable for a seed. */
  private ordered(): CaseResult[] {
    const index = new Map(this.plan.map((c, i) => [c.id, i]));
    return [...this.results].sort((a, b) => index.get(a.case.id)! - index.get(b.case.id)!);
  }

  /** Close connections and summarise: scores per API and check, findings, unused waivers, verdict. */
  finish(): RunResult {
    this.sender.close();
    const perApi = this.settings.apis.map((api) => {
      const contract = loadContract(api);
      const scores = Object.fromEntries(checkNames.map((n) => [n, emptyCounts()])) as Record<CheckName, CheckCounts>;
      for (const r of this.results.filter((x) => x.case.api === api)) {
        for (const n of r.passed) scores[n].passed++;
        for (const f of r.findings) scores[f.check][f.severity]++;
      }
      const coverage = this.coverage(api);
      if (coverage) scores.error_code_coverage.passed++;
      const fields = credentialFields(contract);
      return {
        api,
        operation: `${contract.method} ${this.settings.embedded ? `(embedded mock)${contract.path}` : operationUrl(this.settings.targets[api]!, contract)}`,
        target: this.settings.embedded ? 'embedded mock' : this.settings.targets[api]!,
        credentials: fields.length === 0 ? ('not needed' as const) : this.credentials[api] ? (this.settings.embedded ? ('embedded' as const) : ('environment' as const)) : ('none' as const),
        requests: this.results.filter((r) => r.case.api === api && r.exchange).length,
        scores,
        coverage,
      };
    });
    return summarize({
      settings: this.settings,
      startedAt: this.startedAt,
      durationMs: Math.round(performance.now() - this.started),
      apis: perApi,
      findings: this.ordered().flatMap((r) => r.findings),
      cases: this.ordered().map((r) => ({
        id: r.case.id,
        api: r.case.api,
        purpose: r.case.purpose,
        title: this.masker.text(r.case.title),
        field: r.case.field,
        checks: r.case.checks,
        passed: r.passed,
        sent: Boolean(r.exchange),
        httpStatus: r.exchange?.response?.status,
        durationMs: r.exchange?.durationMs,
      })),
      unusedWaivers: this.book.unused(),
      masker: this.masker,
    });
  }
}

/** A check that throws (e.g. a 10,000-deep JSON answer overflowing the validator) fails on that exchange; the run goes on. */
function evaluateSafely(check: ExchangeCheck, exchange: Exchange, ctx: CheckContext): Verdict[] {
  try {
    return check.evaluate(exchange, ctx);
  } catch (error) {
    const reason = `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`;
    return [{ outcome: 'failure', field: exchange.case.field, summary: 'the answer could not be evaluated', received: reason, documented: 'an answer the check can read (the documented envelope)' }];
  }
}

export const emptyCounts = (): CheckCounts => ({ passed: 0, failure: 0, warning: 0, info: 0, skipped: 0, waived: 0 });
