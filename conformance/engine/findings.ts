import { shellQuote } from '../../src/util/escape.ts';
import { invocation } from '../../src/cli/invocation.ts';
import { describeBasis, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { Exchange, Finding, PlannedRequest, RecordedResponse, Severity, Verdict } from '../types.ts';
import type { Masker } from './mask.ts';

const RESPONSE_EXCERPT = 2000;
/** Response headers worth showing in a report. */
const SHOWN_HEADERS = ['content-type', 'content-length', 'server', 'date', 'connection', 'transfer-encoding'];


/** The request as one curl line (already masked input). An absent Content-Type is sent as absent (`-H 'Content-Type:'`). */
export function curlLine(request: PlannedRequest): string {
  const parts = ['curl -sS -i', '-X', request.method, shellQuote(request.url)];
  const headerNames = Object.keys(request.headers).map((h) => h.toLowerCase());
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (!headerNames.includes('content-type')) parts.push('-H', shellQuote('Content-Type:'));
  parts.push('--data-raw', shellQuote(oneLineBody(request.body)));
  return parts.join(' ');
}

/** A pretty-printed JSON body is shown compact (same JSON, one line); anything else byte for byte. */
function oneLineBody(body: string): string {
  if (!body.includes('\n')) return body;
  try {
    const value = JSON.parse(body) as unknown;
    if (`${JSON.stringify(value, null, 2)}\n` === body || JSON.stringify(value, null, 2) === body) return JSON.stringify(value);
  } catch {
    // not JSON: keep it exact (malformed bodies are the point of the request)
  }
  return body;
}

/** How to replay a run: the same seed, API, target and check gives the same requests. */
export interface ReplayHint {
  seed: number;
  api: ApiName;
  /** Undefined for the embedded mock (its port changes on every run). */
  target?: string;
  strict?: boolean;
}

export function replayCommand(hint: ReplayHint, check: CheckName): string {
  const target = hint.target ? ` --target ${hint.target}` : '';
  return `${invocation('npm run conformance', 'conformance').withOptions} --api ${hint.api}${target} --seed ${hint.seed} --only ${check}${hint.strict ? ' --strict' : ''}`;
}

/** The Schemathesis-style text: what is wrong, Received vs Documented, then the curl line and the seed. */
export function formatMessage(f: Omit<Finding, 'message'>, replay: string): string {
  const lines = [`[${f.check}] ${f.api} · ${f.caseTitle}`, `  ${f.summary}`];
  if (f.field) lines.push(`  Field:      ${f.field}`);
  if (f.received) lines.push(`  Received:   ${f.received}`);
  if (f.documented) lines.push(`  Documented: ${f.documented}`);
  if (f.basis) lines.push(`  Basis:      ${describeBasis(f.basis)}${f.promoted ? ' — a failure because of --strict' : ''}`);
  if (f.waiver) lines.push(`  Waived:     ${f.waiver.reason}`);
  if (f.curl) lines.push('  Reproduce with:', `    ${f.curl}`);
  lines.push(`  Seed: ${f.seed} (replay: ${replay})`);
  return lines.join('\n');
}

/** Turn a non-passed verdict into a masked finding with the request, the response excerpt and the curl line. */
export function toFinding(args: {
  check: CheckName;
  verdict: Verdict;
  severity: Severity;
  exchange?: Exchange;
  caseId: string;
  caseTitle: string;
  api: ApiName;
  masker: Masker;
  replay: ReplayHint;
  waiver?: { reason: string; field?: string };
  promoted?: boolean;
}): Finding {
  const { masker, exchange, verdict } = args;
  const request = exchange ? maskRequest(exchange.case.request, masker) : undefined;
  const response: RecordedResponse | undefined = exchange?.response
    ? {
        status: exchange.response.status,
        headers: Object.fromEntries(Object.entries(exchange.response.headers).filter(([k]) => SHOWN_HEADERS.includes(k)).map(([k, v]) => [k, masker.text(v)])),
        body: masker.body(exchange.response.body).slice(0, RESPONSE_EXCERPT) + (exchange.response.body.length > RESPONSE_EXCERPT || exchange.response.truncated ? '…' : ''),
      }
    : undefined;
  const partial: Omit<Finding, 'message'> = {
    check: args.check,
    api: args.api,
    severity: args.severity,
    caseId: args.caseId,
    caseTitle: masker.text(args.caseTitle),
    field: verdict.field,
    summary: masker.text(verdict.summary ?? ''),
    received: masker.text(verdict.received ?? ''),
    documented: verdict.documented ?? '',
    request,
    response,
    curl: request ? curlLine(request) : undefined,
    seed: args.replay.seed,
    waiver: args.waiver,
    ...(verdict.basis ? { basis: verdict.basis } : {}),
    ...(args.promoted ? { promoted: true } : {}),
  };
  return { ...partial, message: masker.text(formatMessage(partial, replayCommand(args.replay, args.check))) };
}

export function maskRequest(request: PlannedRequest, masker: Masker): PlannedRequest {
  return {
    method: request.method,
    url: masker.text(request.url),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, masker.text(v)])),
    body: masker.body(request.body),
  };
}
