import { allNodes, loadContract, requestTree, type ApiName } from '../../src/spec/index.ts';
import type { CurlVariable } from './curl.ts';
import { MIN_SUBSTRING_SECRET, replaceSpans, SecretIndex } from './secret-scan.ts';

export const MASK = '***';
/** Wider than any secret in any (nested) encoding: what `cut` scans past the cut. */
const CUT_MARGIN = 16 * 1024;

/** Names of request properties marked `x-secret: true` in an API's spec, at any depth. */
export function secretFieldNames(api: ApiName): Set<string> {
  return new Set(allNodes(requestTree(loadContract(api))).filter((n) => n.secret).map((n) => n.name));
}

/**
 * Masks secret values everywhere a run writes. Two kinds of secrets:
 * - given ones (credentials from the environment, later header values): masked in every form a server may
 *   echo them in (secret-scan.ts), a value shorter than 4 characters as a whole token; a curl line reads
 *   them from a shell variable (`variable`);
 * - learnt ones, the values of x-secret fields in the run's own request bodies (generated personal data):
 *   masked in JSON bodies structurally, and in free text when 4+ characters long.
 * Masking happens before anything is cut (`cut`), so an excerpt never ends in a secret's prefix.
 */
export class Masker {
  private readonly fields = new Set<string>();
  private readonly index = new SecretIndex();
  private readonly variables = new Map<string, CurlVariable>();
  private readonly publicValues = new Set<string>();

  constructor(apis: readonly ApiName[]) {
    for (const api of apis) for (const name of secretFieldNames(api)) this.fields.add(name);
  }

  get secretFields(): string[] {
    return [...this.fields];
  }

  /** A value given to the run as a secret; `variable` names the shell variable a curl line reads it from. */
  addSecret(value: unknown, variable?: CurlVariable): void {
    if (value === null || value === undefined || typeof value === 'object') return;
    const text = String(value);
    if (text === '' || this.publicValues.has(text)) return;
    this.index.add(text);
    if (variable && !this.variables.has(text)) this.variables.set(text, variable);
  }

  /** A value that is no one's secret although it sits in a secret field (the made-up credentials the run sends). */
  allow(value: string): void {
    this.publicValues.add(value);
  }

  isPublic(value: string): boolean {
    return this.publicValues.has(value);
  }

  isSecretField(name: string): boolean {
    return this.fields.has(name);
  }

  /** The shell variable a curl line uses for a given secret value, if it has one. */
  variableFor(value: string): CurlVariable | undefined {
    return this.variables.get(value);
  }

  /** Learn the x-secret field values of a request body (JSON text or not). */
  learnBody(text: string): void {
    const parsed = tryParse(text);
    if (!parsed.ok) return;
    const stack: Array<[unknown, boolean]> = [[parsed.value, false]];
    while (stack.length) {
      const [node, secret] = stack.pop()!;
      if (Array.isArray(node)) for (const item of node) stack.push([item, secret]);
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) stack.push([v, secret || this.fields.has(k)]);
      else if (secret && node !== null && node !== undefined) {
        const value = String(node);
        // Short generated values ("123", "x") would mask every such token in a report; they stay structural.
        if (value.length >= MIN_SUBSTRING_SECRET && !this.publicValues.has(value)) this.index.add(value);
      }
    }
  }

  /** Where secrets occur in a text, with the value found (for curl lines). */
  find(text: string): Array<{ start: number; end: number; value: string }> {
    return this.index.find(text);
  }

  /** Free text with every secret, in any form, replaced by ***. */
  text(input: string): string {
    return replaceSpans(input, this.index.spans(input), MASK);
  }

  /**
   * Mask, then cut to `max` characters (with …): a secret is never cut into a visible prefix. Only the part that
   * is kept is scanned, plus a margin wider than any encoded secret, so a 1 MB answer costs what its excerpt does.
   */
  cut(input: string, max: number): string {
    if (input.length <= max) {
      const masked = this.text(input);
      return masked.length > max ? `${masked.slice(0, Math.max(0, max - 1))}…` : masked;
    }
    const keep = Math.max(0, max - 1);
    const spans = this.index.spans(input.slice(0, keep + CUT_MARGIN));
    let out = '';
    let at = 0;
    for (const [a, b] of spans) {
      if (a >= keep) break;
      out += input.slice(at, a) + MASK;
      at = b;
    }
    return `${out}${at < keep ? input.slice(at, keep) : ''}…`;
  }

  /**
   * An answer's body as checks and reports see it: secrets masked, and a JSON body still the same JSON
   * (a secret outside any string, e.g. a number, stays when masking it would break the JSON).
   */
  answer(input: string): string {
    const spans = this.index.spans(input);
    if (!spans.length) return input;
    const masked = replaceSpans(input, spans, MASK);
    if (!tryParse(input).ok || tryParse(masked).ok) return masked;
    const strings = stringTokens(input);
    let t = 0;
    const inside = spans.filter(([a, b]) => {
      while (t < strings.length && strings[t]![1] <= a) t++;
      return t < strings.length && a > strings[t]![0] && b <= strings[t]![1];
    });
    return replaceSpans(input, inside, MASK);
  }

  /** A request body: secret fields masked structurally when it is canonical JSON, then the free-text pass. */
  body(input: string): string {
    const layout = jsonLayout(input);
    if (layout) {
      try {
        // Re-rendered in the same layout (compact or 2-space, with or without a final newline).
        return this.text((safeStringify(this.maskValue(layout.value), layout.indent) ?? MASK) + layout.newline);
      } catch {
        // too deep to walk: the free-text pass below still masks every known value
      }
    }
    return this.text(input);
  }

  /** Every string of a value (report.json's content) masked; numbers, booleans and keys of our own stay. */
  deep<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.deep(item)) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.deep(v)])) as T;
    return value;
  }

  private maskValue(node: unknown, secret = false): unknown {
    if (Array.isArray(node)) return node.map((item) => this.maskValue(item, secret));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.maskValue(v, secret || this.fields.has(k))]));
    }
    // null and "" reveal nothing and say what kind of value was sent; made-up credentials are no one's secret.
    return secret && node !== null && node !== '' && !this.publicValues.has(String(node)) ? MASK : node;
  }
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** JSON.stringify that returns undefined instead of overflowing the stack on hostile nesting. */
function safeStringify(value: unknown, indent: number): string | undefined {
  try {
    return JSON.stringify(value, null, indent);
  } catch {
    return undefined;
  }
}

/**
 * A JSON text laid out as we render it: compact or 2-space pretty, with or without one final newline. Only such
 * a body can be re-rendered (masked, or as a curl word) without changing more than its secrets; hostile nesting
 * that cannot be rendered is no such body.
 */
export function jsonLayout(text: string): { value: unknown; indent: 0 | 2; newline: '' | '\n' } | undefined {
  const parsed = tryParse(text);
  if (!parsed.ok) return undefined;
  const newline = text.endsWith('\n') ? '\n' : '';
  const bare = newline ? text.slice(0, -1) : text;
  for (const indent of [0, 2] as const) if (safeStringify(parsed.value, indent) === bare) return { value: parsed.value, indent, newline };
  return undefined;
}

/** Spans of the string tokens (quotes included) of a JSON text. */
function stringTokens(text: string): Array<[number, number]> {
  const tokens: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 34) continue;
    const start = i;
    for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    tokens.push([start, i]);
  }
  return tokens;
}
