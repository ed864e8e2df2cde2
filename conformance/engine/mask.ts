import { allNodes, loadContract, requestTree, type ApiName } from '../../src/spec/index.ts';

export const MASK = '***';
/** Shorter values are masked inside JSON bodies only: replacing "1" everywhere in free text would garble reports. */
const MIN_TEXT_SECRET = 4;

/** Names of request properties marked `x-secret: true` in an API's spec, at any depth. */
export function secretFieldNames(api: ApiName): Set<string> {
  return new Set(allNodes(requestTree(loadContract(api))).filter((n) => n.secret).map((n) => n.name));
}

/**
 * Masks secret values everywhere a run writes: fields marked x-secret in JSON bodies (structurally),
 * and every secret value it has learnt in any free text (curl lines, response excerpts, messages).
 */
export class Masker {
  private readonly fields = new Set<string>();
  private readonly values = new Set<string>();

  constructor(apis: readonly ApiName[]) {
    for (const api of apis) for (const name of secretFieldNames(api)) this.fields.add(name);
  }

  get secretFields(): string[] {
    return [...this.fields];
  }

  /** Remember a secret value (credentials from the environment, generated mock credentials). */
  addSecret(value: unknown): void {
    if (value === null || value === undefined || typeof value === 'object') return;
    const text = String(value);
    if (text.length >= MIN_TEXT_SECRET) {
      this.values.add(text);
      const escaped = JSON.stringify(text).slice(1, -1);
      if (escaped !== text) this.values.add(escaped);
    }
  }

  /** Learn the secret values in a request body (JSON text or not). */
  learnBody(text: string): void {
    const parsed = tryParse(text);
    if (parsed.ok) this.collect(parsed.value, false);
  }

  private collect(node: unknown, secret: boolean): void {
    if (Array.isArray(node)) node.forEach((item) => this.collect(item, secret));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) this.collect(v, secret || this.fields.has(k));
    else if (secret) this.addSecret(node);
  }

  /** Free text with every known secret value replaced. */
  text(input: string): string {
    let out = input;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(value).join(MASK);
    return out;
  }

  /** A body: secret fields masked structurally when it is canonical JSON, then the free-text pass. */
  body(input: string): string {
    const parsed = tryParse(input);
    if (parsed.ok) {
      // Re-rendered in the same layout (compact or 2-space, with or without a final newline), so the curl line stays faithful.
      for (const indent of [0, 2]) {
        const rendered = JSON.stringify(parsed.value, null, indent);
        const newline = input.endsWith('\n') ? '\n' : '';
        if (rendered + newline === input) return this.text(JSON.stringify(this.maskValue(parsed.value, false), null, indent) + newline);
      }
    }
    return this.text(input);
  }

  private maskValue(node: unknown, secret: boolean): unknown {
    if (Array.isArray(node)) return node.map((item) => this.maskValue(item, secret));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.maskValue(v, secret || this.fields.has(k))]));
    }
    // null and "" reveal nothing and say what kind of value was sent.
    return secret && node !== null && node !== '' ? MASK : node;
  }
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
