import { describeCode, lookupCode, resolvePointer, type AcceptedCodes, type Contract, type JsonObject } from '../../src/spec/index.ts';
import type { Exchange } from '../types.ts';
import type { CheckContext } from './types.ts';

/** What reading an answer needs: the contract, and the masker every excerpt goes through before it is cut. */
export type AnswerContext = Pick<CheckContext, 'contract' | 'masker'>;

const EXCERPT = 80;
/** Messages are shown longer than other excerpts: they say why a request was refused. */
const MESSAGE_EXCERPT = EXCERPT + EXCERPT / 2;

/** What the body of an answer is, read as the documented envelope. */
export type EnvelopeReading =
  | { kind: 'no-answer'; reason: string }
  | { kind: 'not-json'; reason: string }
  | { kind: 'not-object'; reason: string }
  | { kind: 'envelope'; body: JsonObject; code: unknown; integerCode: number | undefined };

export function readEnvelope(ctx: AnswerContext, exchange: Exchange): EnvelopeReading {
  const { contract, masker } = ctx;
  const { response, transport } = exchange;
  if (!response) return { kind: 'no-answer', reason: transport?.message ?? 'no answer' };
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return { kind: 'not-json', reason: `HTTP ${response.status}, body is not JSON: ${excerpt(masker, response.body)}` };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { kind: 'not-object', reason: `HTTP ${response.status}, body is JSON but not an object: ${excerpt(masker, response.body)}` };
  }
  const code = (body as JsonObject)[contract.envelope.codeField];
  return { kind: 'envelope', body: body as JsonObject, code, integerCode: typeof code === 'number' && Number.isInteger(code) ? code : undefined };
}

/** Raw characters masked before an excerpt is flattened and cut: room for whitespace runs, never the whole of a 1 MB body. */
const EXCERPT_WINDOW = 4096;

/**
 * One line of at most `max` characters: masked first (a secret is never cut into a visible prefix), then
 * whitespace runs flattened, then cut.
 */
export function excerpt(masker: AnswerContext['masker'], text: string, max = EXCERPT): string {
  const flat = masker.cut(text, EXCERPT_WINDOW).replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty)';
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "status 8 — 参数错误 (Parameter error), description "sex: …", HTTP 200" — the whole answer in one line. */
export function describeAnswer(ctx: AnswerContext, exchange: Exchange): string {
  const { contract, masker } = ctx;
  const reading = readEnvelope(ctx, exchange);
  if (reading.kind === 'no-answer') return `no answer: ${reading.reason}`;
  if (reading.kind !== 'envelope') return reading.reason;
  const { codeField, messageField } = contract.envelope;
  const status = exchange.response!.status;
  const code = reading.code;
  let text: string;
  if (code === undefined) text = `no "${codeField}" field (body ${excerpt(masker, exchange.response!.body)})`;
  else if (reading.integerCode === undefined) text = `${codeField} ${JSON.stringify(code)} (${typeof code}, not an integer)`;
  else text = `${codeField} ${describeCode(contract, code)}`;
  const message = reading.body[messageField];
  if (typeof message === 'string' && message !== '') text += `, ${messageField} ${JSON.stringify(excerpt(masker, message, MESSAGE_EXCERPT))}`;
  return `${text}, HTTP ${status}`;
}

/** "20–29, 8, 111": codes in the given order, consecutive runs as ranges. */
export function formatCodes(codes: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${codes[i]}–${codes[j]}` : codes.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The documented answer for a rejected request, e.g. "a non-success code within 20–29, 8, 111 (categories data-format, parameter)". */
export function describeAccepted(contract: Contract, accepted: AcceptedCodes): string {
  const { codeField } = contract.envelope;
  const categories = `categor${accepted.categories.length === 1 ? 'y' : 'ies'} ${accepted.categories.join(', ')}`;
  if (accepted.anyError) {
    const other = contract.codes.find((e) => e.other);
    return `any non-success integer ${codeField} (${categories}${other ? `: ${other.en}` : ''})`;
  }
  return `a non-success ${codeField} within ${formatCodes(accepted.codes)} (${categories})`;
}

/** "the success code 0 — 成功 (Success)". */
export function describeSuccess(contract: Contract): string {
  const codes = contract.envelope.successCodes;
  return `${contract.envelope.codeField} ${codes.map((c) => describeCode(contract, c)).join(' or ')}`;
}

/** Property names of the documented response envelope, read from the response schema. */
export function envelopeFields(contract: Contract): string[] {
  return Object.keys((resolvePointer(contract.doc, contract.responseSchemaPointer).properties ?? {}) as JsonObject);
}

/** Table entries of a category (e.g. "server"), for checks that care about what a code means. */
export function categoryOf(contract: Contract, code: number | undefined): string | undefined {
  return code === undefined ? undefined : lookupCode(contract, code)?.category;
}
