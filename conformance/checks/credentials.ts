import { documentedBasis, entryMatches, isAccepted, isSuccessCode } from '../../src/spec/index.ts';
import { describeAccepted, describeAnswer, describeSuccess, readEnvelope } from './answer.ts';
import type { ExchangeCheck } from './types.ts';
import { broken } from './verdict.ts';

/**
 * A made-up credential (appkey; authcode with a valid appkey) is refused with the code the table's own words
 * give that field (APPKEY无效, 授权码无效): documented, so success or any other code is a failure.
 */
export const credentials: ExchangeCheck = {
  scope: 'exchange',
  name: 'credentials',
  appliesTo: ['credentials'],
  evaluate(exchange, ctx) {
    const { contract } = ctx;
    const c = exchange.case;
    const field = c.field ?? '(credentials)';
    const documented = describeAccepted(contract, c.accepted!);
    const reading = readEnvelope(ctx, exchange);
    const code = reading.kind === 'envelope' ? reading.integerCode : undefined;
    const received = describeAnswer(ctx, exchange);
    if (code !== undefined && isAccepted(contract, c.accepted!, code)) return [{ outcome: 'passed' }];
    // The table row that names the answer for this field is the basis (the first accepted code's row).
    const row = contract.codes.find((e) => c.accepted!.codes.some((n) => entryMatches(e, n)));
    const basis = c.basis ?? documentedBasis(row?.source ?? contract.envelope.source);
    if (code !== undefined && isSuccessCode(contract, code)) {
      return [broken(basis, { field, summary: `made-up ${field} accepted`, received, documented: `${documented}, not ${describeSuccess(contract)}`, impact: 'invalid-accepted' })];
    }
    return [broken(basis, { field, summary: `made-up ${field}: not refused with the code the table names for it`, received, documented })];
  },
};
