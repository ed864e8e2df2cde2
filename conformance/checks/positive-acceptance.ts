import { documentedBasis, isSuccessCode } from '../../src/spec/index.ts';
import { describeAnswer, describeSuccess, readEnvelope } from './answer.ts';
import type { ExchangeCheck } from './types.ts';
import { broken } from './verdict.ts';

/** A valid request (full, minimal, each optional field alone) gets the success code; graded by what the shape rests on. */
export const positiveAcceptance: ExchangeCheck = {
  scope: 'exchange',
  name: 'positive_acceptance',
  appliesTo: ['positive'],
  evaluate(exchange, ctx) {
    const { contract } = ctx;
    const reading = readEnvelope(ctx, exchange);
    if (reading.kind === 'envelope' && isSuccessCode(contract, reading.code)) return [{ outcome: 'passed' }];
    const c = exchange.case;
    // A shape leaving optional fields out rests on their being optional (weidu: decision W01), an empty array on W20.
    const basis = c.basis ?? documentedBasis(contract.envelope.source);
    return [broken(basis, { field: c.field, summary: 'valid request not accepted', received: describeAnswer(ctx, exchange), documented: describeSuccess(contract) })];
  },
};
