import type { PreparedApi } from '../spec/prepared.ts';
import { negotiate } from './negotiation.ts';
import { decodePreferences } from './preferences.ts';
import type { Engine, Verdict } from './respond.ts';

const PRISM = 'https://stoplight.io/prism/errors#';

/** Not available without Prism (the MSW handlers): a 501 that says what to use instead. */
function needsServer(what: string): Verdict {
  return { kind: 'problem', status: 501, title: 'Not Implemented', detail: `${what} needs Prism: the MSW handlers do not offer it; use the server mock (npm start, or npx envelope-contract-kit mock)`, type: 'about:blank' };
}

/**
 * The engine of the MSW handlers: what Prism decides for a valid request the fast path does not answer, decided
 * from the prepared data — Prism's preference decoding, its content negotiation, the example by name — in Prism's
 * order. Dynamic mode (json-schema-faker) and `__server` (Prism's server matching) are the server mock's only.
 * The differential test holds its verdicts equal to Prism's on the requests it sends.
 */
export function pureEngine(prepared: PreparedApi): Engine {
  return (request) => {
    const raw = request.example === undefined ? request.preferences : { ...request.preferences, example: request.example };
    const decoded = decodePreferences(raw);
    if (!decoded.ok) return { kind: 'problem', status: 422, title: 'Invalid request', detail: decoded.detail, type: `${PRISM}UNPROCESSABLE_ENTITY` };
    if (request.url.searchParams.has('__server')) return needsServer('?__server= (choosing a server of the spec)');
    const negotiated = negotiate(request.accept, prepared.responseMediaTypes);
    if (negotiated.kind === 'notAcceptable') return { kind: 'problem', status: 406, title: 'The server cannot produce a representation for your accept header', detail: negotiated.detail, type: `${PRISM}NOT_ACCEPTABLE` };
    if (negotiated.kind === 'empty') return { kind: 'response', status: 200, envelope: undefined };
    const { exampleKey, dynamic } = decoded.value;
    if (exampleKey) {
      const answer = prepared.answers.byExample[exampleKey];
      return answer ? { kind: 'response', status: answer.status, envelope: answer.envelope } : { kind: 'unknownExample', exampleKey };
    }
    if (dynamic) return needsServer('Prefer: dynamic=true (random schema-valid envelopes)');
    return { kind: 'response', status: prepared.answers.default.status, envelope: prepared.answers.default.envelope };
  };
}
