import type { ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { Severity } from '../types.ts';

/** What --generate, --duration and --replay ask for (serialisable: the CLI hands it to the vitest worker). */
export interface GenerateSettings {
  /** Generated requests sent per API before shrinking (undefined with --duration alone: until time is up). */
  count?: number;
  /** Seconds for generating new requests, all APIs together (shared equally); shrinking a failure adds at most SHRINK_LIMITS.ms. */
  durationS?: number;
  /** Replay one generated request exactly: `weidu:41:0:2` (the API, then fast-check's path); needs the run's --seed. */
  replay?: string;
}

/** One kind of finding generation met (a check, grade and expectation), with the case it kept for it. */
export interface GeneratedFault {
  check: CheckName;
  severity: Severity;
  /** The first occurrence's summary and field. */
  summary: string;
  field?: string;
  /** Generated requests that showed it. */
  seenIn: number;
  /** The case reporting it (shrunk for failures), when one was kept. */
  caseId?: string;
  replay?: string;
  shrinks?: number;
}

/** What generation did for one API: part of report.json (ApiResult.generated) and of every report. */
export interface GenerationSummary {
  api: ApiName;
  requested: GenerateSettings;
  /** Requests sent: new generated ones and shrinking candidates (each sent once). */
  sent: number;
  /** New generated requests sent, by kind (schema-valid, invalid mutation). */
  valid: number;
  invalid: number;
  /** Shrinking candidates sent. */
  shrinking: number;
  /** Generated requests equal to an earlier one, answered from its verdict instead of being sent again. */
  duplicates: number;
  /** Generated requests with no check to run under --only (not sent). */
  unchecked: number;
  elapsedMs: number;
  /** Why generating new requests stopped. */
  stoppedBy: 'count' | 'duration' | 'replay' | 'target stopped answering' | 'no new requests';
  /** Answers to generated requests: by envelope code ("200", "8"), or "HTTP 500", "no answer", "not an envelope". */
  answers: Record<string, number>;
  /** Distinct findings, failures first; failures beyond SHRINK_LIMITS.faults are listed without a shrunk case. */
  faults: GeneratedFault[];
  /** Set when generation did not finish: the run is incomplete, never a pass. */
  incomplete?: string;
}

/** Bounds of shrinking, per distinct failure: fast-check tries smaller requests, each sent once, until one bound is hit. */
export const SHRINK_LIMITS = { faults: 3, requests: 300, ms: 30_000 } as const;
/** Kinds of finding recorded per API: this many failures, and apart from them this many warnings and information (later kinds are dropped). */
export const MAX_FAULT_KINDS = 20;
/** Generated requests per API when --generate is given without a number. */
export const DEFAULT_GENERATE_COUNT = 200;

/** The annotation type the vitest suite sends progress lines with (the CLI's reporter prints them). */
export const GENERATE_PROGRESS = 'generate-progress';
