import { acceptedCodes, documentExchange, loadContract, requestContentType, type ApiName, type Contract } from '../../src/spec/index.ts';
import { fixtureExpectation, invalidVariants, validFixtures } from '../../src/fixtures/index.ts';
import { checkNames, checks } from '../checks/registry.ts';
import type { CheckName } from '../catalogue.ts';
import type { CasePurpose, PlannedCase, PlannedRequest } from '../types.ts';
import { credentialEnvName, credentialFields, madeUpCredential, type Credentials } from './credentials.ts';
import { headersFor, withExtraHeaders, type ExtraHeader } from './headers.ts';

export interface PlanInput {
  apis: readonly ApiName[];
  /** Base URL per API (the documented path is appended). */
  targets: Partial<Record<ApiName, string>>;
  seed: number;
  only?: readonly CheckName[];
  /** Valid credentials per API, when known. */
  credentials: Partial<Record<ApiName, Credentials>>;
  /** --header: sent with every request of their API (values are secrets: the masker knows them). */
  headers?: readonly ExtraHeader[];
}

/** The operation URL: the target (a path prefix is kept) plus the documented path. */
export function operationUrl(target: string, contract: Contract): string {
  return `${target.replace(/\/+$/, '')}${contract.path}`;
}

/** A request of the operation as sent: fixed cases and generated ones (conformance/generate) are built here alike. */
export function plannedRequest(contract: Contract, url: string, body: string, contentType: string | undefined, extra: Record<string, string> = {}): PlannedRequest {
  return { method: contract.method, url, headers: withExtraHeaders(contentType ? { 'Content-Type': contentType } : {}, extra), body };
}

/** The example's placeholder credentials replaced by the target's, in place (the rest of the bytes unchanged). */
function withCredentials(body: string, credentials: Credentials): string {
  let out = body;
  for (const [field, value] of Object.entries(credentials)) out = out.replace(new RegExp(`("${field}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`), (_m, head: string) => `${head}${JSON.stringify(value)}`);
  return out;
}

/** "set LINGJU_APPKEY and LINGJU_AUTHCODE to the target's valid credentials" (empty when the API has none). */
export function credentialsHint(api: ApiName): string {
  const names = credentialFields(loadContract(api)).map((f) => credentialEnvName(api, f));
  return names.length ? `set ${names.join(' and ')} to the target's valid credentials to run it` : '';
}

/** The per-exchange checks for a purpose, in catalogue order, after --only. */
export function checksFor(purpose: CasePurpose, only: readonly CheckName[] | undefined): CheckName[] {
  return checkNames.filter((name) => {
    const check = checks[name];
    return check.scope === 'exchange' && check.appliesTo.includes(purpose) && (!only || only.includes(name));
  });
}

/** Every request of a run, in a fixed order: same seed → same requests. */
export function buildPlan(input: PlanInput): PlannedCase[] {
  return input.apis.flatMap((api) => planApi(api, input));
}

function planApi(api: ApiName, input: PlanInput): PlannedCase[] {
  const contract = loadContract(api);
  const target = input.targets[api] ?? 'http://embedded-mock';
  const url = operationUrl(target, contract);
  const fields = credentialFields(contract);
  const credentials = input.credentials[api];
  const missing = fields.length > 0 && !credentials;
  const hint = credentialsHint(api);
  const wantsAll = input.only?.includes('error_code_coverage') ?? true;
  const extra = headersFor(input.headers, api);
  const request = (body: string, contentType: string | undefined) => plannedRequest(contract, url, body, contentType, extra);
  const cases: PlannedCase[] = [];
  const add = (c: Omit<PlannedCase, 'checks' | 'skip' | 'api'> & { skip?: PlannedCase['skip'] }) => {
    const list = checksFor(c.purpose, input.only);
    if (list.length || wantsAll) cases.push({ ...c, api, checks: list, skip: c.skip ?? {} });
  };
  const fixtureOptions = { credentials: credentials as { appkey: string; authcode: string } | undefined };

  const fixtures = validFixtures(api, input.seed, fixtureOptions);
  for (const fixture of fixtures) {
    add({
      id: `${api}/positive/${fixture.name}`,
      purpose: 'positive',
      title: `valid: ${fixture.name}${fixture.edgeCase ? ` — ${fixture.edgeCase.exercises}` : ''}`,
      ...(fixture.edgeCase?.path ? { field: fixture.edgeCase.path } : {}),
      ...fixtureExpectation(contract, fixture),
      request: request(JSON.stringify(fixture.body), requestContentType(contract)),
      skip: missing ? { positive_acceptance: `no valid credentials, so success cannot be expected; ${hint}` } : {},
      send: true,
    });
  }

  for (const variant of invalidVariants(api, input.seed, fixtureOptions)) {
    add({
      id: `${api}/negative/${variant.id}`,
      purpose: 'negative',
      title: `invalid: ${variant.path || '(body)'} — ${variant.description}`,
      field: variant.path || '(body)',
      request: request(variant.rawBody, variant.contentType || undefined),
      accepted: variant.accepted,
      variantKind: variant.kind,
      violationKind: variant.violationKind,
      expectation: variant.expectation,
      basis: variant.basis,
      send: true,
    });
  }

  // The document's own example request, as recorded (weidu: the curl's bytes and its form Content-Type).
  const example = documentExchange(contract);
  if (example) {
    const credentialed = credentials ? withCredentials(example.request.body, credentials) : example.request.body;
    add({
      id: `${api}/example/document`,
      purpose: 'example',
      title: `the document's own example request (${example.request.curl ?? example.request.file}, Content-Type ${example.request.contentType}${credentialed !== example.request.body ? ', the target\'s credentials put in' : ', as recorded'})`,
      request: request(credentialed, example.request.contentType),
      send: true,
    });
  }

  // The smallest valid body carries each made-up credential, the other credentials staying valid.
  const base = [...fixtures].sort((a, b) => Object.keys(a.body as object).length - Object.keys(b.body as object).length)[0];
  fields.forEach((field, i) => {
    if (!base) return;
    const body = { ...(base.body as Record<string, unknown>), [field]: madeUpCredential(contract, input.seed, field, credentials?.[field]) };
    // Without valid credentials only the first field can be tried, and then every credentials code is accepted.
    const needsValid = missing && i > 0;
    add({
      id: `${api}/credentials/${field}`,
      purpose: 'credentials',
      title: `made-up ${field}${fields.length > 1 ? (missing ? ' (other credentials made up too)' : ` with valid ${fields.filter((f) => f !== field).join(', ')}`) : ''}`,
      field,
      request: request(JSON.stringify(body), requestContentType(contract)),
      accepted: missing ? acceptedCodes(contract, 'credentials') : acceptedCodes(contract, 'credentials', field),
      skip: needsValid ? { credentials: `needs valid ${fields.filter((f) => f !== field).join(', ')}; ${hint}` } : {},
      send: !needsValid,
    });
  });
  return cases;
}
