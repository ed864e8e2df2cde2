import { describe, expect, it } from 'vitest';
import { apiNames, documentLines, loadContract, quoteProblem, specQuotes, type Quote } from '../../src/spec/index.ts';

// Every quote of the specs is checked against the vendor documents kept verbatim in fixtures/verbatim/.
describe('spec > quotes are exact', () => {
  it.each(apiNames)('%s > every x-source text, code meaning and decision quote is the document as written', (api) => {
    const contract = loadContract(api);
    const quotes = specQuotes(contract.doc);
    expect(quotes.length).toBeGreaterThan(50);
    const problems = quotes.map((q) => [q.where, quoteProblem(documentLines(q.ref.document), q)]).filter(([, p]) => p);
    expect(problems).toEqual([]);
    expect(new Set(quotes.map((q) => q.ref.document))).toEqual(new Set([contract.sourceDocument.file]));
  });

  it.each(apiNames)('%s > every decision has a quote, and a joined one says so', (api) => {
    for (const d of loadContract(api).decisions) {
      expect(d.quote, d.id).toBeTruthy();
      if (d.quote.includes('…')) expect(d.source.excerpts, d.id).toBe(true);
    }
  });
});

const lingju = documentLines('003_b8d9ed5a731b86a3.txt');
const weidu = documentLines('000_9070bf88d2281998.txt');
const quote = (text: string, ref: Partial<Quote['ref']>, wholeLine = false): Quote => ({ where: 'test', text, wholeLine, ref: { document: 'd', line: 1, ...ref } });

describe('spec > quote checker', () => {
  it.each([
    { name: 'a whole line with its tags stripped', lines: lingju, q: quote('分配给开发者的专属appkey,请妥善保管', { line: 52, htmlStripped: true }, true), problem: undefined },
    { name: 'part of a line', lines: weidu, q: quote('"type":0', { line: 62 }), problem: undefined },
    { name: 'excerpts across two lines', lines: lingju, q: quote('"weight":"176", … "height":"65",', { line: 30, lines: [30, 31], excerpts: true }), problem: undefined },
    { name: 'a rebuilt table row', lines: lingju, q: quote('appkey | String | 必填 | 分配给开发者的专属appkey,请妥善保管', { line: 49 }, true), problem: 'is not on line 49' },
    { name: 'tags stripped without saying so', lines: lingju, q: quote('分配给开发者的专属appkey,请妥善保管', { line: 52 }, true), problem: 'set htmlStripped: true' },
    { name: 'excerpts joined without saying so', lines: lingju, q: quote('"weight":"176", … "height":"65",', { line: 30 }), problem: 'excerpts: true' },
    { name: 'two lines without excerpts', lines: lingju, q: quote('"weight":"176",', { line: 30, lines: [30, 31] }), problem: 'set excerpts: true' },
    { name: 'excerpts in the wrong order', lines: lingju, q: quote('"height":"65", … "weight":"176",', { line: 30, lines: [30, 31], excerpts: true }), problem: 'in this order' },
    { name: 'a listed line that gives nothing', lines: lingju, q: quote('"weight":"176", … "weight":"176",', { line: 30, lines: [30, 31], excerpts: true }), problem: 'is not on lines 30, 31' },
    { name: 'part of a line where the whole line is due', lines: weidu, q: quote('用户ID', { line: 17 }, true), problem: 'must be the whole line' },
    { name: 'Chinese the document never wrote', lines: weidu, q: quote('作品列表', { line: 30 }), problem: 'is not on line 30' },
    { name: 'a line past the end', lines: weidu, q: quote('x', { line: 500 }), problem: 'not ascending lines of the document' },
  ])('spec > quote checker: $name', ({ lines, q, problem }) => {
    const found = quoteProblem(lines, q);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});
