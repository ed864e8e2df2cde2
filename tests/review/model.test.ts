import { describe, expect, it } from 'vitest';
import { referenceDocument, renderHtml, renderMarkdown, reviewModel } from '../../src/review/index.ts';
import { documentedCodes } from '../../src/spec/codes.ts';
import { decisionStance } from '../../src/spec/evidence.ts';
import { apiNames, loadContract, type JsonObject } from '../../src/spec/load.ts';

const model = reviewModel();
const markdown = renderMarkdown(model);
const html = renderHtml(model);

/** Every (schema, property) pair the spec declares, read straight from components.schemas. */
function declaredProperties(doc: JsonObject): string[] {
  const schemas = (doc.components as { schemas: Record<string, { properties?: JsonObject }> }).schemas;
  return Object.entries(schemas).flatMap(([schema, s]) => Object.keys(s.properties ?? {}).map((name) => `${schema}.${name}`));
}

describe('review > model', () => {
  it.each(apiNames)('review > %s lists every property of every schema exactly once', (api) => {
    const review = model.apis.find((r) => r.api === api)!;
    const listed = review.fields.map((f) => `${f.schema}.${f.path.split('/').pop()}`);
    expect(listed.sort()).toEqual(declaredProperties(loadContract(api).doc).sort());
    for (const field of review.fields) {
      expect(field.source?.text, field.path).toMatch(/[\u4e00-\u9fff{]/);
      expect(field.en, field.path).not.toBe('');
      expect(field.source?.line, field.path).toBeGreaterThan(0);
    }
  });

  it('review > nested paths use the affects notation and required comes from the schema', () => {
    const weidu = model.apis.find((r) => r.api === 'weidu')!;
    const size = weidu.fields.find((f) => f.path === 'work_list/*/file_infos/*/size')!;
    expect(size).toMatchObject({ direction: 'request', schema: 'FileInfo', type: 'integer', required: false, constraints: ['format int32'] });
    expect(weidu.fields.find((f) => f.path === 'user_id')?.required).toBe(true);
    const lingju = model.apis.find((r) => r.api === 'lingju')!;
    expect(lingju.fields.filter((f) => f.secret).map((f) => f.path)).toEqual(['appkey', 'authcode']);
    expect(lingju.fields.find((f) => f.path === 'sex')?.enumValues.map((e) => e.value)).toEqual(['m', 'f', 'n']);
  });

  it.each(apiNames)('review > %s code matrix covers every documented code, with checks from the catalogue', (api) => {
    const review = model.apis.find((r) => r.api === api)!;
    const contract = loadContract(api);
    expect(review.codes).toHaveLength(contract.codes.length);
    expect(review.codes.filter((c) => !c.other).flatMap((c) => c.codes)).toEqual(documentedCodes(contract));
    const success = review.codes.find((c) => c.category === 'success')!;
    expect(success.checks).toContain('positive_acceptance');
    for (const row of review.codes) expect(row.examples.length, row.label).toBeGreaterThan(0);
  });

  it.each(apiNames)('review > %s decisions: open questions first (by priority), then answers to follow, then answered, then our defaults', (api) => {
    const review = model.apis.find((r) => r.api === api)!;
    const decisions = loadContract(api).decisions;
    expect(review.questions.map((q) => q.id).sort()).toEqual(decisions.map((d) => d.id).sort());
    const later = ['contradicted', 'answered', 'default'];
    const rank = (q: (typeof review.questions)[number]) => (q.state === 'needs-vendor' ? ['blocking', 'data-format', 'semantics'].indexOf(q.priority!) : 3 + later.indexOf(q.state));
    const ranks = review.questions.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(review.counts.needsVendor).toBe(decisions.filter((d) => d.status === 'needs-vendor' && !d.answer).length);
    const c = review.counts;
    expect(c.needsVendor + c.contradicted + c.answered + c.defaults).toBe(decisions.length);
    expect(c.asserted + c.warned + c.unchecked).toBe(decisions.length);
  });

  it.each(apiNames)('review > %s decisions carry the conformance stance the suite applies (decisionStance)', (api) => {
    const review = model.apis.find((r) => r.api === api)!;
    for (const q of review.questions) expect(q.stance, q.id).toBe(decisionStance(q));
    // Without recorded answers the stance is the one written in the spec.
    for (const q of review.questions.filter((x) => !x.answer)) expect(q.stance, q.id).toBe(q.conformance);
  });

  it('review > decisions that say "ask the vendor" or that the suite enforces on a guess need the vendor', () => {
    const state = (id: string) => model.apis.flatMap((r) => r.questions).find((q) => q.id === id)?.state;
    for (const id of ['W02', 'W03', 'W07', 'W15', 'L02', 'L04', 'L23', 'L26']) expect(state(id), id).toBe('needs-vendor');
    for (const id of ['W19', 'W21', 'W28', 'L06', 'L21']) expect(state(id), id).toBe('default');
  });

  it('review > verbatim deviations name the decisions that explain them; the request example\'s are named, listed under stricter', () => {
    const byApi = Object.fromEntries(model.apis.map((r) => [r.api, r.verbatim.flatMap((v) => v.deviations.map((d) => `${d.kind} ${d.path} ${d.decisions.join('+')}`))]));
    expect(byApi.weidu).toEqual([]);
    expect(byApi.lingju).toEqual(['response status L06']);
    const inStricter = Object.fromEntries(model.apis.map((r) => [r.api, r.verbatim.find((v) => v.kind === 'request')!.inStricter]));
    expect(inStricter).toEqual({ weidu: ['work_list/0/type', 'Content-Type'], lingju: ['gender', 'birthday', 'weight', 'height'] });
  });

  it.each(apiNames)('review > %s: each way the example breaks the spec is shown once — in the stricter section or among the deviations, never both', (api) => {
    const review = model.apis.find((r) => r.api === api)!;
    const stricter = review.stricter.map((s) => s.path);
    const request = review.verbatim.find((v) => v.kind === 'request')!;
    expect(request.inStricter).toEqual(stricter);
    expect(request.deviations.filter((d) => stricter.includes(d.path))).toEqual([]);
    expect(review.counts.deviations).toBe(review.verbatim.reduce((n, v) => n + v.deviations.length, 0));
  });

  it('review > totals add up', () => {
    expect(model.totals.decisions).toBe(model.apis.reduce((n, r) => n + r.questions.length, 0));
    expect(model.totals.requestFields + model.totals.responseFields).toBe(model.apis.reduce((n, r) => n + r.fields.length, 0));
  });
});

describe('review > renderers', () => {
  it('review > markdown: the deviations section names the request example\'s places and links to the stricter section instead of listing them again', () => {
    const section = markdown.slice(markdown.indexOf("## How the documents' own examples deviate from the spec"));
    expect(section).toContain("The 4 places where it breaks the spec (`gender`, `birthday`, `weight`, `height`) are listed once, under [where our spec is stricter than the vendor's own example](#where-our-spec-is-stricter-than-the-vendors-own-example).");
    expect(section).toContain("The 2 places where it breaks the spec (`work_list/0/type`, `Content-Type`) are listed once");
    expect(markdown).toContain("## Where our spec is stricter than the vendor's own example");
    for (const path of ['gender', 'birthday', 'weight', 'height', 'work_list/0/type']) expect(section, path).not.toContain(`| \`${path}\` |`);
    expect(section).toContain('| `status` |');
  });

  it('review > html: the deviations section links to each API\'s stricter section, with no row for what it lists', () => {
    const section = html.slice(html.indexOf('<h2 id="deviations">'));
    for (const api of apiNames) expect(section).toContain(`<a href="#${api}-stricter">`);
    expect(section).not.toMatch(/<td><code>(gender|birthday|weight|height|work_list\/0\/type)<\/code><\/td>/);
  });

  it.each(['markdown', 'html'] as const)('review > the %s report names every field, code and question', (format) => {
    const text = format === 'markdown' ? markdown : html;
    const plain = format === 'markdown' ? text : text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    for (const review of model.apis) {
      for (const f of review.fields) expect(plain, f.path).toContain(f.path);
      for (const c of review.codes) expect(plain, c.label).toContain(c.label);
      for (const q of review.questions) for (const part of [q.id, q.topic, q.quote, q.question, q.decision]) expect(plain, q.id).toContain(part);
    }
  });

  it('review > each decision shows its conformance stance next to its status, in both formats', () => {
    for (const review of model.apis) {
      for (const q of review.questions) {
        const heading = markdown.split('\n').find((l) => l.startsWith(`#### ${q.id} · `))!;
        expect(heading, q.id).toMatch(new RegExp(` · conformance: ${q.stance} · `));
        expect(html, q.id).toMatch(new RegExp(`<span class="badge ${q.state}">[^<]+</span><span class="stance ${q.stance}">conformance: ${q.stance}</span>${q.id} · `));
      }
    }
    expect(markdown).toMatch(/^### weidu — \d+ decisions: .*; conformance asserts \d+, warns on \d+, does not check \d+$/m);
  });

  it('review > the html report escapes document text and fetches nothing', () => {
    expect(html).toContain('&#60;file id&#62;'); // from "YYYYMMDD/users/<user>/<file id>/<name>" in W22
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).toContain("Content-Security-Policy");
  });

  it('review > a row shows the Chinese once: the document line, with its number and how it was cut', () => {
    const row = markdown.split('\n').find((l) => l.startsWith('| `appkey` |'))!;
    expect(row).toContain('line 52 (HTML tags removed): `分配给开发者的专属appkey,请妥善保管`');
    expect(row.split('分配给开发者的专属appkey').length).toBe(2);
    const codeRow = markdown.split('\n').find((l) => l.startsWith('| 20–29 |'))!;
    expect(codeRow.split('数据格式校验错误').length).toBe(2);
    expect(codeRow).toContain('dataFormatError20 … dataFormatError29 (10, one per code)');
    expect(markdown).not.toContain('中文 (document)');
  });

  it('review > the summary says what needs doing', () => {
    const summary = markdown.slice(markdown.indexOf('## Summary'), markdown.indexOf('## Decisions'));
    expect(summary).toContain('### What needs doing');
    expect(summary).toMatch(/\*\*weidu:\*\* Send the \d+ open questions \(\d+ blocking, \d+ data format, \d+ semantics\) to weidu: `weidu.questions.md`/);
    expect(summary).toContain('answer: { who, when, text, confirms }');
  });
});

describe('review > reference document', () => {
  it.each(apiNames)('review > %s: each request field lists every decision about it, as the report does (x-decision and affects)', (api) => {
    const contract = loadContract(api);
    const doc = referenceDocument(contract);
    const review = model.apis.find((r) => r.api === api)!;
    const schemas = (doc.components as { schemas: Record<string, { properties: Record<string, { description: string }> }> }).schemas;
    for (const f of review.fields.filter((x) => x.direction === 'request' && x.decisions.length)) {
      const line = schemas[f.schema]!.properties[f.path.split('/').pop()!]!.description.split('\n').find((l) => l.startsWith('**Decisions:**'));
      expect(line?.match(/\b[WL]\d+\b/g), f.path).toEqual(f.decisions);
    }
  });
});
