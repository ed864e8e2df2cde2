import type { CheckName } from '../catalogue.ts';
import type { Finding, Severity } from '../types.ts';

/** Findings with the same check, API, field and summary: one fault seen in several cases. */
export interface FindingGroup {
  check: CheckName;
  severity: Severity;
  key: string;
  first: Finding;
  findings: Finding[];
}

export function groupFindings(findings: readonly Finding[], severity: Severity): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    if (f.severity !== severity) continue;
    const key = `${f.check}|${f.api}|${f.field ?? ''}|${f.summary}`;
    const group = groups.get(key);
    if (group) group.findings.push(f);
    else groups.set(key, { check: f.check, severity, key, first: f, findings: [f] });
  }
  return [...groups.values()];
}

/** Groups keyed by check, in catalogue order of first appearance. */
export function byCheck(groups: readonly FindingGroup[]): Map<CheckName, FindingGroup[]> {
  const out = new Map<CheckName, FindingGroup[]>();
  for (const g of groups) out.set(g.check, [...(out.get(g.check) ?? []), g]);
  return out;
}

/**
 * How bad a finding is, for ordering (lower first): a server error (5xx, reset, timeout, the server-fault code),
 * then an invalid request accepted, then any other failure.
 */
export function impactRank(f: Finding): number {
  return f.impact === 'server-error' ? 0 : f.impact === 'invalid-accepted' ? 1 : 2;
}

/** Groups ordered worst first (stable: catalogue and plan order within the same rank). */
export function sortGroups(groups: readonly FindingGroup[]): FindingGroup[] {
  return groups.map((g, i) => ({ g, i })).sort((a, b) => impactRank(a.g.first) - impactRank(b.g.first) || a.i - b.i).map(({ g }) => g);
}
