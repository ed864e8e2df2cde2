import { ToolkitError } from '../../src/errors.ts';
import type { ApiName } from '../../src/spec/index.ts';
import { runPool } from '../engine/http.ts';
import { checksFor, operationUrl } from '../engine/plan.ts';
import type { CaseResult, Probe, SessionSettings } from '../engine/session-types.ts';
import type { GeneratedOrigin, PlannedCase } from '../types.ts';
import { apiGenerator, sampleRuns, valueAtPath, type ApiGenerator } from './generator.ts';
import { generatedCase, requestKey, type GeneratedRequest } from './request.ts';
import { compactPath, parseReplay } from './replay.ts';
import { rank, shrink, signatures, type Build, type Fault } from './shrink.ts';
import { GENERATE_PROGRESS, MAX_FAULT_KINDS, SHRINK_LIMITS, type GeneratedFault, type GenerationSummary } from './types.ts';

/** What generation needs from a run (conformance/engine/session.ts implements it): nothing else reaches in. */
export interface GenerationHost {
  readonly settings: SessionSettings;
  /** Sends a generated request once and grades it; records nothing. */
  probe(c: PlannedCase): Promise<Probe>;
  /** Records a probed request as a case of the run, with its findings. */
  keep(c: PlannedCase, probe: Probe): CaseResult;
  addGeneration(summary: GenerationSummary): void;
  /** Field values generation must not vary: the target's credentials (or the run's made-up ones). */
  fixedFields(api: ApiName): Record<string, string>;
  /** The run's --header headers for an API, as planned requests carry them. */
  requestHeaders(api: ApiName): Record<string, string>;
}

export interface GenerationProgress {
  api: ApiName;
  phase: 'generating' | 'shrinking' | 'done';
  /** Requests sent so far (shrinking included), and new generated ones of the count asked for. */
  sent: number;
  generated: number;
  count?: number;
  /** Distinct failures found so far. */
  failures: number;
  elapsedMs: number;
  /** Estimated time left in this phase (undefined when unknown). */
  leftMs?: number;
}


export { GENERATE_PROGRESS };

/** An upper bound on one API's generation, for the vitest test running it: every request slow, every shrink at its limit. */
export function generationTimeout(settings: Pick<SessionSettings, 'generate' | 'apis' | 'timeoutMs' | 'concurrency' | 'rate'>): number {
  const g = settings.generate ?? {};
  const perRequest = settings.timeoutMs + (settings.rate ? (1000 * settings.concurrency) / settings.rate : 0);
  const byCount = g.replay ? perRequest : g.count !== undefined ? (g.count * perRequest) / settings.concurrency : Infinity;
  const byTime = g.durationS !== undefined ? (g.durationS * 1000) / settings.apis.length + perRequest : Infinity;
  return Math.round(Math.min(byCount, byTime) + SHRINK_LIMITS.faults * (SHRINK_LIMITS.ms + perRequest) + 60_000);
}

const CHUNK = 32;
/** Draws per request asked for: a spec whose requests are few (an enum or two) runs out of new ones; stop, never spin. */
const DRAWS_PER_REQUEST = 50;
const PROGRESS_EVERY_MS = 1000;
/** Cases kept for internal errors (each makes the run incomplete); more are only counted. */
const MAX_ERROR_CASES = 3;
/** Request keys remembered so that no request is sent twice: the latest ones, so an hours-long --duration run stays bounded. */
export const MAX_REMEMBERED_REQUESTS = 100_000;
/** Distinct answers tallied by name; a server answering a new code each time adds to OTHER_ANSWERS instead. */
export const MAX_ANSWER_KINDS = 32;
export const OTHER_ANSWERS = 'other answers';

/** How a generated request was answered, for the summary's tally: the envelope's code, or what came instead. */
function answerOf(generator: ApiGenerator, probe: Probe): string {
  const raw = probe.raw!;
  if (!raw.response) return `no answer (${raw.transport?.kind ?? 'other'})`;
  if (raw.response.status >= 500) return `HTTP ${raw.response.status}`;
  let code: unknown;
  try {
    code = (JSON.parse(raw.response.body) as Record<string, unknown> | null)?.[generator.contract.envelope.codeField];
  } catch {
    // not JSON
  }
  return typeof code === 'number' && Number.isInteger(code) ? String(code) : 'not an envelope';
}

/**
 * Generative testing of one API: new requests from the spec's schemas (fast-check, the run's seed), sent once each
 * at --concurrency and --rate until the count or the time is used; each distinct failure then shrunk against the
 * target (fast-check's shrinking, every candidate sent once, bounded by SHRINK_LIMITS) and kept as a case with its
 * replay path. Warnings and information are kept as found, one case per kind.
 */
export async function runGeneration(host: GenerationHost, api: ApiName, onProgress?: (p: GenerationProgress) => void): Promise<GenerationSummary> {
  const { settings } = host;
  const requested = settings.generate ?? {};
  const started = performance.now();
  const summary: GenerationSummary = { api, requested, sent: 0, valid: 0, invalid: 0, shrinking: 0, duplicates: 0, unchecked: 0, elapsedMs: 0, stoppedBy: 'count', answers: {}, faults: [] };
  try {
    const generator = apiGenerator(api, host.fixedFields(api));
    const url = operationUrl(settings.targets[api] ?? 'http://embedded-mock', generator.contract);
    const headers = host.requestHeaders(api);
    const build = (value: GeneratedRequest, id: string, origin?: GeneratedOrigin) => generatedCase(generator.contract, value, { id, url, only: settings.only, origin, headers });
    const count = (probe: Probe) => {
      const named = answerOf(generator, probe);
      const answer = Object.hasOwn(summary.answers, named) || Object.keys(summary.answers).length < MAX_ANSWER_KINDS - 1 ? named : OTHER_ANSWERS;
      summary.answers[answer] = (summary.answers[answer] ?? 0) + 1;
    };
    if (requested.replay) {
      await replay(host, generator, requested.replay, summary, build, count);
    } else {
      const found = await explore(host, generator, summary, build, count, started, onProgress);
      await report(host, generator, found, summary, build, started, onProgress);
    }
  } catch (error) {
    // A ToolkitError is the user's to fix (a --replay path no run printed); anything else is ours.
    summary.incomplete = error instanceof ToolkitError ? error.message : `internal error while generating: ${error instanceof Error ? error.message : String(error)}`;
  }
  summary.elapsedMs = Math.round(performance.now() - started);
  host.addGeneration(summary);
  onProgress?.({ api, phase: 'done', sent: summary.sent, generated: summary.valid + summary.invalid, count: requested.count, failures: summary.faults.filter((f) => f.severity === 'failure').length, elapsedMs: summary.elapsedMs });
  return summary;
}

/** --replay: the one request at the path, sent once and kept whatever its verdict. */
async function replay(host: GenerationHost, generator: ApiGenerator, token: string, summary: GenerationSummary, build: Build, count: (p: Probe) => void): Promise<void> {
  const { api, path } = parseReplay(token);
  summary.stoppedBy = 'replay';
  if (api !== generator.api) return;
  const value = valueAtPath(generator, host.settings.seed, path);
  const c = build(value, `${api}/generated/replay`, { replay: token, shrinks: path.split(':').length - 1 });
  const probe = await host.probe(c);
  if (probe.notSent) throw new Error(probe.notSent);
  summary.sent = 1;
  summary[value.mutation ? 'invalid' : 'valid'] = 1;
  count(probe);
  const recorded = host.keep(c, probe);
  summary.faults = recorded.findings
    .filter((f) => f.severity === 'failure' || f.severity === 'warning' || f.severity === 'info')
    .map((f) => ({ check: f.check, severity: f.severity, summary: f.summary, field: f.field, seenIn: 1, caseId: c.id, replay: token }));
}

/** New requests until the count or the time is used (or the target stops answering): the kinds of findings met. */
async function explore(
  host: GenerationHost,
  generator: ApiGenerator,
  summary: GenerationSummary,
  build: Build,
  count: (p: Probe) => void,
  started: number,
  onProgress?: (p: GenerationProgress) => void,
): Promise<Fault[]> {
  const { settings } = host;
  const { api } = generator;
  const want = summary.requested.count;
  // --duration is shared equally by the APIs of the run.
  const durationMs = summary.requested.durationS !== undefined ? (summary.requested.durationS * 1000) / settings.apis.length : undefined;
  const faults = new Map<string, Fault>();
  /** Every failure signature seen, mapped to the fault it belongs to. */
  const memberOf = new Map<string, string>();
  const seen = new Map<string, string[]>();
  let errorsKept = 0;
  let lastProgress = 0;
  let drawn = 0;
  let stop: GenerationSummary['stoppedBy'] | undefined;
  if (!checksFor('generated', settings.only).length && !checksFor('negative', settings.only).length) return [];
  const generated = () => summary.valid + summary.invalid;
  // Failures and the rest are capped apart: twenty kinds of warning met first must never crowd out a failure
  // found later (it would go unreported, and the run would pass).
  const roomFor = (severity: string) => [...faults.values()].filter((f) => (f.severity === 'failure') === (severity === 'failure')).length < MAX_FAULT_KINDS;
  const done = () => {
    if (stop) return true;
    if (want !== undefined && generated() >= want) stop = 'count';
    else if (want !== undefined && drawn >= want * DRAWS_PER_REQUEST) stop = 'no new requests';
    else if (durationMs !== undefined && performance.now() - started >= durationMs) stop = 'duration';
    return stop !== undefined;
  };
  const progress = (force = false) => {
    const now = performance.now();
    if (!onProgress || (!force && now - lastProgress < PROGRESS_EVERY_MS)) return;
    lastProgress = now;
    const elapsedMs = now - started;
    const byCount = want !== undefined && generated() > 0 ? ((want - generated()) * elapsedMs) / generated() : undefined;
    const byTime = durationMs !== undefined ? durationMs - elapsedMs : undefined;
    const leftMs = [byCount, byTime].filter((x): x is number => x !== undefined).reduce<number | undefined>((a, b) => (a === undefined ? b : Math.min(a, b)), undefined);
    onProgress({ api, phase: 'generating', sent: summary.sent, generated: generated(), count: want, failures: [...faults.values()].filter((f) => f.severity === 'failure').length, elapsedMs, leftMs: leftMs === undefined ? undefined : Math.max(0, leftMs) });
  };
  const note = (sigs: string[]) => {
    for (const f of new Set(sigs.map((s) => memberOf.get(s) ?? s))) {
      const fault = faults.get(f);
      if (fault) fault.seenIn++;
    }
  };
  for (let from = 0; !done(); from += CHUNK) {
    const values = sampleRuns(generator, settings.seed, from, CHUNK);
    await runPool(values, settings.concurrency, async (value, i) => {
      if (done()) return;
      drawn++;
      const runIndex = from + i;
      const c = build(value, `${api}/generated/${runIndex}`);
      if (!c.checks.length) {
        summary.unchecked++;
        return;
      }
      const key = requestKey(c);
      const before = seen.get(key);
      if (before) {
        // The same bytes again: never sent twice; the earlier verdict stands.
        summary.duplicates++;
        note(before);
        return;
      }
      seen.set(key, []);
      if (seen.size > MAX_REMEMBERED_REQUESTS) seen.delete(seen.keys().next().value!);
      const kind = value.mutation ? 'invalid' : 'valid';
      summary[kind]++;
      summary.sent++;
      const probe = await host.probe(c);
      if (probe.notSent) {
        summary[kind]--;
        summary.sent--;
        stop = 'target stopped answering';
        return;
      }
      count(probe);
      if (probe.errors.length && errorsKept++ < MAX_ERROR_CASES) host.keep(build(value, `${api}/generated/${runIndex}-error`, { replay: `${api}:${runIndex}`, shrinks: 0 }), probe);
      const sigs = signatures(probe);
      seen.set(key, sigs.map((s) => s.signature));
      // One server fault often breaks several checks at once (HTTP 500: not JSON, not the envelope's type): the
      // failures of one answer are one fault, named by the most telling check, and shrunk once.
      const failures = sigs.filter((s) => s.group.severity === 'failure').sort((a, b) => rank(a.group.check) - rank(b.group.check));
      const others = sigs.filter((s) => s.group.severity !== 'failure');
      const knownFailure = failures.map((s) => memberOf.get(s.signature)).find((f) => f !== undefined);
      for (const { signature, group } of [...(knownFailure ? [] : failures.slice(0, 1)), ...others]) {
        const known = faults.get(memberOf.get(signature) ?? signature);
        if (known) known.seenIn++;
        else if (roomFor(group.severity)) {
          const v = group.verdicts[0]!;
          faults.set(signature, { signature, check: group.check, severity: group.severity as GeneratedFault['severity'], summary: v.summary ?? '', field: v.field, seenIn: 1, runIndex, value, probe, bytes: Buffer.byteLength(c.request.body) });
          memberOf.set(signature, signature);
        }
      }
      if (knownFailure) faults.get(knownFailure)!.seenIn++;
      const owner = knownFailure ?? failures[0]?.signature;
      if (owner && faults.has(owner)) for (const f of failures) if (!memberOf.has(f.signature)) memberOf.set(f.signature, owner);
      progress();
    });
  }
  summary.stoppedBy = stop ?? 'count';
  progress(true);
  // Failures first (in the order found), then warnings, then information.
  const order = ['failure', 'warning', 'info'];
  return [...faults.values()].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}

/** Shrinks the first failures, keeps one case per kind of finding, and fills the summary's list. */
async function report(host: GenerationHost, generator: ApiGenerator, found: Fault[], summary: GenerationSummary, build: Build, started: number, onProgress?: (p: GenerationProgress) => void): Promise<void> {
  const { api } = generator;
  const of = summary.valid + summary.invalid;
  let shrunk = 0;
  let kept = 0;
  for (const fault of found) {
    let result = { value: fault.value, probe: fault.probe, path: String(fault.runIndex), shrinks: 0 };
    if (fault.severity === 'failure' && shrunk++ < SHRINK_LIMITS.faults) {
      onProgress?.({ api, phase: 'shrinking', sent: summary.sent, generated: of, count: summary.requested.count, failures: found.filter((f) => f.severity === 'failure').length, elapsedMs: performance.now() - started, leftMs: SHRINK_LIMITS.ms });
      result = await shrink(host, generator, fault, summary, build);
    }
    const origin: GeneratedOrigin = { replay: `${api}:${compactPath(result.path)}`, shrinks: result.shrinks, seenIn: fault.seenIn, of, ...(result.shrinks ? { firstBytes: fault.bytes } : {}) };
    const c = build(result.value, `${api}/generated/${++kept}`, origin);
    const recorded = host.keep(c, result.probe);
    // The kept case's own finding (masked, its secrets learnt) describes the fault, not the unshrunk first request's.
    const finding = recorded.findings.find((f) => f.check === fault.check) ?? recorded.findings[0];
    summary.faults.push({ check: fault.check, severity: fault.severity, summary: finding?.summary ?? fault.check, field: finding?.field, seenIn: fault.seenIn, caseId: c.id, replay: origin.replay, shrinks: result.shrinks });
  }
}
