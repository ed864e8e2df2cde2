import { documentedBasis } from '../../src/spec/index.ts';
import type { Verdict } from '../types.ts';
import { ALL_PURPOSES, type ExchangeCheck } from './types.ts';
import { broken } from './verdict.ts';

/** Media type (lower-case) and charset (lower-case, unquoted) of a Content-Type value. */
export function parseContentType(value: string): { media: string; charset?: string } {
  const [media = '', ...params] = value.split(';');
  const charset = params
    .map((p) => p.trim().split('='))
    .find(([k]) => k?.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"|"$/g, '')
    .toLowerCase();
  return { media: media.trim().toLowerCase(), charset };
}

/**
 * The answer is UTF-8 JSON, as the documents give it (weidu's recorded header, lingju's 接口返回说明; JSON
 * between systems is UTF-8 by RFC 8259): the documented media type, a charset (when sent) equal to the
 * documented one in any case, and a body whose bytes are UTF-8.
 */
export const contentTypeConformance: ExchangeCheck = {
  scope: 'exchange',
  name: 'content_type_conformance',
  appliesTo: ALL_PURPOSES,
  evaluate(exchange, { contract }) {
    if (!exchange.response) return [{ outcome: 'skipped', summary: 'no HTTP answer (see not_a_server_error)' }];
    const basis = documentedBasis(contract.envelope.contentTypeSource);
    const documentedText = contract.envelope.contentType;
    const documented = parseContentType(documentedText);
    const documentedLine = `${documentedText} (media type compared; charset, if sent, ${documented.charset ?? 'any'} in any case; the body UTF-8)`;
    const received = exchange.response.headers['content-type'];
    const field = 'Content-Type';
    if (received === undefined) return [broken(basis, { field, summary: 'no Content-Type header', received: 'no Content-Type header', documented: documentedLine })];
    const actual = parseContentType(received);
    const verdicts: Verdict[] = [];
    if (actual.media !== documented.media) {
      verdicts.push(broken(basis, { field, summary: `media type ${actual.media || '(empty)'}`, received, documented: documentedLine }));
    } else if (actual.charset !== undefined && documented.charset !== undefined && actual.charset !== documented.charset) {
      verdicts.push(broken(basis, { field, summary: `charset ${actual.charset}`, received, documented: documentedLine }));
    }
    if (exchange.response.utf8 === false) {
      verdicts.push(broken(basis, { field: '(body)', summary: 'body is not valid UTF-8', received: `bytes that are not UTF-8 under ${received} (GBK or another legacy encoding?)`, documented: documentedLine }));
    }
    return verdicts.length ? verdicts : [{ outcome: 'passed' }];
  },
};
