/**
 * Prism's content negotiation for a valid request, without Prism: the Accept header against the 200 response's
 * media types, as prism-http's mocker does it (the `accepts`/`negotiator` packages, then a retry with every media
 * range's parameters other than q dropped, then "no content" when a range says * / *, else 406). The fast path
 * uses it only to recognise the plain case (Accept absent, or ranges without parameters that match); the MSW
 * handlers use all of it. The differential test holds it equal to Prism on a corpus of Accept headers.
 */

interface Range {
  type: string;
  subtype: string;
  params: Record<string, string | undefined>;
  q: number;
  i: number;
}

const MEDIA = /^\s*([^\s/;]+)\/([^;\s]+)\s*(?:;(.*))?$/;

const quoteCount = (text: string) => text.split('"').length - 1;

/**
 * Split on a separator, re-joining pieces while a double quote is open (negotiator's splitMediaTypes/splitParameters).
 * Not preferences.ts' scanner: with a quote left open (an escaped `\"` in a parameter) this keeps the tail, as negotiator does.
 */
function splitQuoted(text: string, separator: string): string[] {
  const parts = text.split(separator);
  const joined: string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    const last = joined.length - 1;
    if (quoteCount(joined[last]!) % 2 === 0) joined.push(parts[i]!);
    else joined[last] += `${separator}${parts[i]!}`;
  }
  return joined;
}

function parseRange(text: string, i: number): Range | undefined {
  const match = MEDIA.exec(text);
  if (!match) return undefined;
  const params: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  let q = 1;
  if (match[3]) {
    for (const pair of splitQuoted(match[3], ';').map((p) => p.trim())) {
      const at = pair.indexOf('=');
      const key = (at < 0 ? pair : pair.slice(0, at)).toLowerCase();
      const raw = at < 0 ? undefined : pair.slice(at + 1);
      const value = raw !== undefined && raw[0] === '"' && raw[raw.length - 1] === '"' ? raw.slice(1, -1) : raw;
      if (key === 'q') {
        q = parseFloat(value ?? '');
        break;
      }
      params[key] = value;
    }
  }
  return { type: match[1]!, subtype: match[2]!, params, q, i };
}

/** negotiator's specificity of one provided type under one range; undefined when the range does not match. */
function specify(provided: string, range: Range): { q: number; s: number; o: number } | undefined {
  const p = parseRange(provided, 0);
  if (!p) return undefined;
  let s = 0;
  if (range.type.toLowerCase() === p.type.toLowerCase()) s |= 4;
  else if (range.type !== '*') return undefined;
  if (range.subtype.toLowerCase() === p.subtype.toLowerCase()) s |= 2;
  else if (range.subtype !== '*') return undefined;
  const keys = Object.keys(range.params);
  if (keys.length > 0) {
    if (!keys.every((k) => range.params[k] === '*' || (range.params[k] ?? '').toLowerCase() === (p.params[k] ?? '').toLowerCase())) return undefined;
    s |= 1;
  }
  return { q: range.q, s, o: range.i };
}

/** accepts(...).type(provided): the provided type the Accept list prefers, or undefined. */
function preferred(accept: string, provided: readonly string[]): string | undefined {
  const ranges = splitQuoted(accept, ',').flatMap((text, i) => parseRange(text.trim(), i) ?? []).map((r, j) => ({ ...r, i: j }));
  const priorities = provided.map((type, index) => {
    let best = { q: 0, s: 0, o: -1, i: index };
    for (const range of ranges) {
      const spec = specify(type, range);
      if (spec && (best.s - spec.s || best.q - spec.q || best.o - spec.o) < 0) best = { ...spec, i: index };
    }
    return best;
  });
  const sorted = priorities.filter((p) => p.q > 0).sort((a, b) => b.q - a.q || b.s - a.s || a.o - b.o || a.i - b.i);
  return sorted.length ? provided[sorted[0]!.i] : undefined;
}

/** content-type's parse + format of one range, keeping only q (Prism's retry); undefined when it had no other parameter. */
function withoutParameters(range: string): string | undefined {
  const [essence, ...params] = splitQuoted(range, ';');
  const pairs = params.map((p) => {
    const at = p.indexOf('=');
    return [p.slice(0, at).trim().toLowerCase(), p.slice(at + 1).trim()] as const;
  });
  if (!pairs.some(([key]) => key !== 'q')) return undefined;
  const type = essence!.trim().toLowerCase();
  const q = pairs.find(([key]) => key === 'q');
  if (!q) return type;
  const value = q[1].startsWith('"') ? q[1].slice(1, -1).replace(/\\(.)/g, '$1') : q[1];
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value) ? `${type}; q=${value}` : `${type}; q=${JSON.stringify(value)}`;
}

export type Negotiated =
  | { kind: 'content'; mediaType: string }
  /** Prism answers 200 without a body (a range of * / * matched nothing): the mock answers 406 instead. */
  | { kind: 'empty' }
  | { kind: 'notAcceptable'; detail: string };

/**
 * Negotiate a cleaned Accept list (media ranges joined by ","; see readAccept) against the provided types.
 * No Accept: the first provided type (Prism's default for application/json-like contents).
 */
export function negotiate(accept: string | undefined, provided: readonly string[]): Negotiated {
  if (accept === undefined) return { kind: 'content', mediaType: provided[0]! };
  const ranges = accept.split(',');
  let found = preferred(ranges.join(','), provided);
  if (found === undefined) {
    const stripped = ranges.flatMap((r) => withoutParameters(r) ?? []);
    if (stripped.length) found = preferred(stripped.join(','), provided);
  }
  if (found !== undefined) return { kind: 'content', mediaType: found };
  if (ranges.some((r) => r.includes('*/*'))) return { kind: 'empty' };
  return { kind: 'notAcceptable', detail: `Unable to find content for ${ranges.join(',')}` };
}

/** The plain case the fast path takes: no Accept, or ranges without parameters of which one matches. */
export function isPlainAccept(accept: string | undefined, provided: readonly string[]): boolean {
  if (accept === undefined) return true;
  return !accept.includes(';') && !accept.includes('"') && negotiate(accept, provided).kind === 'content';
}
