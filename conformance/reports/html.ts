import { escapeHtml } from '../../src/util/escape.ts';
import { decisionAdvice } from '../../src/spec/index.ts';
import { checkNames } from '../checks/registry.ts';
import type { BaselineEntry } from '../engine/baseline.ts';
import { describeComparison } from '../engine/baseline.ts';
import type { RunResult } from '../engine/result.ts';
import type { Severity } from '../types.ts';
import { describeWaiver } from './console.ts';
import { groupFindings, sortGroups } from './group.ts';
import { filterBar, GRADES, groupsHtml, summaryTable } from './html-findings.ts';
import { filterStyle, STYLE } from './html-style.ts';
import { generationLines } from '../generate/report.ts';
import type { GenerationSummary } from '../generate/types.ts';

const esc = escapeHtml;

/** Past this many groups of one grade, each shows its heading only (a click opens it); failures show more. */
const SHOWN_GROUPS = 10;
const SHOWN_FAILURE_GROUPS = 25;

const SECTIONS: Array<[Severity, string]> = [
  ['error', 'Errors — cases that could not be judged'],
  ['failure', 'Failures — what the documents state, broken (server errors and invalid requests accepted first)'],
  ['warning', "Decision warnings — only the spec's decisions say this"],
  ['info', "Information — not asserted (the document's own example does this, or a decision leaves it open)"],
  ['waived', 'Waived findings'],
];

/**
 * A self-contained HTML report (no script, no external resource): the verdict and anything that makes it less
 * than it seems (--insecure, a wrong target, an incomplete run), a summary per API × check, then a filter (API,
 * grade, check; CSS only) over the findings, worst first, each with an anchor and its evidence.
 */
export function renderHtml(result: RunResult): string {
  const t = result.totals;
  const [badge, label] =
    result.verdict === 'conformant' ? ['pass', 'PASS'] : result.verdict === 'violations' ? ['fail', 'FAIL'] : result.verdict === 'known violations' ? ['known', 'NO NEW FAILURES'] : ['incomplete', 'INCOMPLETE'];
  const head: string[] = [];
  head.push(`<header><h1>Conformance report <span class="badge ${badge}">${label}</span></h1>`);
  head.push(
    `<div class="meta">seed <b>${result.seed}</b> · ${esc(result.startedAt)} · ${(result.durationMs / 1000).toFixed(1)} s · ${result.requests} requests · ${result.checksRun} checks · ` +
      `${t.passed} passed, ${t.failure} failed, ${t.warning} warnings, ${t.info} information, ${t.skipped} skipped, ${t.waived} waived, ${t.error} errors${result.options.strict ? ' · <b>--strict</b>' : ''}</div>`,
  );
  for (const warning of result.warnings ?? []) head.push(`<div class="banner danger">WARNING: ${esc(warning)}</div>`);
  for (const hint of result.targetHints ?? []) head.push(`<div class="banner danger">Wrong target, not a verdict on the server: ${esc(hint)}</div>`);
  if (result.verdict === 'incomplete') {
    head.push(`<div class="banner"><b>This run did not finish</b>, so it is no verdict on the target: ${result.incompleteReasons.map(esc).join('; ')}.</div>`);
  }
  if (result.baseline) head.push(`<div class="banner">Against the baseline <code>${esc(result.baseline.file)}</code>: <b>${esc(describeComparison(result.baseline))}</b> (<a href="#baseline">details</a>)${result.options.failOn === 'new' ? ' — <b>--fail-on new</b>: only new failures fail the run' : ''}</div>`);
  head.push(`<div class="meta">${result.apis.map((a) => `${esc(a.api)}: <code>${esc(a.operation)}</code> (credentials: ${esc(a.credentials)})`).join('<br>')}</div>`);
  for (const note of result.notes ?? []) head.push(`<div class="meta">${esc(note)}</div>`);
  head.push('</header><main>');

  // Findings first (they set the anchors the summary links to), placed after the summary.
  const anchored = new Set<string>();
  const counter = { n: 1 };
  const body: string[] = [];
  for (const [severity, title] of SECTIONS) {
    const groups = severity === 'failure' ? sortGroups(groupFindings(result.findings, severity)) : groupFindings(result.findings, severity);
    if (!groups.length && severity !== 'failure') continue;
    const count = groups.reduce((n, g) => n + g.findings.length, 0);
    body.push(`<section class="grade" data-grade="${severity}"><h2 id="${severity}">${title} (${count})</h2>`);
    if (!groups.length) body.push('<p>None.</p>');
    body.push(groupsHtml(groups, counter, anchored, severity === 'error' ? Infinity : severity === 'failure' ? SHOWN_FAILURE_GROUPS : SHOWN_GROUPS), '</section>');
    if (severity === 'failure') body.push(decisionsHtml(result));
  }
  body.push(skippedHtml(result));
  body.push(baselineHtml(result), waiversHtml(result));
  body.push('<h2>Error-code coverage (reported, not failed)</h2>');
  for (const api of result.apis) if (api.coverage) body.push(`<h3>${esc(api.api)}</h3>${coverageHtml(api.coverage)}`);
  if (result.apis.some((a) => a.generated)) body.push('<h2 id="generated">Generated requests (fast-check)</h2>');
  for (const api of result.apis) if (api.generated) body.push(`<h3>${esc(api.api)}</h3>${generationHtml(api.generated, result.seed)}`);
  body.push(casesHtml(result));
  body.push(`<p class="meta">${esc(result.tool.name)} ${esc(result.tool.version)}. Values of the fields ${result.maskedFields.map((f) => `<code>${esc(f)}</code>`).join(', ')}, credentials, --header values and proxy credentials are masked (***).</p></main>`);

  const main = [summaryTable(result, anchored), filterBar(result.findings), ...body];
  const filters = filterStyle(result.options.apis, checkNames, GRADES);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Conformance ${label} — seed ${result.seed}</title><style>${STYLE}\n${filters}</style></head><body>\n${head.join('\n')}\n${main.join('\n')}\n</body></html>\n`;
}

function decisionsHtml(result: RunResult): string {
  if (!result.decisionsReliedOn.length) return '';
  const rows = result.decisionsReliedOn.map(
    (d) => `<tr><td>${esc(d.api)}</td><td><b>${esc(d.id)}</b> ${esc(d.topic)}</td><td>${esc(d.quote)}</td><td>${esc(d.source.document)} line ${d.source.line}</td><td class="n">${d.findings}</td><td>${esc(d.checks.join(', '))}</td><td>${esc(decisionAdvice[d.status])}</td></tr>`,
  );
  return `<h2>Decisions relied on (${result.decisionsReliedOn.length}) — ${result.options.strict ? 'counted as failures (--strict)' : 'warnings'}</h2><table><tr><th>api</th><th>decision</th><th>quote</th><th>source</th><th>findings</th><th>checks</th><th>to do</th></tr>${rows.join('')}</table>`;
}

/** Skipped checks as a table, one row per reason (filterable like the findings). */
function skippedHtml(result: RunResult): string {
  const skipped = groupFindings(result.findings, 'skipped');
  if (!skipped.length) return '';
  const rows = skipped.map((g) => `<tr class="f" data-api="${esc(g.first.api)}" data-check="${esc(g.check)}" data-grade="skipped"><td>${esc(g.check)}</td><td>${esc(g.first.api)}</td><td>${esc(g.first.summary)}</td><td class="n">${g.findings.length}</td></tr>`);
  const table = `<table><tr><th>check</th><th>api</th><th>reason</th><th>cases</th></tr>${rows.join('')}</table>`;
  return `<section class="grade" data-grade="skipped"><h2 id="skipped">Skipped (${result.totals.skipped}) — never counted as passed</h2>${rows.length > SHOWN_GROUPS ? `<details><summary>${rows.length} reasons</summary>${table}</details>` : table}</section>`;
}

function baselineHtml(result: RunResult): string {
  const b = result.baseline;
  if (!b) return '';
  const table = (title: string, entries: readonly BaselineEntry[], open: boolean) =>
    entries.length
      ? `<details${open ? ' open' : ''}><summary>${title} (${entries.length})</summary><table><tr><th>check</th><th>case</th><th>field</th><th>what</th></tr>${entries
          .map((e) => `<tr><td>${esc(e.check)}</td><td><code>${esc(e.caseId)}</code></td><td>${esc(e.field ?? '')}</td><td>${esc(e.summary)}</td></tr>`)
          .join('')}</table></details>`
      : `<p>${title}: none.</p>`;
  return [
    `<h2 id="baseline">Against the baseline: ${esc(describeComparison(b))}</h2>`,
    `<p class="meta"><code>${esc(b.file)}</code> — seed ${b.seed}, ${esc(b.startedAt)}</p>`,
    ...b.notes.map((n) => `<p class="banner">${esc(n)}</p>`),
    table('New failures', b.new, b.new.length <= SHOWN_GROUPS),
    table('Fixed', b.fixed, b.fixed.length <= SHOWN_GROUPS),
    table('Still failing', b.stillFailing, false),
    b.notChecked.length ? table('Not checked this time', b.notChecked, false) : '',
  ].join('\n');
}

function waiversHtml(result: RunResult): string {
  const parts: string[] = [];
  if (result.unusedWaivers.length) {
    parts.push(`<h2>Unused waivers (${result.unusedWaivers.length})</h2><table><tr><th>waiver</th><th>reason</th></tr>`);
    for (const w of result.unusedWaivers) parts.push(`<tr><td><code>${esc(describeWaiver(w))}</code></td><td>${esc(w.reason)}</td></tr>`);
    parts.push('</table>');
  }
  if (result.expiredWaivers?.length) {
    parts.push(`<h2>Expired waivers (${result.expiredWaivers.length}) — no longer applied; what they covered counts again</h2><table><tr><th>waiver</th><th>expired</th><th>reason</th><th>findings it would cover</th></tr>`);
    for (const w of result.expiredWaivers) parts.push(`<tr><td><code>${esc(describeWaiver(w))}</code></td><td>${esc(w.expires)}</td><td>${esc(w.reason)}</td><td class="n">${w.wouldMatch}</td></tr>`);
    parts.push('</table>');
  }
  return parts.join('');
}

/** Every planned case with its outcome (collapsed unless something went wrong). */
function casesHtml(result: RunResult): string {
  const open = result.cases.some((c) => c.outcome === 'error' || c.outcome === 'not run') ? ' open' : '';
  const rows = result.cases.map(
    (c) => `<tr><td><code>${esc(c.id)}</code></td><td>${esc(c.title)}</td><td>${esc(c.outcome)}</td><td class="n">${c.httpStatus ?? ''}</td><td class="n">${c.durationMs ?? ''}</td></tr>`,
  );
  return `<h2>Cases (${result.cases.length} planned)</h2><details${open}><summary>every planned case and its outcome</summary><table><tr><th>case</th><th>request</th><th>outcome</th><th>HTTP</th><th>ms</th></tr>${rows.join('')}</table></details>`;
}

/** What --generate sent for an API, how it was answered, and each kind of finding with its case. */
function generationHtml(g: GenerationSummary, seed: number): string {
  const [head, answers, ...faults] = generationLines(g, seed);
  const items = faults.map((line) => `<li>${esc(line.trim())}</li>`).join('');
  return `<table class="rd"><tr><td>run</td><td>${esc(head ?? '')}</td></tr>${answers ? `<tr><td>answers</td><td>${esc(answers.replace(/^\s*answers: /, ''))}</td></tr>` : ''}${items ? `<tr><td>findings</td><td><ul>${items}</ul></td></tr>` : ''}</table>`;
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

