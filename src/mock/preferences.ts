/**
 * Prefer header and `__` query preferences, read without Prism as Prism reads them (prism-http-server's
 * getHttpConfigFromRequest: the parse-prefer-header package, then an io-ts decoder), so the fast path and the
 * MSW handlers choose what Prism would. The differential test (tests/mock/differential.test.ts) holds this
 * reading equal to Prism's own on every kind of header it sends.
 *
 * One deliberate difference, the mock's own: `code=N` is the envelope's code (lingju `status`, weidu `code`),
 * answered with the example that carries it — Prism's `code` is an HTTP status, always 200 in these specs.
 * Prism is never shown a `code` preference.
 */

/** What Prism's decoder receives: a header's values (a string, or true for a bare token) or the query's (string or list). */
export type RawPreference = string | true | readonly string[] | undefined;
export interface RawPreferences {
  code?: RawPreference;
  dynamic?: RawPreference;
  seed?: RawPreference;
  example?: RawPreference;
}

export interface ReadPreferences {
  raw: RawPreferences;
  /** Read exactly as Prism reads it (false: a token outside ASCII, whose key this reader does not model). */
  modelled: boolean;
}

const KEYS = ['code', 'dynamic', 'seed', 'example'] as const;
type Key = (typeof KEYS)[number];

/** lodash.camelCase of a lower-case ASCII token, as far as it can yield one of KEYS; null for other scripts. */
function keyOf(token: string): Key | undefined | null {
  if (/[^\x00-\x7f]/.test(token)) return null;
  const match = /^[^a-z0-9]*([a-z]+)[^a-z0-9]*$/.exec(token.replace(/'/g, ''));
  return match && (KEYS as readonly string[]).includes(match[1]!) ? (match[1] as Key) : undefined;
}

/** Split on `separator` outside double quotes (parse-prefer-header's scanner). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quote = false;
  for (let i = 0; i <= text.length; i++) {
    const char = i < text.length ? text[i] : separator;
    if (char === '"') quote = !quote;
    else if (char === separator && !quote) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return parts;
}

/** A Prefer header as parse-prefer-header reads it: the first value of each key wins; a bare token is `true`. */
export function parsePreferHeader(header: string): ReadPreferences {
  const raw: RawPreferences = {};
  let modelled = true;
  for (const preference of splitOutsideQuotes(header, ',')) {
    let base: string | undefined;
    for (const segment of splitOutsideQuotes(preference, ';')) {
      const at = segment.indexOf('=');
      let token = (at < 0 ? segment : segment.slice(0, at)).trim().toLowerCase();
      let value = at < 0 ? '' : segment.slice(at + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      else if (value === '"') value = '';
      if (base === undefined) base = token;
      else token = `${base}-${token}`;
      const key = keyOf(token);
      if (key === null) modelled = false;
      else if (key !== undefined && raw[key] === undefined) raw[key] = value.length ? value : true;
    }
  }
  return { raw, modelled };
}

/** Preferences of one request: the Prefer header when it is non-empty, else the `__code`/`__dynamic`/`__seed`/`__example` query. */
export function readPreferences(prefer: string | undefined, query: URLSearchParams | undefined): ReadPreferences {
  if (prefer) return parsePreferHeader(prefer);
  const raw: RawPreferences = {};
  if (query) {
    for (const key of KEYS) {
      const values = query.getAll(`__${key}`);
      if (values.length) raw[key] = values.length === 1 ? values[0]! : values;
    }
  }
  return { raw, modelled: true };
}

/** Prism's decoded preferences (without `code`, which the mock reads itself). */
export interface Decoded {
  exampleKey?: string;
  dynamic?: boolean;
  seed?: string;
}

/** Prism's decoder (io-ts) and its error text (D.draw), for dynamic, seed and example. */
export function decodePreferences(raw: RawPreferences): { ok: true; value: Decoded } | { ok: false; detail: string } {
  const errors: string[] = [];
  const value: Decoded = {};
  const fail = (key: string, received: unknown, expected: string) => errors.push(`optional property "${key}"\n└─ cannot decode ${JSON.stringify(received)}, should be ${expected}`);
  const { dynamic, seed, example } = raw;
  if (dynamic !== undefined) {
    if (typeof dynamic !== 'string') fail('dynamic', dynamic, 'string');
    else if (dynamic === 'true' || dynamic === 'false') value.dynamic = dynamic === 'true';
    else fail('dynamic', dynamic, 'a boolean');
  }
  if (seed !== undefined) {
    if (typeof seed === 'string') value.seed = seed;
    else fail('seed', seed, 'string');
  }
  if (example !== undefined) {
    if (typeof example === 'string') value.exampleKey = example;
    else fail('example', example, 'string');
  }
  return errors.length ? { ok: false, detail: errors.join('\n') } : { ok: true, value };
}

/** The envelope code a `code` preference asks for: an integer, or the text that is not one. */
export function requestedCode(raw: RawPreferences): { kind: 'none' } | { kind: 'code'; code: number } | { kind: 'unreadable'; received: string } {
  const code = raw.code;
  if (code === undefined) return { kind: 'none' };
  if (typeof code === 'string' && /^-?\d{1,9}$/.test(code.trim())) return { kind: 'code', code: Number(code.trim()) };
  return { kind: 'unreadable', received: JSON.stringify(code) };
}
