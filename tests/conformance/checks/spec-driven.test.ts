import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { invalidVariants } from '../../../src/fixtures/index.ts';
import { allNodes, apiNames, documentedCodes, loadContract, projectRoot, requestTree, resolvePointer, type JsonObject } from '../../../src/spec/index.ts';

// Checks read fields, codes, categories and what is open from the spec; none of it may be typed into a check.
const dir = path.join(projectRoot, 'conformance', 'checks');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => [f, stripComments(readFileSync(path.join(dir, f), 'utf8'))] as const);

/** Code without comments (a comment may cite "6 APPKEY无效" or "decision W01" to explain the data it reads). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const stringLiterals = (code: string) => [...code.matchAll(/(['"`])((?:\\.|(?!\1).)*?)\1/g)].map((m) => m[2]!);
// JSON Schema keywords are vocabulary of the validator's violations, not field names (weidu has a field named "type").
const SCHEMA_KEYWORDS = new Set(['type', 'enum', 'format', 'required', 'additionalProperties', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum']);

const fieldNames = new Set(
  apiNames.flatMap((api) => {
    const contract = loadContract(api);
    const response = Object.keys((resolvePointer(contract.doc, contract.responseSchemaPointer).properties ?? {}) as JsonObject);
    return [...allNodes(requestTree(contract)).map((n) => n.name), ...response];
  }).filter((n) => n && n !== '*' && !SCHEMA_KEYWORDS.has(n)),
);
const categories = new Set(apiNames.flatMap((api) => loadContract(api).codes.map((e) => e.category)));
// 'content-type' is also the HTTP header a check reads.
const kinds = new Set(apiNames.flatMap((api) => invalidVariants(api, 1).flatMap((v) => [v.kind, v.expectation])).filter((k) => !SCHEMA_KEYWORDS.has(k) && k !== 'content-type'));
// 0 and 1 are every program's indexes and counts; every other documented code (and the mock's) is data.
const codes = new Set(apiNames.flatMap((api) => [...documentedCodes(loadContract(api)), ...loadContract(api).codes.flatMap((e) => (e.mockCode !== undefined ? [e.mockCode] : []))]).filter((c) => c !== 0 && c !== 1));
const decisionIds = /\b[WL]\d{2}\b/;

describe('conformance > checks read the spec, never restate it', () => {
  test('the checks exist and the lists to look for are not empty', () => {
    expect(sources.length).toBeGreaterThanOrEqual(8);
    expect(fieldNames).toContain('appkey');
    expect(fieldNames).toContain('description');
    expect(categories).toContain('server');
    expect(kinds).toContain('unknown-field');
    expect(codes).toContain(6);
  });

  test.each(sources)('%s: no field name, code category, variant kind or decision id as a string literal', (_file, code) => {
    const literals = stringLiterals(code);
    expect(literals.filter((l) => fieldNames.has(l))).toEqual([]);
    expect(literals.filter((l) => categories.has(l) && l !== 'credentials' && l !== 'success')).toEqual([]);
    expect(literals.filter((l) => kinds.has(l))).toEqual([]);
    expect(literals.filter((l) => decisionIds.test(l))).toEqual([]);
  });

  test.each(sources)('%s: no documented code as a number, no hand-kept list of open kinds', (_file, code) => {
    const numbers = [...code.matchAll(/(?<![\w.$-])-?\d+(?![\w.])/g)].map((m) => Number(m[0]));
    expect(numbers.filter((n) => codes.has(n))).toEqual([]);
    expect(code).not.toMatch(/OPEN_KINDS|openKinds|new Set\(\[\s*['"]/);
  });
});
