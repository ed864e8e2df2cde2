import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonObject } from './load.ts';
import type { Decision, ErrorCodeEntry, SourceRef } from './types.ts';
import { verbatimDir } from './verbatim.ts';

/**
 * Quotes are exact: every x-source.text, error-code source, code meaning and decision quote is checked against the
 * vendor documents, which are kept verbatim in fixtures/verbatim/ (the project never reads them from anywhere else).
 */

/** Joins excerpts of a quote; any other ellipsis would be text the document never wrote. */
export const EXCERPT_SEPARATOR = ' … ';

const documents = new Map<string, string[]>();

/** The lines of a vendor document (fixtures/verbatim/<file>), 0-based array of 1-based lines. */
export function documentLines(file: string): string[] {
  if (path.basename(file) !== file) throw new Error(`document name ${JSON.stringify(file)} is not a plain file name`);
  let lines = documents.get(file);
  if (!lines) {
    lines = readFileSync(path.join(verbatimDir, file), 'utf8').split(/\r?\n/);
    documents.set(file, lines);
  }
  return lines;
}

const stripTags = (line: string) => line.replace(/<[^>]*>/g, '');

/** One quote of a spec and how it must match its document. */
export interface Quote {
  /** Where the quote is in the spec (JSON pointer, or `x-decisions/W02`). */
  where: string;
  ref: SourceRef;
  text: string;
  /** true: the whole line as written (x-source); false: part of a line, or excerpts (decision quotes, code meanings). */
  wholeLine: boolean;
}

/** Why a quote does not match its document, or undefined when it is exact. */
export function quoteProblem(lines: readonly string[], quote: Quote): string | undefined {
  const { ref, text } = quote;
  const listed = ref.lines ?? [ref.line];
  if (!text) return 'no text';
  if (ref.lines && (ref.lines.length < 2 || ref.lines[0] !== ref.line)) return `lines must list two or more lines, the first being line ${ref.line}`;
  if (listed.some((n, i) => !Number.isInteger(n) || n < 1 || n > lines.length || (i > 0 && n <= listed[i - 1]!))) return `lines ${listed.join(', ')} are not ascending lines of the document (it has ${lines.length})`;
  const lineText = (n: number) => (ref.htmlStripped ? stripTags(lines[n - 1]!) : lines[n - 1]!);
  if (ref.htmlStripped && !listed.some((n) => /<[^>]+>/.test(lines[n - 1]!))) return 'htmlStripped is set but the line has no HTML tag';
  const fragments = ref.excerpts ? text.split(EXCERPT_SEPARATOR).map((f) => f.trim()) : [text];
  if (ref.excerpts && fragments.length < 2) return `excerpts is set but the quote joins nothing with "${EXCERPT_SEPARATOR.trim()}"`;
  if (!ref.excerpts && listed.length > 1) return `a quote from several lines joins excerpts: set excerpts: true and join them with "${EXCERPT_SEPARATOR.trim()}"`;
  if (fragments.some((f) => !f)) return 'an empty excerpt';
  // Each excerpt lies within one line, after the previous one; every listed line gives at least one excerpt.
  const used = new Set<number>();
  let index = 0;
  let offset = 0;
  for (const fragment of fragments) {
    let at = -1;
    while (index < listed.length && (at = lineText(listed[index]!).indexOf(fragment, offset)) < 0) {
      index += 1;
      offset = 0;
    }
    if (at < 0) {
      const hint = !ref.htmlStripped && listed.some((n) => stripTags(lines[n - 1]!).includes(fragment)) ? ' (it is there once HTML tags are removed: set htmlStripped: true)' : '';
      const joined = !ref.excerpts && text.includes('…') ? ` (a quote that joins excerpts with "…" says so: excerpts: true)` : '';
      return `"${fragment}" is not on ${listed.length > 1 ? `lines ${listed.join(', ')}` : `line ${ref.line}`}${fragments.length > 1 ? ' in this order' : ''}${hint}${joined}`;
    }
    used.add(listed[index]!);
    offset = at + fragment.length;
  }
  const unused = listed.filter((n) => !used.has(n));
  if (unused.length) return `line ${unused.join(', ')} is listed but not quoted`;
  if (quote.wholeLine) {
    if (ref.excerpts || listed.length > 1) return 'x-source quotes one whole line, not excerpts';
    const whole = lineText(ref.line).trim();
    if (whole !== text) {
      const hint = !ref.htmlStripped && stripTags(whole).trim() === text ? ' (it is, once HTML tags are removed: set htmlStripped: true)' : '';
      return `x-source.text must be the whole line as written (trimmed): ${JSON.stringify(whole)}${hint}`;
    }
  }
  return undefined;
}

/** Every quote of a spec document: x-source texts, error-code sources and meanings, decision quotes. */
export function specQuotes(doc: JsonObject): Quote[] {
  const out: Quote[] = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    if (!node || typeof node !== 'object') return;
    const obj = node as JsonObject;
    const source = obj['x-source'] as SourceRef | undefined;
    if (source && typeof source === 'object') out.push({ where: `${at}/x-source`, ref: source, text: source.text ?? '', wholeLine: true });
    for (const [key, value] of Object.entries(obj)) if (key !== 'x-decisions') walk(value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(doc, '');
  for (const [route, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, JsonObject>>)) {
    for (const [method, op] of Object.entries(item)) {
      const at = `/paths/${route.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`;
      const envelope = op['x-error-envelope'] as { source?: SourceRef; contentTypeSource?: SourceRef; messageRules?: Record<string, { source?: SourceRef }> } | undefined;
      if (envelope?.source) out.push({ where: `${at}/x-error-envelope/source`, ref: envelope.source, text: envelope.source.text ?? '', wholeLine: true });
      // The evidence model's own quotes: the answer's Content-Type line, the message rules, the request expectations.
      const lineQuote = (where: string, ref: SourceRef | undefined) => ref && out.push({ where, ref, text: ref.text ?? '', wholeLine: true });
      lineQuote(`${at}/x-error-envelope/contentTypeSource`, envelope?.contentTypeSource);
      for (const [kind, rule] of Object.entries(envelope?.messageRules ?? {})) lineQuote(`${at}/x-error-envelope/messageRules/${kind}/source`, rule.source);
      ((op['x-expectations'] ?? []) as Array<{ source?: SourceRef }>).forEach((e, i) => lineQuote(`${at}/x-expectations/${i}/source`, e.source));
      ((op['x-error-codes'] ?? []) as ErrorCodeEntry[]).forEach((entry, i) => {
        out.push({ where: `${at}/x-error-codes/${i}/source`, ref: entry.source, text: entry.source.text ?? '', wholeLine: true });
        out.push({ where: `${at}/x-error-codes/${i}/zh`, ref: { ...entry.source, text: entry.zh }, text: entry.zh, wholeLine: false });
      });
    }
  }
  for (const d of (doc['x-decisions'] ?? []) as Decision[]) out.push({ where: `x-decisions/${d.id}`, ref: d.source, text: d.quote, wholeLine: false });
  return out;
}
