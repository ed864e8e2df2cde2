/** Shapes of the project's OpenAPI vendor extensions (x-error-envelope, x-error-codes, x-decisions, x-source). */

export interface SourceRef {
  document: string;
  line: number;
  text?: string;
}

/** Which kind of request violation; each maps to code categories in `violationCategories`. */
export type ViolationKind = 'body' | 'required' | 'optional' | 'credentials';

export interface ErrorEnvelope {
  /** Body field that carries the code (`status` / `code`). */
  codeField: string;
  /** Body field that carries the message (`description` / `result`). */
  messageField: string;
  successCodes: readonly number[];
  /** Documented Content-Type of every answer. */
  contentType: string;
  errorHttpStatus: { documented: boolean; mock: number; note: string };
  /** For each kind of request violation, the code categories a conformant server may answer, preferred first. */
  violationCategories: Readonly<Record<ViolationKind, readonly string[]>>;
  source: SourceRef;
}

/** One row of the error-code table: a single code, a range, or "any other code". */
export interface ErrorCodeEntry {
  code?: number;
  range?: { from: number; to: number };
  other?: boolean;
  zh: string;
  en: string;
  category: string;
  /** Whether a client can provoke this code from outside (false: account state, server faults). */
  provokable: boolean;
  /** Named response examples that carry this code, in range order. */
  examples: readonly string[];
  /** Request fields this code is about (e.g. 6 → appkey). */
  fields?: readonly string[];
  /** The code the mock uses for an `other` entry, whose codes the document does not list. */
  mockCode?: number;
  decision?: string;
  note?: string;
  source: SourceRef;
}

export interface Decision {
  id: string;
  status: 'decided' | 'undecided';
  topic: string;
  quote: string;
  source: SourceRef;
  question: string;
  decision: string;
  affects?: readonly string[];
}

/** The envelope part of a contract: enough for clients, which must not parse YAML at run time. */
export interface EnvelopeContract {
  api: string;
  method: string;
  path: string;
  operationId: string;
  envelope: ErrorEnvelope;
  codes: readonly ErrorCodeEntry[];
}
