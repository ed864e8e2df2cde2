import { isSuccessCode, mockCodeFor } from '../spec/codes.ts';
import type { Contract } from '../spec/load.ts';
import type { ViolationKind } from '../spec/types.ts';
import type { Violation } from '../validation/index.ts';
import { contentTypeEssence } from './media-type.ts';
import { describeViolations, mostSevereKind } from './violations.ts';

/** What the mock sends back, as plain data: an HTTP status, headers, a text body, and the envelope code for the log line. */
export interface Answer {
  status: number;
  /** Content-Type included (none for a body-less 204). */
  headers: Record<string, string>;
  body: string;
  /** The envelope's code; undefined for mock-level problems (413, unknown route or example). */
  code?: number;
}

/** The media type of the mock's own problems (RFC 9457): never the API's envelope Content-Type. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface AnswerContext {
  contract: Contract;
  errorHttpStatus: number;
}

/** Any envelope body (a Prism example or our own) as an answer: error codes get the configured HTTP status. */
export function envelopeAnswer(ctx: AnswerContext, envelope: unknown, successStatus = 200): Answer {
  const code = (envelope as Record<string, unknown> | null)?.[ctx.contract.envelope.codeField];
  const numeric = typeof code === 'number' ? code : undefined;
  const status = isSuccessCode(ctx.contract, code) ? successStatus : ctx.errorHttpStatus;
  return { status, headers: { 'Content-Type': ctx.contract.envelope.contentType }, body: JSON.stringify(envelope), code: numeric };
}

/** The API's own envelope carrying `code` and a message. */
export function errorEnvelope(ctx: AnswerContext, code: number, message: string): Answer {
  const { codeField, messageField } = ctx.contract.envelope;
  return envelopeAnswer(ctx, { [codeField]: code, [messageField]: message });
}

/** Schema violations → the envelope with the code the spec gives the most severe kind present. */
export function violationsEnvelope(ctx: AnswerContext, violations: readonly Violation[], complete = true): Answer {
  const kind = mostSevereKind(ctx.contract, violations);
  return errorEnvelope(ctx, mockCodeFor(ctx.contract, kind), describeViolations(ctx.contract, violations, complete));
}

export function kindEnvelope(ctx: AnswerContext, kind: ViolationKind, message: string, field?: string): Answer {
  return errorEnvelope(ctx, mockCodeFor(ctx.contract, kind, field), message);
}

/** Whole-body violations the schema validator cannot word: no body, malformed JSON, wrong Content-Type. */
export const bodyViolation = {
  empty: (): Violation => ({ path: '', keyword: 'required', expected: 'a JSON object', received: 'nothing (empty body)', message: '(body): expected a JSON object, received nothing (empty body)' }),
  malformed: (reason: string): Violation => {
    const received = `malformed JSON (${reason.length > 120 ? `${reason.slice(0, 119)}…` : reason})`;
    return { path: '', keyword: 'json', expected: 'well-formed JSON', received, message: `(body): expected well-formed JSON, received ${received}` };
  },
  contentType: (contract: Contract, header: string | undefined): Violation => {
    const received = header ? `"${header.length > 80 ? `${header.slice(0, 79)}…` : header}"` : 'no Content-Type header';
    const expected = contentTypeEssence(contract.requestMediaType) ?? contract.requestMediaType;
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
