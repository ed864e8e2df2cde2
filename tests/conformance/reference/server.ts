import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptedCodes, apiNames, loadContract, lookupCode, mockCodeFor, resolvePointer, type ApiName, type Contract, type JsonObject, type ViolationKind } from '../../../src/spec/index.ts';
import { validateRequest, summarizeViolations, type Violation } from '../../../src/validation/index.ts';
import { crashes, type Fault } from './faults.ts';
import { encodeGbk } from './gbk.ts';
import { behaviourFor, recordedAnswer, type Behaviour, type ProfileName } from './profiles.ts';

/**
 * A strict reference implementation of both APIs, written from the specs (not from the mock): plain
 * node:http, the shared request validator, the spec's code helpers. Lives with the tests; never shipped.
 */
export interface ReferenceOptions {
  /** Valid credentials per API (lingju: appkey, authcode); absent = any value accepted. */
  credentials?: Partial<Record<ApiName, Record<string, string>>>;
  fault?: Fault;
  /** How the server stack behaves where the documents are silent (default strict). */
  profile?: ProfileName;
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
    case 'later-items-unchecked':
      return violations.filter((v) => !/(^|\/)[1-9]\d*(\/|$)/.test(v.path));
    default:
      return violations;
  }
}

/** The code for a kind of violation; `lenient` picks other codes of the same accepted set. */
function codeFor(contract: Contract, kind: ViolationKind, fault: Fault | undefined, field?: string, behaviour?: Behaviour): number {
  const code = behaviour?.errorCode ?? mockCodeFor(contract, kind, field);
  if (fault === 'credentials-account-code' && kind === 'credentials') return accountCode(contract, field);
  if (fault === 'server-fault-for-bad-field' && kind === 'optional') return serverFaultCode(contract) ?? code;
  if (fault === 'lenient') {
    // Another accepted code than the mock's: the last of the preferred category (111 for 8, 29 for 20), or for a
    // credential the code the table names for it (6, 11); weidu lists none: any integer.
    const preferred = contract.envelope.violationCategories[kind][0];
    const accepted = acceptedCodes(contract, kind, field).codes;
    const codes = kind === 'credentials' ? accepted : accepted.filter((c) => lookupCode(contract, c)?.category === preferred);
    return codes.length ? codes[codes.length - 1]! : 1001;
  }
  if (fault === 'wrong-code-category' && contract.api === 'lingju' && kind === 'optional') return mockCodeFor(contract, 'credentials', 'appkey');
  return code;
}

/** An account-state code the spec ties to a credential field by a decision's reading (4 for appkey). */
function accountCode(contract: Contract, field: string | undefined): number {
  return contract.codes.find((e) => e.fieldsDecision && field && e.fields?.includes(field) && e.code !== undefined)?.code ?? mockCodeFor(contract, 'credentials', field);
}

function serverFaultCode(contract: Contract): number | undefined {
  return contract.codes.find((e) => e.code !== undefined && contract.envelope.serverFaultCategories.includes(e.category))?.code;
}

function credentialFailure(contract: Contract, expected: Record<string, string> | undefined, body: JsonObject, fault: Fault | undefined): Answer | undefined {
  if (!expected || fault === 'credentials-not-checked') return undefined;
  for (const [field, value] of Object.entries(expected)) {
    if (body[field] !== value) return { code: codeFor(contract, 'credentials', fault, field), message: `${field} is not valid` };
  }
  return undefined;
}

/** Judge one request: the answer envelope's code and message. */
function judge(contract: Contract, contentType: string | undefined, text: string, options: ReferenceOptions, behaviour: Behaviour): Answer | 'malformed' {
  const fault = options.fault;
  const code = (kind: ViolationKind) => codeFor(contract, kind, fault, undefined, behaviour);
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media !== contract.requestMediaType && !behaviour.parsesAnyContentType) return { code: code('body'), message: `Content-Type must be ${contract.requestMediaType}` };
  if (text.trim() === '') return { code: code('body'), message: 'empty body' };
  let body: unknown;
  try {
    body = behaviour.coerce(contract, JSON.parse(text));
  } catch {
    return 'malformed';
  }
  const creds = options.credentials?.[contract.api];
  const violations = filterByFault(validateRequest(contract.api, body), fault).filter((v) => !behaviour.ignores(contract, v, body));
  if (violations.length) {
    const kinds = new Set(violations.map((v) => kindOf(contract, v)));
    const kind = SEVERITY.find((k) => kinds.has(k))!;
    return { code: code(kind), message: summarizeViolations(violations) };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { code: code('body'), message: 'body must be an object' };
  return credentialFailure(contract, creds, body as JsonObject, fault) ?? { code: contract.envelope.successCodes[0]!, message: '' };
}

function envelope(contract: Contract, answer: Answer, fault: Fault | undefined, behaviour: Behaviour): { status: number; body: JsonObject } {
  const { codeField, messageField, successCodes } = contract.envelope;
  const success = successCodes.includes(answer.code);
  const successExample = contract.responseExamples.find((e) => e.value[codeField] === answer.code)?.value;
  let code: unknown = answer.code;
  if (!success && fault === 'success-on-error') code = successCodes[0];
  if (!success && fault === 'undocumented-code') code = 999;
  if (fault === 'code-as-string') code = String(code);
  const successMessage = behaviour.successMessage !== undefined ? behaviour.successMessage : (successExample?.[messageField] ?? '');
  const body: JsonObject = { [codeField]: code, [messageField]: success ? successMessage : answer.message };
  if (fault === 'message-not-string') body[messageField] = 0;
  if (fault === 'success-result-not-ok' && success) body[messageField] = 'success';
  if (fault === 'error-without-message' && !success) delete body[messageField];
  // Chinese text in the message, as a real stack writes it: the part a GBK encoding changes.
  if (fault === 'body-gbk' && !success) body[messageField] = `${lookupCode(contract, answer.code)?.zh ?? '错误'}: ${answer.message}`;
  if (fault === 'lenient' && success && !requiredFields(contract).includes(messageField)) delete body[messageField];
  if (fault === 'extra-envelope-field') body.trace_id = 'abc123';
  return { status: fault === 'lenient' && !success ? 400 : 200, body };
}

const requiredFields = (contract: Contract) => (resolvePointer(contract.doc, contract.responseSchemaPointer).required ?? []) as string[];

function contentTypeFor(contract: Contract, fault: Fault | undefined, behaviour: Behaviour): string {
  if (fault === 'wrong-content-type') return 'text/html;charset=UTF-8';
  if (fault === 'charset-gbk') return 'application/json;charset=GBK';
  if (fault === 'lenient') return contract.envelope.contentType.toLowerCase().replace(/;\s*/, '; ');
  return behaviour.contentType ?? contract.envelope.contentType;
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
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded = recordedAnswer(options.profile, contract, text);
      if (recorded) return void res.writeHead(recorded.status, { 'Content-Type': recorded.contentType }).end(recorded.body);
      const behaviour = behaviourFor(options.profile, contract.api);
      const answer = judge(contract, req.headers['content-type'], text, options, behaviour);
      if (answer !== 'malformed' && contract.envelope.successCodes.includes(answer.code) && crashes(fault, JSON.parse(text))) {
        if (fault === 'rtl-reset') return void req.socket.destroy();
        return void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>500 Internal Server Error</h1>');
      }
      if (answer === 'malformed') {
        if (fault === 'malformed-json-500') return void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
        if (fault === 'reset-on-malformed-json') return void req.socket.destroy();
        if (fault === 'sleep-on-malformed-json') return;
      }
      const out = envelope(contract, answer === 'malformed' ? { code: codeFor(contract, 'body', fault, undefined, behaviour), message: 'malformed JSON' } : answer, fault, behaviour);
      const json = JSON.stringify(out.body);
      // A legacy stack writing GBK while it labels the answer UTF-8.
      res.writeHead(out.status, { 'Content-Type': contentTypeFor(contract, fault, behaviour) }).end(fault === 'body-gbk' ? encodeGbk(json) : json);
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
