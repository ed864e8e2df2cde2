/**
 * Finds secret values in text however a server echoed them: as is, or with one layer of escaping that may mix
 * styles character by character — JSON (`\/`, `\uXXXX` in either case, also behind doubled backslashes when
 * JSON sits inside JSON), `\xHH`, URL-encoding (either case, UTF-8, `%25` double-encoding), HTML character
 * references (decimal, hex, the names of ASCII punctuation, `&amp;` double-escaping). Linear in the text.
 */

/** HTML named references of ASCII punctuation (and the upper-case legacy names). */
const NAMED: Record<string, string> = {
  amp: '&', AMP: '&', lt: '<', LT: '<', gt: '>', GT: '>', quot: '"', QUOT: '"', apos: "'", sol: '/', bsol: '\\',
  equals: '=', plus: '+', colon: ':', semi: ';', comma: ',', period: '.', excl: '!', quest: '?', num: '#',
  dollar: '$', percnt: '%', lpar: '(', rpar: ')', ast: '*', midast: '*', commat: '@', lsqb: '[', lbrack: '[',
  rsqb: ']', rbrack: ']', lcub: '{', lbrace: '{', rcub: '}', rbrace: '}', verbar: '|', vert: '|', VerticalLine: '|',
  grave: '`', DiacriticalGrave: '`', Hat: '^', lowbar: '_', UnderBar: '_', nbsp: '\u00a0', NonBreakingSpace: '\u00a0', Tab: '\t', NewLine: '\n',
};
const JSON_SHORT: Record<string, number> = { b: 8, f: 12, n: 10, r: 13, t: 9 };

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const hexAt = (text: string, at: number, length: number): number => {
  for (let k = 0; k < length; k++) if (!isHex(text.charCodeAt(at + k))) return -1;
  return parseInt(text.slice(at, at + length), 16);
};
const unitsOf = (codePoint: number): number[] =>
  codePoint > 0xffff ? [0xd800 + ((codePoint - 0x10000) >> 10), 0xdc00 + ((codePoint - 0x10000) & 0x3ff)] : [codePoint];

interface Decoded {
  units: number[];
  end: number;
}

/** `\…` at `i`: any run of backslashes, then `uXXXX`, `xHH`, a quote or slash, or (odd run) `b f n r t`. */
function backslash(text: string, i: number): Decoded | undefined {
  let j = i;
  while (text.charCodeAt(j) === 92) j++;
  const c = text[j];
  if (c === 'u') {
    const code = hexAt(text, j + 1, 4);
    if (code >= 0) return { units: [code], end: j + 5 };
  } else if (c === 'x') {
    const code = hexAt(text, j + 1, 2);
    if (code >= 0) return { units: [code], end: j + 3 };
  } else if (c === '"' || c === "'" || c === '/') {
    return { units: [c.charCodeAt(0)], end: j + 1 };
  } else if (c !== undefined && c in JSON_SHORT && (j - i) % 2 === 1) {
    return { units: [JSON_SHORT[c]!], end: j + 1 };
  }
  // An escaped backslash (at any depth) stands for one backslash.
  return j - i >= 2 ? { units: [92], end: j } : undefined;
}

/** `%HH` (or `%25HH`, double-encoded) at `i`: one byte. */
function percentByte(text: string, i: number): { byte: number; end: number } | undefined {
  if (text.charCodeAt(i) !== 37) return undefined;
  let j = i + 1;
  // "%2541" is "%41" encoded once more: skip every "25" that is followed by two more hex digits.
  while (text.startsWith('25', j) && isHex(text.charCodeAt(j + 2)) && isHex(text.charCodeAt(j + 3))) j += 2;
  const byte = hexAt(text, j, 2);
  return byte >= 0 ? { byte, end: j + 2 } : undefined;
}

/** A URL-encoded character at `i`: one byte below 0x80, or a whole UTF-8 sequence. */
function percent(text: string, i: number): Decoded | undefined {
  const first = percentByte(text, i);
  if (!first) return undefined;
  if (first.byte < 0x80) return { units: [first.byte], end: first.end };
  const extra = first.byte >= 0xf0 ? 3 : first.byte >= 0xe0 ? 2 : first.byte >= 0xc0 ? 1 : -1;
  if (extra < 0) return undefined;
  let code = first.byte & (0x3f >> extra);
  let end = first.end;
  for (let k = 0; k < extra; k++) {
    const next = percentByte(text, end);
    if (!next || (next.byte & 0xc0) !== 0x80) return undefined;
    code = (code << 6) | (next.byte & 0x3f);
    end = next.end;
  }
  return code > 0x10ffff ? undefined : { units: unitsOf(code), end };
}

const ENTITY_BODY = /(?:#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/y;

/** The entity body (`#61;`, `#x3d;`, `equals;`) starting exactly at `at`, if any. */
function entityBodyAt(text: string, at: number): string | undefined {
  ENTITY_BODY.lastIndex = at;
  return ENTITY_BODY.exec(text)?.[0];
}

/** An HTML character reference at `i`, behind any number of `&amp;` (double escaping). */
function entity(text: string, i: number): Decoded | undefined {
  let p = i + 1;
  while (text.startsWith('amp;', p) && entityBodyAt(text, p + 4)) p += 4;
  const body = entityBodyAt(text, p);
  if (!body) return undefined;
  const end = p + body.length;
  const name = body.slice(0, -1);
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? { units: unitsOf(code), end } : undefined;
  }
  const char = NAMED[name];
  return char === undefined ? undefined : { units: [char.charCodeAt(0)], end };
}

/** The text with one escaping layer decoded; `start[k]`/`end[k]` give the source span of decoded unit k. */
export interface DecodedView {
  text: string;
  start: Int32Array;
  end: Int32Array;
  /** True when nothing was decoded (the view is the text itself). */
  identity: boolean;
}

export function decodeView(text: string): DecodedView {
  const n = text.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const units = new Uint16Array(n);
  let k = 0;
  let identity = true;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    const decoded = c === 92 ? backslash(text, i) : c === 37 ? percent(text, i) : c === 38 ? entity(text, i) : undefined;
    if (decoded) {
      identity = false;
      for (const unit of decoded.units) {
        units[k] = unit;
        start[k] = i;
        end[k] = decoded.end;
        k++;
      }
      i = decoded.end;
    } else {
      units[k] = c;
      start[k] = i;
      end[k] = i + 1;
      k++;
      i++;
    }
  }
  if (identity) return { text, start, end, identity };
  let decoded = '';
  for (let from = 0; from < k; from += 8192) decoded += String.fromCharCode(...units.subarray(from, Math.min(k, from + 8192)));
  return { text: decoded, start, end, identity };
}

/** Shorter values are matched as whole tokens only: "k1" inside "work1" is not that secret. */
export const MIN_SUBSTRING_SECRET = 4;
const isWordUnit = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export type Span = [start: number, end: number];

/** Escaping layers undone, one inside the other (JSON in JSON in HTML is three). */
const MAX_LAYERS = 3;

/** A set of secret values and where they occur in a text, in any of the forms above. */
export class SecretIndex {
  /** Values of 4+ units by their first 4 units (one substring probe per position). */
  private readonly byPrefix = new Map<string, string[]>();
  private readonly firstUnits = new Set<number>();
  private readonly tokens = new Set<string>();
  /** Each searched form → the value it stands for (a form-encoded value has '+' for spaces). */
  private readonly original = new Map<string, string>();

  get size(): number {
    return this.byPrefix.size + this.tokens.size;
  }

  add(value: string): void {
    if (value === '') return;
    // Also as it sits inside a JSON string (`"` and `\\` escaped): an echo of a request body escapes it once more.
    const json = JSON.stringify(value).slice(1, -1);
    const forms = [...new Set([value, json].flatMap((f) => (f.includes(' ') ? [f, f.replace(/ /g, '+')] : [f])))];
    for (const form of forms) {
      if (!this.original.has(form)) this.original.set(form, value);
      if (form.length < MIN_SUBSTRING_SECRET) {
        this.tokens.add(form);
        continue;
      }
      const key = form.slice(0, MIN_SUBSTRING_SECRET);
      const list = this.byPrefix.get(key) ?? [];
      if (list.includes(form)) continue;
      list.push(form);
      list.sort((a, b) => b.length - a.length);
      this.byPrefix.set(key, list);
      this.firstUnits.add(form.charCodeAt(0));
    }
  }

  /** Every occurrence with the value found, sorted, overlaps dropped (the earliest, longest one is kept). */
  find(text: string): Array<{ start: number; end: number; value: string }> {
    const found = this.occurrences(text);
    const kept: typeof found = [];
    for (const hit of found) if (!kept.length || hit.start >= kept[kept.length - 1]!.end) kept.push(hit);
    return kept;
  }

  /** Source spans of every occurrence, sorted and merged (overlapping or touching spans become one). */
  spans(text: string): Span[] {
    const found = this.occurrences(text).map((h): Span => [h.start, h.end]);
    const merged: Span[] = [];
    for (const span of found) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    }
    return merged;
  }

  private occurrences(text: string): Array<{ start: number; end: number; value: string }> {
    if (this.size === 0 || text === '') return [];
    const found: Array<{ start: number; end: number; value: string }> = [];
    const original = (form: string) => this.original.get(form) ?? form;
    this.search(text, (a, b, value) => found.push({ start: a, end: b, value: original(value) }));
    // Escaping nests (a JSON body echoed inside JSON, then HTML-escaped): decode layer after layer, mapping
    // each decoded unit back to its source span in the original text.
    let layer = text;
    let from: Int32Array | undefined;
    let to: Int32Array | undefined;
    for (let depth = 0; depth < MAX_LAYERS; depth++) {
      const view = decodeView(layer);
      if (view.identity) break;
      const n = view.text.length;
      const start = new Int32Array(n);
      const end = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        start[k] = from ? from[view.start[k]!]! : view.start[k]!;
        end[k] = to ? to[view.end[k]! - 1]! : view.end[k]!;
      }
      this.search(view.text, (a, b, value) => found.push({ start: start[a]!, end: end[b - 1]!, value: original(value) }));
      [layer, from, to] = [view.text, start, end];
    }
    return found.sort((x, y) => x.start - y.start || y.end - x.end);
  }

  private search(text: string, hit: (start: number, end: number, value: string) => void): void {
    const last = text.length - MIN_SUBSTRING_SECRET;
    for (let i = 0; i <= last; i++) {
      if (!this.firstUnits.has(text.charCodeAt(i))) continue;
      const candidates = this.byPrefix.get(text.substr(i, MIN_SUBSTRING_SECRET));
      const match = candidates?.find((value) => text.startsWith(value, i));
      if (match) hit(i, i + match.length, match);
    }
    for (const token of this.tokens) {
      for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
        if (i > 0 && isWordUnit(text.charCodeAt(i - 1))) continue;
        if (isWordUnit(text.charCodeAt(i + token.length))) continue;
        hit(i, i + token.length, token);
      }
    }
  }
}

/** The text with every span replaced by `mask`. */
export function replaceSpans(text: string, spans: readonly Span[], mask: string): string {
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const [a, b] of spans) {
    out += text.slice(at, a) + mask;
    at = b;
  }
  return out + text.slice(at);
}
