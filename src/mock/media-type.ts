/**
 * Media types in request headers, read without ever throwing. Prism parses Content-Type with whatwg-mimetype
 * and Accept elements with the `content-type` package, and both throw on what they cannot read (an HTTP 500
 * with a stack trace): the mock checks first, with the same grammars, and answers such headers itself.
 */

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
/** whatwg-mimetype: HTTP whitespace around the essence, "type/subtype" both tokens, parameters never fatal. */
const CONTENT_TYPE = new RegExp(`^[\\t\\n\\r ]*(${TOKEN})/(${TOKEN})[\\t\\n\\r ]*(?:;|$)`);
/** The `content-type` package (RFC 7231 media type): essence, then `; name=value` parameters to the end. */
const ESSENCE = new RegExp(`^${TOKEN}/${TOKEN}$`);
const PARAMETER = new RegExp(
  `; *(${TOKEN}) *= *("(?:[\\u000b\\u0020\\u0021\\u0023-\\u005b\\u005d-\\u007e\\u0080-\\u00ff]|\\\\[\\u000b\\u0020-\\u00ff])*"|${TOKEN}) *`,
  'y',
);

/** The bare media type of a Content-Type header, lower-case; undefined when the header cannot be read. */
export function contentTypeEssence(header: string): string | undefined {
  const match = CONTENT_TYPE.exec(header);
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : undefined;
}

/** Whether one media range (an Accept element such as `application/json;q=0.9`) is well-formed. */
export function isMediaRange(text: string): boolean {
  const semicolon = text.indexOf(';');
  const essence = (semicolon < 0 ? text : text.slice(0, semicolon)).trim();
  if (!ESSENCE.test(essence)) return false;
  if (semicolon < 0) return true;
  let at = semicolon;
  while (at < text.length) {
    PARAMETER.lastIndex = at;
    const match = PARAMETER.exec(text);
    if (!match) return false;
    at += match[0].length;
  }
  return true;
}

export type AcceptReading = { ok: true; header: string | undefined } | { ok: false; element: string };

/**
 * An Accept header as a list of media ranges: empty elements dropped (HTTP list syntax), every other one
 * well-formed, or the first element that is not. `header` is the cleaned list to hand on (undefined: no Accept).
 */
export function readAccept(header: string | undefined): AcceptReading {
  if (header === undefined || header.trim() === '') return { ok: true, header: undefined };
  const elements = header.split(',').filter((e) => e.trim() !== '');
  const bad = elements.find((e) => !isMediaRange(e));
  if (bad !== undefined) return { ok: false, element: bad.trim() };
  return { ok: true, header: elements.length ? elements.join(',') : undefined };
}

/** JSON media types, as prism-http-server decides whether to parse a body as JSON. */
export function isJsonMediaType(essence: string): boolean {
  return essence === 'application/json' || /^application\/[^\s/;]+\+json$/.test(essence);
}

/** A request essence against a documented media type (its parameters ignored, `*` wildcards allowed), as Prism matches them. */
export function matchesMediaType(essence: string, documented: string): boolean {
  const wanted = contentTypeEssence(documented);
  if (!wanted) return false;
  const [type, subtype] = essence.split('/');
  const [wantedType, wantedSubtype] = wanted.split('/');
  return (wantedType === '*' || wantedType === type) && (wantedSubtype === '*' || wantedSubtype === subtype);
}
