import {
  acceptedCodes,
  credentialRefusalCodes,
  decisionBasis,
  documentedBasis,
  isAccepted,
  isServerFault,
  isSuccessCode,
  lookupCode,
  type Basis,
  type Contract,
} from '../../src/spec/index.ts';
import type { Verdict } from '../types.ts';
import { describeAccepted, describeAnswer, describeSuccess, readEnvelope } from './answer.ts';
import type { ExchangeCheck } from './types.ts';
import { broken } from './verdict.ts';

/**
 * Every invalid variant is refused with a code of its accepted set. Accepting it is graded by the variant's
 * basis (documented → failure; our decision → warning; open, or what the document's own example does → info).
 * A refusal with another code: an undocumented code, a server-fault code, or a code whose table words name
 * another field (6 APPKEY无效 for a bad weight) contradicts the documents (failure); any other documented error
 * code is only outside our preferred set (a warning naming the decision behind the set).
 */
export const negativeRejection: ExchangeCheck = {
  scope: 'exchange',
  name: 'negative_rejection',
  appliesTo: ['negative'],
  evaluate(exchange, ctx) {
    const { contract } = ctx;
    const c = exchange.case;
    // The variant's accepted set is the spec's (violationCategories): a missing appkey is a parameter error first.
    const accepted = c.accepted ?? acceptedCodes(contract, c.violationKind ?? 'body');
    const documented = describeAccepted(contract, accepted);
    const field = c.field || '(body)';
    const reading = readEnvelope(ctx, exchange);
    const code = reading.kind === 'envelope' ? reading.integerCode : undefined;
    const received = describeAnswer(ctx, exchange);
    const what = `${c.variantKind ?? 'invalid'} ${field}`;
    if (code === undefined) {
      return [broken(documentedBasis(contract.envelope.source), { field, summary: `no readable rejection for ${what}`, received, documented })];
    }
    if (isSuccessCode(contract, code)) {
      const basis = c.basis ?? documentedBasis(contract.envelope.source);
      return [broken(basis, { field, summary: acceptedSummary(basis, what), received, documented: `${documented}, not ${describeSuccess(contract)}`, impact: 'invalid-accepted' })];
    }
    if (isAccepted(contract, accepted, code)) return [{ outcome: 'passed' }];
    // Without valid credentials a server may refuse the made-up ones before it looks at the field.
    if (!ctx.credentialsKnown && isAccepted(contract, credentialRefusalCodes(contract), code)) {
      return [{ outcome: 'skipped', field, summary: `the made-up credentials were refused before ${field} was checked; ${ctx.credentialsHint}` }];
    }
    return [otherCode(contract, code, field, received, documented)];
  },
};

function acceptedSummary(basis: Basis, what: string): string {
  if (basis.kind === 'example') return `accepted, as the document's own example does (${what})`;
  if (basis.kind === 'decision' && basis.stance === 'open') return `accepted; decision ${basis.decision} leaves this open (${what})`;
  return `invalid request accepted (${what})`;
}

/** A refusal with a code outside the accepted set, judged by what the code table itself says. */
function otherCode(contract: Contract, code: number, field: string, received: string, documented: string): Verdict {
  const entry = lookupCode(contract, code);
  const top = field.split('/')[0]!;
  if (!entry || entry.other) {
    return broken(documentedBasis(contract.envelope.source), { field, summary: `${field}: refused with an undocumented code`, received, documented });
  }
  if (isServerFault(contract, entry)) {
    return broken(documentedBasis(entry.source), { field, summary: `${field}: refused with a server-fault code (${entry.zh})`, received, documented, impact: 'server-error' });
  }
  if (entry.fields?.length && !entry.fieldsDecision && !entry.fields.includes(top)) {
    const named = entry.fields.join(', ');
    return broken(documentedBasis(entry.source), {
      field,
      summary: `${field}: refused with a code the table gives to ${named} (${entry.zh})`,
      received,
      documented: `${documented}; not ${code}, which means ${entry.zh} (${named} was valid)`,
    });
  }
  const decision = entry.fieldsDecision ?? contract.envelope.acceptedSetDecision;
  const basis = decision ? decisionBasis(contract, decision) : documentedBasis(contract.envelope.source);
  const also = entry.decision && entry.decision !== decision ? `; see also decision ${entry.decision}` : '';
  return broken(basis, { field, summary: `${field}: refused with a documented code outside the preferred set${also}`, received, documented });
}
