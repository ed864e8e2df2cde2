import { isSuccessCode, mockCodeFor } from '../spec/codes.ts';
import type { Contract } from '../spec/load.ts';
import type { ViolationKind } from '../spec/types.ts';
import type { Violation } from '../validation/index.ts';
import { mediaTypeOf } from './body.ts';
import { describeViolations, mostSevereKind } from './violations.ts';

/** What the mock sends back: an HTTP status, a JSON text, and the envelope code for the log line. */
export interface Answer {
  status: number;
  body: string;
  /** The envelope's code; undefined for mock-level problems (413, unknown route or example). */
  code?: number;
  headers?: Record<string, string>;
}

export interface AnswerContext {
  contract: Contract;
  errorHttpStatus: number;
}

/** Any envelope body (a Prism example or our own) as an answer: error codes get the configured HTTP status. */
export function envelopeAnswer(ctx: AnswerContext, envelope: unknown, successStatus = 200): Answer {
  const code = (envelope as Record<string, unknown> | null)?.[ctx.contract.envelope.codeField];
  const numeric = typeof code === 'number' ? code : undefined;
  const status = isSuccessCode(ctx.contract, code) ? successStatus : ctx.errorHttpStatus;
  return { status, body: JSON.stringify(envelope), code: numeric };
}

/** The API's own envelope carrying `code` and a message. */
export function errorEnvelope(ctx: AnswerContext, code: number, message: string): Answer {
  const { codeField, messageField } = ctx.contract.envelope;
  return envelopeAnswer(ctx, { [codeField]: code, [messageField]: message });
}

/** Schema violations → the envelope with the code the spec gives the most severe kind present. */
export function violationsEnvelope(ctx: AnswerContext, violations: readonly Violation[]): Answer {
  const kind = mostSevereKind(ctx.contract, violations);
  return errorEnvelope(ctx, mockCodeFor(ctx.contract, kind), describeViolations(ctx.contract, violations));
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
    const expected = mediaTypeOf(contract.requestMediaType);
    return { path: '', keyword: 'contentType', expected, received, message: `Content-Type: expected ${expected}, received ${received}` };
  },
};

/**
 * A problem of using the mock rather than of the API call (over-size body, unknown route or example name):
 * the HTTP status says so, the body is RFC 9457 problem details, the Content-Type is still the documented one.
 */
export function mockProblem(status: number, title: string, detail: string, type = 'about:blank'): Answer {
  return { status, body: JSON.stringify({ type, title, status, detail }) };
}
