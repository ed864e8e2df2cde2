import { gradeOf } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { PlannedCase, Severity, Verdict } from '../types.ts';
import type { Masker } from './mask.ts';
import type { GradedGroup } from './session-types.ts';
import type { WaiverBook } from './waivers.ts';

export interface GradingRules {
  /** --strict: a warning resting on a decision becomes a failure. */
  strict?: boolean;
  book: WaiverBook;
  /** Waiver patterns match the received answer as reports show it (masked). */
  masker: Masker;
}

/** Severity of each verdict (its grade, --strict, a waiver), grouped per check, severity, waiver and basis. */
export function gradeVerdicts(c: PlannedCase, verdicts: ReadonlyArray<[CheckName, Verdict]>, rules: GradingRules): GradedGroup[] {
  const groups = new Map<string, GradedGroup>();
  for (const [check, verdict] of verdicts) {
    if (verdict.outcome === 'passed') {
      const key = `${check}|passed`;
      groups.set(key, groups.get(key) ?? { check, severity: 'passed', promoted: false, verdicts: [] });
      continue;
    }
    let severity: Severity = verdict.outcome;
    // The grade comes from src/spec, as everywhere.
    const promoted = severity === 'warning' && Boolean(rules.strict) && verdict.basis !== undefined && gradeOf(verdict.basis, { strict: true }) === 'failure';
    if (promoted) severity = 'failure';
    const subject = { check, api: c.api, field: verdict.field, caseId: c.id, received: rules.masker.text(verdict.received ?? '') };
    const waiver = severity === 'failure' || severity === 'warning' ? rules.book.match(subject) : undefined;
    if (waiver) severity = 'waived';
    // Verdicts with another basis rest on another expectation: they are not merged.
    const key = `${check}|${severity}|${waiver?.index ?? ''}|${promoted}|${JSON.stringify(verdict.basis ?? null)}`;
    const group = groups.get(key) ?? { check, severity, waiver, promoted, verdicts: [] };
    group.verdicts.push(verdict);
    groups.set(key, group);
  }
  return [...groups.values()];
}
