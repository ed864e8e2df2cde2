import { isAccepted, isSuccessCode } from '../../src/spec/index.ts';
import { describeAccepted, describeAnswer, describeSuccess, readEnvelope } from './answer.ts';
import type { ExchangeCheck } from './types.ts';

/** A made-up credential (appkey; authcode with a valid appkey) is refused with a credentials code of that field. */
export const credentials: ExchangeCheck = {
  scope: 'exchange',
  name: 'credentials',
  appliesTo: ['credentials'],
  evaluate(exchange, { contract }) {
    const c = exchange.case;
    const field = c.field ?? '(credentials)';
    const documented = describeAccepted(contract, c.accepted!);
    const reading = readEnvelope(contract, exchange);
    const code = reading.kind === 'envelope' ? reading.integerCode : undefined;
    const received = describeAnswer(contract, exchange);
    if (code !== undefined && isAccepted(contract, c.accepted!, code)) return [{ outcome: 'passed' }];
    if (code !== undefined && isSuccessCode(contract, code)) {
      return [{ outcome: 'failure', field, summary: `made-up ${field} accepted`, received, documented: `${documented}, not ${describeSuccess(contract)}` }];
    }
    return [{ outcome: 'failure', field, summary: `made-up ${field}: not refused with a credentials code`, received, documented }];
  },
};
