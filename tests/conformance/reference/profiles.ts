import { documentExchange, exampleShows, nodeAtPath, requestTree, type ApiName, type Contract, type JsonObject } from '../../../src/spec/index.ts';
import type { Violation } from '../../../src/validation/index.ts';

/**
 * How a real server stack behaves where the documents say nothing: the reference implementation's strict
 * behaviour, or one of the vendor-like stacks the suite must pass (exit 0, warnings allowed). Each profile
 * changes only what its stack would change; every documented check stays in place.
 */
export interface Behaviour {
  /** A JSON body is parsed whatever its Content-Type (Go's json.NewDecoder(r.Body); a lenient Spring filter). */
  parsesAnyContentType: boolean;
  /** The body as the stack's deserializer leaves it before validation. */
  coerce(contract: Contract, body: unknown): unknown;
  /** Violations the stack's validation never raises. */
  ignores(contract: Contract, v: Violation, body: unknown): boolean;
  /** The success answer's message field value; undefined = the spec's success example. */
  successMessage?: null | string;
  /** The error code for any refused request (Go-like weidu: its own 10001); undefined = the mock's code. */
  errorCode?: number;
  /** The answer's Content-Type; undefined = the documented one. */
  contentType?: string;
}

export const profiles = {
  strict: 'the strict reference: every expectation of the spec, decisions included',
  'go-like': "weidu as Go's encoding/json leaves it: null → zero value (unset), unknown fields ignored, any request Content-Type parsed, 64-bit ints, work type 0 accepted",
  'spring-like': 'lingju as Spring + Jackson defaults leave it: numeric strings coerced to int, unknown fields ignored, null for a parameter treated as absent, description null on success, any request Content-Type parsed',
  transcript: "strict, except that the document's own example request (byte for byte) gets the document's recorded answer",
} as const;
export type ProfileName = keyof typeof profiles;

const strict: Behaviour = { parsesAnyContentType: false, coerce: (_c, body) => body, ignores: () => false };

/** null anywhere → the key left out (Go's zero value for an unset field; Jackson's null for an absent one). */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as JsonObject).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
}

const valueAt = (body: unknown, path: string) => path.split('/').reduce<unknown>((n, s) => (n && typeof n === 'object' ? (n as JsonObject)[s] : undefined), body);
const INT64 = 2 ** 63;

const goLike: Behaviour = {
  parsesAnyContentType: true,
  // A null element of a slice of structs is a zero struct: an empty object here.
  coerce: (_c, body) => (body && typeof body === 'object' && !Array.isArray(body) ? dropNulls(body) : body),
  ignores(contract, v, body) {
    if (v.keyword === 'additionalProperties') return true; // unknown fields are ignored
    const value = valueAt(body, v.path);
    if (v.keyword === 'format' && typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < INT64) return true; // Go's int is 64-bit
    // The vendor's own server answered work type 0 with 200 ok: this stack accepts the enum values the vendor's does.
    const node = nodeAtPath(requestTree(contract), v.path);
    return v.keyword === 'enum' && node !== undefined && exampleShows(contract, 'enum', node.pattern, value) !== undefined;
  },
  errorCode: 10001,
  contentType: 'application/json; charset=utf-8',
};

const springLike: Behaviour = {
  parsesAnyContentType: true,
  coerce(contract, body) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
    const out = dropNulls(body) as JsonObject;
    // Jackson coerces a numeric string to an int field (ALLOW_COERCION_OF_SCALARS, on by default).
    for (const field of requestTree(contract).properties ?? []) {
      const value = out[field.name];
      if (field.type === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value)) out[field.name] = Number(value);
    }
    return out;
  },
  ignores: (_c, v) => v.keyword === 'additionalProperties', // FAIL_ON_UNKNOWN_PROPERTIES is off in Spring Boot
  successMessage: null, // an unset String is written as null
  contentType: 'application/json;charset=UTF-8',
};

/** The behaviour of one API under a profile (a vendor-like profile changes only the API it models). */
export function behaviourFor(profile: ProfileName | undefined, api: ApiName): Behaviour {
  if (profile === 'go-like' && api === 'weidu') return goLike;
  if (profile === 'spring-like' && api === 'lingju') return springLike;
  return strict;
}

/** The transcript's recorded answer when a request is the document's own example, byte for byte. */
export function recordedAnswer(profile: ProfileName | undefined, contract: Contract, body: string): { status: number; contentType: string; body: string } | undefined {
  if (profile !== 'transcript') return undefined;
  const exchange = documentExchange(contract);
  if (!exchange?.response || body !== exchange.request.body) return undefined;
  const { status, headers, body: text } = exchange.response;
  return { status, contentType: headers['content-type'] ?? contract.envelope.contentType, body: text };
}
