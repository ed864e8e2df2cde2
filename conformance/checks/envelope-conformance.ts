import { decisionBasis, documentedBasis, documentedCodes, isSuccessCode, lookupCode, resolvePointer, type Contract, type JsonObject, type MessageRule, type SourceRef } from '../../src/spec/index.ts';
import { describeValue, validateResponse } from '../../src/validation/index.ts';
import type { Verdict } from '../types.ts';
import { envelopeFields, formatCodes, readEnvelope } from './answer.ts';
import { ALL_PURPOSES, type ExchangeCheck } from './types.ts';
import { broken } from './verdict.ts';

/**
 * Every answer is the documented envelope: a JSON object valid against the response schema (code an integer
 * and a documented code, message a string where present), and the message the documents give success and
 * error answers (messageRules: weidu "ok" on success, error details on error). A field beyond the documented
 * ones, or null where a decision tolerates it, is graded by that decision.
 */
export const envelopeConformance: ExchangeCheck = {
  scope: 'exchange',
  name: 'envelope_conformance',
  appliesTo: ALL_PURPOSES,
  evaluate(exchange, ctx) {
    const { contract } = ctx;
    const reading = readEnvelope(ctx, exchange);
    const fields = envelopeFields(contract);
    const shape = `a JSON object with ${fields.join(', ')} (the documented envelope)`;
    const envelope = documentedBasis(contract.envelope.source);
    if (reading.kind === 'no-answer') return [{ outcome: 'skipped', summary: 'no HTTP answer (see not_a_server_error)' }];
    if (reading.kind === 'not-json') return [broken(envelope, { field: '(body)', summary: 'body is not JSON', received: reading.reason, documented: shape })];
    if (reading.kind === 'not-object') return [broken(envelope, { field: '(body)', summary: 'body is not a JSON object', received: reading.reason, documented: shape })];

    const { codeField, messageField } = contract.envelope;
    const success = isSuccessCode(contract, reading.code);
    const rule = reading.integerCode === undefined ? undefined : success ? contract.envelope.messageRules.success : contract.envelope.messageRules.error;
    const verdicts: Verdict[] = [];
    const extra = new Set<string>();
    for (const v of validateResponse(contract.api, reading.body)) {
      const field = v.path || '(body)';
      if (v.keyword === 'additionalProperties') {
        extra.add(field);
        verdicts.push(undocumentedField(contract, field, v.received, fields));
      } else if (field === messageField && reading.body[messageField] === null && rule?.nullDecision) {
        verdicts.push(broken(decisionBasis(contract, rule.nullDecision), { field, summary: `${field}: null on a ${success ? 'success' : 'error'} answer`, received: v.received, documented: v.expected }));
      } else {
        const expected = v.keyword === 'enum' && field === codeField ? 'a documented code' : v.expected;
        verdicts.push(broken(documentedBasis(fieldSource(contract, field)), { field, summary: `${field}: expected ${expected}`, received: v.received, documented: v.expected }));
      }
    }
    // The schema may admit any integer (weidu); the code table still has to know the code.
    const code = reading.integerCode;
    if (code !== undefined && !lookupCode(contract, code) && !verdicts.some((v) => v.field === codeField)) {
      const known = formatCodes(documentedCodes(contract));
      verdicts.push(broken(envelope, { field: codeField, summary: `${codeField}: expected a documented code`, received: describeValue(code), documented: `a code of the documented table: ${known}` }));
    }
    if (rule && !verdicts.some((v) => v.field === messageField)) verdicts.push(...messageVerdicts(contract, rule, reading.body, success));
    for (const key of Object.keys(reading.body)) {
      if (!fields.includes(key) && !extra.has(key)) verdicts.push(undocumentedField(contract, key, describeValue(reading.body[key]), fields));
    }
    return verdicts.length ? verdicts : [{ outcome: 'passed' }];
  },
};

/** The message the documents give this kind of answer: an exact text (weidu "ok"), or a non-empty one (error details). */
function messageVerdicts(contract: Contract, rule: MessageRule, body: JsonObject, success: boolean): Verdict[] {
  const field = contract.envelope.messageField;
  const value = body[field];
  const basis = documentedBasis(rule.source ?? fieldSource(contract, field));
  const kind = success ? 'a success answer' : 'an error answer';
  if (rule.equals !== undefined && value !== rule.equals) {
    return [broken(basis, { field, summary: `${field}: ${kind} must carry ${JSON.stringify(rule.equals)}`, received: describeValue(value), documented: `${field} ${JSON.stringify(rule.equals)} on ${kind} (「${basis.kind === 'documented' ? basis.source.text : ''}」)` })];
  }
  if (rule.nonEmpty && (typeof value !== 'string' || value.trim() === '')) {
    return [broken(basis, { field, summary: `${field}: ${kind} without its message`, received: describeValue(value), documented: `a non-empty ${field} on ${kind} (「${basis.kind === 'documented' ? basis.source.text : ''}」)` })];
  }
  return [];
}

/** The documented text of a response field (its x-source), else the envelope's. */
function fieldSource(contract: Contract, field: string): SourceRef {
  const props = (resolvePointer(contract.doc, contract.responseSchemaPointer).properties ?? {}) as Record<string, JsonObject>;
  return (props[field]?.['x-source'] as SourceRef | undefined) ?? contract.envelope.source;
}

function undocumentedField(contract: Contract, field: string, received: string, fields: readonly string[]): Verdict {
  const decision = contract.envelope.extraFieldsDecision;
  const basis = decision ? decisionBasis(contract, decision) : documentedBasis(contract.envelope.source);
  return broken(basis, { field, summary: `undocumented field ${field} in the envelope`, received: `${field}: ${received}`, documented: `only ${fields.join(', ')}` });
}
