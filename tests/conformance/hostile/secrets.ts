/**
 * Distinctive secret values and every form a server plausibly echoes them in, for "no secret in any output"
 * tests: raw, JSON (plain, PHP `\/`, Gson `\u003d`, every char `\uXXXX` in both cases, JSON inside JSON),
 * URL-encoding (both hex cases, form `+`), HTML entities (decimal, hex, named).
 */
export const SECRETS = {
  /** `/`, `=` and `+` are what PHP, Gson and URL-encoders escape. */
  appkey: 'Qk7/ApPkEy=Zr4+Wm9',
  /** `&<>"'` are what HTML and Gson escape; `é` is multi-byte in UTF-8. */
  authcode: `Hx2&AuThCoDe<Jv8>"Np5'Tyé`,
} as const;

export const SHORT_SECRETS = { appkey: 'Qz', authcode: 'Vj' } as const;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const u = (c: string) => [...c].flatMap((ch) => {
  const code = ch.codePointAt(0)!;
  if (code <= 0xffff) return [`\\u${hex(code, 4)}`];
  const s = String.fromCodePoint(code);
  return [`\\u${hex(s.charCodeAt(0), 4)}`, `\\u${hex(s.charCodeAt(1), 4)}`];
}).join('');
const json = (c: string) => JSON.stringify(c).slice(1, -1);
const GSON = new Set(['<', '>', '&', '=', "'"]);
const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Each form as one encoded string per character of the secret (so prefixes are whole characters). */
export function encodedForms(secret: string): Record<string, string[]> {
  const chars = [...secret];
  const map = (f: (c: string) => string) => chars.map(f);
  return {
    raw: chars,
    json: map(json),
    php: map((c) => json(c).replace(/\//g, '\\/')),
    gson: map((c) => (GSON.has(c) ? u(c) : json(c))),
    gsonUpper: map((c) => (GSON.has(c) ? u(c).toUpperCase().replace(/\\U/g, '\\u') : json(c))),
    uLower: map(u),
    uUpper: map((c) => u(c).toUpperCase().replace(/\\U/g, '\\u')),
    jsonInJson: map((c) => json(json(c))),
    url: map(encodeURIComponent),
    urlLower: map((c) => encodeURIComponent(c).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())),
    urlAll: map((c) => [...Buffer.from(c, 'utf8')].map((b) => `%${hex(b, 2).toUpperCase()}`).join('')),
    form: map((c) => (c === ' ' ? '+' : encodeURIComponent(c))),
    htmlDecimal: map((c) => `&#${c.codePointAt(0)};`),
    htmlHex: map((c) => `&#x${hex(c.codePointAt(0)!, 1)};`),
    htmlHexUpper: map((c) => `&#X${hex(c.codePointAt(0)!, 1).toUpperCase()};`),
    htmlNamed: map((c) => NAMED[c] ?? c),
    htmlOurs: map((c) => (/[&<>"']/.test(c) ? `&#${c.charCodeAt(0)};` : c)),
  };
}

export const ALL_FORMS = Object.keys(encodedForms('x'));

/** One form of a secret as a string. */
export const encode = (secret: string, form: string): string => encodedForms(secret)[form]!.join('');

/**
 * Leaks of long secrets in a text: any form's first 4 characters (so any prefix of 4+ characters, whole or cut)
 * and its last 4 characters (a cut from the front). Returns "form:prefix" labels.
 */
export function findLeaks(text: string, secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const [form, chars] of Object.entries(encodedForms(secret))) {
      const head = chars.slice(0, 4).join('');
      const tail = chars.slice(-4).join('');
      if (text.includes(head)) leaks.push(`${form} prefix ${JSON.stringify(head)}`);
      if (text.includes(tail)) leaks.push(`${form} suffix ${JSON.stringify(tail)}`);
    }
  }
  return [...new Set(leaks)];
}

/** Leaks of short secrets: the value as a whole token (not inside a longer word) in any form. */
export function findTokenLeaks(text: string, secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const [form, chars] of Object.entries(encodedForms(secret))) {
      const needle = chars.join('').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const match = new RegExp(`(?<![A-Za-z0-9])${needle}(?![A-Za-z0-9])`).exec(text);
      if (match) leaks.push(`${form} ${JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 30))}`);
    }
  }
  return leaks;
}
