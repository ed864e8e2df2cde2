import { describe, expect, it } from 'vitest';
import { apiNames, documentedCodes, loadContract, resolvePointer, type ApiName, type JsonObject } from '../../src/spec/index.ts';
import { validateRequest, validateResponse } from '../../src/validation/index.ts';

/** Every property of a schema, nested objects and array items included, as [path, schema]. */
function walk(doc: JsonObject, schema: JsonObject, prefix = ''): Array<[string, JsonObject]> {
  const resolved = schema.$ref ? resolvePointer(doc, String(schema.$ref)) : schema;
  const out: Array<[string, JsonObject]> = [];
  for (const [name, prop] of Object.entries((resolved.properties ?? {}) as Record<string, JsonObject>)) {
    const path = `${prefix}${name}`;
    out.push([path, prop]);
    const items = prop.items as JsonObject | undefined;
    if (items) out.push(...walk(doc, items, `${path}/*/`));
  }
  return out;
}

const fields = (api: ApiName) => {
  const c = loadContract(api);
  return walk(c.doc, resolvePointer(c.doc, c.requestSchemaPointer));
};

describe('spec > field inventory', () => {
  it.each([
    ['weidu', '', 14],
    ['weidu', 'work_list/*/', 7],
    ['weidu', 'work_list/*/file_infos/*/', 11],
    ['lingju', '', 12],
  ] as const)('%s > %s has %i documented fields', (api, prefix, count) => {
    const level = fields(api).filter(([p]) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
    expect(level).toHaveLength(count);
  });

  it.each(apiNames)('%s > every field has a zh+en description and an x-source with document, line and text', (api) => {
    for (const [path, schema] of fields(api)) {
      expect(schema.description, path).toMatch(/[\u4e00-\u9fff][\s\S]*\n\n[A-Za-z]/);
      const source = schema['x-source'] as { document: string; line: number; text: string };
      expect(source.document, path).toBe(loadContract(api).sourceDocument.file);
      expect(source.line, path).toBeGreaterThan(0);
      expect(source.text.length, path).toBeGreaterThan(0);
    }
  });

  it.each([
    ['lingju', 'sex', { type: 'string', enum: ['m', 'f', 'n'] }],
    ['lingju', 'birthday', { type: 'string', format: 'date' }],
    ['lingju', 'weight', { type: 'integer' }],
    ['lingju', 'height', { type: 'integer' }],
    ['weidu', 'gender', { type: 'integer', enum: [0, 1, 2] }],
    ['weidu', 'user_type', { type: 'integer', enum: [1, 2] }],
    ['weidu', 'work_list/*/type', { type: 'integer', enum: [1, 2, 3, 4, 5, 6] }],
    ['weidu', 'work_list/*/belong_type', { type: 'integer', enum: [1, 2] }],
    ['weidu', 'work_list/*/file_infos/*/has_pre_img', { type: 'boolean' }],
    ['weidu', 'industry', { type: 'integer' }],
  ] as const)('%s > %s is typed as documented', (api, path, expected) => {
    const schema = Object.fromEntries(fields(api))[path];
    expect(schema).toMatchObject(expected);
  });

  it.each([
    ['lingju', ['appkey', 'userid', 'authcode']],
    ['weidu', ['user_id']],
  ] as const)('%s > required fields are exactly %j', (api, required) => {
    const c = loadContract(api);
    expect(resolvePointer(c.doc, c.requestSchemaPointer).required).toEqual(required);
  });

  it('lingju > gender is not a documented field (decision L01)', () => {
    expect(fields('lingju').map(([p]) => p)).not.toContain('gender');
  });
});

describe('spec > envelope and error-code table', () => {
  it.each([
    ['weidu', 'code', 'result', [200], 'application/json; charset=utf-8'],
    ['lingju', 'status', 'description', [0], 'application/json;charset=UTF-8'],
  ] as const)('%s > envelope names %s/%s, success %j', (api, codeField, messageField, success, contentType) => {
    const { envelope, responseMediaType } = loadContract(api);
    expect(envelope).toMatchObject({ codeField, messageField, successCodes: success, contentType });
    expect(envelope.errorHttpStatus.documented).toBe(false);
    expect(responseMediaType).toBe(contentType);
  });

  it('lingju > the table holds exactly the documented codes', () => {
    const c = loadContract('lingju');
    const expected = [0, -1, 1, 4, 6, 8, 11, 18, ...Array.from({ length: 10 }, (_, i) => 20 + i), 43, 44, 97, 111, 114, 120];
    expect(documentedCodes(c)).toEqual(expected);
    expect(c.codes.find((e) => e.range)?.range).toEqual({ from: 20, to: 29 });
  });

  it('lingju > the response schema admits exactly the codes of the table', () => {
    const c = loadContract('lingju');
    const status = (resolvePointer(c.doc, c.responseSchemaPointer).properties as Record<string, JsonObject>).status!;
    expect(status.enum).toEqual(documentedCodes(c));
    expect(validateResponse('lingju', { status: 2 })).not.toEqual([]);
    expect(validateResponse('lingju', { status: 25 })).toEqual([]);
  });

  it('weidu > 200 is success, any other integer is an undocumented error, a string is not a code', () => {
    const c = loadContract('weidu');
    expect(c.codes.map((e) => e.category)).toEqual(['success', 'undocumented']);
    expect(validateResponse('weidu', { code: 12345, result: 'x' })).toEqual([]);
    expect(validateResponse('weidu', { code: '200', result: 'ok' })[0]?.keyword).toBe('type');
  });

  it.each(apiNames)('%s > every code has zh, en, category and a source line', (api) => {
    for (const entry of loadContract(api).codes) {
      expect(entry.zh && entry.en && entry.category, JSON.stringify(entry)).toBeTruthy();
      expect(entry.source.line).toBeGreaterThan(0);
    }
  });

  it.each(apiNames)('%s > success example first, one named example per code, each valid', (api) => {
    const c = loadContract(api);
    const [first] = c.responseExamples;
    expect(c.envelope.successCodes).toContain(first!.value[c.envelope.codeField]);
    const names = c.responseExamples.map((e) => e.name);
    for (const entry of c.codes) for (const name of entry.examples) expect(names).toContain(name);
    for (const ex of c.responseExamples) expect(validateResponse(api, ex.value), ex.name).toEqual([]);
  });

  it.each(apiNames)('%s > the spec\'s request examples validate', (api) => {
    const c = loadContract(api);
    expect(c.requestExamples.length).toBeGreaterThan(0);
    for (const ex of c.requestExamples) expect(validateRequest(api, ex.value), ex.name).toEqual([]);
  });
});

describe('spec > decisions', () => {
  it.each(apiNames)('%s > decisions are complete and referenced ids exist', (api) => {
    const c = loadContract(api);
    const ids = new Set(c.decisions.map((d) => d.id));
    expect(ids.size).toBe(c.decisions.length);
    for (const d of c.decisions) expect(d.quote && d.question && d.decision && d.source.line, d.id).toBeTruthy();
    const refs = JSON.stringify(c.doc).match(/"x-decision":\[[^\]]*\]/g) ?? [];
    for (const ref of refs) for (const id of JSON.parse(ref.slice(ref.indexOf('['))) as string[]) expect(ids, id).toContain(id);
  });

  it.each([
    ['lingju', ['L01', 'L02', 'L03', 'L04', 'L05', 'L06', 'L14']],
    ['weidu', ['W01', 'W02', 'W03', 'W14']],
  ] as const)('%s > records the decisions the issue asks for', (api, ids) => {
    const have = loadContract(api).decisions.map((d) => d.id);
    for (const id of ids) expect(have).toContain(id);
  });
});
