import { documentedBasis, isServerFault, lookupCode } from '../../src/spec/index.ts';
import type { ExchangeCheck } from './types.ts';
import { ALL_PURPOSES } from './types.ts';
import { describeAnswer, excerpt, readEnvelope } from './answer.ts';
import { broken } from './verdict.ts';

const DOCUMENTED = 'an answer carrying the envelope (no 5xx, reset or timeout; the documents give no HTTP status for errors)';

/** No 5xx, reset connection, timeout or server-fault code (the spec's serverFaultCategories), for any input including malformed bodies. */
export const notAServerError: ExchangeCheck = {
  scope: 'exchange',
  name: 'not_a_server_error',
  appliesTo: ALL_PURPOSES,
  evaluate(exchange, ctx) {
    const { contract } = ctx;
    const field = exchange.case.field;
    // The documents give every answer as the envelope with a code: no answer, or a 5xx page, is none of them.
    const envelope = documentedBasis(contract.envelope.source);
    if (exchange.transport) {
      const summary = exchange.transport.kind === 'timeout' ? 'timeout' : exchange.transport.kind === 'reset' ? 'connection reset' : 'no answer';
      return [broken(envelope, { field, summary, received: exchange.transport.message, documented: DOCUMENTED, impact: 'server-error' })];
    }
    const response = exchange.response!;
    if (response.status >= 500) {
      return [broken(envelope, { field, summary: `HTTP ${response.status}`, received: `HTTP ${response.status}, body ${excerpt(ctx.masker, response.body)}`, documented: DOCUMENTED, impact: 'server-error' })];
    }
    const reading = readEnvelope(ctx, exchange);
    const entry = reading.kind === 'envelope' && reading.integerCode !== undefined ? lookupCode(contract, reading.integerCode) : undefined;
    if (entry && isServerFault(contract, entry)) {
      return [broken(documentedBasis(entry.source), { field, summary: `server-fault code ${reading.kind === 'envelope' ? reading.integerCode : ''}`, received: describeAnswer(ctx, exchange), documented: DOCUMENTED, impact: 'server-error' })];
    }
    return [{ outcome: 'passed' }];
  },
};
