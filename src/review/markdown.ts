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
  inlineCode,
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
  stricterDecisions,
  todoLines,
  yesNo,
} from './text.ts';

/** The review report as Markdown: stable line order, one fact per table cell, so a spec change reads as a small diff. */

/** A table cell: pipes escaped, line breaks kept visible. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function summary(model: ReviewModel): string[] {
  const rows = model.apis.map((r) => [r.api, inlineCode(operationText(r)), ...countColumns.map(([k]) => String(r.counts[k]))]);
  rows.push(['**total**', '', ...countColumns.map(([k]) => `**${model.totals[k]}**`)]);
  const todo = model.apis.flatMap((r) => todoLines(r).map((l) => `- **${r.api}:** ${l}`));
  return ['## Summary', '', '### What needs doing', '', ...todo, '', ...table(['API', 'Operation', ...countColumns.map(([, label]) => label)], rows), ''];
}

function badge(q: QuestionRow): string {
  const text = stateText[q.state].toUpperCase();
  const state = q.state === 'needs-vendor' ? `**${text}** (${priorityText[q.priority ?? 'semantics']})` : q.state === 'default' ? text.toLowerCase() : `**${text}**`;
  return `${state} · conformance: ${stanceLabel(q)}`;
}

function questions(review: ApiReview): string[] {
  const out = [`### ${questionsHeading(review)}`, ''];
  for (const q of review.questions) {
    out.push(`#### ${q.id} · ${badge(q)} · ${q.topic}`, '');
    out.push(`- **Document** (${sourceLocation(q.source)}): ${inlineCode(q.quote)}`);
    out.push(`- **Unclear:** ${q.question}`);
    out.push(`- **${decisionHeading(q)}:** ${q.decision}`);
    if (q.state === 'needs-vendor' && q.ask) out.push(`- **Asked (中文):** ${q.ask.question}`);
    if (q.answer) out.push(`- **Vendor's answer** (${q.answer.who}, ${q.answer.when}${q.state === 'contradicted' ? '; says otherwise' : ''}): ${q.answer.text}`);
    out.push(`- **Conformance:** ${stanceSentence(q)}`);
    if (q.fields.length) out.push(`- **Fields:** ${q.fields.map(inlineCode).join(', ')}`);
    if (q.codes.length) out.push(`- **Codes:** ${q.codes.join(', ')}`);
    out.push('');
  }
  return out;
}

function stricter(review: ApiReview): string[] {
  const head = [`### ${review.api} — ${review.stricter.length} place${review.stricter.length === 1 ? '' : 's'} (${review.sourceDocument.file})`, ''];
  if (!review.stricter.length) return [...head, "The document's own example exchange meets every expectation of the spec.", ''];
  const rows = review.stricter.map((r) => [
    `${inlineCode(r.path)} (${r.key})`,
    `${r.says} — ${ruleLabel(r)}, ${shortLocation(r.rule.source)}: ${inlineCode(r.rule.quote)}`,
    `${exampleLocation(r)}: ${inlineCode(r.example.text)} — ${r.does}, ${r.answered}`,
    stricterConformance(r),
    stricterDecisions(r).join(', '),
  ]);
  return [...head, ...table(['Where', 'Our spec (rule and its line)', "The vendor's example (text and line)", 'Conformance', 'Decisions'], rows), ''];
}

function codes(review: ApiReview): string[] {
  const rows = review.codes.map((c) => [
    c.other && c.mockCode !== undefined ? `${c.label} (mock: ${c.mockCode})` : c.label,
    `${c.zh} (${shortLocation(c.source)})`,
    c.en,
    c.category,
    exampleNames(c.examples).join(' '),
    c.checks.join(', ') || '— (no check provokes it)',
    yesNo(c.provokable),
    c.fields.join(', '),
    c.decision ?? '',
  ]);
  return [
    `### ${review.api} — ${inlineCode(operationText(review))}`,
    '',
    ...envelopeLines(review).map((l) => `- ${l}`),
    '',
    ...table(['Code', `Document (${review.sourceDocument.file})`, 'English', 'Category', 'Mock example(s)', 'Conformance check(s)', 'Provokable', 'Fields', 'Decision'], rows),
    '',
  ];
}

function fields(review: ApiReview): string[] {
  const out = [`### ${review.api}`, ''];
  for (const direction of ['request', 'response'] as const) {
    const rows = review.fields
      .filter((f) => f.direction === direction)
      .map((f) => [inlineCode(f.path), f.type, f.required ? 'required' : 'optional', [enumText(f), constraintText(f)].filter(Boolean).join('; '), `${shortLocation(f.source)}: ${inlineCode(f.source?.text ?? '')}`, f.en, f.decisions.join(', ')]);
    out.push(`#### ${review.api} ${direction} body`, '', ...table(['Path', 'Type', 'Required', 'Enum / format', `Document (${review.sourceDocument.file})`, 'English', 'Decisions'], rows), '');
  }
  return out;
}

// GitHub's anchor of the stricter section's heading: lower case, punctuation dropped, spaces as hyphens.
const STRICTER_SLUG = STRICTER_HEADING.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');

function deviations(review: ApiReview): string[] {
  const out = [`### ${review.api}`, ''];
  for (const v of review.verbatim) {
    out.push(`#### ${inlineCode(v.file)} (${v.kind})`, '');
    if (v.inStricter.length) out.push(`${inStricterText(v.inStricter)} [${STRICTER_HEADING.toLowerCase()}](#${STRICTER_SLUG}).`, '');
    if (!v.deviations.length) {
      if (!v.inStricter.length) out.push('Conforms to the spec.', '');
      continue;
    }
    out.push(...table(['Path', 'Expected', 'Received', 'Decisions'], v.deviations.map((d) => [inlineCode(d.path), d.expected, d.received, d.decisions.join(', ')])), '');
  }
  return out;
}

export function renderMarkdown(model: ReviewModel): string {
  const specs = model.apis.map((r) => inlineCode(r.specFile)).join(', ');
  const lines = [
    `# Review report — ${model.apis.map((r) => r.api).join(', ')}`,
    '',
    `Generated by \`npm run review\` from ${specs} and \`fixtures/verbatim/\`; do not edit, regenerate. The specs are the single source: every question below is an entry of the spec's root \`x-decisions\`, and every quote is checked against the vendor document kept in \`fixtures/verbatim/\`.`,
    `Reference pages (offline HTML): ${model.apis.map((r) => `[${r.api}](${r.api}.html)`).join(', ')}. Questions for the vendors (Chinese): ${model.apis.map((r) => `[${r.api}](${r.api}.questions.md)`).join(', ')}.`,
    '',
    ...summary(model),
    '## Decisions and open questions',
    '',
    sectionIntro.questions,
    '',
    ...model.apis.flatMap(questions),
    '## Error-code matrix',
    '',
    sectionIntro.codes,
    '',
    ...model.apis.flatMap(codes),
    '## Fields',
    '',
    sectionIntro.fields,
    '',
    ...model.apis.flatMap(fields),
    `## ${STRICTER_HEADING}`,
    '',
    sectionIntro.stricter,
    '',
    ...model.apis.flatMap(stricter),
    "## How the documents' own examples deviate from the spec",
    '',
    sectionIntro.deviations,
    '',
    ...model.apis.flatMap(deviations),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
