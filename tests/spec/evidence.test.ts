import { describe, expect, it } from 'vitest';
import { invalidVariants } from '../../src/fixtures/index.ts';
import {
  apiNames,
  decisionBasis,
  decisionStance,
  describeBasis,
  exampleEvidence,
  exampleShows,
  fieldPatternOf,
  expectationBasis,
  expectationKey,
  gradeOf,
  loadContract,
  requestTree,
  findNode,
  valueClass,
  type Basis,
} from '../../src/spec/index.ts';

const weidu = loadContract('weidu');
const lingju = loadContract('lingju');

describe('spec > evidence: every decision has a conformance stance', () => {
  it.each(apiNames)('%s > each x-decisions entry ends with conformance: assert | warn | open', (api) => {
    for (const d of loadContract(api).decisions) {
      expect(['assert', 'warn', 'open'], d.id).toContain(d.conformance);
      expect(Object.keys(d).at(-1), d.id).toBe('conformance');
    }
  });

  it.each([
    ['W01', 'warning'],
    ['W14', 'info'],
    ['W15', 'warning'],
    ['W19', 'failure'],
    ['L21', 'failure'],
    ['L26', 'warning'],
  ] as const)('spec > decision %s → %s (non-strict)', (id, grade) => {
    const contract = id.startsWith('W') ? weidu : lingju;
    expect(gradeOf(decisionBasis(contract, id))).toBe(grade);
  });

  it('spec > grades: documented → failure, decision warn → warning (failure with --strict), open and example → info', () => {
    const documented: Basis = { kind: 'documented', source: { document: 'd', line: 1, text: 't' } };
    const warn = decisionBasis(weidu, 'W29');
    const open = decisionBasis(weidu, 'W14');
    const example: Basis = { kind: 'example', source: { document: 'd', line: 62, text: '"type":0' }, shows: 'x', file: 'f', decisions: ['W02'] };
    expect([documented, warn, open, example].map((b) => gradeOf(b))).toEqual(['failure', 'warning', 'info', 'info']);
    expect([documented, warn, open, example].map((b) => gradeOf(b, { strict: true }))).toEqual(['failure', 'failure', 'info', 'info']);
  });

  it('spec > an assert decision reads the document: documented strength, quoting the decision\'s own quote and line', () => {
    const basis = decisionBasis(lingju, 'L21');
    expect(basis).toMatchObject({ kind: 'documented', decision: 'L21', source: { line: 43, text: '<th width="130px">可需</th>' } });
    expect(decisionStance(lingju.decisions.find((d) => d.id === 'L21')!)).toBe('assert');
  });

  it('spec > a warning names the decision id, its quote and "ask the vendor"', () => {
    expect(describeBasis(decisionBasis(weidu, 'W29'))).toBe('decision W29 (null for a field), our reading — 「### Request Body」 (000_9070bf88d2281998.txt line 14); ask the vendor');
  });

  // What a basis tells the reader to do follows the decision's state: a question is asked, our default is agreed or
  // waived, an answer is cited (confirmed: documented strength; otherwise: not asserted until the spec follows it).
  const answer = (confirms: boolean) => ({ who: '张伟', when: '2025-03-04', text: '答复', confirms });
  it.each([
    ['needs-vendor, unanswered', 'W29', undefined, /^decision W29 \(null for a field\), our reading — 「### Request Body」 \(000_9070bf88d2281998\.txt line 14\); ask the vendor$/],
    ['default, unanswered', 'W20', undefined, /^decision W20 \(Empty arrays\) — 「"work_list": \[\{」 \(000_9070bf88d2281998\.txt line \d+\); our default: agree it with the vendor or waive it$/],
    ['needs-vendor, confirmed', 'W29', answer(true), /^the vendor's answer on decision W29 \(张伟, 2025-03-04\): 「答复」/],
    ['default, confirmed', 'W20', answer(true), /^the vendor's answer on decision W20 \(张伟, 2025-03-04\): 「答复」/],
    ['needs-vendor, answered otherwise', 'W29', answer(false), /^decision W29 \(null for a field\): the vendor answered otherwise \(张伟, 2025-03-04\): 「答复」 — the spec must change; not asserted$/],
    ['default, answered otherwise', 'W20', answer(false), /^decision W20 \(Empty arrays\): the vendor answered otherwise .*; not asserted$/],
    ['needs-vendor, open stance', 'W02', undefined, /^decision W02 \(Work type 0 in the example\) leaves this open — .*; not asserted$/],
    ['default, open stance', 'W14', undefined, /^decision W14 \(Unknown fields\) leaves this open — .*; not asserted$/],
  ] as const)('spec > describeBasis by decision state: %s', (_name, id, recorded, expected) => {
    const decision = weidu.decisions.find((d) => d.id === id)!;
    const contract = { api: weidu.api, decisions: [recorded ? { ...decision, answer: recorded } : decision] };
    expect(describeBasis(decisionBasis(contract, id))).toMatch(expected);
  });

  it.each(['W20', 'W30', 'L07', 'L15', 'L18', 'L28'])('spec > %s is our default: its warning never says "ask the vendor"', (id) => {
    const contract = id.startsWith('W') ? weidu : lingju;
    const basis = decisionBasis(contract, id);
    expect(basis).toMatchObject({ kind: 'decision', status: 'default', stance: 'warn' });
    expect(describeBasis(basis)).toMatch(new RegExp(`^decision ${id} \\(.*\\) — .*; our default: agree it with the vendor or waive it$`));
    expect(describeBasis(basis)).not.toContain('ask the vendor');
  });
});

describe('spec > evidence: expectations and their basis', () => {
  const tree = requestTree(lingju);
  it.each([
    ['lingju', 'type', 'weight', { kind: 'documented', source: { line: 94, text: '体重(kg)' } }],
    ['lingju', 'required', 'appkey', { kind: 'documented', source: { line: 52 } }],
    ['lingju', 'null', 'sex', { kind: 'decision', decision: 'L27' }],
    ['lingju', 'int32', 'weight', { kind: 'decision', decision: 'L18' }],
    ['lingju', 'format', 'birthday', { kind: 'documented', source: { line: 88, text: '出生日期(格式:yyyy-MM-dd)' } }],
    ['lingju', 'calendar-date', 'birthday', { kind: 'decision', decision: 'L04', stance: 'warn' }],
    ['lingju', 'media-type', undefined, { kind: 'decision', decision: 'L15' }],
    ['lingju', 'json-body', undefined, { kind: 'documented', source: { line: 21 } }],
    ['weidu', 'required', 'user_id', { kind: 'decision', decision: 'W01' }],
    ['weidu', 'enum', 'work_list/*/type', { kind: 'documented', source: { line: 34 } }],
    ['weidu', 'unknown-field', undefined, { kind: 'decision', decision: 'W14', stance: 'open' }],
  ] as const)('spec > %s %s of %s', (api, key, pattern, expected) => {
    const contract = api === 'weidu' ? weidu : lingju;
    const node = pattern ? findNode(api === 'weidu' ? requestTree(weidu) : tree, pattern) : undefined;
    expect(expectationBasis(contract, key, node)).toMatchObject(expected);
  });

  it('spec > a violation\'s expectation: null is its own (a decision) unless the field is required', () => {
    expect(expectationKey('type', null, findNode(tree, 'sex'))).toBe('null');
    expect(expectationKey('type', null, findNode(tree, 'appkey'))).toBe('required');
    expect(expectationKey('format', 2 ** 31, findNode(tree, 'weight'))).toBe('int32');
    expect(expectationKey('format', '1990/01/01', findNode(tree, 'birthday'))).toBe('format');
    expect(expectationKey('format', 'yyyy-MM-dd', findNode(tree, 'birthday'))).toBe('format');
    expect(expectationKey('format', '1990-02-30', findNode(tree, 'birthday'))).toBe('calendar-date');
    expect(expectationKey('additionalProperties', 'x')).toBe('unknown-field');
  });

  it('spec > the document\'s example matches by value class: a numeric string, the exact enum value', () => {
    expect(valueClass('type', '176')).toBe('numeric-string');
    expect(valueClass('type', 'n/a')).toBe('string');
    expect(exampleShows(lingju, 'type', 'weight', '65')).toBeDefined();
    expect(exampleShows(lingju, 'type', 'weight', 'n/a')).toBeUndefined();
    expect(exampleShows(weidu, 'enum', 'work_list/*/type', 0)).toMatchObject({ source: { line: 62, text: '"type":0' }, decisions: ['W02'] });
    expect(exampleShows(weidu, 'enum', 'work_list/*/type', 7)).toBeUndefined();
    expect(exampleShows(weidu, 'media-type', '', 'application/x-www-form-urlencoded')).toBeDefined();
    expect(exampleShows(weidu, 'media-type', '', 'text/plain')).toBeUndefined();
  });

  it('spec > a bad date: another form breaks the documented yyyy-MM-dd (failure); a day that does not exist only L04\'s reading (warning)', () => {
    const grades = Object.fromEntries(invalidVariants('lingju', 3).filter((v) => v.path === 'birthday' && v.kind === 'format').map((v) => [v.id, [v.grade, v.decisions.join(',')]]));
    expect(grades).toMatchObject({
      'birthday.format.compact': ['failure', ''],
      'birthday.format.slashes': ['failure', ''],
      'birthday.format.impossible-date': ['warning', 'L04'],
      'birthday.format.placeholder-example': ['info', 'L04'],
    });
  });

  it.each(apiNames)('%s > every invalid variant is tagged: its expectation, basis (documented ones quote a line and text), grade and decisions', (api) => {
    for (const v of invalidVariants(api, 3)) {
      expect(v.expectation, v.id).toBeTruthy();
      expect(v.grade, v.id).toBe(gradeOf(v.basis));
      if (v.basis.kind !== 'decision') expect(v.basis.source.line > 0 && (v.basis.source.text ?? '').length > 0, v.id).toBe(true);
      if (v.basis.kind === 'decision') expect(v.decisions, v.id).toEqual([v.basis.decision]);
    }
  });
});

describe('spec > evidence: the document\'s own example and the decisions about it', () => {
  // Linked by data (a decision's `inExample`, the expectation's decision), never by searching quote text.
  it.each([
    ['weidu', 'work_list/0/type', ['W02']],
    ['weidu', 'Content-Type', ['W07']],
    ['lingju', 'gender', ['L01', 'L14']],
    ['lingju', 'birthday', ['L04']],
    ['lingju', 'weight', ['L02', 'L03']],
    ['lingju', 'height', ['L02', 'L03']],
  ] as const)('spec > %s example at %s → decisions %j', (api, path, decisions) => {
    const contract = api === 'weidu' ? weidu : lingju;
    expect(exampleEvidence(contract).find((e) => e.path === path)?.decisions).toEqual(decisions);
  });

  it.each(apiNames)('spec > %s: every inExample field is where the example deviates, and every deviation has a decision', (api) => {
    const contract = loadContract(api);
    const places = new Set(exampleEvidence(contract).map((e) => fieldPatternOf(e.path)));
    for (const d of contract.decisions) for (const field of d.inExample ?? []) expect(places, `${d.id} inExample ${field}`).toContain(field);
    for (const e of exampleEvidence(contract)) expect(e.decisions.length, e.path).toBeGreaterThan(0);
  });
});
