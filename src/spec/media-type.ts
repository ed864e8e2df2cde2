import type { EnvelopeContract } from './types.ts';

/**
 * The Content-Type every JSON request is sent with — by the typed clients, the fixtures and conformance alike: the
 * spec's request media type (its requestBody content key) with an explicit UTF-8 charset. JSON is UTF-8 anyway
 * (RFC 8259; weidu W27), and lingju's document asks for exactly this header (decision L15), so the header is never the
 * fault unless a request says so.
 */
export function requestContentType(contract: Pick<EnvelopeContract, 'requestMediaType'>): string {
  return `${contract.requestMediaType};charset=UTF-8`;
}

/** The media type of problem details (RFC 9457): what the mock sends for requests the API never saw, never an envelope. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
