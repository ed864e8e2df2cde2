import type { ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { Exchange, Finding, PlannedCase, Severity, Verdict } from '../types.ts';
import type { GenerateSettings } from '../generate/types.ts';
import type { Baseline } from './baseline.ts';
import type { Waiver } from './waivers.ts';

/** Everything a run needs once targets are up: serialisable except `credentials` (passed separately, never written). */
export interface SessionSettings {
  apis: ApiName[];
  /** Base URL per API. */
  targets: Partial<Record<ApiName, string>>;
  /** True when the targets are the embedded mocks started for this run. */
  embedded: boolean;
  seed: number;
  only?: CheckName[];
  concurrency: number;
  rate?: number;
  timeoutMs: number;
  waivers: Waiver[];
  waiversFile?: string;
  reportDir?: string;
  /** --strict: decision warnings are recorded as failures. */
  strict?: boolean;

  // — Reaching staging and comparing runs (issue 11); the secrets travel in RunConnection —
  /** --insecure: TLS certificates were not verified (every report warns). */
  insecure?: boolean;
  /** The --ca file's name (its PEM travels with the connection). */
  caFile?: string;
  /** Per API, the proxy its requests go through, as printed (credentials masked). */
  proxies?: Partial<Record<ApiName, string>>;
  /** Names of the --header headers, per API or all (values are secrets). */
  headerNames?: string[];
  baseline?: Baseline;
  failOn?: 'any' | 'new';
  /** Lines about how the targets were reached ("Both APIs answer at …"), printed and reported. */
  notes?: string[];

  // — Generative testing (issue 11; conformance/generate) —
  /** --generate, --duration, --replay. */
  generate?: GenerateSettings;
}

/** What a judged case leaves behind, without the exchange: small, serialisable (the CLI ships it across threads). */
export interface CaseRecord {
  caseId: string;
  findings: Finding[];
  passed: CheckName[];
  sent: boolean;
  httpStatus?: number;
  durationMs?: number;
}

/** Verdicts of one check with one severity (after --strict and waivers) on one exchange. */
export interface GradedGroup {
  check: CheckName;
  severity: Severity | 'passed';
  waiver?: Waiver;
  promoted: boolean;
  verdicts: Verdict[];
}

/** A generated request, sent and judged but not recorded (Session.probe). */
export interface Probe {
  /** The exchange as received (unmasked; kept only in memory until the generator decides). */
  raw?: Exchange;
  /** Why it was not sent (the target stopped answering). */
  notSent?: string;
  graded: Array<Pick<GradedGroup, 'check' | 'severity' | 'verdicts'>>;
  /** Checks that could not judge the answer (internal errors). */
  errors: string[];
}

export interface CaseResult extends CaseRecord {
  case: PlannedCase;
  /** The masked exchange the checks judged (absent when nothing was sent, or adopted from a record). */
  exchange?: Exchange;
}

/** How curl lines verify the target's certificate: as the run did. */
export const curlTls = (settings: Pick<SessionSettings, 'caFile' | 'insecure'>) => ({ ...(settings.caFile ? { cacert: settings.caFile } : {}), ...(settings.insecure ? { insecure: true } : {}) });
