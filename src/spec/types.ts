/** Shapes of the project's OpenAPI vendor extensions (x-error-envelope, x-error-codes, x-decisions, x-source). */

/**
 * Where a quote comes from in a vendor document (copied verbatim into fixtures/verbatim/ and checked there).
 * A quote is the document's text as written: one line (x-source.text: the whole line; a decision quote: part of
 * one line), or excerpts joined with " … " (`excerpts: true`) taken from `lines`, in order.
 */
export interface SourceRef {
  document: string;
  /** The (first) line quoted, 1-based. */
  line: number;
  /** Every line the quote draws on, when more than one. */
  lines?: readonly number[];
  text?: string;
  /** The quote joins excerpts with " … " (within one line, or across `lines`). */
  excerpts?: boolean;
  /** HTML tags were removed from the quoted line (lingju's tables are HTML). */
  htmlStripped?: boolean;
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
  /** Where the documents give the answer's Content-Type. */
  contentTypeSource: SourceRef;
  /** What the message field carries on success and on error, with its basis. */
  messageRules: { success?: MessageRule; error?: MessageRule };
  /** The decision that makes a field beyond the documented ones a warning. */
  extraFieldsDecision?: string;
  /** Categories whose codes mean "the server failed" (lingju -1 系统异常): never the answer to a client's mistake. */
  serverFaultCategories: readonly string[];
  /** The decision behind `violationCategories` (which documented codes answer which kind of violation). */
  acceptedSetDecision?: string;
}

/** A rule on the envelope's message field for one kind of answer. */
export interface MessageRule {
  /** The exact text documented (weidu: "ok" on success). */
  equals?: string;
  /** A non-empty string is documented (an error carries its details). */
  nonEmpty?: boolean;
  /** null is not a string, but this decision makes it a warning rather than a failure (lingju L07). */
  nullDecision?: string;
  source?: SourceRef;
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
  /** Set when the tie to `fields` is a decision's reading, not the table's own words (4 → appkey is L26; 6 APPKEY无效 is documented). */
  fieldsDecision?: string;
  /** The code the mock uses for an `other` entry, whose codes the document does not list. */
  mockCode?: number;
  decision?: string;
  note?: string;
  source: SourceRef;
}

/**
 * Who settles a decision: `needs-vendor` — only the vendor can (the spec holds a provisional default, and the question
 * goes to the vendor's list); `default` — the documents leave it open but nothing needs asking (our reading, the
 * mock's or the suite's own behaviour).
 */
export const decisionStatuses = ['needs-vendor', 'default'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/**
 * What a decision is now: its status until the vendor's answer is recorded (`answer`); then `answered` when the
 * vendor confirmed the decision as the spec states it, `contradicted` when the vendor said otherwise and the spec
 * has still to be changed to the answer.
 */
export type DecisionState = DecisionStatus | 'answered' | 'contradicted';

/** Order of the vendor's question list: what blocks integration, then data formats, then meaning. */
export const questionPriorities = ['blocking', 'data-format', 'semantics'] as const;
export type QuestionPriority = (typeof questionPriorities)[number];

/** The question as the vendor reads it, in Chinese: one closed question. */
export interface VendorAsk {
  /** 我方理解: what we read in the document and what the spec assumes. */
  understanding: string;
  /** 待确认: one closed question (yes/no, or a choice among listed options). */
  question: string;
  /** 建议默认值: what we do until the vendor answers. */
  proposal: string;
}

/** The vendor's answer, recorded in the spec: it takes the question off the vendor's list. */
export interface VendorAnswer {
  /** 答复人: who answered (name, role, company). */
  who: string;
  /** 日期: when, YYYY-MM-DD. */
  when: string;
  /** 供应商答复: the answer as given. */
  text: string;
  /**
   * Which way the vendor answered: true — the decision holds as the spec states it (state `answered`; conformance
   * then holds servers to it as documented); false — the vendor said otherwise (state `contradicted`: the spec must
   * be changed to the answer and this set to true; until then conformance does not check it, and lint fails).
   */
  confirms: boolean;
}

/**
 * How conformance treats what a decision says: `assert` — it only reads the document's own words, so it is
 * checked as documented (a failure); `warn` — our reading: a deviation is a warning naming the decision
 * (a failure under --strict); `open` — not checked either way.
 */
export const stances = ['assert', 'warn', 'open'] as const;
export type Stance = (typeof stances)[number];

export interface Decision {
  id: string;
  status: DecisionStatus;
  /** Required for `needs-vendor`. */
  priority?: QuestionPriority;
  /** Required for `needs-vendor`. */
  ask?: VendorAsk;
  answer?: VendorAnswer;
  topic: string;
  quote: string;
  source: SourceRef;
  question: string;
  decision: string;
  /** Request fields this decision is about, as field patterns (`work_list/*\/file_infos/*\/size`). */
  affects?: readonly string[];
  /**
   * Where the document's own example request does what this decision discusses (the fields, as patterns; `gender`,
   * which the spec does not have, included): the link from the example's deviations to the decisions about them.
   */
  inExample?: readonly string[];
  conformance: Stance;
}

/**
 * One request-side expectation of an operation (`x-expectations`): what conformance sends invalid or
 * valid requests for, and its basis — the field's own documented text (`fromField`), a quoted source, or a decision.
 */
export interface Expectation {
  /** accepts-valid, json-body, media-type, required, optional, empty-array, type, enum, format, calendar-date, int32, null, unknown-field, non-empty. */
  key: string;
  says: string;
  decision?: string;
  fromField?: boolean;
  source?: SourceRef;
}

/** Where the documents' own example exchange is kept (`x-document-examples`, files in fixtures/verbatim/). */
export interface DocumentExamplesRef {
  request: { file: string; curl?: string; contentType?: string; source: SourceRef };
  response?: { file: string; head?: string; recorded: boolean; decision?: string; source: SourceRef };
}

/** The envelope part of a contract: enough for clients, which must not parse YAML at run time. */
export interface EnvelopeContract {
  api: string;
  method: string;
  path: string;
  operationId: string;
  /** The request body's media type: the spec's requestBody content key (application/json). */
  requestMediaType: string;
  envelope: ErrorEnvelope;
  codes: readonly ErrorCodeEntry[];
}
