import { acceptedCodes, expectationBasis, loadContract, nodeAtPath, requestTree, type ApiName, type ViolationKind } from '../../src/spec/index.ts';
import type { CheckContext } from '../../conformance/checks/types.ts';
import { buildPlan, credentialsHint } from '../../conformance/engine/plan.ts';
import { Masker } from '../../conformance/engine/mask.ts';
import type { CasePurpose, Exchange, PlannedCase } from '../../conformance/types.ts';

/** A made-up exchange for judging one check in isolation (no server). */
export function exchange(args: {
  api: ApiName;
  purpose?: CasePurpose;
  body?: unknown;
  rawBody?: string;
  status?: number;
  contentType?: string | null;
  transport?: Exchange['transport'];
  field?: string;
  variantKind?: string;
  violationKind?: ViolationKind;
  /** The expectation the case tests (x-expectations key); its basis is read from the spec for the field. */
  expectation?: string;
  /** false: the body's bytes were not UTF-8. */
  utf8?: boolean;
}): Exchange {
  const contract = loadContract(args.api);
  const kind = args.violationKind ?? 'optional';
  const c: PlannedCase = {
    id: `${args.api}/test`,
    api: args.api,
    purpose: args.purpose ?? 'negative',
    title: 'test case',
    field: args.field,
    checks: [],
    skip: {},
    request: { method: 'POST', url: `http://127.0.0.1:1${contract.path}`, headers: { 'Content-Type': 'application/json' }, body: '{}' },
    accepted: args.purpose === 'positive' ? undefined : acceptedCodes(contract, kind, args.field),
    variantKind: args.variantKind ?? 'type',
    violationKind: kind,
    expectation: args.expectation ?? (args.purpose === 'negative' || args.purpose === undefined ? 'type' : undefined),
    send: true,
  };
  if (c.expectation) c.basis = expectationBasis(contract, c.expectation, args.field ? nodeAtPath(requestTree(contract), args.field) : undefined);
  if (args.transport) return { case: c, transport: args.transport, durationMs: 1 };
  const headers: Record<string, string> = {};
  if (args.contentType !== null) headers['content-type'] = args.contentType ?? contract.envelope.contentType;
  return { case: c, response: { status: args.status ?? 200, headers, body: args.rawBody ?? JSON.stringify(args.body ?? {}), truncated: false, utf8: args.utf8 ?? true }, durationMs: 1 };
}

export function context(api: ApiName, credentialsKnown = true): CheckContext {
  return { contract: loadContract(api), masker: new Masker([api]), credentialsKnown, credentialsHint: credentialsHint(api) };
}

/** The real planned case (seed 4242, reference credentials) with a made-up answer: for judging a check on what the suite sends. */
export function planned(api: ApiName, id: string, body: unknown, status = 200): Exchange {
  const c = buildPlan({ apis: [api], targets: {}, seed: 4242, credentials: { lingju: { appkey: 'ref-appkey-5f1c9a7e42', authcode: 'ref-authcode-b83d60e1c7' } } }).find((x) => x.id === `${api}/${id}`);
  if (!c) throw new Error(`no planned case ${api}/${id}`);
  const contract = loadContract(api);
  return { case: c, response: { status, headers: { 'content-type': contract.envelope.contentType }, body: JSON.stringify(body), truncated: false, utf8: true }, durationMs: 1 };
}
