/**
 * Text a terminal would interpret, made visible: C0 controls (ESC, BEL, NUL, CR, …), DEL, C1 controls (a lone
 * U+009B is a CSI on many terminals), bidi marks (the Arabic letter mark too), overrides and isolates, line and paragraph separators. Everything a
 * target controls goes through this before it is printed, so an answer cannot clear the screen, forge a line
 * (CR, a fake "PASS"), or reorder what is shown.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** One line: every control character (newlines and tabs included) written as an escape (`\x1B`, `\n`). */
export function printableLine(text: string): string {
  return text.replace(UNSAFE_ONE_LINE, visible);
}

/** Several lines: newlines and tabs kept, every other control character written as an escape. */
export function printableText(text: string): string {
  return text.replace(UNSAFE_MULTILINE, visible);
}
