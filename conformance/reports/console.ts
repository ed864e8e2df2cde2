import { checkNames } from '../checks/registry.ts';
import type { RunResult } from '../engine/result.ts';
import { decisionAdvice } from '../../src/spec/index.ts';
import type { CheckCounts } from '../types.ts';
import { byCheck, groupFindings, sortGroups, type FindingGroup } from './group.ts';
import { describeComparison } from '../engine/baseline.ts';
import type { Waiver } from '../engine/waivers.ts';
import { generationLines } from '../generate/report.ts';

const COLUMNS: Array<[keyof CheckCounts, string]> = [
  ['passed', 'passed'],
  ['failure', 'failed'],
  ['warning', 'warnings'],
  ['info', 'info'],
  ['skipped', 'skipped'],
  ['waived', 'waived'],
  ['error', 'errors'],
];
const MAX_ERROR_GROUPS = 10;
const MORE_IDS = 5;

const pad = (text: string, width: number) => text.padEnd(width);
const num = (n: number, width: number) => String(n).padStart(width);

/** The end-of-run console text: per API a score per check, then failures grouped by check, then the rest. */
export function renderConsole(result: RunResult, reportPaths?: string[]): string {
  const out: string[] = [];
  const seconds = (result.durationMs / 1000).toFixed(1);
  const generated = result.apis.reduce((n, a) => n + (a.generated?.sent ?? 0), 0);
  out.push('', `Conformance — seed ${result.seed} — ${result.requests} requests${generated ? ` (${generated} generated)` : ''}, ${result.checksRun} checks in ${seconds} s`);
  for (const warning of result.warnings ?? []) out.push(`WARNING: ${warning}`);
  for (const api of result.apis) {
    out.push('', `${api.api}  ${api.operation}  (credentials: ${api.credentials})`);
    out.push(`  ${pad('check', 26)}${COLUMNS.map(([, label]) => label.padStart(9)).join('')}`);
    for (const name of checkNames) {
      const counts = api.scores[name];
      const total = COLUMNS.reduce((n, [k]) => n + counts[k], 0);
      if (total === 0) continue;
      out.push(`  ${pad(name, 26)}${COLUMNS.map(([k]) => num(counts[k], 9)).join('')}`);
    }
  }

  const outcomes = new Map<string, number>();
  for (const c of result.cases) outcomes.set(c.outcome, (outcomes.get(c.outcome) ?? 0) + 1);
  out.push('', `Cases: ${result.cases.length} planned — ${['passed', 'failed', 'skipped', 'error', 'not run'].map((o) => `${outcomes.get(o) ?? 0} ${o}`).join(', ')}`);

  const errors = groupFindings(result.findings, 'error');
  if (errors.length) {
    out.push('', `Errors: ${result.totals.error} — cases that could not be judged (the run is incomplete)`);
    for (const g of errors.slice(0, MAX_ERROR_GROUPS)) out.push(`  [${g.check}] ${g.first.api} · ${g.first.caseTitle}: ${g.first.summary}${g.findings.length > 1 ? ` (×${g.findings.length})` : ''}`);
    if (errors.length > MAX_ERROR_GROUPS) out.push(`  … and ${errors.length - MAX_ERROR_GROUPS} more (report.json lists every case)`);
  }

  const failures = groupFindings(result.findings, 'failure');
  if (failures.length) {
    const strictNote = result.options.strict ? '; with --strict, decision warnings count here too' : '';
    out.push('', `Failures: ${result.totals.failure}, grouped by check (what the documents state, broken${strictNote}; the worst first)`);
    for (const [check, groups] of byCheck(sortGroups(failures))) {
      out.push('', `── ${check} (${groups.reduce((n, g) => n + g.findings.length, 0)})`);
      for (const g of groups) out.push(...groupText(g));
    }
  }
  out.push(...decisionText(result));
  const info = groupFindings(result.findings, 'info');
  if (info.length) {
    out.push('', `Information: ${result.totals.info} — not asserted: the document's own example does this, or a decision leaves it open`);
    for (const g of info) out.push(`  [${g.check}] ${g.first.api} · ${g.first.field ?? '-'}: ${g.first.summary} (×${g.findings.length})`);
  }
  for (const [severity, label] of [['waived', 'Waived']] as const) {
    const groups = groupFindings(result.findings, severity);
    if (!groups.length) continue;
    out.push('', `${label}: ${groups.reduce((n, g) => n + g.findings.length, 0)}`);
    for (const g of groups) {
      const extra = g.first.waiver ? ` — waived: ${g.first.waiver.reason}` : '';
      out.push(`  [${g.check}] ${g.first.api} · ${g.first.field ?? '-'}: ${g.first.summary}${extra} (×${g.findings.length})`);
    }
  }
  const skipped = groupFindings(result.findings, 'skipped');
  if (skipped.length) {
    out.push('', `Skipped: ${result.totals.skipped} (never counted as passed)`);
    const reasons = new Map<string, number>();
    for (const g of skipped) for (const f of g.findings) reasons.set(`[${f.check}] ${f.api}: ${f.summary}`, (reasons.get(`[${f.check}] ${f.api}: ${f.summary}`) ?? 0) + 1);
    for (const [reason, count] of reasons) out.push(`  ${reason} (×${count})`);
  }
  if (result.unusedWaivers.length) {
    out.push('', `Unused waivers: ${result.unusedWaivers.length}`);
    for (const w of result.unusedWaivers) out.push(`  ${describeWaiver(w)} — ${w.reason}`);
  }
  if (result.expiredWaivers?.length) {
    out.push('', `Expired waivers: ${result.expiredWaivers.length} — they no longer apply; what they covered counts again`);
    for (const w of result.expiredWaivers) out.push(`  ${describeWaiver(w)} expired ${w.expires} — ${w.reason} (${w.wouldMatch} finding${w.wouldMatch === 1 ? '' : 's'} it would cover)`);
  }
  out.push(...baselineText(result));
  for (const api of result.apis) {
    const c = api.coverage;
    if (!c) continue;
    out.push('', `Error-code coverage (${api.api}, reported, not failed)`);
    out.push(`  observed:        ${c.observed.map((o) => `${o.code} ×${o.count}`).join(', ') || 'none'}`);
    out.push(`  provokable here: ${c.provokedBySuite.join(', ') || 'none'}${c.notObserved.length ? `; not observed: ${c.notObserved.join(', ')}` : ''}`);
    out.push(`  not provokable from outside: ${c.notProvokable.map((n) => `${n.code} (${n.category})`).join(', ') || 'none'}`);
    if (c.undocumentedObserved.length) out.push(`  undocumented codes observed: ${c.undocumentedObserved.join(', ')}`);
  }
  for (const api of result.apis) if (api.generated) out.push('', ...generationLines(api.generated, result.seed));
  if (result.targetHints?.length) out.push('', ...result.targetHints.map((h) => `Hint: ${h}`));
  const t = result.totals;
  const ids = [...new Set(result.decisionsReliedOn.map((d) => d.id))];
  const promoted = result.findings.filter((f) => f.promoted).length;
  const failed = promoted ? `${t.failure} failed (${promoted} by --strict: decisions ${ids.join(', ')})` : `${t.failure} failed`;
  const warned = `${t.warning} warnings${!result.options.strict && ids.length ? ` (decisions ${ids.join(', ')})` : ''}`;
  const strict = result.options.strict ? ', --strict' : '';
  const counts = `${t.passed} passed, ${failed}, ${warned}, ${t.info} information, ${t.skipped} skipped, ${t.waived} waived, ${t.error} errors (seed ${result.seed}${strict})`;
  const against = result.baseline ? `; against the baseline: ${describeComparison(result.baseline)}` : '';
  if (result.verdict === 'incomplete') {
    const reasons = result.incompleteReasons.filter((r) => !result.targetHints?.some((h) => r.endsWith(h)));
    const wrongTarget = result.targetHints?.length ? ['the target, not the server, answered every request (see the hint above)'] : [];
    out.push('', `INCOMPLETE — no verdict on the server: ${[...wrongTarget, ...reasons].join('; ')}`, `  ${counts}${against}`);
  } else if (result.verdict === 'known violations') {
    out.push('', `PASS (--fail-on new: no new failures) — ${counts}${against}`);
  } else out.push('', `${result.verdict === 'conformant' ? 'PASS' : 'FAIL'} — ${counts}${against}`);
  if (reportPaths?.length) out.push(`Reports: ${reportPaths.join(', ')}`);
  return out.join('\n');
}

/**
 * Warnings (or, with --strict, the failures they became) grouped by the decision they rest on: the decision's
 * id, topic, quote and line, what to do about it (ask the vendor, or agree our default), then each distinct finding.
 */
function decisionText(result: RunResult): string[] {
  const relied = result.decisionsReliedOn;
  const warnings = groupFindings(result.findings, 'warning');
  if (!relied.length && !warnings.length) return [];
  const out = ['', result.options.strict
    ? `Decisions relied on (--strict: their warnings are counted as failures above): ${[...new Set(relied.map((d) => d.id))].join(', ')}`
    : `Decision warnings: ${result.totals.warning} — only the spec's decisions say this; ask the vendor the open questions, agree our defaults with them or waive (--strict counts them as failures)`];
  for (const d of relied) {
    out.push(`  ${d.id} ${d.topic} — 「${d.quote}」 (${d.source.document} line ${d.source.line}): ${d.findings} finding${d.findings > 1 ? 's' : ''} (${d.api}; ${d.checks.join(', ')}) — ${decisionAdvice[d.status]}`);
    if (result.options.strict) continue;
    const mine = warnings.filter((w) => w.first.api === d.api && w.first.basis?.kind === 'decision' && w.first.basis.decision === d.id);
    for (const check of new Set(mine.map((g) => g.check))) {
      const fields = [...new Set(mine.filter((g) => g.check === check).map((g) => g.first.field ?? '-'))];
      const shown = fields.slice(0, MORE_IDS).join(', ');
      out.push(`    [${check}] ${fields.length} field${fields.length > 1 ? 's' : ''}: ${shown}${fields.length > MORE_IDS ? `, … (${fields.length - MORE_IDS} more in the reports)` : ''}`);
    }
  }
  // A warning without a decision basis should not exist; shown rather than lost if it does.
  for (const g of warnings.filter((w) => w.first.basis?.kind !== 'decision')) out.push(`  [${g.check}] ${g.first.api} · ${g.first.field ?? '-'}: ${g.first.summary} (×${g.findings.length})`);
  return out;
}

function groupText(g: FindingGroup): string[] {
  const lines = g.first.message.split('\n').map((l) => `  ${l}`);
  if (g.first.baseline) lines[0] += g.first.baseline === 'new' ? '   [NEW since the baseline]' : '   [still failing]';
  if (g.findings.length > 1) {
    const others = g.findings.slice(1).map((f) => f.caseId);
    const shown = others.slice(0, MORE_IDS).join(', ');
    lines.push(`    … and ${others.length} more case${others.length > 1 ? 's' : ''} with the same fault: ${shown}${others.length > MORE_IDS ? ', …' : ''}`);
  }
  return lines;
}

/** "#2 check=negative_rejection api=lingju field=sex case=… received=/…/". */
export function describeWaiver(w: Waiver): string {
  const parts = [`#${w.index} check=${w.check}`];
  if (w.api) parts.push(`api=${w.api}`);
  if (w.field) parts.push(`field=${w.field}`);
  if (w.case) parts.push(`case=${w.case}`);
  if (w.received) parts.push(`received=/${w.received}/`);
  return parts.join(' ');
}

const BASELINE_LISTED = 10;

/** Against --baseline: the counts, then the new failures and the fixed ones by case (bounded). */
function baselineText(result: RunResult): string[] {
  const b = result.baseline;
  if (!b) return [];
  const out = ['', `Against the baseline ${b.file} (seed ${b.seed}, ${b.startedAt}): ${describeComparison(b)}`];
  for (const note of b.notes) out.push(`  note: ${note}`);
  const list = (label: string, entries: typeof b.new) => {
    if (!entries.length) return;
    out.push(`  ${label}:`);
    for (const e of entries.slice(0, BASELINE_LISTED)) out.push(`    [${e.check}] ${e.caseId}${e.field ? ` · ${e.field}` : ''}: ${e.summary}`);
    if (entries.length > BASELINE_LISTED) out.push(`    … and ${entries.length - BASELINE_LISTED} more (every report lists them all)`);
  };
  list('new', b.new);
  list('fixed', b.fixed);
  return out;
}
