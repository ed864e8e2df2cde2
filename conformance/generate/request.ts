import { createHash } from 'node:crypto';
import { acceptedCodes, expectationKey, requestBasis, requestContentType, type Contract } from '../../src/spec/index.ts';
import { sentAs } from '../../src/fixtures/invalid-values.ts';
import type { CheckName } from '../catalogue.ts';
import { checksFor, plannedRequest } from '../engine/plan.ts';
import type { GeneratedOrigin, PlannedCase } from '../types.ts';
import type { AppliedMutation } from './mutations.ts';
import { codePointLength } from './text.ts';
import { ARRAY_LIMITS, INT32 } from './values.ts';

/** One generated request before it becomes a case: a schema-valid body, or one with a single mutation. */
export interface GeneratedRequest {
  body: unknown;
  mutation?: AppliedMutation;
}

/**
 * Characters a terminal would interpret (C1 controls, bidi controls, line separators) and Unicode noncharacters,
 * written as JSON escapes in the bytes sent: the same JSON value, and a curl line that is those exact bytes and
 * safe to print. Every other character (astral, right-to-left letters, zero-width, combining) is sent as UTF-8.
 */
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g;
const escapeUnit = (c: string) => c.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** The body as sent: compact JSON, with the characters above escaped. */
export function wireJson(body: unknown): string {
  return JSON.stringify(body).replace(ESCAPED, escapeUnit);
}

/** Identifies a request's bytes: a generated request equal to one already sent is never sent again. */
export const requestKey = (c: PlannedCase): string => createHash('sha256').update(`${c.request.headers['Content-Type'] ?? ''}\n${c.request.body}`).digest('base64url');

/** What makes a generated body hostile, for its title: "astral characters in real_name", "64 items in work_list". */
export function features(body: unknown, max = 4): string[] {
  const found = new Map<string, string>();
  const note = (what: string, where: string) => {
    if (!found.has(what)) found.set(what, where || '(body)');
  };
  const visit = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      if (/[\u{10000}-\u{10ffff}]/u.test(node)) note('astral characters', path);
      if (/[\p{Script=Hebrew}\p{Script=Arabic}\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u.test(node)) note('right-to-left text', path);
      if (/\p{M}/u.test(node)) note('combining marks', path);
      if (/[\u200b-\u200d\u2060\ufeff\u180e]/.test(node)) note('zero-width characters', path);
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f-\u009f]/.test(node)) note('control characters', path);
      if (codePointLength(node) >= 256) note(`a ${codePointLength(node).toLocaleString('en')}-character string`, path);
      if (node === '') note('empty strings', path);
    } else if (typeof node === 'number' && Number.isInteger(node)) {
      if (node === INT32.max || node === INT32.min) note(`the int32 limit ${node}`, path);
      else if (Math.abs(node) > INT32.max) note(`an integer beyond 32 bits (${node})`, path);
      else if (node < 0) note('negative numbers', path);
    } else if (Array.isArray(node)) {
      if (node.length > ARRAY_LIMITS.few) note(`${node.length} items`, path);
      node.forEach((item, i) => visit(item, path ? `${path}/${i}` : String(i)));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}/${k}` : k);
    }
  };
  visit(body, '');
  const list = [...found].map(([what, where]) => `${what} in ${where}`);
  return list.length > max ? [...list.slice(0, max), `${list.length - max} more`] : list;
}

/** "a string ("ab…")": a wrong value in a title, cut so a 3,000-character one stays a line. */
function shortSent(value: unknown): string {
  const text = sentAs(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The planned case for a generated request: the same checks, expectations and grades as the fixed suite's. */
/** `headers`: the run's --header headers for the API (the sender adds them anyway; the curl line shows them as variables). */
export function generatedCase(contract: Contract, value: GeneratedRequest, args: { id: string; url: string; only?: readonly CheckName[]; origin?: GeneratedOrigin; headers?: Record<string, string> }): PlannedCase {
  const body = wireJson(value.body);
  const size = `${Buffer.byteLength(body).toLocaleString('en')} bytes`;
  const request = plannedRequest(contract, args.url, body, requestContentType(contract), args.headers);
  const common = { id: args.id, api: contract.api, skip: {}, request, send: true, ...(args.origin ? { generated: args.origin } : {}) } as const;
  const m = value.mutation;
  if (!m) {
    const notable = features(value.body);
    return { ...common, purpose: 'generated', checks: checksFor('generated', args.only), title: `generated valid request (${size}${notable.length ? `; ${notable.join(', ')}` : ''})` };
  }
  const { target } = m;
  // The keyword names the expectation (required, additionalProperties → unknown-field, compared by place only) as for the invalid corpus.
  const key = expectationKey(target.keyword, m.value, target.node);
  const sent = target.kind === 'missing' ? 'left out' : target.kind === 'unknown-field' ? `as an undocumented field (${shortSent(m.value)})` : `as ${shortSent(m.value)}`;
  return {
    ...common,
    purpose: 'negative',
    checks: checksFor('negative', args.only),
    title: `generated invalid: ${m.path || '(body)'} ${sent} — ${target.why} (${size})`,
    field: m.path,
    accepted: acceptedCodes(contract, target.violationKind),
    variantKind: target.kind,
    violationKind: target.violationKind,
    expectation: key,
    basis: requestBasis(contract, key, target.pattern, m.value, target.kind === 'unknown-field' ? undefined : target.node),
  };
}
