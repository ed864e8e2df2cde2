import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffDocuments, renderDiffText, type ChangeClass, type SpecChange } from '../../src/diff/index.ts';
import { specPath } from '../../src/spec/load.ts';

// Pairs of specs: the old side is a small fixture (or a real spec), the new side the same document with one mutation.
type Doc = any;

const fixture = path.join(import.meta.dirname, 'fixtures', 'base.yaml');
const load = (file: string): Doc => parse(readFileSync(file, 'utf8'));
const base = load(fixture);
const op = (d: Doc) => d.paths['/sync'].post;
const codes = (d: Doc) => op(d)['x-error-codes'];
const envelope = (d: Doc) => op(d)['x-error-envelope'];
const examples = (d: Doc) => op(d).responses['200'].content['application/json;charset=UTF-8'].examples;
const schemas = (d: Doc) => d.components.schemas;

/** Rename a key in place, keeping its position (a YAML edit that renames a property). */
function rename(obj: Doc, from: string, to: string) {
  const entries = Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]);
  for (const key of Object.keys(obj)) delete obj[key];
  Object.assign(obj, Object.fromEntries(entries));
}

function diffWith(mutate: (doc: Doc) => void, old: Doc = base) {
  const changed = structuredClone(old);
  mutate(changed);
  return diffDocuments(old, changed);
}

interface Case {
  name: string;
  mutate: (doc: Doc) => void;
  /** The class every reported change must have, and a fragment of the main change's description. */
  expected: ChangeClass;
  origin: SpecChange['origin'];
  says: string;
}

const cases: Case[] = [
  // error-code table (the project's rules)
  { name: 'a removed code', mutate: (d) => codes(d).splice(1, 1), expected: 'breaking', origin: 'error-codes', says: 'code 8 (参数错误, Parameter error) removed' },
  { name: 'a renamed code (same text, new value)', mutate: (d) => (codes(d)[1].code = 9), expected: 'breaking', origin: 'error-codes', says: 'renamed to code 9' },
  { name: 'a changed range', mutate: (d) => (codes(d)[2].range = { from: 20, to: 22 }), expected: 'breaking', origin: 'error-codes', says: 'codes 20–21 (数据格式校验错误, Data format error) changed to codes 20–22' },
  { name: 'an added code in a closed table', mutate: (d) => codes(d).push({ code: 97, zh: '校验失败', en: 'Verification failed', category: 'verification', provokable: false, examples: [], source: {} }), expected: 'breaking', origin: 'error-codes', says: 'code 97 (校验失败, Verification failed) added' },
  { name: 'an "any other code" row added', mutate: (d) => codes(d).push({ other: true, zh: '其他', en: 'Any other', category: 'undocumented', provokable: true, examples: [], source: {} }), expected: 'breaking', origin: 'error-codes', says: 'any undocumented code may come back now' },
  { name: 'a changed category', mutate: (d) => (codes(d)[1].category = 'credentials'), expected: 'breaking', origin: 'error-codes', says: 'code 8 category changed from "parameter" to "credentials"' },
  { name: "a changed Chinese meaning of a code", mutate: (d) => (codes(d)[1].zh = '参数缺失'), expected: 'non-breaking', origin: 'error-codes', says: 'code 8 zh changed' },
  { name: 'a changed English translation', mutate: (d) => (codes(d)[1].en = 'Bad parameter'), expected: 'annotation', origin: 'error-codes', says: 'code 8 en changed' },
  { name: 'a changed provokable flag', mutate: (d) => (codes(d)[1].provokable = false), expected: 'non-breaking', origin: 'error-codes', says: 'code 8 provokable changed' },
  // envelope
  { name: 'a changed success value', mutate: (d) => (envelope(d).successCodes = [200]), expected: 'breaking', origin: 'envelope', says: 'success code(s) changed from [0] to [200]' },
  { name: 'a changed code field', mutate: (d) => (envelope(d).codeField = 'code'), expected: 'breaking', origin: 'envelope', says: 'codeField changed from "status" to "code"' },
  { name: 'a changed message field', mutate: (d) => (envelope(d).messageField = 'msg'), expected: 'breaking', origin: 'envelope', says: 'messageField changed from "description" to "msg"' },
  { name: 'a changed media type', mutate: (d) => (envelope(d).contentType = 'text/plain'), expected: 'breaking', origin: 'envelope', says: 'documented Content-Type changed' },
  { name: 'a changed mock error HTTP status', mutate: (d) => (envelope(d).errorHttpStatus.mock = 400), expected: 'breaking', origin: 'envelope', says: "the mock's HTTP status for error envelopes changed from 200 to 400" },
  { name: 'only the charset spelling of the media type', mutate: (d) => (envelope(d).contentType = 'application/json; charset=utf-8'), expected: 'annotation', origin: 'envelope', says: 'documented Content-Type changed' },
  { name: 'changed accepted categories', mutate: (d) => (envelope(d).violationCategories.optional = ['parameter']), expected: 'non-breaking', origin: 'envelope', says: 'accepted code categories for a optional violation changed' },
  // request properties and envelope fields (the project's rules, where api-smart-diff is too lenient)
  { name: 'a renamed request property under additionalProperties: false', mutate: (d) => rename(schemas(d).Request.properties, 'nick', 'nickname'), expected: 'breaking', origin: 'structure', says: 'request property `nick` renamed to `nickname`' },
  { name: 'a removed request property under additionalProperties: false', mutate: (d) => delete schemas(d).Request.properties.nick, expected: 'breaking', origin: 'structure', says: 'request property `nick` removed' },
  { name: 'a removed property of an open request object', mutate: (d) => { delete schemas(d).Request.additionalProperties; delete schemas(d).Request.properties.nick; }, expected: 'non-breaking', origin: 'structure', says: 'property `nick`' },
  { name: 'the envelope message field renamed in the response schema only', mutate: (d) => rename(schemas(d).Response.properties, 'description', 'desc'), expected: 'breaking', origin: 'envelope', says: "message field `description` renamed to `desc` in the response schema (x-error-envelope.messageField still names `description`)" },
  { name: 'the envelope code field removed from the response schema', mutate: (d) => { delete schemas(d).Response.properties.status; schemas(d).Response.required = []; }, expected: 'breaking', origin: 'envelope', says: 'code field `status` removed in the response schema' },
  { name: 'the envelope code field retyped', mutate: (d) => (schemas(d).Response.properties.status = { type: 'string', description: 'The code' }), expected: 'breaking', origin: 'envelope', says: 'code field `status` changed type from "integer" to "string"' },
  { name: 'the message field renamed together with the envelope', mutate: (d) => { rename(schemas(d).Response.properties, 'description', 'desc'); envelope(d).messageField = 'desc'; for (const ex of Object.values(examples(d)) as Doc[]) if ('description' in ex.value) rename(ex.value, 'description', 'desc'); }, expected: 'breaking', origin: 'envelope', says: 'messageField changed from "description" to "desc"' },
  // structure (api-smart-diff, re-classified where it is unclassified)
  { name: 'a new required request field', mutate: (d) => schemas(d).Request.required.push('nick'), expected: 'breaking', origin: 'structure', says: 'required status to `nick`' },
  { name: 'a changed request field type', mutate: (d) => (schemas(d).Request.properties.weight.type = 'string'), expected: 'breaking', origin: 'structure', says: 'type definition of `weight`' },
  { name: 'a new optional request field', mutate: (d) => (schemas(d).Request.properties.company = { type: 'string' }), expected: 'non-breaking', origin: 'structure', says: 'property `company` in Request Body' },
  { name: 'a removed operation', mutate: (d) => delete d.paths['/sync'], expected: 'breaking', origin: 'structure', says: 'operation POST /sync' },
  { name: 'a removed named response example', mutate: (d) => delete examples(d).parameterError, expected: 'breaking', origin: 'structure', says: 'named response example "parameterError"' },
  { name: 'a new named response example', mutate: (d) => (examples(d).other = { value: { status: 8 } }), expected: 'non-breaking', origin: 'structure', says: 'named response example "other"' },
  { name: 'a description', mutate: (d) => (schemas(d).Request.properties.nick.description = 'The nickname'), expected: 'annotation', origin: 'structure', says: 'annotation (description) of `nick`' },
  { name: 'a decision text', mutate: (d) => (d['x-decisions'][0].decision = 'Changed.'), expected: 'annotation', origin: 'structure', says: 'decision D01 decision (x-decisions)' },
];

describe('diff > one mutation per class', () => {
  it.each(cases)('diff > $name is $expected', ({ mutate, expected, origin, says }) => {
    const report = diffWith(mutate);
    expect(report.changes.length).toBeGreaterThan(0);
    const main = report.changes.find((c) => c.origin === origin && c.description.includes(says));
    expect(main, `no ${origin} change saying "${says}" in:\n${renderDiffText(report)}`).toBeDefined();
    expect(main!.class).toBe(expected);
    // The worst class decides the exit code: a mutation must not drag in anything worse than its own class.
    const order: ChangeClass[] = ['annotation', 'non-breaking', 'breaking'];
    expect(Math.max(...report.changes.map((c) => order.indexOf(c.class)))).toBe(order.indexOf(expected));
  });

  it('diff > identical documents have no change', () => {
    const report = diffWith(() => {});
    expect(report.changes).toEqual([]);
    expect(renderDiffText(report)).toContain('result: no change');
  });

  it('diff > a breaking change without a major version bump gets a note', () => {
    expect(diffWith((d) => codes(d).splice(1, 1)).notes.join()).toContain('new major version');
    expect(diffWith((d) => { codes(d).splice(1, 1); d.info.version = '2.0.0'; }).notes).toEqual([]);
  });

  it('diff > a component schema change is reported once, with the request/response direction', () => {
    const report = diffWith((d) => schemas(d).Response.properties.status.enum.push(9));
    expect(report.changes.map((c) => c.pointer)).toEqual(['/paths/~1sync/post/responses/200/content/application~1json;charset=UTF-8/schema/properties/status/enum/4']);
    expect(report.changes[0]!.class).toBe('breaking'); // a widened response enum
  });
});

describe('diff > the real specs', () => {
  const weidu = load(specPath('weidu'));
  const lingju = load(specPath('lingju'));
  const weiduCodes = (d: Doc) => d.paths['/weidu/api/v1/users/accountinfo'].post['x-error-codes'];
  const lingjuCodes = (d: Doc) => d.paths['/serverapi/userinfo.do'].post['x-error-codes'];

  it.each([
    { name: 'weidu: a code added to a table with an "any other code" row', doc: weidu, mutate: (d: Doc) => weiduCodes(d).splice(1, 0, { code: 401, zh: '未授权', en: 'Unauthorised', category: 'credentials', provokable: true, examples: [], source: {} }), expected: 'non-breaking' as const },
    { name: 'weidu: the mock code of the "any other code" row', doc: weidu, mutate: (d: Doc) => (weiduCodes(d)[1].mockCode = 422), expected: 'non-breaking' as const },
    { name: 'lingju: code 120 removed', doc: lingju, mutate: (d: Doc) => lingjuCodes(d).pop(), expected: 'breaking' as const },
    { name: 'lingju: a new open question', doc: lingju, mutate: (d: Doc) => d['x-decisions'].push({ ...d['x-decisions'][0], id: 'L99' }), expected: 'annotation' as const },
    { name: 'lingju: request field sex renamed to gender', doc: lingju, mutate: (d: Doc) => rename(d.components.schemas.UserInfo.properties, 'sex', 'gender'), expected: 'breaking' as const },
    { name: 'lingju: the response field description renamed to desc', doc: lingju, mutate: (d: Doc) => rename(d.components.schemas.UserInfoResponse.properties, 'description', 'desc'), expected: 'breaking' as const },
    { name: 'weidu: a nested request field renamed (work_list[].file_infos[].mime_type)', doc: weidu, mutate: (d: Doc) => rename(d.components.schemas.FileInfo.properties, 'mime_type', 'mime'), expected: 'breaking' as const },
  ])('diff > $name is $expected', ({ doc, mutate, expected }) => {
    const report = diffWith(mutate, doc);
    expect(report.changes.length).toBeGreaterThan(0);
    expect(report.changes.every((c) => c.class === expected), renderDiffText(report)).toBe(true);
  });

  it('diff > weidu against lingju is a wall of breaking changes, not a crash', () => {
    const report = diffDocuments(weidu, lingju);
    expect(report.counts.breaking).toBeGreaterThan(0);
  });
});
