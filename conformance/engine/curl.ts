import { shellQuote } from '../../src/util/escape.ts';
import type { ApiName } from '../../src/spec/index.ts';
import type { PlannedRequest } from '../types.ts';
import { jsonLayout, type Masker } from './mask.ts';

/** A shell variable a curl line reads in place of a masked value. */
export interface CurlVariable {
  name: string;
  /** The request field it stands for, when known. */
  field?: string;
  /** Where its value comes from, in a few words. */
  about: string;
}

/** How the run verified the target's certificate: --ca FILE (curl --cacert) or --insecure (curl -k). */
export interface CurlTls {
  cacert?: string;
  insecure?: boolean;
}

export interface Curl {
  line: string;
  variables: CurlVariable[];
}

type Piece = { text: string } | { variable: string; json: boolean };

/**
 * A variable expanded inside a JSON string: backslash and double quote escaped (printf + sed, POSIX sh), so any
 * value yields the very bytes the run sent and never breaks the JSON around it.
 */
const jsonSafe = (name: string) => `"$(printf %s "$${name}" | sed 's/[\\\\"]/\\\\&/g')"`;
const raw = (name: string) => `"$${name}"`;

/** Private-use sentinels survive JSON.stringify untouched and never occur in generated bodies. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINEL = new RegExp(`"?${OPEN}(\\d+)${CLOSE}"?`, 'g');

const envName = (...parts: string[]) => parts.join('_').toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/**
 * The request as one curl line that reproduces it: secret values are shell variables (credentials under the
 * names the run read them from, e.g. "$LINGJU_APPKEY"; generated personal data as "$WEIDU_MOBILE"), so the line
 * leaks nothing and sends the same bytes once the variables are set. An absent Content-Type stays absent.
 */
export function buildCurl(request: PlannedRequest, masker: Masker, api?: ApiName, tls: CurlTls = {}): Curl {
  const variables = new Map<string, CurlVariable>();
  const valueOf = new Map<string, string>();
  const name = (value: string, field: string | undefined): string => {
    const known = masker.variableFor(value);
    if (known) {
      variables.set(known.name, known);
      return known.name;
    }
    const base = envName(api ?? 'request', field ?? 'secret');
    let candidate = base;
    for (let n = 2; valueOf.has(candidate) && valueOf.get(candidate) !== value; n++) candidate = `${base}_${n}`;
    valueOf.set(candidate, value);
    variables.set(candidate, { name: candidate, field, about: `the ${field ?? 'masked value'} this request carried (generated test data, masked in reports)` });
    return candidate;
  };
  const word = (pieces: Piece[]) => {
    const merged: Piece[] = [];
    for (const p of pieces) {
      const last = merged[merged.length - 1];
      if ('text' in p && last && 'text' in last) merged[merged.length - 1] = { text: last.text + p.text };
      else merged.push(p);
    }
    return merged.map((p) => ('text' in p ? (p.text ? shellQuote(p.text) : '') : p.json ? jsonSafe(p.variable) : raw(p.variable))).join('') || "''";
  };
  // The run's TLS settings, so the line reaches an HTTPS target the way the run did (proxies come from the same environment).
  const secure = request.url.startsWith('https:');
  const tlsArgs = secure && tls.insecure ? ['-k'] : secure && tls.cacert ? ['--cacert', shellQuote(tls.cacert)] : [];
  const parts = ['curl -sS -i', ...tlsArgs, '-X', request.method, word(freeText(request.url, masker, name, false))];
  const headerNames = Object.keys(request.headers).map((h) => h.toLowerCase());
  for (const [header, value] of Object.entries(request.headers)) parts.push('-H', word(freeText(`${header}: ${value}`, masker, name, false)));
  if (!headerNames.includes('content-type')) parts.push('-H', shellQuote('Content-Type:'));
  parts.push('--data-raw', word(bodyPieces(request.body, masker, name)));
  return { line: parts.join(' '), variables: [...variables.values()] };
}

/** JSON bodies: secret fields become variables structurally; pretty JSON is sent compact (same JSON). Others: by text. */
function bodyPieces(body: string, masker: Masker, name: (value: string, field?: string) => string): Piece[] {
  const layout = jsonLayout(body);
  if (!layout) return freeText(body, masker, name, true);
  const slots: Array<{ variable: string; json: boolean }> = [];
  const walk = (node: unknown, field: string | undefined, secret: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, field, secret));
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k, secret || masker.isSecretField(k))]));
    if (!secret || node === null || node === '' || masker.isPublic(String(node))) return node;
    slots.push({ variable: name(String(node), field), json: typeof node === 'string' });
    return `${OPEN}${slots.length - 1}${CLOSE}`;
  };
  let text: string;
  try {
    text = JSON.stringify(walk(layout.value, undefined, false));
  } catch {
    // too deep to walk: the bytes as they are, secrets still found by text
    return freeText(body, masker, name, true);
  }
  const pieces: Piece[] = [];
  let at = 0;
  for (const m of text.matchAll(SENTINEL)) {
    const slot = slots[Number(m[1])]!;
    // A string value keeps its JSON quotes around the escaped expansion; any other value is expanded bare.
    const quoted = m[0].startsWith('"');
    pieces.push(...freeText(text.slice(at, m.index) + (slot.json && quoted ? '"' : ''), masker, name, true));
    pieces.push(slot);
    at = m.index + m[0].length;
    if (slot.json && quoted) pieces.push({ text: '"' });
  }
  pieces.push(...freeText(text.slice(at), masker, name, true));
  return pieces;
}

/** Secret values found in text (any form) become variables: JSON-escaped inside a JSON string, bare elsewhere. */
function freeText(text: string, masker: Masker, name: (value: string, field?: string) => string, json: boolean): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const hit of masker.find(text)) {
    if (hit.start < at) continue;
    pieces.push({ text: text.slice(at, hit.start) });
    const inString = json && insideString(text, hit.start);
    const field = json ? /"([^"\\]{1,64})"\s*:\s*"?$/.exec(text.slice(Math.max(0, hit.start - 80), hit.start))?.[1] : undefined;
    pieces.push({ variable: name(hit.value, field), json: inString });
    at = hit.end;
  }
  pieces.push({ text: text.slice(at) });
  return pieces;
}

/** Whether `pos` lies inside a JSON string token of `text` (quotes counted from the start, escapes skipped). */
function insideString(text: string, pos: number): boolean {
  let inside = false;
  for (let i = 0; i < pos; i++) {
    if (text[i] === '\\' && inside) i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}
