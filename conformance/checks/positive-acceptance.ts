import { isSuccessCode } from '../../src/spec/index.ts';
import { describeAnswer, describeSuccess, readEnvelope } from './answer.ts';
import type { ExchangeCheck } from './types.ts';

/** A valid request (full, minimal, each optional field alone) gets the success code. */
export const positiveAcceptance: ExchangeCheck = {
  scope: 'exchange',
  name: 'positive_acceptance',
  appliesTo: ['positive'],
  evaluate(exchange, { contract }) {
    const reading = readEnvelope(contract, exchange);
    if (reading.kind === 'envelope' && isSuccessCode(contract, reading.code)) return [{ outcome: 'passed' }];
    return [
      {
        outcome: 'failure',
        field: exchange.case.field,
        summary: 'valid request not accepted',
        received: describeAnswer(contract, exchange),
        documented: describeSuccess(contract),
      },
    ];
  },
};
