import { escapeHtml } from '../util/escape.ts';
import type { ApiReview, ReviewModel } from './model.ts';
import type { QuestionRow } from './questions.ts';
import { constraintText, countColumns, envelopeLines, enumText, operationText, sourceLocation, yesNo } from './text.ts';

/** The review report as one self-contained HTML page: inline CSS, no script, a CSP that forbids every fetch. */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1500px;padding:0 24px 48px;color:#1d1d1f}
h1{margin:24px 0 4px}h2{margin-top:40px;border-bottom:2px solid #ddd;padding-bottom:4px}h3{margin-top:28px}
nav a{margin-right:14px}code{font:12.5px ui-monospace,Menlo,Consolas,monospace;background:#f3f3f5;padding:0 3px;border-radius:3px;overflow-wrap:break-word}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f6f6f8;position:sticky;top:0}tr:target,article:target{outline:3px solid #f5b400}
.undecided{border-left:5px solid #d93025;background:#fff6f5}.decided{border-left:5px solid #1e8e3e}
article{padding:6px 12px;margin:10px 0}article h4{margin:2px 0 6px}article dl{margin:0;display:grid;grid-template-columns:150px 1fr;gap:3px 10px}article dt{font-weight:600}article dd{margin:0}
.badge{display:inline-block;font-size:11px;font-weight:700;padding:1px 6px;border-radius:8px;color:#fff;background:#1e8e3e;margin-right:6px}.badge.undecided{background:#d93025;border:0}
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
  return `<h2 id="summary">Summary</h2>${tableHtml(['API', 'Operation', ...countColumns.map(([, l]) => l)], rows)}`;
}

function fieldLink(review: ApiReview, path: string): string {
  const field = review.fields.find((f) => f.path === path);
  return field ? link(anchor(review.api, field.direction, path), `<code>${esc(path)}</code>`) : `<code>${esc(path)}</code>`;
}

function question(review: ApiReview, q: QuestionRow): string {
  const extra = [
    q.fields.length ? `<dt>Fields</dt><dd>${q.fields.map((p) => fieldLink(review, p)).join(', ')}</dd>` : '',
    q.codes.length ? `<dt>Codes</dt><dd>${q.codes.map((c) => link(anchor(review.api, 'code', c), esc(c))).join(', ')}</dd>` : '',
  ].join('');
  return `<article id="${esc(anchor(review.api, q.id))}" class="${q.status}">
<h4><span class="badge ${q.status}">${q.status.toUpperCase()}</span>${esc(q.id)} · ${esc(q.topic)}</h4>
<dl><dt>Document</dt><dd><code>${esc(q.quote)}</code> <span class="muted">(${esc(sourceLocation(q.source))})</span></dd>
<dt>Unclear</dt><dd>${esc(q.question)}</dd><dt>${q.status === 'undecided' ? 'Provisional decision' : 'Decision'}</dt><dd>${esc(q.decision)}</dd>${extra}</dl></article>`;
}

function questions(review: ApiReview): string {
  return `<h3 id="${anchor(review.api, 'questions')}">${esc(review.api)} — ${review.counts.decisions} decisions, ${review.counts.undecided} undecided</h3>\n${review.questions.map((q) => question(review, q)).join('\n')}`;
}

const decisionLinks = (review: ApiReview, ids: readonly string[]) => ids.map((id) => link(anchor(review.api, id), esc(id))).join(', ');

function codes(review: ApiReview): string {
  const rows = review.codes.map((c) => [
    `<b>${esc(c.label)}</b>${c.other && c.mockCode !== undefined ? ` <span class="muted">(mock: ${c.mockCode})</span>` : ''}`,
    esc(c.zh),
    esc(c.en),
    esc(c.category),
    c.examples.map((e) => `<code>${esc(e)}</code>`).join(', '),
    c.checks.map((n) => `<code>${esc(n)}</code>`).join(', ') || '<span class="muted">— (no check provokes it)</span>',
    yesNo(c.provokable),
    c.fields.map((p) => fieldLink(review, p)).join(', '),
    c.decision ? decisionLinks(review, [c.decision]) : '',
    `${esc(sourceLocation(c.source))}: <code>${esc(c.source.text)}</code>`,
  ]);
  const header = ['Code', '中文 (document)', 'English', 'Category', 'Mock example(s)', 'Conformance check(s)', 'Provokable', 'Fields', 'Decision', 'Source'];
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
        esc(f.zh),
        esc(f.en),
        `${esc(sourceLocation(f.source))}: <code>${esc(f.source?.text)}</code>`,
        decisionLinks(review, f.decisions),
      ]);
      const ids = list.map((f) => anchor(review.api, direction, f.path));
      return `<h4>${esc(review.api)} ${direction} body</h4>${tableHtml(['Path', 'Type', 'Required', 'Enum / format', '中文 (document)', 'English', 'Source', 'Decisions'], rows, ids)}`;
    })
    .join('\n');
}

function deviations(review: ApiReview): string {
  const parts = review.verbatim.map((v) => {
    const title = `<h4><code>${esc(v.file)}</code> (${v.kind})</h4>`;
    if (!v.deviations.length) return `${title}<p>Conforms to the spec.</p>`;
    const rows = v.deviations.map((d) => [`<code>${esc(d.path)}</code>`, esc(d.expected), esc(d.received), decisionLinks(review, d.decisions)]);
    return title + tableHtml(['Path', 'Expected', 'Received', 'Decisions'], rows);
  });
  return `<h3>${esc(review.api)}</h3>${parts.join('\n')}`;
}

export function renderHtml(model: ReviewModel): string {
  const apis = model.apis;
  const nav = ['summary', 'questions', 'codes', 'fields', 'deviations'].map((s) => `<a href="#${s}">${s === 'questions' ? 'open questions' : s}</a>`).join('');
  const refs = apis.map((r) => `<a href="${esc(r.api)}.html">${esc(r.api)} reference</a>`).join(' · ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review report — ${esc(apis.map((r) => r.api).join(', '))}</title><style>${STYLE}</style></head>
<body>
<h1>Review report — ${esc(apis.map((r) => r.api).join(', '))}</h1>
<p class="muted">Generated by <code>npm run review</code> from ${apis.map((r) => `<code>${esc(r.specFile)}</code>`).join(', ')} and <code>fixtures/verbatim/</code>; do not edit, regenerate. Every open question is an entry of the spec's root <code>x-decisions</code>. ${refs}</p>
<nav>${nav}</nav>
${summary(model)}
<h2 id="questions">Open questions</h2>
<p>Every ambiguity, contradiction or gap found in the two documents: the document's own words, what is unclear, and what the spec decided. Undecided entries come first in each API and need an answer from the vendor.</p>
${apis.map(questions).join('\n')}
<h2 id="codes">Error-code matrix</h2>
<p>Which named mock example produces each code (<code>Prefer: example=NAME</code>), which conformance check exercises its category, and whether a client can provoke it from outside.</p>
${apis.map(codes).join('\n')}
<h2 id="fields">Fields</h2>
<p>Every property of the request and response bodies, nested ones included (<code>*</code> is an array element).</p>
${apis.map((r) => `<h3 id="${anchor(r.api, 'fields')}">${esc(r.api)}</h3>${fields(r)}`).join('\n')}
<h2 id="deviations">How the documents' own examples deviate from the spec</h2>
<p>The verbatim examples in <code>fixtures/verbatim/</code>, validated against the spec. Problems a schema cannot express (a 12-digit mobile number, placeholder values, mismatched ids) are in the open questions.</p>
${apis.map(deviations).join('\n')}
</body></html>
`;
}
