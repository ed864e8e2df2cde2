import { isSuccessCode, lookupCode } from '../spec/codes.ts';
import { PROBLEM_CONTENT_TYPE } from '../spec/media-type.ts';
import type { EnvelopeContract } from '../spec/types.ts';

/** What a documented error code means, from the spec's error-code table. */
export interface CodeMeaning {
  zh: string;
  en: string;
  category: string;
}

/** RFC 9457 problem details, as the mock (or a gateway) sends them for requests the API never saw. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  [member: string]: unknown;
}

/**
 * The outcome of one call, discriminated by `kind`:
 * success (a success code), error (a documented error code, with its meaning),
 * undocumented (a code or body the contract does not describe), transport (the API itself did not answer:
 * no HTTP answer at all — `via: 'network'` — or problem details from the mock or a gateway — `via: 'problem'`,
 * e.g. an unknown example name, a wrong path, a body over the mock's limit).
 */
export type EnvelopeResult<TBody, TSuccess extends number, TError extends number> =
  | { kind: 'success'; code: TSuccess; message: string | undefined; body: TBody; httpStatus: number }
  | { kind: 'error'; code: TError; meaning: CodeMeaning; message: string | undefined; body: TBody; httpStatus: number }
  | { kind: 'undocumented'; code: unknown; reason: string; body: unknown; httpStatus: number }
  | TransportResult;

export type TransportResult =
  | { kind: 'transport'; via: 'network'; reason: string; error: unknown; aborted: boolean }
  | { kind: 'transport'; via: 'problem'; reason: string; problem: ProblemDetails; httpStatus: number; aborted: false };

/** `application/problem+json` (any parameters, any case): never an API envelope. */
export function isProblemMediaType(contentType: string | null | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === PROBLEM_CONTENT_TYPE;
}

/** Problem details → a transport outcome whose reason says who answered and why. */
export function problemResult(httpStatus: number, text: string): TransportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const problem: ProblemDetails = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ProblemDetails) : { detail: text.slice(0, 200) };
  const title = typeof problem.title === 'string' ? problem.title : 'problem';
  const detail = typeof problem.detail === 'string' ? `: ${problem.detail}` : '';
  return { kind: 'transport', via: 'problem', reason: `not an API answer (HTTP ${httpStatus} ${title})${detail}`, problem, httpStatus, aborted: false };
}

/** Classify an HTTP answer by the envelope in its body, never by its HTTP status (errors arrive in 200s). */
export function interpretEnvelope<TBody, TSuccess extends number, TError extends number>(
  contract: EnvelopeContract,
  httpStatus: number,
  text: string,
): EnvelopeResult<TBody, TSuccess, TError> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'undocumented', code: undefined, reason: `body is not JSON (HTTP ${httpStatus}): ${text.slice(0, 80)}`, body: text, httpStatus };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { kind: 'undocumented', code: undefined, reason: `body is not a JSON object (HTTP ${httpStatus})`, body, httpStatus };
  }
  const { codeField, messageField } = contract.envelope;
  const record = body as Record<string, unknown>;
  const code = record[codeField];
  const rawMessage = record[messageField];
  const message = typeof rawMessage === 'string' ? rawMessage : undefined;
  if (isSuccessCode(contract, code)) return { kind: 'success', code: code as TSuccess, message, body: body as TBody, httpStatus };
  const entry = lookupCode(contract, code);
  if (!entry) {
    const reason = code === undefined ? `no "${codeField}" field in the body` : `"${codeField}" ${JSON.stringify(code)} is not a documented code`;
    return { kind: 'undocumented', code, reason: `${reason} (HTTP ${httpStatus})`, body, httpStatus };
  }
  return { kind: 'error', code: code as TError, meaning: { zh: entry.zh, en: entry.en, category: entry.category }, message, body: body as TBody, httpStatus };
}

/** Send one JSON request and interpret the answer; network failures and aborts become `transport`, never a throw. */
export async function callEnvelope<TBody, TSuccess extends number, TError extends number>(
  contract: EnvelopeContract,
  send: () => Promise<{ response: Response; data?: unknown; error?: unknown }>,
  signal?: AbortSignal,
): Promise<EnvelopeResult<TBody, TSuccess, TError>> {
  try {
    const { response, data, error } = await send();
    // openapi-fetch hands 2xx bodies over as text (parseAs) but JSON-parses non-2xx bodies when it can.
    const payload = response.ok ? data : error;
    const text = typeof payload === 'string' ? payload : payload === undefined ? '' : JSON.stringify(payload);
    if (isProblemMediaType(response.headers.get('content-type'))) return problemResult(response.status, text);
    return interpretEnvelope<TBody, TSuccess, TError>(contract, response.status, text);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } })?.cause?.code;
    const aborted = signal?.aborted === true;
    const reason = aborted ? `aborted: ${String(signal.reason)}` : `${(error as Error)?.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
    return { kind: 'transport', via: 'network', reason, error, aborted };
  }
}
