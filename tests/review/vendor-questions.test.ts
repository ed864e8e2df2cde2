import { describe, expect, it } from 'vitest';
import { CSV_HEADER, renderVendorCsv, renderVendorMarkdown, requestNotation, vendorQuestionList } from '../../src/review/index.ts';
import { apiNames, documentLines, isOpen, loadContract, quoteProblem, questionPriorities } from '../../src/spec/index.ts';

const lists = Object.fromEntries(apiNames.map((api) => [api, vendorQuestionList(loadContract(api), `openapi/${api}.yaml`)]));

/** Minimal RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF rows). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') rows.at(-1)!.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') rows.at(-1)!.push(field), (field = ''), rows.push([]), (i += 1);
    else field += ch;
  }
  if (rows.at(-1)!.length === 0) rows.pop();
  return rows;
}

/** Three or more English words in a row: text a vendor engineer would have to translate. */
const ENGLISH_PHRASE = /\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b/;

describe('review > vendor question lists', () => {
  it.each(apiNames)('review > %s: every open decision once, numbered, grouped blocking → data format → semantics', (api) => {
    const list = lists[api]!;
    const open = loadContract(api).decisions.filter(isOpen).map((d) => d.id);
    expect(list.questions.map((q) => q.id).sort()).toEqual([...open].sort());
    expect(new Set(list.questions.map((q) => q.id)).size).toBe(list.questions.length);
    expect(list.questions.map((q) => q.number)).toEqual(list.questions.map((_, i) => i + 1));
    const ranks = list.questions.map((q) => questionPriorities.indexOf(q.priority));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(list.questions.length).toBeGreaterThan(15);
  });

  it.each(apiNames)('review > %s: each question quotes the document exactly, with its line number', (api) => {
    const contract = loadContract(api);
    for (const q of lists[api]!.questions) {
      const d = contract.decisions.find((x) => x.id === q.id)!;
      expect(q.quote, q.id).toBe(d.quote);
      expect(quoteProblem(documentLines(d.source.document), { where: q.id, ref: d.source, text: q.quote, wholeLine: false }), q.id).toBeUndefined();
      expect(q.location, q.id).toMatch(/^第 \d+(、\d+)* 行/);
    }
  });

  it.each(apiNames)('review > %s: written in Chinese, one closed question each, no English to translate', (api) => {
    for (const q of lists[api]!.questions) {
      for (const text of [q.understanding, q.question, q.proposal]) {
        expect(text, q.id).toMatch(/[\u4e00-\u9fff]/);
        expect(text.replace(/"[^"]*"|'[^']*'/g, ''), q.id).not.toMatch(ENGLISH_PHRASE);
      }
      // One question: a single question mark, at the end of the question or before its answer options.
      expect(q.question.match(/？/g)?.length ?? 0, q.id).toBeLessThanOrEqual(1);
      expect(q.question, q.id).toMatch(/？|A\. .*B\. /);
    }
    const prose = renderVendorMarkdown(lists[api]!).replace(/`[^`]*`/g, '');
    expect(prose).not.toMatch(ENGLISH_PHRASE);
  });

  it.each(apiNames)('review > %s: the Markdown list has the sections, each item with its fields and empty answer lines', (api) => {
    const list = lists[api]!;
    const md = renderVendorMarkdown(list);
    expect(md).toContain(`# 《${loadContract(api).sourceDocument.title}》接口问题清单`);
    const sections = [...md.matchAll(/^## (.)、/gm)].map((m) => m[1]);
    expect(sections).toEqual(['一', '二', '三'].slice(0, sections.length));
    for (const q of list.questions) {
      const start = md.indexOf(`### ${q.number}. 问题 ${q.id}`);
      expect(start, q.id).toBeGreaterThan(0);
      const item = md.slice(start, md.indexOf('\n###', start + 1) >= 0 ? md.indexOf('\n###', start + 1) : undefined);
      for (const label of ['原文引用', '我方理解', '待确认', '建议默认值']) expect(item, `${q.id} ${label}`).toContain(`**${label}**`);
      for (const label of ['供应商答复', '答复人', '日期']) expect(item, `${q.id} ${label}`).toContain(`- **${label}**：\n`);
    }
  });

  it.each(apiNames)('review > %s: the CSV opens in Excel (UTF-8 BOM, CRLF) with one row per question and empty answer cells', (api) => {
    const list = lists[api]!;
    const csv = renderVendorCsv(list);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n(?!")/); // no bare LF outside quoted cells
    const rows = readCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(list.questions.length + 1);
    for (const [i, q] of list.questions.entries()) {
      const row = Object.fromEntries(CSV_HEADER.map((h, k) => [h, rows[i + 1]![k]]));
      expect(row).toMatchObject({ 序号: String(q.number), 编号: q.id, 原文引用: q.quote, 待确认: q.question, 供应商答复: '', 答复人: '', 日期: '' });
    }
  });

  it('review > a decision that needs the vendor without its Chinese question is a spec error (ToolkitError SPEC_INVALID), not a crash', () => {
    const contract = loadContract('weidu');
    const decisions = contract.decisions.map((d) => (d.id === 'W02' ? { ...d, ask: undefined } : d));
    expect(() => vendorQuestionList({ ...contract, decisions }, 'openapi/weidu.yaml')).toThrow(expect.objectContaining({ code: 'SPEC_INVALID', message: expect.stringContaining('W02') }));
  });

  it('review > field paths read as the request writes them', () => {
    expect(requestNotation('work_list/*/file_infos/*/size')).toBe('work_list[].file_infos[].size');
    expect(requestNotation('work_list/*')).toBe('work_list[]');
    expect(requestNotation('userid')).toBe('userid');
  });
});
