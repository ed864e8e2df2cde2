import type { Verdict } from '../types.ts';
import { ALL_PURPOSES, type ExchangeCheck } from './types.ts';

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

/** The answer's Content-Type is the documented JSON media type; a charset, when sent, is the documented one in any case. */
export const contentTypeConformance: ExchangeCheck = {
  scope: 'exchange',
  name: 'content_type_conformance',
  appliesTo: ALL_PURPOSES,
  evaluate(exchange, { contract }) {
    if (!exchange.response) return [{ outcome: 'skipped', summary: 'no HTTP answer (see not_a_server_error)' }];
    const documentedText = contract.envelope.contentType;
    const documented = parseContentType(documentedText);
    const documentedLine = `${documentedText} (media type compared; charset, if sent, ${documented.charset ?? 'any'} in any case)`;
    const received = exchange.response.headers['content-type'];
    const field = 'Content-Type';
    if (received === undefined) return [{ outcome: 'failure', field, summary: 'no Content-Type header', received: 'no Content-Type header', documented: documentedLine }];
    const actual = parseContentType(received);
    const verdicts: Verdict[] = [];
    if (actual.media !== documented.media) {
      verdicts.push({ outcome: 'failure', field, summary: `media type ${actual.media || '(empty)'}`, received, documented: documentedLine });
    } else if (actual.charset !== undefined && documented.charset !== undefined && actual.charset !== documented.charset) {
      verdicts.push({ outcome: 'failure', field, summary: `charset ${actual.charset}`, received, documented: documentedLine });
    }
    return verdicts.length ? verdicts : [{ outcome: 'passed' }];
  },
};
