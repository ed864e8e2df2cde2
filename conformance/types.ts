import type { AcceptedCodes, ApiName, Basis, ViolationKind } from '../src/spec/index.ts';
import type { CheckName } from './catalogue.ts';
import type { CurlVariable } from './engine/curl.ts';

/**
 * How a check evaluation ended. `passed` is counted, never reported as a finding. failure / warning / info
 * follow the basis (src/spec/evidence.ts): documented → failure, our decision → warning, the document's own
 * example or an open decision → info (not asserted). `error`: the check could not judge the case (an internal
 * error, or the run ended before the case ran): the run is incomplete, never a pass.
 */
export type Outcome = 'passed' | 'failure' | 'warning' | 'info' | 'skipped' | 'waived' | 'error';
export type Severity = Exclude<Outcome, 'passed'>;

/**
 * Why a request was planned; `example` replays the document's own example request as recorded; `generated` is a
 * schema-valid request built by --generate (success or a documented code; its invalid mutations are `negative`).
 */
export type CasePurpose = 'positive' | 'negative' | 'credentials' | 'example' | 'generated';

/** Where a generated request comes from: replayed exactly by `--seed` and `--replay`. */
export interface GeneratedOrigin {
  /** `weidu:41:0:2`: the API and fast-check's path (run index, then the shrink steps). */
  replay: string;
  /** Shrink steps from the first failing request to this one (0: not shrunk). */
  shrinks: number;
  /** How many generated requests of the run showed the same fault, of how many sent (absent for a replay). */
  seenIn?: number;
  of?: number;
  /** The size of the request first found failing, in bytes (before shrinking). */
  firstBytes?: number;
}

/** A request exactly as sent (unmasked; masking happens when a finding is recorded). */
export interface PlannedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One planned request and what the contract says about it. */
export interface PlannedCase {
  /** Stable id, unique in a run: `lingju/negative/sex-enum-1`. */
  id: string;
  api: ApiName;
  purpose: CasePurpose;
  /** One line: what this request is ("sex: enum value \"x\"", "fixture full"). */
  title: string;
  /** The request field the case is about (variant path, credential field), when there is one. */
  field?: string;
  /** Checks evaluated on this exchange (after --only). */
  checks: CheckName[];
  /** Checks that cannot be evaluated on this case, with the reason (e.g. no valid credentials). */
  skip: Partial<Record<CheckName, string>>;
  request: PlannedRequest;
  /** For negative and credentials cases: the codes a conformant server may answer. */
  accepted?: AcceptedCodes;
  /** For negative cases: the fixture's kind of violation ('missing', 'enum', 'unknown-field', ...). */
  variantKind?: string;
  violationKind?: ViolationKind;
  /** The expectation the case tests (x-expectations key) and its basis: what a server that breaks it is graded by. */
  expectation?: string;
  basis?: Basis;
  /** False when nothing can be learnt by sending it (its checks are all skipped, with the reason). */
  send: boolean;
  /** Set on requests built by --generate. */
  generated?: GeneratedOrigin;
}

/** What came back (or did not). */
export interface Exchange {
  case: PlannedCase;
  /** `utf8` is false when the body's bytes are not valid UTF-8 (the text is then a lossy decoding). */
  response?: { status: number; headers: Record<string, string>; body: string; truncated: boolean; utf8?: boolean };
  /** No HTTP answer: timeout, reset, refused, … */
  transport?: { kind: 'timeout' | 'reset' | 'refused' | 'other'; message: string };
  durationMs: number;
}

/** A check's judgement of one exchange; the session turns non-passed verdicts into findings. */
export interface Verdict {
  outcome: 'passed' | 'failure' | 'warning' | 'info' | 'skipped';
  /** Field (request or response path, or header name) the verdict is about. */
  field?: string;
  /** One line, the same for every case with the same fault (used to group findings). */
  summary?: string;
  received?: string;
  documented?: string;
  /** Why the expectation holds (failure, warning and info verdicts carry one). */
  basis?: Basis;
  /** What breaking it does: the worst first in every report (a server error, an invalid request accepted). */
  impact?: Impact;
}

/** The kinds of failure reports put first: the server broke, or it accepted what it must refuse. */
export type Impact = 'server-error' | 'invalid-accepted';

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Excerpt of the body (masked). */
  body: string;
}

/** A reportable result of one check on one exchange (everything masked). */
export interface Finding {
  check: CheckName;
  api: ApiName;
  severity: Severity;
  caseId: string;
  caseTitle: string;
  field?: string;
  summary: string;
  received: string;
  documented: string;
  request?: PlannedRequest;
  response?: RecordedResponse;
  curl?: string;
  /** Shell variables the curl line reads instead of masked values (set them to replay it). */
  variables?: CurlVariable[];
  /** When one exchange gave a check several verdicts of this severity: how many, and the first fields (bounded). */
  count?: number;
  fields?: string[];
  seed: number;
  /** The Schemathesis-style text: summary, Received, Documented, curl, seed. */
  message: string;
  waiver?: { reason: string; field?: string };
  /** Why the expectation holds: documented (quote + line), a decision (id), or the document's own example. */
  basis?: Basis;
  /** A decision warning counted as a failure because of --strict. */
  promoted?: boolean;
  impact?: Impact;
  /** Against --baseline: a failure the earlier run did not have, or one it had too. */
  baseline?: 'new' | 'still failing';
  /** A generated request's origin: its fast-check path, shrinking, and how often the fault was seen. */
  generated?: GeneratedOrigin;
}

export type CheckCounts = Record<Outcome, number>;

/** Per API: documented codes seen, provokable by this suite, or out of reach from outside. */
export interface CodeCoverage {
  api: ApiName;
  documented: string[];
  observed: Array<{ code: string; count: number; meaning: string }>;
  provokedBySuite: string[];
  notProvokable: Array<{ code: string; meaning: string; category: string }>;
  notObserved: string[];
  undocumentedObserved: string[];
}
