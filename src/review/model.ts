import path from 'node:path';
import { compareDecisionIds } from '../spec/decisions.ts';
import { apiNames, loadContract, projectRoot, type ApiName, type Contract } from '../spec/load.ts';
import { codeRows, type CodeRow } from './code-matrix.ts';
import { verbatimSummaries, type VerbatimSummary } from './deviations.ts';
import { fieldRows, type FieldRow } from './fields.ts';
import { questionRows, type QuestionRow } from './questions.ts';
import { stricterRows, type StricterRow } from './stricter.ts';

/** Everything the review report shows about one API, read from its spec and the verbatim fixtures. */
export interface ApiReview {
  api: ApiName;
  title: string;
  specFile: string;
  sourceDocument: Contract['sourceDocument'];
  operation: { method: string; path: string; operationId: string };
  envelope: Contract['envelope'];
  fields: FieldRow[];
  codes: CodeRow[];
  questions: QuestionRow[];
  /** Where the spec is stricter than the documents' own example exchange. */
  stricter: StricterRow[];
  verbatim: VerbatimSummary[];
  counts: ReviewCounts;
}

export interface ReviewCounts {
  requestFields: number;
  responseFields: number;
  /** Rows of the error-code table (a range is one row). */
  codeRows: number;
  /** Concrete documented codes (a range counts each code; "any other" counts none). */
  documentedCodes: number;
  decisions: number;
  /** Open questions on the vendor's list, and how many of them block integration. */
  needsVendor: number;
  blocking: number;
  /** Answered otherwise: the spec has to follow the vendor's answer. */
  contradicted: number;
  /** Answered, confirming the decision. needsVendor + contradicted + answered + defaults = decisions. */
  answered: number;
  /** Decisions we took ourselves: nothing to ask. */
  defaults: number;
  /** Decisions by conformance stance now (decisionStance): asserted + warned + unchecked = decisions. */
  asserted: number;
  warned: number;
  unchecked: number;
  /** Expectations the documents' own example exchange contradicts. */
  stricter: number;
  /** Other places the documents' own examples break the spec (the response example's): each listed once, so not these. */
  deviations: number;
}

export interface ReviewModel {
  apis: ApiReview[];
  totals: ReviewCounts;
}

export function apiReview(contract: Contract): ApiReview {
  const codes = codeRows(contract);
  const questions = questionRows(contract.decisions, fieldRows(contract), codes);
  // A field row lists every decision about it: the ones it cites (x-decision) and the ones naming it in `affects`.
  const fields = fieldRows(contract).map((f) => ({ ...f, decisions: questions.filter((q) => q.fields.includes(f.path)).map((q) => q.id).sort(compareDecisionIds) }));
  const stricter = stricterRows(contract, fields);
  const verbatim = verbatimSummaries(contract, fields, stricter);
  const stateCount = (state: QuestionRow['state']) => questions.filter((q) => q.state === state).length;
  const stanceCount = (stance: QuestionRow['stance']) => questions.filter((q) => q.stance === stance).length;
  return {
    api: contract.api,
    title: String((contract.doc.info as { title?: string } | undefined)?.title ?? contract.api),
    specFile: path.relative(projectRoot, contract.file),
    sourceDocument: contract.sourceDocument,
    operation: { method: contract.method, path: contract.path, operationId: contract.operationId },
    envelope: contract.envelope,
    fields,
    codes,
    questions,
    stricter,
    verbatim,
    counts: {
      requestFields: fields.filter((f) => f.direction === 'request').length,
      responseFields: fields.filter((f) => f.direction === 'response').length,
      codeRows: codes.length,
      documentedCodes: codes.filter((c) => !c.other).reduce((n, c) => n + c.codes.length, 0),
      decisions: questions.length,
      needsVendor: stateCount('needs-vendor'),
      blocking: questions.filter((q) => q.state === 'needs-vendor' && q.priority === 'blocking').length,
      contradicted: stateCount('contradicted'),
      answered: stateCount('answered'),
      defaults: stateCount('default'),
      asserted: stanceCount('assert'),
      warned: stanceCount('warn'),
      unchecked: stanceCount('open'),
      stricter: stricter.length,
      deviations: verbatim.reduce((n, v) => n + v.deviations.length, 0),
    },
  };
}

/** The review of the project's specs, or of given contracts (a spec copy, e.g. with a vendor answer recorded). */
export function reviewModel(contracts: readonly Contract[] = apiNames.map(loadContract)): ReviewModel {
  const reviews = contracts.map(apiReview);
  const keys = Object.keys(reviews[0]?.counts ?? {}) as Array<keyof ReviewCounts>;
  const totals = Object.fromEntries(keys.map((k) => [k, reviews.reduce((n, r) => n + r.counts[k], 0)])) as unknown as ReviewCounts;
  return { apis: reviews, totals };
}
