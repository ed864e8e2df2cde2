import { loadContract, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checks } from '../checks/registry.ts';
import type { CheckContext } from '../checks/types.ts';
import type { CodeCoverage, Exchange, PlannedCase, Severity, Verdict } from '../types.ts';
import type { GenerationSummary } from '../generate/types.ts';
import { apiResult, caseSummary, describeError } from './api-results.ts';
import type { RunConnection } from './connection.ts';
import { credentialFields, madeUpCredential, type Credentials } from './credentials.ts';
import { maskExchange, retained } from './exchange-retention.ts';
import { errorFinding, toFinding } from './findings.ts';
import { gradeVerdicts, type GradingRules } from './grading.ts';
import { headersFor } from './headers.ts';
import { createRateLimiter, createSender, type Sender } from './http.ts';
import type { Masker } from './mask.ts';
import { buildPlan, credentialsHint } from './plan.ts';
import { summarize, type RunResult } from './result.ts';
import { sessionMasker } from './session-masker.ts';
import { curlTls, type CaseRecord, type CaseResult, type GradedGroup, type Probe, type SessionSettings } from './session-types.ts';
import { TargetWatch } from './target-watch.ts';
import { WaiverBook } from './waivers.ts';


/** After this many requests in a row without an answer, the rest of that API's requests are not sent (the run must end). */
export const BREAKER_THRESHOLD = 5;

/** One run: the plan, the sender, the findings; used by the vitest suite and by runConformance alike. */
export class Session {
  readonly plan: PlannedCase[];
  readonly masker: Masker;
  private sender?: Sender;
  private readonly waitTurn: () => Promise<void>;
  private readonly book: WaiverBook;
  private readonly rules: GradingRules;
  private readonly results = new Map<string, CaseResult>();
  /** Generated requests the generator kept (counterexamples, representatives), in the order kept. */
  private readonly generated: CaseResult[] = [];
  private readonly generation = new Map<ApiName, GenerationSummary>();
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
    // Replaying one generated request sends that request only.
    this.plan = settings.generate?.replay ? [] : buildPlan({ apis: settings.apis, targets: settings.targets, seed: settings.seed, only: settings.only, credentials, headers: connection.headers });
    for (const c of this.plan) this.masker.learnBody(c.request.body);
    this.waitTurn = createRateLimiter(settings.rate);
    this.book = new WaiverBook(settings.waivers, this.startedAt.toISOString().slice(0, 10));
    this.rules = { strict: settings.strict, book: this.book, masker: this.masker };
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
    const sent = await this.send(c);
    if (sent.raw) {
      this.attach(result, sent.raw);
      this.watch.observe(result.exchange!);
    }
    const verdicts = sent.raw ? this.evaluate(c, result) : this.notSent(c, sent.reason);
    this.record(c, result, gradeVerdicts(c, verdicts, this.rules));
    if (result.exchange) result.exchange = retained(result.exchange);
    if (result.exchange?.response) await this.watch.afterCase(c, result.exchange, result.findings, () => this.senderOf());
  }

  /**
   * Sends a case once (rate limit, breaker); the raw exchange, or why it was not sent (undefined: nothing to learn).
   * A generated request answered by a reset does not count towards the breaker: resets are quick, and a server that
   * drops the connection on some inputs is what generation looks for, not a target that stopped answering.
   */
  private async send(c: PlannedCase, generated = false): Promise<{ raw?: Exchange; reason?: string }> {
    if (!c.send) return {};
    const streak = this.silentStreak.get(c.api) ?? 0;
    if (streak >= BREAKER_THRESHOLD) return { reason: `not sent: the last ${streak} requests to ${c.api} got no answer (target stopped answering)` };
    await this.waitTurn();
    const raw = await this.senderOf().send(c);
    if (!(generated && raw.transport?.kind === 'reset')) this.silentStreak.set(c.api, raw.response ? 0 : (this.silentStreak.get(c.api) ?? 0) + 1);
    return { raw };
  }

  private attach(result: CaseResult, raw: Exchange): void {
    const exchange = maskExchange(this.masker, raw);
    Object.assign(result, { exchange, sent: true, httpStatus: exchange.response?.status, durationMs: exchange.durationMs });
  }

  /** The skipped verdicts of a case that was not sent (its own skip reasons, or the breaker's). */
  private notSent(c: PlannedCase, reason: string | undefined): Array<[CheckName, Verdict]> {
    if (reason === undefined) return c.checks.filter((name) => c.skip[name]).map((name) => [name, { outcome: 'skipped', summary: c.skip[name] }]);
    return c.checks.map((name) => [name, { outcome: 'skipped', field: c.field, summary: reason }]);
  }

  /** Every check of the case on its exchange; a check that throws becomes an error finding, not a verdict. */
  private evaluate(c: PlannedCase, result: CaseResult): Array<[CheckName, Verdict]> {
    const verdicts: Array<[CheckName, Verdict]> = [];
    const exchange = result.exchange!;
    const ctx = this.context(c.api);
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
    return verdicts;
  }

  /**
   * A generated request (conformance/generate): sent once and judged like a planned case, with grades, --strict
   * and waivers applied, but nothing recorded and nothing masked: the generator keeps only what it reports (`keep`).
   */
  async probe(c: PlannedCase): Promise<Probe> {
    const sent = await this.send(c, true);
    const scratch: CaseResult = { case: c, caseId: c.id, findings: [], passed: [], sent: false };
    // Judged unmasked: nothing of a probe is written, and masking a large echoing answer costs more than judging it.
    // What generation keeps is masked and judged again (keep).
    if (sent.raw) Object.assign(scratch, { exchange: sent.raw, sent: true });
    const verdicts = sent.raw ? this.evaluate(c, scratch) : this.notSent(c, sent.reason);
    const graded = gradeVerdicts(c, verdicts, this.rules).map((g) => ({ check: g.check, severity: g.severity, verdicts: g.verdicts }));
    return { raw: sent.raw, notSent: sent.reason, graded, errors: scratch.findings.map((f) => f.summary) };
  }

  /**
   * Records a probed generated request as a case of the run: its x-secret values are learnt first (generated
   * personal data is masked like the plan's), then its exchange is masked and judged again into findings.
   */
  keep(c: PlannedCase, probe: Probe): CaseResult {
    this.masker.learnBody(c.request.body);
    const result: CaseResult = { case: c, caseId: c.id, findings: [], passed: [], sent: false };
    if (probe.raw) this.attach(result, probe.raw);
    const verdicts = probe.raw ? this.evaluate(c, result) : this.notSent(c, probe.notSent);
    this.record(c, result, gradeVerdicts(c, verdicts, this.rules));
    if (result.exchange) result.exchange = retained(result.exchange);
    this.generated.push(result);
    return result;
  }

  /** Field values generation must not vary: the target's credentials, else the run's made-up ones (no one's secret). */
  fixedFields(api: ApiName): Record<string, string> {
    const contract = loadContract(api);
    return Object.fromEntries(credentialFields(contract).map((f) => [f, this.credentials[api]?.[f] ?? madeUpCredential(contract, this.settings.seed, f)]));
  }

  /** The --header headers of an API, as its planned requests carry them (the curl lines read their values from variables). */
  requestHeaders(api: ApiName): Record<string, string> {
    return headersFor(this.connection.headers, api);
  }

  /** The generated requests kept for an API so far (the vitest suite reports their findings with the generation test). */
  generatedCases(api: ApiName): CaseResult[] {
    return this.generated.filter((r) => r.case.api === api);
  }

  /** What generation did for an API (conformance/generate), shown with that API's results. */
  addGeneration(summary: GenerationSummary): void {
    this.generation.set(summary.api, summary);
  }

  /** Graded verdicts → findings: one per check, severity and waiver on this exchange, however many verdicts it gave. */
  private record(c: PlannedCase, result: CaseResult, graded: readonly GradedGroup[]): void {
    const groups: GradedGroup[] = [];
    for (const g of graded) {
      if (g.severity !== 'passed') groups.push(g);
      else if (!result.passed.includes(g.check)) result.passed.push(g.check);
    }
    for (const g of groups) {
      try {
        result.findings.push(
          toFinding({
            check: g.check,
            verdicts: g.verdicts,
            severity: g.severity as Severity,
            planned: c,
            exchange: result.exchange,
            masker: this.masker,
            replay: { seed: this.settings.seed, api: c.api, target: this.settings.embedded ? undefined : this.settings.targets[c.api], strict: this.settings.strict, tls: curlTls(this.settings), generated: c.generated?.replay },
            waiver: g.waiver ? { reason: g.waiver.reason, field: g.waiver.field } : undefined,
            promoted: g.promoted,
          }),
        );
      } catch (error) {
        result.findings.push(errorFinding({ check: g.check, planned: c, summary: `the ${g.severity} of ${g.check} could not be recorded: ${describeError(error)}`, masker: this.masker, seed: this.settings.seed }));
      }
    }
  }

  /** A case judged elsewhere (the vitest worker, seen from the CLI): counted as if executed here. */
  adopt(record: CaseRecord): void {
    const c = this.plan.find((p) => p.id === record.caseId);
    if (c && !this.results.has(c.id)) this.results.set(c.id, { ...record, case: c });
  }

  /** The run-level check of one API (error-code coverage), over the exchanges seen so far. */
  coverage(api: ApiName): CodeCoverage | undefined {
    if (this.settings.only && !this.settings.only.includes('error_code_coverage')) return undefined;
    // A replay sends one generated request: coverage would say nothing true.
    if (this.settings.generate?.replay) return undefined;
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
    const planned = this.plan.map((c): CaseResult => {
      const r = this.results.get(c.id);
      if (r) return r;
      const summary = `not run: ${reasons[0] ?? 'the run ended before this case was judged'}`;
      return { case: c, caseId: c.id, passed: [], sent: false, findings: [errorFinding({ check: c.checks[0] ?? 'error_code_coverage', planned: c, summary, masker: this.masker, seed: this.settings.seed })] };
    });
    // Generated requests the generator kept come after the plan, as cases of their own.
    const records = [...planned, ...this.generated];
    const judged = (r: CaseResult) => this.results.has(r.caseId) || r.case.generated !== undefined;
    const notRun = records.filter((r) => !judged(r)).length;
    const errors = records.filter((r) => judged(r) && r.findings.some((f) => f.severity === 'error')).length;
    if (errors) incomplete.push(`${errors} case(s) could not be judged (internal error; see the errors)`);
    if (notRun) incomplete.push(`${notRun} planned case(s) never ran`);
    for (const api of this.settings.apis) {
      const generation = this.generation.get(api);
      if (generation?.incomplete) incomplete.push(`generation (${api}) did not finish: ${generation.incomplete}`);
      else if (this.settings.generate && !generation) incomplete.push(`generation (${api}) reported no result`);
    }
    const perApi = this.settings.apis.map((api) =>
      apiResult({ api, settings: this.settings, records, hasCredentials: Boolean(this.credentials[api]), generation: this.generation.get(api), coverage: () => this.coverage(api), incomplete, masker: this.masker }),
    );
    return summarize({
      settings: this.settings,
      startedAt: this.startedAt,
      durationMs: Math.round(performance.now() - this.started),
      apis: perApi,
      findings: records.flatMap((r) => r.findings),
      cases: records.map((r) => caseSummary(r, judged(r), this.masker)),
      unusedWaivers: this.book.unused(),
      expiredWaivers: this.book.expired(),
      targetHints,
      masker: this.masker,
      incomplete,
    });
  }
}
