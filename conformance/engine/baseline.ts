import { readFileSync } from 'node:fs';
import { ToolkitError } from '../../src/errors.ts';
import type { ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { Finding } from '../types.ts';

/** One failure of a run, as a baseline remembers it: which check failed on which case (and field). */
export interface BaselineEntry {
  api: ApiName;
  check: CheckName;
  caseId: string;
  field?: string;
  summary: string;
}

/** An earlier run's failures (read from its report.json). */
export interface Baseline {
  file: string;
  seed: number;
  startedAt: string;
  complete: boolean;
  apis: ApiName[];
  failing: BaselineEntry[];
}

/** This run against the baseline: new failures, fixed ones, ones still failing, and ones this run did not check. */
export interface BaselineComparison {
  file: string;
  seed: number;
  startedAt: string;
  new: BaselineEntry[];
  fixed: BaselineEntry[];
  stillFailing: BaselineEntry[];
  /** Failing in the baseline, not judged by that check this time (another --only, --api, or a case no longer planned). */
  notChecked: BaselineEntry[];
  /** Why the comparison may mislead (another seed, an incomplete baseline), one sentence each. */
  notes: string[];
}

/** The identity of a failure across runs: same API, check, case and field (the case ids do not depend on the seed). */
export const baselineKey = (f: { api: string; check: string; caseId: string; field?: string }): string => `${f.api}|${f.check}|${f.caseId}|${f.field ?? ''}`;

const entryOf = (f: Finding | BaselineEntry): BaselineEntry => ({ api: f.api, check: f.check, caseId: f.caseId, ...(f.field !== undefined ? { field: f.field } : {}), summary: f.summary });

/** Reads an earlier report.json of this tool; anything else is a one-line error (exit 2), never an empty baseline. */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolkitError('BAD_BASELINE', `cannot read --baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let doc: { tool?: { name?: string }; seed?: number; startedAt?: string; complete?: boolean; findings?: Finding[]; options?: { apis?: ApiName[] } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw new ToolkitError('BAD_BASELINE', `--baseline ${file} is not JSON (give an earlier run's report.json)`);
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.findings) || typeof doc.tool?.name !== 'string' || !doc.tool.name.includes('conformance')) {
    throw new ToolkitError('BAD_BASELINE', `--baseline ${file} is not a conformance report.json of this tool`);
  }
  return {
    file,
    seed: Number(doc.seed),
    startedAt: String(doc.startedAt ?? ''),
    complete: doc.complete !== false,
    apis: doc.options?.apis ?? [],
    failing: dedupe(doc.findings.filter((f) => f && f.severity === 'failure').map(entryOf)),
  };
}

function dedupe(entries: BaselineEntry[]): BaselineEntry[] {
  const seen = new Map<string, BaselineEntry>();
  for (const e of entries) if (!seen.has(baselineKey(e))) seen.set(baselineKey(e), e);
  return [...seen.values()];
}

/**
 * Compares this run's failures with the baseline's. `judged` holds the keys (api|check|caseId|field-less) this run
 * judged: a baseline failure counts as fixed only when its check ran on its case this time and did not fail.
 */
export function compareWithBaseline(baseline: Baseline, findings: readonly Finding[], judged: ReadonlySet<string>, seed: number): BaselineComparison {
  const before = new Set(baseline.failing.map(baselineKey));
  const now = dedupe(findings.filter((f) => f.severity === 'failure').map(entryOf));
  const nowKeys = new Set(now.map(baselineKey));
  const comparison: BaselineComparison = { file: baseline.file, seed: baseline.seed, startedAt: baseline.startedAt, new: [], fixed: [], stillFailing: [], notChecked: [], notes: [] };
  for (const e of now) (before.has(baselineKey(e)) ? comparison.stillFailing : comparison.new).push(e);
  for (const e of baseline.failing) {
    if (nowKeys.has(baselineKey(e))) continue;
    (judged.has(`${e.api}|${e.check}|${e.caseId}`) ? comparison.fixed : comparison.notChecked).push(e);
  }
  if (baseline.seed !== seed) comparison.notes.push(`the baseline ran with seed ${baseline.seed}, this run with ${seed}: the same cases carry other generated values`);
  if (!baseline.complete) comparison.notes.push('the baseline run was INCOMPLETE: failures it never reached count as new here');
  return comparison;
}

/** "3 new, 2 fixed, 10 still failing (1 not checked this time)". */
export function describeComparison(c: BaselineComparison): string {
  const notChecked = c.notChecked.length ? ` (${c.notChecked.length} not checked this time)` : '';
  return `${c.new.length} new, ${c.fixed.length} fixed, ${c.stillFailing.length} still failing${notChecked}`;
}
