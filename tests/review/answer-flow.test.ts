import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildReview, vendorQuestionList } from '../../src/review/index.ts';
import { contractFromDocument, decisionState, projectRoot, specPath, type Decision, type JsonObject } from '../../src/spec/index.ts';

// A vendor answer recorded in a copy of a spec flows through: the decision is answered, its question leaves the
// vendor's list, the report shows the answer. The project's own specs are not touched.
const dir = mkdtempSync(path.join(tmpdir(), 'answer-flow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ANSWER = { who: '张伟（lingju 后端负责人）', when: '2025-03-04', text: '是。weight 和 height 传字符串时服务端返回 21（数据格式校验错误）。' };

function specCopy(mutate: (decisions: Decision[]) => void): { file: string; doc: JsonObject } {
  const doc = parse(readFileSync(specPath('lingju'), 'utf8')) as JsonObject;
  mutate(doc['x-decisions'] as Decision[]);
  const file = path.join(dir, `lingju-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(doc));
  return { file, doc };
}

const original = specCopy(() => {});
const answered = specCopy((decisions) => {
  decisions.find((d) => d.id === 'L02')!.answer = ANSWER;
});
const before = contractFromDocument('lingju', original.doc, original.file);
const after = contractFromDocument('lingju', answered.doc, answered.file);

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
const lint = (file: string) => spawnSync(tsx, [path.join(projectRoot, 'src', 'cli', 'lint-spec.ts'), file], { cwd: projectRoot, encoding: 'utf8', timeout: 90_000 });

describe('review > a vendor answer flows back into the spec', () => {
  it('review > answer flow: the decision changes state from needs-vendor to answered', () => {
    expect(decisionState(before.decisions.find((d) => d.id === 'L02')!)).toBe('needs-vendor');
    expect(decisionState(after.decisions.find((d) => d.id === 'L02')!)).toBe('answered');
  });

  it('review > answer flow: the question drops off the vendor list, the rest is renumbered', () => {
    const was = vendorQuestionList(before, 'openapi/lingju.yaml').questions;
    const now = vendorQuestionList(after, 'openapi/lingju.yaml').questions;
    expect(was.map((q) => q.id)).toContain('L02');
    expect(now.map((q) => q.id)).toEqual(was.map((q) => q.id).filter((id) => id !== 'L02'));
    expect(now.map((q) => q.number)).toEqual(now.map((_, i) => i + 1));
  });

  it('review > answer flow: the written pack shows it — list, CSV and report', async () => {
    const out = await buildReview(path.join(dir, 'pack'), { contracts: [after], references: false });
    const md = readFileSync(out.questionLists.lingju!.markdown, 'utf8');
    const csv = readFileSync(out.questionLists.lingju!.csv, 'utf8');
    const report = readFileSync(out.reportMarkdown, 'utf8');
    expect(md).not.toContain('问题 L02');
    expect(csv).not.toMatch(/^\d+,L02,/m);
    expect(report).toContain('#### L02 · **ANSWERED** ·');
    expect(report).toContain(`**Vendor's answer** (${ANSWER.who}, ${ANSWER.when}): ${ANSWER.text}`);
    const lingju = out.model.apis[0]!;
    expect(lingju.counts.answered).toBe(1);
    expect(lingju.counts.needsVendor).toBe(vendorQuestionList(before, '').questions.length - 1);
    // Answered questions sort after the open ones and before our defaults.
    const states = lingju.questions.map((q) => q.state);
    expect(states.indexOf('answered')).toBe(states.lastIndexOf('needs-vendor') + 1);
  });

  it('review > answer flow: lint accepts a recorded answer and rejects an incomplete one', () => {
    const ok = lint(answered.file);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const broken = specCopy((decisions) => {
      decisions.find((d) => d.id === 'L02')!.answer = { who: '', when: '4 March', text: ANSWER.text };
      decisions.find((d) => d.id === 'L04')!.status = 'answered' as Decision['status'];
    });
    const result = lint(broken.file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('decision L02: answer.who (who answered) is missing');
    expect(result.stdout).toContain('decision L02: answer.when must be a date YYYY-MM-DD');
    expect(result.stdout).toContain('decision L04: status stays needs-vendor or default');
  });
});
