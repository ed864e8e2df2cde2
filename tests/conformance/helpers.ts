import { acceptedCodes, loadContract, type ApiName, type ViolationKind } from '../../src/spec/index.ts';
import type { CheckContext } from '../../conformance/checks/types.ts';
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
    send: true,
  };
  if (args.transport) return { case: c, transport: args.transport, durationMs: 1 };
  const headers: Record<string, string> = {};
  if (args.contentType !== null) headers['content-type'] = args.contentType ?? contract.envelope.contentType;
  return { case: c, response: { status: args.status ?? 200, headers, body: args.rawBody ?? JSON.stringify(args.body ?? {}), truncated: false }, durationMs: 1 };
}

export function context(api: ApiName, credentialsKnown = true): CheckContext {
  return { contract: loadContract(api), credentialsKnown, credentialsHint: 'set LINGJU_APPKEY and LINGJU_AUTHCODE' };
}
