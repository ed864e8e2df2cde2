import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, renderVendorMarkdown, reviewModel, vendorQuestionList } from '../../src/review/index.ts';
import { apiNames, documentLines, exampleContradictions, gradeOf, loadContract, quoteProblem } from '../../src/spec/index.ts';

// "Where our spec is stricter than the vendor's own example": built from exampleContradictions(), one row per
// contradicted expectation, with the rule's line and the example's own text and line, both exact.
const model = reviewModel();
const markdown = renderMarkdown(model);
const html = renderHtml(model);
const unescape = (text: string) => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
const section = (text: string, from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));

describe('review > stricter than the example', () => {
  it.each(apiNames)('review > stricter: %s has one row per contradiction, graded as conformance grades it', (api) => {
    const contract = loadContract(api);
    const rows = model.apis.find((r) => r.api === api)!.stricter;
    const contradictions = exampleContradictions(contract);
    expect(rows.map((r) => `${r.key} ${r.path}`)).toEqual(contradictions.map((c) => `${c.key} ${c.path}`));
    rows.forEach((row, i) => expect(row.withoutExample, row.path).toBe(gradeOf(contradictions[i]!.specBasis)));
  });

  it.each(apiNames)('review > stricter: %s quotes are exact — the rule against its document line, the example text on its line', (api) => {
    for (const row of model.apis.find((r) => r.api === api)!.stricter) {
      const rule = row.rule;
      expect(quoteProblem(documentLines(rule.source.document), { where: row.path, ref: rule.source, text: rule.quote, wholeLine: false }), row.path).toBeUndefined();
      const line = documentLines(row.example.source.document)[row.example.source.line - 1]!;
      expect(line, row.path).toContain(row.example.text);
      if (row.example.startOfLine) expect(line.trimStart().startsWith(row.example.text), row.path).toBe(true);
    }
  });

  it('review > stricter: the rows say what each side says', () => {
    const rows = Object.fromEntries(model.apis.map((r) => [r.api, r.stricter]));
    expect(rows.weidu!.map((r) => [r.path, r.rule.kind, r.rule.decision ?? '', r.example.source.line, r.example.text, r.withoutExample])).toEqual([
      ['work_list/0/type', 'documented', '', 62, '"type":0', 'failure'],
      ['Content-Type', 'decision', 'W07', 62, expect.stringMatching(/^curl -X POST "http:\/\/129\.28\.198\.139:9004\/weidu\/api\/v1\/users\/accountinfo"/), 'warning'],
    ]);
    expect(rows.weidu![0]!.rule.source.line).toBe(34);
    expect(rows.weidu![0]!.answered).toBe('and the vendor answered HTTP 200 {"code":200,"result":"ok"}');
    expect(rows.weidu![1]!.example.startOfLine).toBe(true);
    expect(rows.weidu![1]!.does).toContain('application/x-www-form-urlencoded');
    expect(rows.lingju!.map((r) => [r.path, r.key, r.example.text, r.withoutExample, r.decisions.map((d) => d.id).join('+')])).toEqual([
      ['gender', 'unknown-field', '"gender"', 'info', 'L01+L14'],
      ['birthday', 'format', '"birthday":"yyyy-MM-dd"', 'failure', 'L04'],
      ['weight', 'type', '"weight":"176"', 'failure', 'L02+L03'],
      ['height', 'type', '"height":"65"', 'failure', 'L02+L03'],
    ]);
  });

  it.each(['markdown', 'html'] as const)('review > stricter: the %s report has the section with both quotes and lines of every row', (format) => {
    const text = format === 'markdown' ? markdown : unescape(html);
    const part = section(text, "Where our spec is stricter than the vendor's own example", "How the documents' own examples deviate from the spec");
    expect(part.length).toBeGreaterThan(0);
    for (const review of model.apis) {
      expect(part).toContain(`${review.api} — ${review.stricter.length} places`);
      for (const row of review.stricter) {
        for (const piece of [row.path, row.says, row.rule.quote, row.example.text, row.does, row.answered]) expect(part, `${review.api} ${row.path}`).toContain(piece);
        for (const d of row.decisions) expect(part).toContain(d.id);
      }
    }
    expect(part).toContain('line 62 (start of the line)');
    expect(part).toContain('information, never a failure (without the example: a failure)');
    const summary = section(text, 'What needs doing', 'Decisions and open questions');
    expect(summary).toMatch(/stricter than the vendor's own example request in 2 places/);
    expect(summary).toContain('questions L01, L02, L04 ask the vendor about them');
  });

  it.each(apiNames)('review > stricter: every %s row is a question to the vendor (open on the Chinese list, or answered), so the list needs no section of its own', (api) => {
    const contract = loadContract(api);
    const list = vendorQuestionList(contract, `openapi/${api}.yaml`);
    const asked = new Set(list.questions.map((q) => q.id));
    for (const row of model.apis.find((r) => r.api === api)!.stricter) {
      const toVendor = row.decisions.filter((d) => d.state !== 'default');
      expect(toVendor.length, `${api} ${row.path}: ${row.decisions.map((d) => d.id).join(', ')}`).toBeGreaterThan(0);
      for (const d of toVendor.filter((x) => x.state === 'needs-vendor')) expect(asked.has(d.id), d.id).toBe(true);
    }
    expect(renderVendorMarkdown(list)).not.toMatch(/Where our spec|stricter/i);
  });
});
