import { loadContract } from '../../src/spec/index.ts';
import type { Exchange } from '../types.ts';
import { MAX_BODY_BYTES } from './http.ts';
import type { Masker } from './mask.ts';

/** The exchange as checks and reports see it: secrets masked in the body and headers, the body cut after masking. */
export function maskExchange(masker: Masker, exchange: Exchange): Exchange {
  if (!exchange.response) return { ...exchange, transport: exchange.transport && { ...exchange.transport, message: masker.text(exchange.transport.message) } };
  const { response } = exchange;
  let body = masker.answer(response.body);
  if (body.length > MAX_BODY_BYTES) body = body.slice(0, MAX_BODY_BYTES);
  const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, masker.text(v)]));
  return { ...exchange, response: { ...response, headers, body } };
}

/** Bodies kept after judging, for the run-level checks (coverage); a bigger one keeps only its envelope fields. */
const RETAINED_BODY = 64 * 1024;

/** The exchange as kept until the run ends: memory stays bounded however large the target's answers are. */
export function retained(exchange: Exchange): Exchange {
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
