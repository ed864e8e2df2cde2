import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateRequest } from '../validation/index.ts';
import { compareDecisionIds } from './decisions.ts';
import { decisionById, expectationBasis, expectationKey, expectationOf, valueClass, type Basis } from './evidence.ts';
import type { Contract } from './load.ts';
import { fieldPatternOf, nodeAtPath, requestTree, type FieldNode } from './schema-tree.ts';
import type { SourceRef } from './types.ts';
import { verbatimDir } from './verbatim.ts';

/** What curl sends as Content-Type for `-d` without `-H 'Content-Type: …'`. */
export const CURL_DATA_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** The document's own example exchange, from fixtures/verbatim/ (byte for byte) and the spec's x-document-examples. */
export interface DocumentExchange {
  request: {
    /** The exact bytes the example sends. */
    body: string;
    /** The Content-Type it is sent with (curl's default for -d when the curl line sets none). */
    contentType: string;
    file: string;
    curl?: string;
    source: SourceRef;
  };
  /** The answer the document records to that request (weidu's transcript); absent when it records none. */
  response?: { status: number; headers: Record<string, string>; body: string; value: unknown; source: SourceRef; file: string };
}

/** Per contract: the example files are read once, the evidence worked out once (checks and plans ask every run). */
const exchanges = new WeakMap<Contract, DocumentExchange | undefined>();
const evidences = new WeakMap<Contract, ExampleEvidence[]>();
const read = (file: string) => readFileSync(path.join(verbatimDir, file), 'utf8');

/** The Content-Type a curl line sends: its -H header, else curl's default for a -d body. */
export function curlContentType(curl: string): string | undefined {
  const header = [...curl.matchAll(/(?:-H|--header)\s+(['"])(.*?)\1/g)].map((m) => m[2]!).find((h) => /^content-type\s*:/i.test(h));
  if (header) return header.slice(header.indexOf(':') + 1).trim();
  return /\s(?:-d|--data(?:-raw|-binary|-ascii)?)\s/.test(curl) ? CURL_DATA_CONTENT_TYPE : undefined;
}

/** The bytes a curl line sends with -d '…' (a single-quoted shell word is taken literally), if it has one. */
export function curlData(curl: string): string | undefined {
  return /\s(?:-d|--data(?:-raw|-binary|-ascii)?)\s+'([^']*)'/.exec(curl)?.[1];
}

/** The last answer of an HTTP transcript head ("HTTP/1.1 100 Continue" first is skipped): status and headers. */
export function parseResponseHead(text: string): { status: number; headers: Record<string, string> } {
  const blocks = text.split(/\r?\n\r?\n/).map((b) => b.trim()).filter(Boolean);
  const [statusLine = '', ...lines] = blocks[blocks.length - 1]!.split(/\r?\n/);
  const status = Number(statusLine.split(/\s+/)[1]);
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status, headers };
}

export function documentExchange(contract: Contract): DocumentExchange | undefined {
  if (!exchanges.has(contract)) exchanges.set(contract, readDocumentExchange(contract));
  return exchanges.get(contract);
}

function readDocumentExchange(contract: Contract): DocumentExchange | undefined {
  const ref = contract.documentExamples;
  if (!ref) return undefined;
  const curl = ref.request.curl ? read(ref.request.curl) : undefined;
  const contentType = ref.request.contentType ?? (curl ? curlContentType(curl) : undefined) ?? contract.requestMediaType;
  // The curl's own -d word is what went over the wire (the kept file ends with the line break of its document line).
  const body = (curl ? curlData(curl) : undefined) ?? read(ref.request.file);
  const exchange: DocumentExchange = { request: { body, contentType, file: ref.request.file, curl: ref.request.curl, source: ref.request.source } };
  if (ref.response?.recorded) {
    const head = ref.response.head ? parseResponseHead(read(ref.response.head)) : { status: 200, headers: {} };
    const text = read(ref.response.file);
    exchange.response = { ...head, body: text, value: JSON.parse(text) as unknown, source: ref.response.source, file: ref.response.file };
  }
  return exchange;
}

/** One thing the document's own example does that an expectation of the spec excludes. */
export interface ExampleEvidence {
  /** The expectation it contradicts (x-expectations key). */
  key: string;
  /** Field pattern ('work_list/*\/type'); for an undocumented field, the pattern of the object holding it; '' for the body. */
  pattern: string;
  /** Where in the example ('work_list/0/type', 'gender', 'Content-Type'). */
  path: string;
  value: unknown;
  valueClass: string;
  /** What the spec expects there, in words. */
  expected: string;
  /** Document, line, and the example's own text there ('"type":0'). */
  source: SourceRef;
  file: string;
  /** "and the vendor answered HTTP 200 {…}" when the document records the answer. */
  answered?: string;
  /** Decisions that discuss it. */
  decisions: string[];
}

/** The line of the example file that holds a token, as a document line (the file starts at `source.line`). */
function locate(text: string, token: string, source: SourceRef): SourceRef {
  const index = text.split('\n').findIndex((l) => l.includes(token));
  return { document: source.document, line: source.line + Math.max(0, index), text: token };
}

function evidenceOf(contract: Contract): ExampleEvidence[] {
  const exchange = documentExchange(contract);
  if (!exchange) return [];
  const { request, response } = exchange;
  const answered = response ? `and the vendor answered HTTP ${response.status} ${JSON.stringify(response.value)}` : 'as the request to send (the document records no answer)';
  const tree = requestTree(contract);
  const out: ExampleEvidence[] = [];
  /** Decisions linked to the example at this field (`inExample`), and the one the broken expectation rests on. */
  const related = (fieldPattern: string, key: string) => {
    const ids = contract.decisions.filter((d) => d.inExample?.includes(fieldPattern)).map((d) => d.id);
    const expectation = expectationOf(contract, key)?.decision;
    if (expectation && decisionById(contract, expectation)) ids.push(expectation);
    return [...new Set(ids)].sort(compareDecisionIds);
  };
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    body = undefined;
  }
  for (const v of body === undefined ? [] : validateRequest(contract.api, body)) {
    const name = v.path.split('/').pop() ?? '';
    const value = v.path.split('/').reduce<unknown>((node, s) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[s] : undefined), body);
    const key = expectationKey(v.keyword, value, nodeAtPath(tree, v.path));
    const fieldPattern = fieldPatternOf(v.path);
    const pattern = key === 'unknown-field' ? fieldPattern.split('/').slice(0, -1).join('/') : fieldPattern;
    const unknown = key === 'unknown-field';
    const token = unknown ? `"${name}"` : `"${name}":${JSON.stringify(value)}`;
    out.push({
      key,
      pattern,
      path: v.path,
      value,
      valueClass: valueClass(key, value),
      expected: v.expected,
      source: locate(request.body, token, request.source),
      file: request.file,
      answered,
      decisions: related(fieldPattern, key),
    });
  }
  const media = valueClass('media-type', request.contentType);
  if (media !== contract.requestMediaType.toLowerCase()) {
    out.push({
      key: 'media-type',
      pattern: '',
      path: 'Content-Type',
      value: request.contentType,
      valueClass: media,
      expected: `Content-Type: ${contract.requestMediaType}`,
      source: { ...request.source, text: request.curl ? `${read(request.curl).trim().slice(0, 77)}… (no -H 'Content-Type', so curl sends ${request.contentType})` : request.contentType },
      file: request.curl ?? request.file,
      answered,
      decisions: related('Content-Type', 'media-type'),
    });
  }
  return out;
}

/** Everything the document's own example does that the spec's expectations exclude. */
export function exampleEvidence(contract: Contract): ExampleEvidence[] {
  let evidence = evidences.get(contract);
  if (!evidence) evidences.set(contract, (evidence = evidenceOf(contract)));
  return evidence;
}

/** The example evidence matching an expectation at a field pattern for a value of the same class, if any. */
export function exampleShows(contract: Contract, key: string, pattern: string, value: unknown): ExampleEvidence | undefined {
  const cls = valueClass(key, value);
  return exampleEvidence(contract).find((e) => e.key === key && e.pattern === pattern && e.valueClass === cls);
}

export function exampleBasis(evidence: ExampleEvidence): Basis {
  return { kind: 'example', source: evidence.source, shows: evidence.answered ?? '', file: evidence.file, decisions: evidence.decisions };
}

/**
 * Why a server must refuse a value at a field (the invalid corpus and generated mutations alike): the document's
 * own example when it sends a value of the same class there (never asserted), else the expectation's own basis.
 */
export function requestBasis(contract: Contract, key: string, pattern: string, value: unknown, node?: FieldNode): Basis {
  const shown = exampleShows(contract, key, pattern, value);
  return shown ? exampleBasis(shown) : expectationBasis(contract, key, node);
}

/** Where the spec is stricter than the vendor's own example: each contradiction, what the spec says, and the basis it would have otherwise. */
export interface ExampleContradiction extends ExampleEvidence {
  says: string;
  /** The basis of the expectation without the example (documented or a decision): what it is not asserted against. */
  specBasis: Basis;
}

export function exampleContradictions(contract: Contract): ExampleContradiction[] {
  const tree = requestTree(contract);
  return exampleEvidence(contract).map((e) => ({
    ...e,
    says: expectationOf(contract, e.key)?.says ?? e.expected,
    specBasis: expectationBasis(contract, e.key, e.key === 'unknown-field' || e.key === 'media-type' ? undefined : nodeAtPath(tree, e.path)),
  }));
}
