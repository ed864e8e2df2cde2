import { shellQuote } from '../../src/util/escape.ts';
import { invocation } from '../../src/cli/invocation.ts';
import { printableLine, printableText } from '../../src/util/terminal.ts';
import { describeBasis, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { Exchange, Finding, PlannedCase, PlannedRequest, RecordedResponse, Severity, Verdict } from '../types.ts';
import { buildCurl, type CurlTls } from './curl.ts';
import type { Masker } from './mask.ts';

/** Bounds on what one finding holds, whatever the target sends (characters after masking). */
export const FINDING_LIMITS = { responseBody: 2000, text: 2000, line: 300, field: 200, fields: 20, listed: 5 } as const;
/** Response headers worth showing in a report. */
const SHOWN_HEADERS = ['content-type', 'content-length', 'server', 'date', 'connection', 'transfer-encoding'];

/** How to replay a run: the same seed, API, target and check gives the same requests. */
export interface ReplayHint {
  seed: number;
  api: ApiName;
  /** Undefined for the embedded mock (its port changes on every run). */
  target?: string;
  strict?: boolean;
  /** --ca / --insecure: the curl line and the replay command verify the target the same way. */
  tls?: CurlTls;
  /** A generated request's replay token (`weidu:41:0:2`): replayed alone, exactly. */
  generated?: string;
}

export function replayCommand(hint: ReplayHint, check: CheckName): string {
  const target = hint.target ? ` --target ${hint.target}` : '';
  const tls = hint.tls?.insecure ? ' --insecure' : hint.tls?.cacert ? ` --ca ${shellQuote(hint.tls.cacert)}` : '';
  const what = hint.generated ? `--replay ${hint.generated}` : `--api ${hint.api}`;
  return `${invocation('npm run conformance', 'conformance').withOptions} ${what}${target}${tls} --seed ${hint.seed} --only ${check}${hint.strict ? ' --strict' : ''}`;
}

/** The Schemathesis-style text: what is wrong, Received vs Documented, then the curl line and the seed. */
export function formatMessage(f: Omit<Finding, 'message'>, replay: string): string {
  const lines = [`[${f.check}] ${f.api} · ${f.caseTitle}`, `  ${f.summary}`];
  if (f.field) lines.push(`  Field:      ${f.field}`);
  if (f.count && f.fields) lines.push(`  Fields:     ${f.fields.join(', ')}${f.count > f.fields.length ? ` … (${f.count.toLocaleString('en')} in all)` : ''}`);
  if (f.received) lines.push(`  Received:   ${f.received}`);
  if (f.documented) lines.push(`  Documented: ${f.documented}`);
  if (f.basis) lines.push(`  Basis:      ${describeBasis(f.basis)}${f.promoted ? ' — a failure because of --strict' : ''}`);
  if (f.waiver) lines.push(`  Waived:     ${f.waiver.reason}`);
  if (f.generated) lines.push(`  Generated:  ${describeOrigin(f.generated)}`);
  if (f.curl) {
    lines.push('  Reproduce with:', `    ${f.curl}`);
    for (const v of f.variables ?? []) lines.push(`    $${v.name}: ${v.about}`);
  }
  lines.push(`  Seed: ${f.seed} (replay: ${replay})`);
  return lines.join('\n');
}

/** "fast-check path weidu:41:0:2, shrunk in 2 steps from a 12,345-byte request; the same fault in 37 of 200 generated requests". */
export function describeOrigin(g: NonNullable<Finding['generated']>): string {
  const shrunk = g.shrinks ? `, shrunk in ${g.shrinks} step${g.shrinks > 1 ? 's' : ''}${g.firstBytes ? ` from a ${g.firstBytes.toLocaleString('en')}-byte request` : ''}` : ', not shrunk';
  const seen = g.seenIn !== undefined && g.of !== undefined ? `; the same fault in ${g.seenIn.toLocaleString('en')} of ${g.of.toLocaleString('en')} generated requests` : '';
  return `fast-check path ${g.replay}${shrunk}${seen}`;
}

/** Masked, cut, and safe to print on one line. */
const oneLine = (masker: Masker, text: string | undefined, max: number) => printableLine(masker.cut(text ?? '', max));

/**
 * One finding for one or more verdicts of the same check and severity on one exchange (a target with 20,000
 * undocumented keys gives one finding that names the first ones and counts all), masked before anything is cut,
 * bounded in size, with the curl line that replays the request (secrets as shell variables).
 * `exchange` is the masked exchange the checks judged.
 */
export function toFinding(args: {
  check: CheckName;
  verdicts: readonly Verdict[];
  severity: Severity;
  planned: PlannedCase;
  exchange?: Exchange;
  masker: Masker;
  replay: ReplayHint;
  waiver?: { reason: string; field?: string };
  promoted?: boolean;
}): Finding {
  const { masker, exchange, verdicts, planned } = args;
  const first = verdicts[0]!;
  const count = verdicts.length;
  const fields = count > 1 ? distinct(verdicts.map((v) => v.field).filter((f): f is string => Boolean(f))).slice(0, FINDING_LIMITS.fields).map((f) => oneLine(masker, f, FINDING_LIMITS.field)) : undefined;
  const request = exchange ? maskRequest(planned.request, masker) : undefined;
  const curl = exchange ? buildCurl(planned.request, masker, planned.api, args.replay.tls) : undefined;
  const response: RecordedResponse | undefined = exchange?.response
    ? {
        status: exchange.response.status,
        headers: Object.fromEntries(Object.entries(exchange.response.headers).filter(([k]) => SHOWN_HEADERS.includes(k)).map(([k, v]) => [k, oneLine(masker, v, FINDING_LIMITS.line)])),
        body: printableText(masker.cut(exchange.response.body, FINDING_LIMITS.responseBody)),
      }
    : undefined;
  const partial: Omit<Finding, 'message'> = {
    check: args.check,
    api: planned.api,
    severity: args.severity,
    caseId: planned.id,
    caseTitle: oneLine(masker, planned.title, FINDING_LIMITS.line),
    field: first.field === undefined ? undefined : oneLine(masker, first.field, FINDING_LIMITS.field),
    summary: oneLine(masker, count > 1 ? aggregateSummary(masker, verdicts) : first.summary, FINDING_LIMITS.line),
    received: oneLine(masker, count > 1 ? listed(masker, verdicts.map((v) => v.received ?? '')) : first.received, FINDING_LIMITS.text),
    documented: oneLine(masker, count > 1 ? distinct(verdicts.map((v) => v.documented ?? '')).slice(0, 3).join(' | ') : first.documented, FINDING_LIMITS.text),
    request,
    response,
    curl: curl?.line,
    variables: curl?.variables.length ? curl.variables : undefined,
    count: count > 1 ? count : undefined,
    fields,
    seed: args.replay.seed,
    waiver: args.waiver,
    ...(first.basis ? { basis: first.basis } : {}),
    ...(args.promoted ? { promoted: true } : {}),
    ...(first.impact ? { impact: first.impact } : {}),
    ...(planned.generated ? { generated: planned.generated } : {}),
  };
  return { ...partial, message: masker.text(formatMessage(partial, replayCommand(args.replay, args.check))) };
}

/**
 * A finding for a case a check could not judge (an internal error) or that never ran. Built from plain text
 * only, so that recording it cannot fail the way the case did.
 */
export function errorFinding(args: { check: CheckName; planned: PlannedCase; summary: string; masker: Masker; seed: number }): Finding {
  const safe = (text: string, max: number) => {
    try {
      return oneLine(args.masker, text, max);
    } catch {
      return '(not printable)';
    }
  };
  const f: Omit<Finding, 'message'> = {
    check: args.check,
    api: args.planned.api,
    severity: 'error',
    caseId: args.planned.id,
    caseTitle: safe(args.planned.title, FINDING_LIMITS.line),
    field: args.planned.field === undefined ? undefined : safe(args.planned.field, FINDING_LIMITS.field),
    summary: safe(args.summary, FINDING_LIMITS.line),
    received: '',
    documented: '',
    seed: args.seed,
  };
  return { ...f, message: `[${f.check}] ${f.api} · ${f.caseTitle}\n  ${f.summary}\n  Seed: ${f.seed}` };
}

/** "undocumented field k0, k1, k2, k3, k4 and 1,995 more in the envelope", or the first summaries and a count. */
function aggregateSummary(masker: Masker, verdicts: readonly Verdict[]): string {
  const templates = distinct(verdicts.map((v) => (v.field && v.summary?.includes(v.field) ? v.summary.split(v.field).join('\u0000') : (v.summary ?? ''))));
  if (templates.length === 1 && templates[0]!.includes('\u0000')) {
    const names = verdicts.map((v) => v.field!);
    const more = names.length - FINDING_LIMITS.listed;
    const list = `${names.slice(0, FINDING_LIMITS.listed).join(', ')}${more > 0 ? ` and ${more.toLocaleString('en')} more` : ''}`;
    return templates[0]!.replace('\u0000', list).split('\u0000').join('…');
  }
  return `${verdicts.length.toLocaleString('en')} findings on this answer: ${listed(masker, verdicts.map((v) => v.summary ?? ''))}`;
}

/** The first few texts, then how many there were in all. */
function listed(masker: Masker, texts: readonly string[]): string {
  const shown = texts.slice(0, FINDING_LIMITS.listed).map((t) => masker.cut(t, 200));
  return `${shown.join('; ')}${texts.length > shown.length ? `; … (${texts.length.toLocaleString('en')} in all)` : ''}`;
}

const distinct = <T>(items: readonly T[]): T[] => [...new Set(items)];

export function maskRequest(request: PlannedRequest, masker: Masker): PlannedRequest {
  return {
    method: request.method,
    url: masker.text(request.url),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, masker.text(v)])),
    body: masker.body(request.body),
  };
}
