import { escapeHtml } from '../util/escape.ts';
import type { ApiReview, ReviewModel } from './model.ts';
import type { QuestionRow } from './questions.ts';
import {
  constraintText,
  countColumns,
  decisionHeading,
  envelopeLines,
  enumText,
  exampleLocation,
  exampleNames,
  operationText,
  priorityText,
  questionsHeading,
  ruleLabel,
  sectionIntro,
  shortLocation,
  sourceLocation,
  stanceLabel,
  stanceSentence,
  stateText,
  STRICTER_HEADING,
  inStricterText,
  stricterConformance,
  todoLines,
  yesNo,
} from './text.ts';

/** The review report as one self-contained HTML page: inline CSS, no script, a CSP that forbids every fetch. */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1500px;padding:0 24px 48px;color:#1d1d1f}
h1{margin:24px 0 4px}h2{margin-top:40px;border-bottom:2px solid #ddd;padding-bottom:4px}h3{margin-top:28px}
nav a{margin-right:14px}code{font:12.5px ui-monospace,Menlo,Consolas,monospace;background:#f3f3f5;padding:0 3px;border-radius:3px;overflow-wrap:break-word;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f6f6f8;position:sticky;top:0}tr:target,article:target{outline:3px solid #f5b400}
.needs-vendor{border-left:5px solid #d93025;background:#fff6f5}.contradicted{border-left:5px solid #e37400;background:#fff8ee}.answered{border-left:5px solid #1a73e8;background:#f4f8ff}.default{border-left:5px solid #1e8e3e}
article{padding:6px 12px;margin:10px 0}article h4{margin:2px 0 6px}article dl{margin:0;display:grid;grid-template-columns:150px 1fr;gap:3px 10px}article dt{font-weight:600}article dd{margin:0}
.badge{display:inline-block;font-size:11px;font-weight:700;padding:1px 6px;border-radius:8px;color:#fff;background:#1e8e3e;margin-right:6px}.badge.needs-vendor{background:#d93025;border:0}.badge.answered{background:#1a73e8;border:0}.badge.contradicted{background:#e37400;border:0}
.stance{display:inline-block;font-size:11px;font-weight:600;padding:0 6px;border-radius:8px;border:1px solid #999;color:#333;margin-right:6px}.stance.assert{border-color:#d93025;color:#b3261e}.stance.warn{border-color:#e37400;color:#9a4f00}
.todo{background:#fffbe6;border:1px solid #f5d565;padding:8px 12px 8px 28px}
.muted{color:#666}.num{text-align:right}tr,article,h2,h3{scroll-margin-top:64px}`;

const esc = escapeHtml;

/** Escaped text in which `backticked` spans become <code>. */
function inline(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const anchor = (...parts: string[]) => parts.join('-');
const link = (id: string, label: string) => `<a href="#${encodeURIComponent(id)}">${label}</a>`;

function tableHtml(header: string[], rows: string[][], ids?: string[]): string {
  const head = `<tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r, i) => `<tr${ids?.[i] ? ` id="${esc(ids[i])}"` : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

function summary(model: ReviewModel): string {
  const rows = model.apis.map((r) => [link(anchor(r.api, 'questions'), esc(r.api)), `<code>${esc(operationText(r))}</code>`, ...countColumns.map(([k]) => `<span class="num">${r.counts[k]}</span>`)]);
  rows.push(['<b>total</b>', '', ...countColumns.map(([k]) => `<b>${model.totals[k]}</b>`)]);
  const todo = model.apis.flatMap((r) => todoLines(r).map((l) => `<li><b>${esc(r.api)}:</b> ${inline(l)}</li>`));
  return `<h2 id="summary">Summary</h2><h3>What needs doing</h3><ul class="todo">${todo.join('')}</ul>${tableHtml(['API', 'Operation', ...countColumns.map(([, l]) => l)], rows)}`;
}

function fieldLink(review: ApiReview, path: string): string {
  const field = review.fields.find((f) => f.path === path);
  return field ? link(anchor(review.api, field.direction, path), `<code>${esc(path)}</code>`) : `<code>${esc(path)}</code>`;
}

function question(review: ApiReview, q: QuestionRow): string {
  const extra = [
    q.state === 'needs-vendor' && q.ask ? `<dt>Asked (中文)</dt><dd lang="zh-CN">${esc(q.ask.question)}</dd>` : '',
    q.answer ? `<dt>Vendor's answer</dt><dd>${esc(q.answer.text)} <span class="muted">(${esc(q.answer.who)}, ${esc(q.answer.when)}${q.state === 'contradicted' ? '; says otherwise' : ''})</span></dd>` : '',
    `<dt>Conformance</dt><dd>${esc(stanceSentence(q))}</dd>`,
    q.fields.length ? `<dt>Fields</dt><dd>${q.fields.map((p) => fieldLink(review, p)).join(', ')}</dd>` : '',
    q.codes.length ? `<dt>Codes</dt><dd>${q.codes.map((c) => link(anchor(review.api, 'code', c), esc(c))).join(', ')}</dd>` : '',
  ].join('');
  const label = stateText[q.state].toUpperCase() + (q.state === 'needs-vendor' ? ` · ${priorityText[q.priority ?? 'semantics']}` : '');
  return `<article id="${esc(anchor(review.api, q.id))}" class="${q.state}">
<h4><span class="badge ${q.state}">${esc(label)}</span><span class="stance ${q.stance}">conformance: ${esc(stanceLabel(q))}</span>${esc(q.id)} · ${esc(q.topic)}</h4>
<dl><dt>Document</dt><dd><code>${esc(q.quote)}</code> <span class="muted">(${esc(sourceLocation(q.source))})</span></dd>
<dt>Unclear</dt><dd>${esc(q.question)}</dd><dt>${decisionHeading(q)}</dt><dd>${esc(q.decision)}</dd>${extra}</dl></article>`;
}

function questions(review: ApiReview): string {
  return `<h3 id="${anchor(review.api, 'questions')}">${esc(questionsHeading(review))}</h3>\n${review.questions.map((q) => question(review, q)).join('\n')}`;
}

const decisionLinks = (review: ApiReview, ids: readonly string[]) => ids.map((id) => link(anchor(review.api, id), esc(id))).join(', ');

function codes(review: ApiReview): string {
  const rows = review.codes.map((c) => [
    `<b>${esc(c.label)}</b>${c.other && c.mockCode !== undefined ? ` <span class="muted">(mock: ${c.mockCode})</span>` : ''}`,
    `<span lang="zh-CN">${esc(c.zh)}</span> <span class="muted">(${esc(shortLocation(c.source))})</span>`,
    esc(c.en),
    esc(c.category),
    exampleNames(c.examples).map((e) => (/^[A-Za-z]\w*$/.test(e) ? `<code>${esc(e)}</code>` : `<span class="muted">${esc(e)}</span>`)).join(' '),
    c.checks.map((n) => `<code>${esc(n)}</code>`).join(', ') || '<span class="muted">— (no check provokes it)</span>',
    yesNo(c.provokable),
    c.fields.map((p) => fieldLink(review, p)).join(', '),
    c.decision ? decisionLinks(review, [c.decision]) : '',
  ]);
  const header = ['Code', `Document (${review.sourceDocument.file})`, 'English', 'Category', 'Mock example(s)', 'Conformance check(s)', 'Provokable', 'Fields', 'Decision'];
  const envelope = `<ul>${envelopeLines(review).map((l) => `<li>${inline(l)}</li>`).join('')}</ul>`;
  const ids = review.codes.map((c) => anchor(review.api, 'code', c.label));
  return `<h3 id="${anchor(review.api, 'codes')}">${esc(review.api)} — <code>${esc(operationText(review))}</code></h3>${envelope}${tableHtml(header, rows, ids)}`;
}

function fields(review: ApiReview): string {
  return (['request', 'response'] as const)
    .map((direction) => {
      const list = review.fields.filter((f) => f.direction === direction);
      const rows = list.map((f) => [
        `<code>${esc(f.path)}</code>`,
        esc(f.type),
        f.required ? '<b>required</b>' : 'optional',
        esc([enumText(f), constraintText(f)].filter(Boolean).join('; ')),
        `<span class="muted">${esc(shortLocation(f.source))}:</span> <code lang="zh-CN">${esc(f.source?.text)}</code>`,
        esc(f.en),
        decisionLinks(review, f.decisions),
      ]);
      const ids = list.map((f) => anchor(review.api, direction, f.path));
      return `<h4>${esc(review.api)} ${direction} body</h4>${tableHtml(['Path', 'Type', 'Required', 'Enum / format', `Document (${review.sourceDocument.file})`, 'English', 'Decisions'], rows, ids)}`;
    })
    .join('\n');
}

function stricter(review: ApiReview): string {
  const n = review.stricter.length;
  const head = `<h3 id="${anchor(review.api, 'stricter')}">${esc(review.api)} — ${n} place${n === 1 ? '' : 's'} <span class="muted">(${esc(review.sourceDocument.file)})</span></h3>`;
  if (!n) return `${head}<p>The document's own example exchange meets every expectation of the spec.</p>`;
  const rows = review.stricter.map((r) => [
    `<code>${esc(r.path)}</code> <span class="muted">(${esc(r.key)})</span>`,
    `${esc(r.says)}<br><span class="muted">${esc(ruleLabel(r))}, ${esc(shortLocation(r.rule.source))}:</span> <code lang="zh-CN">${esc(r.rule.quote)}</code>`,
    `<span class="muted">${esc(exampleLocation(r))}:</span> <code lang="zh-CN">${esc(r.example.text)}</code><br>${esc(r.does)}, ${esc(r.answered)}`,
    esc(stricterConformance(r)),
    r.decisions.map((d) => `${link(anchor(review.api, d.id), esc(d.id))} <span class="muted">(${esc(stateText[d.state])})</span>`).join(', '),
  ]);
  return head + tableHtml(['Where', 'Our spec (rule and its line)', "The vendor's example (text and line)", 'Conformance', 'Decisions'], rows);
}

function deviations(review: ApiReview): string {
  const parts = review.verbatim.map((v) => {
    const title = `<h4><code>${esc(v.file)}</code> (${v.kind})</h4>`;
    const listed = v.inStricter.length ? `<p>${inline(inStricterText(v.inStricter))} ${link(anchor(review.api, 'stricter'), esc(STRICTER_HEADING.toLowerCase()))}.</p>` : '';
    if (!v.deviations.length) return `${title}${listed || '<p>Conforms to the spec.</p>'}`;
    const rows = v.deviations.map((d) => [`<code>${esc(d.path)}</code>`, esc(d.expected), esc(d.received), decisionLinks(review, d.decisions)]);
    return title + listed + tableHtml(['Path', 'Expected', 'Received', 'Decisions'], rows);
  });
  return `<h3>${esc(review.api)}</h3>${parts.join('\n')}`;
}

export function renderHtml(model: ReviewModel): string {
  const apis = model.apis;
  const nav = [['summary', 'summary'], ['questions', 'decisions'], ['codes', 'codes'], ['fields', 'fields'], ['stricter', 'stricter than the example'], ['deviations', 'deviations']].map(([id, label]) => `<a href="#${id}">${label}</a>`).join('');
  const refs = apis.map((r) => `<a href="${esc(r.api)}.html">${esc(r.api)} reference</a>`).join(' · ');
  const lists = apis.map((r) => `<a href="${esc(r.api)}.questions.md">${esc(r.api)} questions (中文)</a>`).join(' · ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review report — ${esc(apis.map((r) => r.api).join(', '))}</title><style>${STYLE}</style></head>
<body>
<h1>Review report — ${esc(apis.map((r) => r.api).join(', '))}</h1>
<p class="muted">Generated by <code>npm run review</code> from ${apis.map((r) => `<code>${esc(r.specFile)}</code>`).join(', ')} and <code>fixtures/verbatim/</code>; do not edit, regenerate. Every question is an entry of the spec's root <code>x-decisions</code>; every quote is checked against the vendor document kept in <code>fixtures/verbatim/</code>. ${refs} · ${lists}</p>
<nav>${nav}</nav>
${summary(model)}
<h2 id="questions">Decisions and open questions</h2>
<p>${inline(sectionIntro.questions)}</p>
${apis.map(questions).join('\n')}
<h2 id="codes">Error-code matrix</h2>
<p>${inline(sectionIntro.codes)}</p>
${apis.map(codes).join('\n')}
<h2 id="fields">Fields</h2>
<p>${inline(sectionIntro.fields)}</p>
${apis.map((r) => `<h3 id="${anchor(r.api, 'fields')}">${esc(r.api)}</h3>${fields(r)}`).join('\n')}
<h2 id="stricter">${esc(STRICTER_HEADING)}</h2>
<p>${inline(sectionIntro.stricter)}</p>
${apis.map(stricter).join('\n')}
<h2 id="deviations">How the documents' own examples deviate from the spec</h2>
<p>${inline(sectionIntro.deviations)}</p>
${apis.map(deviations).join('\n')}
</body></html>
`;
}
