import { isSuccessCode } from '../spec/codes.ts';
import { PROBLEM_CONTENT_TYPE } from '../spec/media-type.ts';
import type { Violation } from '../validation/violations.ts';
import { contentTypeEssence } from './media-type.ts';

/** What the mock sends back, as plain data: an HTTP status, headers, a text body, and the envelope code for the log line. */
export interface Answer {
  status: number;
  /** Content-Type included (none for a body-less 204). */
  headers: Record<string, string>;
  body: string;
  /** The envelope's code; undefined for mock-level problems (413, unknown route or example). */
  code?: number;
  /** Simulated latency: the transport waits this long (a timer) before sending. */
  delayMs?: number;
}

/** Text cut to at most `max` characters, an ellipsis marking the cut (echoed request parts stay bounded). */
export const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The envelope facts an answer needs (from x-error-envelope). */
export interface EnvelopeFacts {
  codeField: string;
  messageField: string;
  successCodes: readonly number[];
  contentType: string;
}

export interface AnswerContext {
  envelope: EnvelopeFacts;
  errorHttpStatus: number;
}

/** Any envelope body (a Prism example or our own) as an answer: error codes get the configured HTTP status. */
export function envelopeAnswer(ctx: AnswerContext, envelope: unknown, successStatus = 200): Answer {
  const code = (envelope as Record<string, unknown> | null)?.[ctx.envelope.codeField];
  const status = isSuccessCode(ctx, code) ? successStatus : ctx.errorHttpStatus;
  const answer: Answer = { status, headers: { 'Content-Type': ctx.envelope.contentType }, body: JSON.stringify(envelope) };
  if (typeof code === 'number') answer.code = code;
  return answer;
}

/** The API's own envelope carrying `code` and a message. */
export function errorEnvelope(ctx: AnswerContext, code: number, message: string): Answer {
  const { codeField, messageField } = ctx.envelope;
  return envelopeAnswer(ctx, { [codeField]: code, [messageField]: message });
}

/** Whole-body violations the schema validator cannot word: no body, malformed JSON, wrong Content-Type. */
export const bodyViolation = {
  empty: (): Violation => ({ path: '', keyword: 'required', expected: 'a JSON object', received: 'nothing (empty body)', message: '(body): expected a JSON object, received nothing (empty body)' }),
  malformed: (reason: string): Violation => {
    const received = `malformed JSON (${shorten(reason, 120)})`;
    return { path: '', keyword: 'json', expected: 'well-formed JSON', received, message: `(body): expected well-formed JSON, received ${received}` };
  },
  contentType: (requestMediaType: string, header: string | undefined): Violation => {
    const received = header ? `"${shorten(header, 80)}"` : 'no Content-Type header';
    const expected = contentTypeEssence(requestMediaType) ?? requestMediaType;
    return { path: '', keyword: 'contentType', expected, received, message: `Content-Type: expected ${expected}, received ${received}` };
  },
};

/**
 * A problem of using the mock rather than of the API call (unknown route, method or example name, unreadable
 * Accept, over-size body): the HTTP status says so and the body is RFC 9457 problem details under their own
 * media type, so no client mistakes it for the API's envelope (a lingju client would read `status: 404` as a code).
 */
export function mockProblem(status: number, title: string, detail: string, type = 'about:blank'): Answer {
  return { status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE }, body: JSON.stringify({ type, title, status, detail }) };
}
