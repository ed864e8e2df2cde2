import type { ExchangeCheck } from './types.ts';
import { ALL_PURPOSES } from './types.ts';
import { categoryOf, describeAnswer, excerpt, readEnvelope } from './answer.ts';

/** The category of the code table that means "the server failed" (lingju -1 系统异常). */
const SERVER_FAULT_CATEGORY = 'server';
const DOCUMENTED = 'an answer carrying the envelope (no 5xx, reset or timeout; the documents give no HTTP status for errors)';

/** No 5xx, reset connection, timeout or server-fault code, for any input including malformed bodies. */
export const notAServerError: ExchangeCheck = {
  scope: 'exchange',
  name: 'not_a_server_error',
  appliesTo: ALL_PURPOSES,
  evaluate(exchange, { contract }) {
    const field = exchange.case.field;
    if (exchange.transport) {
      const summary = exchange.transport.kind === 'timeout' ? 'timeout' : exchange.transport.kind === 'reset' ? 'connection reset' : 'no answer';
      return [{ outcome: 'failure', field, summary, received: exchange.transport.message, documented: DOCUMENTED }];
    }
    const response = exchange.response!;
    if (response.status >= 500) {
      return [{ outcome: 'failure', field, summary: `HTTP ${response.status}`, received: `HTTP ${response.status}, body ${excerpt(response.body)}`, documented: DOCUMENTED }];
    }
    const reading = readEnvelope(contract, exchange);
    const code = reading.kind === 'envelope' ? reading.integerCode : undefined;
    if (categoryOf(contract, code) === SERVER_FAULT_CATEGORY) {
      return [{ outcome: 'failure', field, summary: `server-fault code ${code}`, received: describeAnswer(contract, exchange), documented: DOCUMENTED }];
    }
    return [{ outcome: 'passed' }];
  },
};
