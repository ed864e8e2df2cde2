import { gradeOf, loadContract, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checkNames, checks } from '../checks/registry.ts';
import type { CheckContext } from '../checks/types.ts';
import type { CheckCounts, CodeCoverage, Exchange, Finding, PlannedCase, Severity, Verdict } from '../types.ts';
import { credentialFields, type Credentials } from './credentials.ts';
import type { Baseline } from './baseline.ts';
import type { RunConnection } from './connection.ts';
import { errorFinding, toFinding } from './findings.ts';
import { createRateLimiter, createSender, MAX_BODY_BYTES, type Sender } from './http.ts';
import type { Masker } from './mask.ts';
import { buildPlan, credentialsHint, operationUrl } from './plan.ts';
import { TargetWatch } from './target-watch.ts';
import { WaiverBook, type Waiver } from './waivers.ts';
import { caseOutcome, summarize, type RunResult } from './result.ts';
import { sessionMasker } from './session-masker.ts';

export { sessionMasker } from './session-masker.ts';

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

  // — Reaching staging and comparing runs (issue 11); the secrets travel in RunConnection —
  /** --insecure: TLS certificates were not verified (every report warns). */
  insecure?: boolean;
  /** The --ca file's name (its PEM travels with the connection). */
  caFile?: string;
  /** Per API, the proxy its requests go through, as printed (credentials masked). */
  proxies?: Partial<Record<ApiName, string>>;
  /** Names of the --header headers, per API or all (values are secrets). */
  headerNames?: string[];
  baseline?: Baseline;
  failOn?: 'any' | 'new';
  /** Lines about how the targets were reached ("Both APIs answer at …"), printed and reported. */
  notes?: string[];
}

/** After this many requests in a row without an answer, the rest of that API's requests are not sent (the run must end). */
export const BREAKER_THRESHOLD = 5;

/** What a judged case leaves behind, without the exchange: small, serialisable (the CLI ships it across threads). */
export interface CaseRecord {
  caseId: string;
  findings: Finding[];
  passed: CheckName[];
  sent: boolean;
  httpStatus?: number;
  durationMs?: number;
}

export interface CaseResult extends CaseRecord {
  case: PlannedCase;
  /** The masked exchange the checks judged (absent when nothing was sent, or adopted from a record). */
  exchange?: Exchange;
}

/** One run: the plan, the sender, the findings; used by the vitest suite and by runConformance alike. */
export class Session {
  readonly plan: PlannedCase[];
  readonly masker: Masker;
  private sender?: Sender;
  private readonly waitTurn: () => Promise<void>;
  private readonly book: WaiverBook;
  private readonly results = new Map<string, CaseResult>();
  private readonly silentStreak = new Map<ApiName, number>();
  private readonly watch: TargetWatch;
  private readonly startedAt = new Date();
  private readonly started = performance.now();

  constructor(
    readonly settings: SessionSettings,
    private readonly credentials: Partial<Record<ApiName, Credentials>>,
    private readonly connection: RunConnection = {},
  ) {
    this.masker = sessionMasker(settings, credentials, connection);
    this.plan = buildPlan({ apis: settings.apis, targets: settings.targets, seed: settings.seed, only: settings.only, credentials, headers: connection.headers });
    for (const c of this.plan) this.masker.learnBody(c.request.body);
    this.waitTurn = createRateLimiter(settings.rate);
    this.book = new WaiverBook(settings.waivers, this.startedAt.toISOString().slice(0, 10));
    this.watch = new TargetWatch(this.masker, settings);
  }

  context(api: ApiName): CheckContext {
    const needed = credentialFields(loadContract(api)).length > 0;
    return { contract: loadContract(api), masker: this.masker, credentialsKnown: !needed || Boolean(this.credentials[api]), credentialsHint: credentialsHint(api) };
  }

  /** The run's sender: through the proxies and TLS settings of the connection, except to the embedded mocks. */
  private senderOf(): Sender {
    const { embedded, timeoutMs, concurrency } = this.settings;
    this.sender ??= createSender({ timeoutMs, concurrency, extraHeaders: this.connection.headers, ...(embedded ? {} : { proxy: this.connection.proxy, tls: this.connection.tls }) });
    return this.sender;
  }

  /**
   * Send one planned request (unless it cannot teach anything) and judge it with its checks. Never throws:
   * whatever goes wrong while judging makes that case an `error` (the run is then incomplete, never a pass).
   */
  async execute(c: PlannedCase): Promise<CaseResult> {
    const result: CaseResult = { case: c, caseId: c.id, findings: [], passed: [], sent: false };
    try {
      await this.judge(c, result);
    } catch (error) {
      result.findings.push(errorFinding({ check: c.checks[0] ?? 'error_code_coverage', planned: c, summary: `could not judge this case: ${describeError(error)}`, masker: this.masker, seed: this.settings.seed }));
    }
    this.results.set(c.id, result);
    return result;
  }

  private async judge(c: PlannedCase, result: CaseResult): Promise<void> {
    const verdicts: Array<[CheckName, Verdict]> = [];
    const streak = this.silentStreak.get(c.api) ?? 0;
    if (!c.send) {
      for (const name of c.checks) if (c.skip[name]) verdicts.push([name, { outcome: 'skipped', summary: c.skip[name] }]);
    } else if (streak >= BREAKER_THRESHOLD) {
      const reason = `not sent: the last ${streak} requests to ${c.api} got no answer (target stopped answering)`;
      for (const name of c.checks) verdicts.push([name, { outcome: 'skipped', field: c.field, summary: reason }]);
    } else {
      await this.waitTurn();
      const exchange = this.maskExchange(await this.senderOf().send(c));
      Object.assign(result, { exchange, sent: true, httpStatus: exchange.response?.status, durationMs: exchange.durationMs });
      this.silentStreak.set(c.api, exchange.response ? 0 : (this.silentStreak.get(c.api) ?? 0) + 1);
      const ctx = this.context(c.api);
      this.watch.observe(exchange);
      for (const name of c.checks) {
        const check = checks[name];
        if (c.skip[name]) verdicts.push([name, { outcome: 'skipped', field: c.field, summary: c.skip[name] }]);
        else if (check.scope === 'exchange') {
          let judged: Verdict[];
          try {
            judged = check.evaluate(exchange, ctx);
          } catch (error) {
            // e.g. a hostile answer overflowing a validator: this check could not judge, which is not a verdict on the target.
            result.findings.push(errorFinding({ check: name, planned: c, summary: `${name} could not judge the answer: ${describeError(error)}`, masker: this.masker, seed: this.settings.seed }));
            continue;
          }
          for (const v of judged) verdicts.push([name, v]);
        }
      }
    }
    this.record(c, result, verdicts);
    if (result.exchange) result.exchange = retained(result.exchange);
    if (result.exchange?.response) await this.watch.afterCase(c, result.exchange, result.findings, () => this.senderOf());
  }

  /** Verdicts → findings: one per check, severity and waiver on this exchange, however many verdicts it gave. */
  private record(c: PlannedCase, result: CaseResult, verdicts: Array<[CheckName, Verdict]>): void {
    const groups = new Map<string, { check: CheckName; severity: Severity; waiver?: Waiver; promoted: boolean; verdicts: Verdict[] }>();
    for (const [check, verdict] of verdicts) {
      if (verdict.outcome === 'passed') {
        if (!result.passed.includes(check)) result.passed.push(check);
        continue;
      }
      let severity: Severity = verdict.outcome;
      // --strict: a warning resting on a decision becomes a failure (the grade comes from src/spec, as everywhere).
      const promoted = severity === 'warning' && Boolean(this.settings.strict) && verdict.basis !== undefined && gradeOf(verdict.basis, { strict: true }) === 'failure';
      if (promoted) severity = 'failure';
      const subject = { check, api: c.api, field: verdict.field, caseId: c.id, received: this.masker.text(verdict.received ?? '') };
      const waiver = severity === 'failure' || severity === 'warning' ? this.book.match(subject) : undefined;
      if (waiver) severity = 'waived';
      // Verdicts with another basis rest on another expectation: they are not merged.
      const key = `${check}|${severity}|${waiver?.index ?? ''}|${promoted}|${JSON.stringify(verdict.basis ?? null)}`;
      const group = groups.get(key) ?? { check, severity, waiver, promoted, verdicts: [] };
      group.verdicts.push(verdict);
      groups.set(key, group);
    }
    for (const g of groups.values()) {
      try {
        result.findings.push(
          toFinding({
            check: g.check,
            verdicts: g.verdicts,
            severity: g.severity,
            planned: c,
            exchange: result.exchange,
            masker: this.masker,
            replay: { seed: this.settings.seed, api: c.api, target: this.settings.embedded ? undefined : this.settings.targets[c.api], strict: this.settings.strict, tls: curlTls(this.settings) },
            waiver: g.waiver ? { reason: g.waiver.reason, field: g.waiver.field } : undefined,
            promoted: g.promoted,
          }),
        );
      } catch (error) {
        result.findings.push(errorFinding({ check: g.check, planned: c, summary: `the ${g.severity} of ${g.check} could not be recorded: ${describeError(error)}`, masker: this.masker, seed: this.settings.seed }));
      }
    }
  }

  /** The exchange as checks and reports see it: secrets masked in the body and headers, the body cut after masking. */
  private maskExchange(exchange: Exchange): Exchange {
    if (!exchange.response) return { ...exchange, transport: exchange.transport && { ...exchange.transport, message: this.masker.text(exchange.transport.message) } };
    const { response } = exchange;
    let body = this.masker.answer(response.body);
    if (body.length > MAX_BODY_BYTES) body = body.slice(0, MAX_BODY_BYTES);
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, this.masker.text(v)]));
    return { ...exchange, response: { ...response, headers, body } };
  }

  /** A case judged elsewhere (the vitest worker, seen from the CLI): counted as if executed here. */
  adopt(record: CaseRecord): void {
    const c = this.plan.find((p) => p.id === record.caseId);
    if (c && !this.results.has(c.id)) this.results.set(c.id, { ...record, case: c });
  }

  /** The run-level check of one API (error-code coverage), over the exchanges seen so far. */
  coverage(api: ApiName): CodeCoverage | undefined {
    if (this.settings.only && !this.settings.only.includes('error_code_coverage')) return undefined;
    const check = checks.error_code_coverage;
    if (check.scope !== 'run') return undefined;
    const judged = [...this.results.values()].filter((r) => r.case.api === api);
    // Records adopted from elsewhere carry no exchange: no coverage rather than a false "nothing observed".
    if (judged.some((r) => r.sent && !r.exchange)) return undefined;
    const exchanges = judged.filter((r) => r.exchange).map((r) => r.exchange!);
    return check.evaluate(exchanges, this.plan.filter((c) => c.api === api), this.context(api)).coverage;
  }

  /**
   * Close connections and summarise, in plan order: every planned case appears with an outcome (a case that
   * never ran is an error, `not run`), scores per API and check, findings, unused waivers, verdict.
   * `reasons`: why the run did not complete, as seen from outside (interrupted, a crashed worker).
   */
  finish(reasons: readonly string[] = []): RunResult {
    this.sender?.close();
    const incomplete = [...reasons];
    const targetHints = this.watch.hints();
    for (const hint of targetHints) incomplete.push(`wrong target, not a verdict on the server: ${hint}`);
    const records = this.plan.map((c): CaseResult => {
      const r = this.results.get(c.id);
      if (r) return r;
      const summary = `not run: ${reasons[0] ?? 'the run ended before this case was judged'}`;
      return { case: c, caseId: c.id, passed: [], sent: false, findings: [errorFinding({ check: c.checks[0] ?? 'error_code_coverage', planned: c, summary, masker: this.masker, seed: this.settings.seed })] };
    });
    const notRun = records.filter((r) => !this.results.has(r.caseId)).length;
    const errors = records.filter((r) => this.results.has(r.caseId) && r.findings.some((f) => f.severity === 'error')).length;
    if (errors) incomplete.push(`${errors} case(s) could not be judged (internal error; see the errors)`);
    if (notRun) incomplete.push(`${notRun} planned case(s) never ran`);
    const perApi = this.settings.apis.map((api) => {
      const contract = loadContract(api);
      const scores = Object.fromEntries(checkNames.map((n) => [n, emptyCounts()])) as Record<CheckName, CheckCounts>;
      for (const r of records.filter((x) => x.case.api === api)) {
        for (const n of r.passed) scores[n].passed++;
        for (const f of r.findings) scores[f.check][f.severity]++;
      }
      let coverage: CodeCoverage | undefined;
      try {
        coverage = this.coverage(api);
      } catch (error) {
        incomplete.push(`error_code_coverage (${api}) could not be computed: ${this.masker.cut(describeError(error), 200)}`);
      }
      if (coverage) scores.error_code_coverage.passed++;
      const fields = credentialFields(contract);
      return {
        api,
        operation: `${contract.method} ${this.settings.embedded ? `(embedded mock)${contract.path}` : operationUrl(this.settings.targets[api]!, contract)}`,
        target: this.settings.embedded ? 'embedded mock' : this.settings.targets[api]!,
        credentials: fields.length === 0 ? ('not needed' as const) : this.credentials[api] ? (this.settings.embedded ? ('embedded' as const) : ('environment' as const)) : ('none' as const),
        requests: records.filter((r) => r.case.api === api && r.sent).length,
        scores,
        coverage,
      };
    });
    return summarize({
      settings: this.settings,
      startedAt: this.startedAt,
      durationMs: Math.round(performance.now() - this.started),
      apis: perApi,
      findings: records.flatMap((r) => r.findings),
      cases: records.map((r) => ({
        id: r.case.id,
        api: r.case.api,
        purpose: r.case.purpose,
        title: this.masker.text(r.case.title),
        field: r.case.field,
        checks: r.case.checks,
        passed: r.passed,
        outcome: this.results.has(r.caseId) ? caseOutcome(r) : 'not run',
        sent: r.sent,
        httpStatus: r.httpStatus,
        durationMs: r.durationMs,
      })),
      unusedWaivers: this.book.unused(),
      expiredWaivers: this.book.expired(),
      targetHints,
      masker: this.masker,
      incomplete,
    });
  }
}

/** How curl lines verify the target's certificate: as the run did. */
export const curlTls = (settings: Pick<SessionSettings, 'caFile' | 'insecure'>) => ({ ...(settings.caFile ? { cacert: settings.caFile } : {}), ...(settings.insecure ? { insecure: true } : {}) });

/** Bodies kept after judging, for the run-level checks (coverage); a bigger one keeps only its envelope fields. */
const RETAINED_BODY = 64 * 1024;

/** The exchange as kept until the run ends: memory stays bounded however large the target's answers are. */
function retained(exchange: Exchange): Exchange {
  const response = exchange.response;
  if (!response || response.body.length <= RETAINED_BODY) return exchange;
  const { codeField, messageField } = loadContract(exchange.case.api).envelope;
  let body = '';
  try {
    const parsed = JSON.parse(response.body) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = JSON.stringify({ [codeField]: parsed[codeField], [messageField]: parsed[messageField] });
  } catch {
    // not JSON: nothing the run-level checks can read
  }
  return { ...exchange, response: { ...response, body } };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export const emptyCounts = (): CheckCounts => ({ passed: 0, failure: 0, warning: 0, info: 0, skipped: 0, waived: 0, error: 0 });
