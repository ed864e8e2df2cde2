import { documentedCodes, lookupCode } from '../../src/spec/index.ts';
import { validateResponse } from '../../src/validation/index.ts';
import type { Verdict } from '../types.ts';
import { describeValue } from '../../src/validation/index.ts';
import { envelopeFields, formatCodes, readEnvelope } from './answer.ts';
import { ALL_PURPOSES, type ExchangeCheck } from './types.ts';

/**
 * Every answer is the documented envelope: a JSON object valid against the response schema (code an integer
 * and a documented code, message a string where present); undocumented fields are warnings, not failures.
 */
export const envelopeConformance: ExchangeCheck = {
  scope: 'exchange',
  name: 'envelope_conformance',
  appliesTo: ALL_PURPOSES,
  evaluate(exchange, { contract }) {
    const reading = readEnvelope(contract, exchange);
    const fields = envelopeFields(contract);
    const shape = `a JSON object with ${fields.join(', ')} (the documented envelope)`;
    if (reading.kind === 'no-answer') return [{ outcome: 'skipped', summary: 'no HTTP answer (see not_a_server_error)' }];
    if (reading.kind === 'not-json') return [{ outcome: 'failure', field: '(body)', summary: 'body is not JSON', received: reading.reason, documented: shape }];
    if (reading.kind === 'not-object') return [{ outcome: 'failure', field: '(body)', summary: 'body is not a JSON object', received: reading.reason, documented: shape }];

    const { codeField } = contract.envelope;
    const verdicts: Verdict[] = [];
    const warned = new Set<string>();
    for (const v of validateResponse(contract.api, reading.body)) {
      const field = v.path || '(body)';
      if (v.keyword === 'additionalProperties') {
        warned.add(field);
        verdicts.push(undocumentedField(field, v.received, fields));
      } else {
        verdicts.push({ outcome: 'failure', field, summary: `${field}: expected ${v.keyword === 'enum' && field === codeField ? 'a documented code' : v.expected}`, received: v.received, documented: v.expected });
      }
    }
    // The schema may admit any integer (weidu); the code table still has to know the code.
    const code = reading.integerCode;
    if (code !== undefined && !lookupCode(contract, code) && !verdicts.some((v) => v.field === codeField)) {
      const known = formatCodes(documentedCodes(contract));
      verdicts.push({ outcome: 'failure', field: codeField, summary: `${codeField}: expected a documented code`, received: describeValue(code), documented: `a code of the documented table: ${known}` });
    }
    for (const key of Object.keys(reading.body)) {
      if (!fields.includes(key) && !warned.has(key)) verdicts.push(undocumentedField(key, describeValue(reading.body[key]), fields));
    }
    return verdicts.length ? verdicts : [{ outcome: 'passed' }];
  },
};

function undocumentedField(field: string, received: string, fields: readonly string[]): Verdict {
  return { outcome: 'warning', field, summary: `undocumented field ${field} in the envelope`, received: `${field}: ${received}`, documented: `only ${fields.join(', ')}` };
}
