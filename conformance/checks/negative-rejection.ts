import { acceptedCodes, isAccepted, isSuccessCode } from '../../src/spec/index.ts';
import { describeAccepted, describeAnswer, describeSuccess, readEnvelope } from './answer.ts';
import type { ExchangeCheck } from './types.ts';

/** Variant kinds whose outcome the documents leave open: accepting them is not a violation. */
const OPEN_KINDS = new Set(['unknown-field']);

/** Every invalid variant gets a non-success code within the variant's accepted set; success names the field. */
export const negativeRejection: ExchangeCheck = {
  scope: 'exchange',
  name: 'negative_rejection',
  appliesTo: ['negative'],
  evaluate(exchange, ctx) {
    const { contract } = ctx;
    const c = exchange.case;
    // The variant's accepted set is the spec's (violationCategories): a missing appkey is a parameter error, not 6 (L23).
    const accepted = c.accepted ?? acceptedCodes(contract, c.violationKind ?? 'body');
    const documented = describeAccepted(contract, accepted);
    const field = c.field || '(body)';
    const reading = readEnvelope(contract, exchange);
    const code = reading.kind === 'envelope' ? reading.integerCode : undefined;
    const received = describeAnswer(contract, exchange);
    if (code === undefined) return [{ outcome: 'failure', field, summary: `no readable rejection for ${c.variantKind ?? 'an invalid'} ${field}`, received, documented }];
    if (isSuccessCode(contract, code)) {
      if (c.variantKind && OPEN_KINDS.has(c.variantKind)) return [{ outcome: 'passed' }];
      return [{ outcome: 'failure', field, summary: `invalid request accepted (${c.variantKind ?? 'invalid'} ${field})`, received, documented: `${documented}, not ${describeSuccess(contract)}` }];
    }
    if (isAccepted(contract, accepted, code)) return [{ outcome: 'passed' }];
    // Without valid credentials a server may refuse the made-up ones before it looks at the field.
    if (!ctx.credentialsKnown && isAccepted(contract, acceptedCodes(contract, 'credentials'), code)) {
      return [{ outcome: 'skipped', field, summary: `the made-up credentials were refused before ${field} was checked; ${ctx.credentialsHint}` }];
    }
    return [{ outcome: 'failure', field, summary: `${field}: rejected with a code outside the accepted set`, received, documented }];
  },
};
