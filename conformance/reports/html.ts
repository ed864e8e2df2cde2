import { describeBasis } from '../../src/spec/index.ts';
import { escapeHtml } from '../../src/util/escape.ts';
import { checkNames, checkTitle } from '../checks/registry.ts';
import type { RunResult } from '../engine/result.ts';
import type { Finding, Severity } from '../types.ts';
import { byCheck, groupFindings, type FindingGroup } from './group.ts';

const esc = escapeHtml;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{padding:18px 28px;background:#fff;border-bottom:1px solid #dde1e6}
main{padding:8px 28px 40px;max-width:1200px}
h1{font-size:20px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 10px}h3{font-size:15px;margin:18px 0 8px}
.badge{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;color:#fff}
.pass{background:#1a7f37}.fail{background:#cf222e}.incomplete{background:#6e7781}
.banner{margin:10px 0 0;padding:8px 12px;border-radius:4px;background:#fff8c5;border:1px solid #d4a72c}
.meta{color:#57606a}
table{border-collapse:collapse;background:#fff;margin:6px 0 14px}
td,th{border:1px solid #dde1e6;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f0f2f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.bad{color:#cf222e;font-weight:600}
.finding{background:#fff;border:1px solid #dde1e6;border-left:4px solid #cf222e;border-radius:4px;padding:10px 14px;margin:10px 0}
.finding.error{border-left-color:#6e7781}.finding.warning{border-left-color:#bf8700}.finding.info{border-left-color:#0969da}.finding.waived{border-left-color:#8250df}.finding.skipped{border-left-color:#8c959f}
.rd td:first-child{font-weight:600;white-space:nowrap;width:110px}
pre{background:#f6f8fa;border:1px solid #dde1e6;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
code{font:12px ui-monospace,Menlo,Consolas,monospace}
details>summary{cursor:pointer;color:#0969da}
`;

/** A self-contained HTML report (no script, no external resource): failures first, each with its evidence. */
export function renderHtml(result: RunResult): string {
  const t = result.totals;
  const [badge, label] = result.verdict === 'conformant' ? ['pass', 'PASS'] : result.verdict === 'violations' ? ['fail', 'FAIL'] : ['incomplete', 'INCOMPLETE'];
  const parts: string[] = [];
  parts.push(`<header><h1>Conformance report <span class="badge ${badge}">${label}</span></h1>`);
  parts.push(
    `<div class="meta">seed <b>${result.seed}</b> · ${esc(result.startedAt)} · ${(result.durationMs / 1000).toFixed(1)} s · ${result.requests} requests · ${result.checksRun} checks · ` +
      `${t.passed} passed, ${t.failure} failed, ${t.warning} warnings, ${t.info} information, ${t.skipped} skipped, ${t.waived} waived, ${t.error} errors${result.options.strict ? ' · <b>--strict</b>' : ''}</div>`,
  );
  if (result.verdict === 'incomplete') {
    parts.push(`<div class="banner"><b>This run did not finish</b>, so it is no verdict on the target: ${result.incompleteReasons.map(esc).join('; ')}.</div>`);
  }
  parts.push(`<div class="meta">${result.apis.map((a) => `${esc(a.api)}: <code>${esc(a.operation)}</code> (credentials: ${esc(a.credentials)})`).join('<br>')}</div></header><main>`);

  const errors = groupFindings(result.findings, 'error');
  if (errors.length) {
    parts.push(`<h2>Errors (${t.error}) — cases that could not be judged</h2>`);
    for (const g of errors) parts.push(groupHtml(g));
  }
  const failures = groupFindings(result.findings, 'failure');
  parts.push(`<h2>Failures (${t.failure})</h2>`);
  if (!failures.length) parts.push('<p>None.</p>');
  for (const [check, groups] of byCheck(failures)) {
    parts.push(`<h3>${esc(check)} — ${esc(checkTitle(check))}</h3>`);
    for (const g of groups) parts.push(groupHtml(g));
  }
  if (result.decisionsReliedOn.length) {
    parts.push(`<h2>Decisions relied on (${result.decisionsReliedOn.length}) — ${result.options.strict ? 'counted as failures (--strict)' : 'warnings: ask the vendor'}</h2><table><tr><th>api</th><th>decision</th><th>quote</th><th>source</th><th>findings</th><th>checks</th></tr>`);
    for (const d of result.decisionsReliedOn) {
      parts.push(`<tr><td>${esc(d.api)}</td><td><b>${esc(d.id)}</b> ${esc(d.topic)}</td><td>${esc(d.quote)}</td><td>${esc(d.source.document)} line ${d.source.line}</td><td class="n">${d.findings}</td><td>${esc(d.checks.join(', '))}</td></tr>`);
    }
    parts.push('</table>');
  }
  const labels: Array<[Severity, string]> = [
    ['warning', 'Decision warnings — only the spec\'s decisions say this'],
    ['info', 'Information — not asserted (the document\'s own example does this, or a decision leaves it open)'],
    ['waived', 'Waived findings'],
  ];
  for (const [severity, label] of labels) {
    const groups = groupFindings(result.findings, severity);
    if (!groups.length) continue;
    parts.push(`<h2>${label} (${groups.reduce((n, g) => n + g.findings.length, 0)})</h2>`);
    for (const g of groups) parts.push(groupHtml(g));
  }
  if (result.unusedWaivers.length) {
    parts.push(`<h2>Unused waivers (${result.unusedWaivers.length})</h2><table><tr><th>#</th><th>check</th><th>api</th><th>field</th><th>reason</th></tr>`);
    for (const w of result.unusedWaivers) parts.push(`<tr><td>${w.index}</td><td>${esc(w.check)}</td><td>${esc(w.api ?? '*')}</td><td>${esc(w.field ?? '*')}</td><td>${esc(w.reason)}</td></tr>`);
    parts.push('</table>');
  }
  parts.push('<h2>Score per API and check</h2>');
  for (const api of result.apis) {
    parts.push(`<h3>${esc(api.api)}</h3><table><tr><th>check</th><th>passed</th><th>failed</th><th>warnings</th><th>info</th><th>skipped</th><th>waived</th><th>errors</th></tr>`);
    for (const name of checkNames) {
      const c = api.scores[name];
      parts.push(
        `<tr><td title="${esc(checkTitle(name))}">${esc(name)}</td><td class="n">${c.passed}</td><td class="n${c.failure ? ' bad' : ''}">${c.failure}</td><td class="n">${c.warning}</td><td class="n">${c.info}</td><td class="n">${c.skipped}</td><td class="n">${c.waived}</td><td class="n${c.error ? ' bad' : ''}">${c.error}</td></tr>`,
      );
    }
    parts.push('</table>');
    if (api.coverage) parts.push(coverageHtml(api.coverage));
  }
  const skipped = groupFindings(result.findings, 'skipped');
  if (skipped.length) {
    parts.push(`<h2>Skipped (${t.skipped}) — never counted as passed</h2><table><tr><th>check</th><th>api</th><th>reason</th><th>cases</th></tr>`);
    for (const g of skipped) parts.push(`<tr><td>${esc(g.check)}</td><td>${esc(g.first.api)}</td><td>${esc(g.first.summary)}</td><td class="n">${g.findings.length}</td></tr>`);
    parts.push('</table>');
  }
  parts.push(casesHtml(result));
  parts.push(`<p class="meta">${esc(result.tool.name)} ${esc(result.tool.version)}. Values of the fields ${result.maskedFields.map((f) => `<code>${esc(f)}</code>`).join(', ')} are masked (***).</p></main>`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Conformance ${label} — seed ${result.seed}</title><style>${STYLE}</style></head><body>\n${parts.join('\n')}\n</body></html>\n`;
}

/** Every planned case with its outcome (collapsed unless something went wrong). */
function casesHtml(result: RunResult): string {
  const open = result.cases.some((c) => c.outcome === 'error' || c.outcome === 'not run') ? ' open' : '';
  const rows = result.cases.map(
    (c) => `<tr><td><code>${esc(c.id)}</code></td><td>${esc(c.title)}</td><td>${esc(c.outcome)}</td><td class="n">${c.httpStatus ?? ''}</td><td class="n">${c.durationMs ?? ''}</td></tr>`,
  );
  return `<h2>Cases (${result.cases.length} planned)</h2><details${open}><summary>every planned case and its outcome</summary><table><tr><th>case</th><th>request</th><th>outcome</th><th>HTTP</th><th>ms</th></tr>${rows.join('')}</table></details>`;
}

function groupHtml(g: FindingGroup): string {
  const f = g.first;
  const more = g.findings.length > 1 ? `<details><summary>${g.findings.length - 1} more case(s) with the same fault</summary><ul>${g.findings.slice(1).map((x) => `<li><code>${esc(x.caseId)}</code> ${esc(x.caseTitle)}</li>`).join('')}</ul></details>` : '';
  return `<div class="finding ${f.severity}">${findingHtml(f)}${more}</div>`;
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
  rows.push(['Seed', String(f.seed)]);
  let html = `<table class="rd">${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</table>`;
  if (f.curl) html += `<div>Reproduce with:</div><pre>${esc(f.curl)}</pre>${(f.variables ?? []).map((v) => `<div class="meta"><code>$${esc(v.name)}</code>: ${esc(v.about)}</div>`).join('')}`;
  if (f.response) {
    const headers = Object.entries(f.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
    html += `<details${f.severity === 'failure' ? ' open' : ''}><summary>Response: HTTP ${f.response.status}</summary><pre>${esc(headers)}\n\n${esc(f.response.body)}</pre></details>`;
  }
  return html;
}

function coverageHtml(c: NonNullable<RunResult['apis'][number]['coverage']>): string {
  const row = (k: string, v: string) => `<tr><td>${k}</td><td>${v}</td></tr>`;
  return `<table class="rd"><tr><th colspan="2">error_code_coverage (reported, not failed)</th></tr>${[
    row('documented', esc(c.documented.join(', '))),
    row('observed', esc(c.observed.map((o) => `${o.code} ×${o.count} — ${o.meaning}`).join('; ') || 'none')),
    row('provokable here', esc(c.provokedBySuite.join(', ') || 'none')),
    row('not observed', esc(c.notObserved.join(', ') || 'none')),
    row('not provokable', esc(c.notProvokable.map((n) => `${n.code} ${n.meaning} [${n.category}]`).join('; ') || 'none')),
    c.undocumentedObserved.length ? row('undocumented seen', esc(c.undocumentedObserved.join(', '))) : '',
  ].join('')}</table>`;
}
