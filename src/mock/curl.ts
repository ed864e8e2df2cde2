import type { Contract } from '../spec/load.ts';
import { shellQuote } from '../util/escape.ts';

export { shellQuote };

export interface CurlOptions {
  /** Ask for a named example with a Prefer header. */
  example?: string;
  /** The body to send; default: the spec's first request example. */
  body?: unknown;
}

/** A ready-to-paste curl for the API's operation: the spec's first request example, sent as the spec says. */
export function curlFor(contract: Contract, baseUrl: string, options: CurlOptions = {}): string {
  const body = options.body ?? contract.requestExamples[0]?.value ?? {};
  const parts = [
    'curl -s',
    `-X ${contract.method}`,
    shellQuote(`${baseUrl}${contract.path}`),
    `-H ${shellQuote(`Content-Type: ${contract.requestMediaType}`)}`,
    ...(options.example ? [`-H ${shellQuote(`Prefer: example=${options.example}`)}`] : []),
    `-d ${shellQuote(JSON.stringify(body))}`,
  ];
  return parts.join(' ');
}
