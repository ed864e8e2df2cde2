import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptedCodes, apiNames, loadContract, lookupCode, mockCodeFor, resolvePointer, type ApiName, type Contract, type JsonObject, type ViolationKind } from '../../../src/spec/index.ts';
import { validateRequest, summarizeViolations, type Violation } from '../../../src/validation/index.ts';
import type { Fault } from './faults.ts';

/**
 * A strict reference implementation of both APIs, written from the specs (not from the mock): plain
 * node:http, the shared request validator, the spec's code helpers. Lives with the tests; never shipped.
 */
export interface ReferenceOptions {
  /** Valid credentials per API (lingju: appkey, authcode); absent = any value accepted. */
  credentials?: Partial<Record<ApiName, Record<string, string>>>;
  fault?: Fault;
}

export interface RunningReference {
  url: string;
  close(): Promise<void>;
}

interface Answer {
  code: number;
  message: string;
}

const SEVERITY: ViolationKind[] = ['body', 'required', 'optional'];

/** body (whole body, unknown field) / required (a field its object requires) / optional, walking the schema. */
function kindOf(contract: Contract, v: Violation): ViolationKind {
  if (v.path === '' || v.keyword === 'additionalProperties') return 'body';
  let node: JsonObject | undefined = resolvePointer(contract.doc, contract.requestSchemaPointer);
  let required = false;
  for (const segment of v.path.split('/')) {
    if (!node) break;
    if (typeof node.$ref === 'string') node = resolvePointer(contract.doc, node.$ref);
    const props = node.properties as Record<string, JsonObject> | undefined;
    if (props && segment in props) {
      required = ((node.required ?? []) as string[]).includes(segment);
      node = props[segment];
    } else node = /^\d+$/.test(segment) ? (node.items as JsonObject) : undefined;
    if (node && typeof node.$ref === 'string') node = resolvePointer(contract.doc, node.$ref);
  }
  return required ? 'required' : 'optional';
}

function filterByFault(violations: Violation[], fault: Fault | undefined): Violation[] {
  switch (fault) {
    case 'required-not-checked':
      return violations.filter((v) => v.keyword !== 'required');
    case 'enum-not-checked':
      return violations.filter((v) => v.keyword !== 'enum');
    case 'format-not-checked':
      return violations.filter((v) => v.keyword !== 'format');
    case 'type-not-checked':
      return violations.filter((v) => !(v.keyword === 'type' && v.path !== '' && !v.path.includes('/')));
    case 'nested-type-not-checked':
      return violations.filter((v) => !(v.keyword === 'type' && v.path.split('/').length > 2));
    case 'lenient':
      return violations.filter((v) => v.keyword !== 'additionalProperties');
    default:
      return violations;
  }
}

/** The code for a kind of violation; `lenient` picks other codes of the same accepted set. */
function codeFor(contract: Contract, kind: ViolationKind, fault: Fault | undefined, field?: string): number {
  const code = mockCodeFor(contract, kind, field);
  if (fault === 'lenient') {
    // Another accepted code than the mock's: the last of the preferred category (111 for 8, 29 for 20), or for a
    // credential the last code about that field (120, an account code, for appkey); weidu lists none: any integer.
    const preferred = contract.envelope.violationCategories[kind][0];
    const accepted = acceptedCodes(contract, kind, field).codes;
    const codes = kind === 'credentials' ? accepted : accepted.filter((c) => lookupCode(contract, c)?.category === preferred);
    return codes.length ? codes[codes.length - 1]! : 1001;
  }
  if (fault === 'wrong-code-category' && contract.api === 'lingju' && kind === 'optional') return mockCodeFor(contract, 'credentials', 'appkey');
  return code;
}

function credentialFailure(contract: Contract, expected: Record<string, string> | undefined, body: JsonObject, fault: Fault | undefined): Answer | undefined {
  if (!expected || fault === 'credentials-not-checked') return undefined;
  for (const [field, value] of Object.entries(expected)) {
    if (body[field] !== value) return { code: codeFor(contract, 'credentials', fault, field), message: `${field} is not valid` };
  }
  return undefined;
}

/** Judge one request: the answer envelope's code and message. */
function judge(contract: Contract, contentType: string | undefined, text: string, options: ReferenceOptions): Answer | 'malformed' {
  const fault = options.fault;
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media !== contract.requestMediaType) return { code: codeFor(contract, 'body', fault), message: `Content-Type must be ${contract.requestMediaType}` };
  if (text.trim() === '') return { code: codeFor(contract, 'body', fault), message: 'empty body' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  const creds = options.credentials?.[contract.api];
  const violations = filterByFault(validateRequest(contract.api, body), fault);
  if (violations.length) {
    const kinds = new Set(violations.map((v) => kindOf(contract, v)));
    const kind = SEVERITY.find((k) => kinds.has(k))!;
    return { code: codeFor(contract, kind, fault), message: summarizeViolations(violations) };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { code: codeFor(contract, 'body', fault), message: 'body must be an object' };
  return credentialFailure(contract, creds, body as JsonObject, fault) ?? { code: contract.envelope.successCodes[0]!, message: '' };
}

function envelope(contract: Contract, answer: Answer, fault: Fault | undefined): { status: number; body: JsonObject } {
  const { codeField, messageField, successCodes } = contract.envelope;
  const success = successCodes.includes(answer.code);
  const successExample = contract.responseExamples.find((e) => e.value[codeField] === answer.code)?.value;
  let code: unknown = answer.code;
  if (!success && fault === 'success-on-error') code = successCodes[0];
  if (!success && fault === 'undocumented-code') code = 999;
  if (fault === 'code-as-string') code = String(code);
  const body: JsonObject = { [codeField]: code, [messageField]: success ? (successExample?.[messageField] ?? '') : answer.message };
  if (fault === 'message-not-string') body[messageField] = 0;
  if (fault === 'lenient' && success && !requiredFields(contract).includes(messageField)) delete body[messageField];
  if (fault === 'extra-envelope-field') body.trace_id = 'abc123';
  return { status: fault === 'lenient' && !success ? 400 : 200, body };
}

const requiredFields = (contract: Contract) => (resolvePointer(contract.doc, contract.responseSchemaPointer).required ?? []) as string[];

function contentTypeFor(contract: Contract, fault: Fault | undefined): string {
  if (fault === 'wrong-content-type') return 'text/html;charset=UTF-8';
  if (fault === 'charset-gbk') return 'application/json;charset=GBK';
  if (fault === 'lenient') return contract.envelope.contentType.toLowerCase().replace(/;\s*/, '; ');
  return contract.envelope.contentType;
}

export async function startReference(options: ReferenceOptions = {}): Promise<RunningReference> {
  const byPath = new Map(apiNames.map((api) => [loadContract(api).path, loadContract(api)]));
  const fault = options.fault;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const contract = byPath.get((req.url ?? '').split('?')[0]!);
      if (fault === 'sleep-always') return; // never answers
      if (!contract || req.method !== contract.method) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const answer = judge(contract, req.headers['content-type'], Buffer.concat(chunks).toString('utf8'), options);
      if (answer === 'malformed') {
        if (fault === 'malformed-json-500') return void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
        if (fault === 'reset-on-malformed-json') return void req.socket.destroy();
        if (fault === 'sleep-on-malformed-json') return;
      }
      const out = envelope(contract, answer === 'malformed' ? { code: codeFor(contract, 'body', fault), message: 'malformed JSON' } : answer, fault);
      res.writeHead(out.status, { 'Content-Type': contentTypeFor(contract, fault) }).end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
