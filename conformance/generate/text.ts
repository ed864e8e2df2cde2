import fc from 'fast-check';

/**
 * Hostile-but-valid text: what a real client may put in any string field the spec leaves unconstrained. Not data
 * about the APIs (that comes from the spec's schemas), but classes of characters that break servers: characters
 * outside the BMP (a MySQL utf8mb3 column), combining marks, right-to-left letters and bidi controls, zero-width
 * characters, control characters, JSON's own special characters, every plane of Unicode, and length.
 */

const codePoints = (from: number, to: number) => fc.integer({ min: from, max: to }).map((cp) => String.fromCodePoint(cp));

/** One unit of text per class; a string mixes units, and shrinks towards plain ASCII. */
export const textClasses = {
  ascii: codePoints(0x20, 0x7e),
  /** The CJK Unified Ideographs block: what these vendors' users type. */
  cjk: codePoints(0x4e00, 0x9fff),
  /** Outside the BMP: emoji, CJK Extension B, and any other astral code point (planes 1–16, private use included). */
  astral: fc.oneof(codePoints(0x1f300, 0x1faff), codePoints(0x20000, 0x2a6df), codePoints(0x10000, 0x10ffff)),
  /** A letter followed by one to four combining marks. */
  combining: fc.tuple(codePoints(0x61, 0x7a), fc.array(codePoints(0x300, 0x36f), { minLength: 1, maxLength: 4 })).map(([base, marks]) => base + marks.join('')),
  /** Hebrew and Arabic letters, and the bidi marks, embeddings, overrides and isolates. */
  rtl: fc.oneof(codePoints(0x5d0, 0x5ea), codePoints(0x627, 0x64a), fc.constantFrom('\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069')),
  zeroWidth: fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e'),
  /** C0 (NUL included), DEL and C1 controls. */
  control: fc.oneof(codePoints(0x00, 0x1f), codePoints(0x7f, 0x9f)),
  /** Characters with a meaning in JSON, HTML, SQL, URLs or JavaScript sources. */
  special: fc.constantFrom('"', '\\', '/', "'", '<', '>', '&', '%', '{', '}', ';', '--', '\u2028', '\u2029', '${'),
  whitespace: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2003', '\u0085'),
  /** Any Unicode scalar value, in any plane (noncharacters included; never a lone surrogate). */
  anyPlane: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
} as const;

export type TextClass = keyof typeof textClasses;

/** Mostly ordinary text (ASCII, Chinese), with every hostile class often enough that a few hundred strings hold each. */
const unit = fc.oneof(
  { weight: 6, arbitrary: textClasses.ascii },
  { weight: 3, arbitrary: textClasses.cjk },
  { weight: 1, arbitrary: textClasses.astral },
  { weight: 1, arbitrary: textClasses.combining },
  { weight: 1, arbitrary: textClasses.rtl },
  { weight: 1, arbitrary: textClasses.zeroWidth },
  { weight: 1, arbitrary: textClasses.control },
  { weight: 1, arbitrary: textClasses.special },
  { weight: 1, arbitrary: textClasses.whitespace },
  { weight: 1, arbitrary: textClasses.anyPlane },
);

/** Units in a short string; a long one has up to longMax (up to about 12 KB of UTF-8), and a field takes one if it allows longMin. */
export const TEXT_LIMITS = { short: 16, longMin: 300, longMax: 3000 } as const;

/** A code point count as JSON Schema counts it (minLength/maxLength). */
export const codePointLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * Text for a string field: short strings (the empty one included when allowed), strings of a single hostile class,
 * and long ones; `minLength`/`maxLength` are the schema's (in code points).
 */
export function hostileText(bounds: { minLength?: number; maxLength?: number; long?: boolean } = {}): fc.Arbitrary<string> {
  const min = bounds.minLength ?? 0;
  const max = bounds.maxLength ?? Number.MAX_SAFE_INTEGER;
  const within = (s: string) => {
    const n = codePointLength(s);
    return n >= min && n <= max;
  };
  // Units can be several code points (a letter and its marks): every string is checked against the schema's bounds.
  const strings = (unitArb: fc.Arbitrary<string>, minUnits: number, maxUnits: number, size?: fc.SizeForArbitrary) =>
    fc.string({ unit: unitArb, minLength: Math.min(minUnits, maxUnits), maxLength: maxUnits, ...(size ? { size } : {}) }).filter(within);
  const short = Math.max(min, Math.min(max, TEXT_LIMITS.short));
  const choices: Array<fc.WeightedArbitrary<string>> = [
    { weight: 20, arbitrary: strings(unit, min, short) },
    ...Object.values(textClasses).map((arbitrary) => ({ weight: 1, arbitrary: strings(arbitrary, Math.max(1, min), short) })),
  ];
  // About one string in thirty is long (lengths spread up to longMax, so most are long; and it shrinks to nothing),
  // and none inside a "many" array (values.ts): long strings, not huge bodies.
  if (bounds.long !== false && max >= TEXT_LIMITS.longMin) choices.push({ weight: 1, arbitrary: strings(unit, min, Math.min(max, TEXT_LIMITS.longMax), 'max') });
  return fc.oneof(...choices);
}

/** Built once: fast-check prepares every string arbitrary it builds, which costs about a second for these. */
const SECRET_CORE = fc.stringMatching(/^[A-Za-z0-9]{8}$/);

/**
 * Text for an x-secret field: empty, or hostile text around an 8-character alphanumeric core. Reports mask a kept
 * request's secret values wherever they occur, so a value must never be a common string (four spaces, "size").
 */
export function secretText(bounds: { minLength?: number; maxLength?: number; long?: boolean } = {}): fc.Arbitrary<string> {
  const min = bounds.minLength ?? 0;
  const max = bounds.maxLength ?? Number.MAX_SAFE_INTEGER;
  if (max < 8) return hostileText(bounds);
  const core = SECRET_CORE;
  const around = hostileText({ maxLength: 4, long: false });
  const distinctive = fc.tuple(around, core, bounds.long === false ? around : hostileText({ long: bounds.long })).map(([a, b, c]) => a + b + c).filter((t) => {
    const n = codePointLength(t);
    return n >= min && n <= max;
  });
  return min === 0 ? fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: distinctive }) : distinctive;
}
