import { describeBasis, type ApiName } from '../../src/spec/index.ts';
import { escapeHtml as esc } from '../../src/util/escape.ts';
import { checkNames, checkTitle } from '../checks/registry.ts';
import type { CheckName } from '../catalogue.ts';
import type { RunResult } from '../engine/result.ts';
import type { CheckCounts, Finding, Severity } from '../types.ts';
import type { FindingGroup } from './group.ts';
import { describeOrigin } from '../engine/findings.ts';

/** The grades a reader filters by, in report order; `failure` is "failed" in the summary. */
export const GRADES: readonly Severity[] = ['error', 'failure', 'warning', 'info', 'waived', 'skipped'];
const GRADE_LABEL: Record<Severity, string> = { error: 'errors', failure: 'failures', warning: 'warnings', info: 'information', waived: 'waived', skipped: 'skipped' };

/** Ids of the elements a report links to: a group, and the first group of an API × check × grade. */
export const groupId = (n: number) => `g${n}`;
export const firstId = (api: ApiName, check: CheckName, grade: Severity) => `first-${api}-${check}-${grade}`;

/**
 * The summary that opens the report: one row per API × check that did anything, passed / failed / warnings /
 * skipped first, each non-zero count linking to the first finding of its kind.
 */
export function summaryTable(result: RunResult, anchored: ReadonlySet<string>): string {
  const columns: Array<[keyof CheckCounts, string]> = [
    ['passed', 'passed'],
    ['failure', 'failed'],
    ['warning', 'warnings'],
    ['skipped', 'skipped'],
    ['info', 'information'],
    ['waived', 'waived'],
    ['error', 'errors'],
  ];
  const rows: string[] = [];
  for (const api of result.apis) {
    for (const name of checkNames) {
      const counts = api.scores[name];
      if (columns.every(([k]) => counts[k] === 0)) continue;
      const cells = columns.map(([k]) => {
        const n = counts[k];
        const cls = n === 0 ? 'n zero' : k === 'failure' || k === 'error' ? 'n bad' : k === 'warning' ? 'n warn' : 'n';
        const id = k === 'passed' ? undefined : firstId(api.api, name, k as Severity);
        const text = n > 0 && id && anchored.has(id) ? `<a href="#${id}">${n}</a>` : String(n);
        return `<td class="${cls}">${text}</td>`;
      });
      rows.push(`<tr><td>${esc(api.api)}</td><td title="${esc(checkTitle(name))}"><code>${esc(name)}</code></td>${cells.join('')}</tr>`);
    }
  }
  return `<h2 id="summary">Summary per API and check</h2><table><tr><th>API</th><th>check</th>${columns.map(([, l]) => `<th>${l}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

/** The filter bar: API, grade and check (only values the findings have), "all" chosen. */
export function filterBar(findings: readonly Finding[]): string {
  const present = <T extends string>(values: readonly T[], key: (f: Finding) => string) => values.filter((v) => findings.some((f) => key(f) === v));
  const group = (key: string, legend: string, values: readonly string[], label: (v: string) => string) =>
    `<fieldset><legend>${legend}</legend><input type="radio" name="f-${key}" id="f-${key}-all" checked><label for="f-${key}-all">all</label>${values
      .map((v) => `<input type="radio" name="f-${key}" id="f-${key}-${esc(v)}"><label for="f-${key}-${esc(v)}">${esc(label(v))}</label>`)
      .join('')}</fieldset>`;
  const apis = [...new Set(findings.map((f) => f.api))];
  return `<nav class="filters" aria-label="filter findings">${group('api', 'API', apis, (v) => v)}${group('grade', 'Grade', present(GRADES, (f) => f.severity), (v) => GRADE_LABEL[v as Severity])}${group('check', 'Check', present(checkNames, (f) => f.check), (v) => v)}</nav>`;
}

/**
 * One group of findings (one fault, one or more cases) with its anchor and what the filters read. `collapsed`:
 * only its heading shows (a click opens it), so a long list stays a list.
 */
export function groupHtml(g: FindingGroup, n: number, firstOf?: string, collapsed = false): string {
  const f = g.first;
  const more = g.findings.length > 1 ? `<details><summary>${g.findings.length - 1} more case(s) with the same fault</summary><ul>${g.findings.slice(1).map((x) => `<li><code>${esc(x.caseId)}</code> ${esc(x.caseTitle)}${x.baseline === 'new' ? ' <span class="tag new">new</span>' : ''}</li>`).join('')}</ul></details>` : '';
  const anchor = firstOf ? `<a id="${firstOf}"></a>` : '';
  const tags = [
    f.impact === 'server-error' ? '<span class="tag impact">server error</span>' : '',
    f.impact === 'invalid-accepted' ? '<span class="tag impact">invalid accepted</span>' : '',
    f.baseline === 'new' ? '<span class="tag new">new since the baseline</span>' : f.baseline === 'still failing' ? '<span class="tag still">still failing</span>' : '',
  ].join('');
  const title = `${esc(f.check)} · ${esc(f.api)} · ${esc(f.field ?? '(no field)')}`;
  const count = g.findings.length > 1 ? ` <span class="meta">(${g.findings.length} cases)</span>` : '';
  const open = `${anchor}<div class="finding f ${f.severity}" id="${groupId(n)}" data-api="${esc(f.api)}" data-check="${esc(f.check)}" data-grade="${esc(f.severity)}">`;
  if (collapsed) return `${open}<details><summary><b>${title}</b>${tags}${count} — ${esc(f.summary)}</summary>${findingHtml(f)}${more}</details></div>`;
  return `${open}<h4><a href="#${groupId(n)}">${title}</a>${tags}${count}</h4>${findingHtml(f)}${more}</div>`;
}

function findingHtml(f: Finding): string {
  const rows: Array<[string, string]> = [
    ['Check', `<code>${esc(f.check)}</code> · ${esc(f.api)}`],
    ['Case', `${esc(f.caseTitle)} <span class="meta">(${esc(f.caseId)})</span>`],
    ['What', esc(f.summary)],
  ];
  if (f.field) rows.push(['Field', `<code>${esc(f.field)}</code>`]);
  if (f.count && f.fields) rows.push(['Fields', `${f.fields.map((x) => `<code>${esc(x)}</code>`).join(', ')}${f.count > f.fields.length ? ` … (${f.count.toLocaleString('en')} in all)` : ''}`]);
  if (f.received) rows.push(['Received', esc(f.received)]);
  if (f.documented) rows.push(['Documented', esc(f.documented)]);
  rows.push(['Grade', `${esc(f.severity)}${f.promoted ? ' (a decision warning, failed by --strict)' : ''}`]);
  if (f.basis) rows.push(['Basis', esc(describeBasis(f.basis))]);
  if (f.waiver) rows.push(['Waived', esc(f.waiver.reason)]);
  if (f.generated) rows.push(['Generated', `${esc(describeOrigin(f.generated))}; replay exactly with <code>--seed ${f.seed} --replay ${esc(f.generated.replay)}</code>`]);
  rows.push(['Seed', String(f.seed)]);
  let html = `<table class="rd">${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</table>`;
  if (f.curl) html += `<div>Reproduce with:</div><pre>${esc(f.curl)}</pre>${(f.variables ?? []).map((v) => `<div class="meta"><code>$${esc(v.name)}</code>: ${esc(v.about)}</div>`).join('')}`;
  if (f.response) {
    const headers = Object.entries(f.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
    html += `<details${f.severity === 'failure' ? ' open' : ''}><summary>Response: HTTP ${f.response.status}</summary><pre>${esc(headers)}\n\n${esc(f.response.body)}</pre></details>`;
  }
  return html;
}

/** Groups of one grade, each with its anchor; past `shown` groups each shows its heading only (click to open). */
export function groupsHtml(groups: readonly FindingGroup[], counter: { n: number }, anchored: Set<string>, shown: number): string {
  return groups
    .map((g, i) => {
      const id = firstId(g.first.api, g.check, g.severity);
      const first = anchored.has(id) ? undefined : id;
      if (first) anchored.add(first);
      return groupHtml(g, counter.n++, first, i >= shown);
    })
    .join('\n');
}
