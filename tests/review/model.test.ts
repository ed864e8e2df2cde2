import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, reviewModel } from '../../src/review/index.ts';
import { documentedCodes } from '../../src/spec/codes.ts';
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
      expect(field.zh, field.path).toMatch(/[\u4e00-\u9fff]/);
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

  it.each(apiNames)('review > %s open questions are the spec decisions, undecided first', (api) => {
    const review = model.apis.find((r) => r.api === api)!;
    const decisions = loadContract(api).decisions;
    expect(review.questions.map((q) => q.id).sort()).toEqual(decisions.map((d) => d.id).sort());
    const firstDecided = review.questions.findIndex((q) => q.status === 'decided');
    expect(review.questions.slice(firstDecided).every((q) => q.status === 'decided')).toBe(true);
    expect(review.counts.undecided).toBe(decisions.filter((d) => d.status === 'undecided').length);
  });

  it('review > verbatim deviations name the decisions that explain them', () => {
    const byApi = Object.fromEntries(model.apis.map((r) => [r.api, r.verbatim.flatMap((v) => v.deviations.map((d) => `${d.kind} ${d.path} ${d.decisions.join('+')}`))]));
    expect(byApi.weidu).toEqual(['request work_list/0/type W02', 'request request headers (weidu.curl.sh) W07']);
    expect(byApi.lingju).toEqual(['request gender L01+L14', 'request birthday L04', 'request weight L02+L03+L18', 'request height L02+L03+L18', 'response status L06']);
  });

  it('review > totals add up', () => {
    expect(model.totals.decisions).toBe(model.apis.reduce((n, r) => n + r.questions.length, 0));
    expect(model.totals.requestFields + model.totals.responseFields).toBe(model.apis.reduce((n, r) => n + r.fields.length, 0));
  });
});

describe('review > renderers', () => {
  it.each(['markdown', 'html'] as const)('review > the %s report names every field, code and question', (format) => {
    const text = format === 'markdown' ? markdown : html;
    const plain = format === 'markdown' ? text : text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    for (const review of model.apis) {
      for (const f of review.fields) expect(plain, f.path).toContain(f.path);
      for (const c of review.codes) expect(plain, c.label).toContain(c.label);
      for (const q of review.questions) for (const part of [q.id, q.topic, q.quote, q.question, q.decision]) expect(plain, q.id).toContain(part);
    }
  });

  it('review > the html report escapes document text and fetches nothing', () => {
    expect(html).toContain('&#60;file id&#62;'); // from "YYYYMMDD/users/<user>/<file id>/<name>" in W22
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).toContain("Content-Security-Policy");
  });

  it('review > markdown tables escape pipes of the quoted code table', () => {
    expect(markdown).toContain('`\\| 0 \\| 成功 \\|`');
  });
});
