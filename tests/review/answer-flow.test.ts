import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildReview, referenceDocument, vendorQuestionList, type ReviewOutput } from '../../src/review/index.ts';
import {
  basisDecisions,
  contractFromDocument,
  decisionBasis,
  decisionState,
  decisionStance,
  gradeOf,
  projectRoot,
  specPath,
  useContract,
  type Contract,
  type Decision,
  type JsonObject,
  type VendorAnswer,
} from '../../src/spec/index.ts';
import { startReference, type RunningReference } from '../conformance/reference/server.ts';
import { referenceCredentials, run } from '../conformance/run-helpers.ts';

// A vendor answer recorded in a copy of a spec flows through end to end: the decision's state and conformance
// stance, the vendor's question list, the review report's counts and order, and a conformance run against a
// server that breaks the answered expectation. The project's own specs are not touched.
//
// L27 (lingju: null for a parameter) needs the vendor and is a warning: a Spring + Jackson-like server that takes
// null as "not sent" passes with a warning naming L27. The vendor's answer either confirms the decision (null is
// refused: the same server now fails) or says otherwise (null is "not sent": the spec must change, and until it
// does the old default is not held against anyone).
const ID = 'L27';
const dir = mkdtempSync(path.join(tmpdir(), 'answer-flow-'));
const WHO = '张伟（lingju 后端负责人）';
const CONFIRMS: VendorAnswer = { who: WHO, when: '2025-03-04', text: 'B：返回错误。可选参数的值为 null 时服务端返回 21（数据格式校验错误）。', confirms: true };
const OTHERWISE: VendorAnswer = { who: WHO, when: '2025-03-04', text: 'A：视同未传该参数。', confirms: false };

function specCopy(mutate: (decisions: Decision[]) => void): { file: string; contract: Contract } {
  const doc = parse(readFileSync(specPath('lingju'), 'utf8')) as JsonObject;
  mutate(doc['x-decisions'] as Decision[]);
  const file = path.join(dir, `lingju-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(doc));
  return { file, contract: contractFromDocument('lingju', doc, file) };
}
const answering = (answer: unknown) => (decisions: Decision[]) => void (decisions.find((d) => d.id === ID)!.answer = answer as VendorAnswer);

const original = specCopy(() => {});
const confirmed = specCopy(answering(CONFIRMS));
const otherwise = specCopy(answering(OTHERWISE));
const decision = (c: Contract) => c.decisions.find((d) => d.id === ID)!;

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
const lint = (file: string) => spawnSync(tsx, [path.join(projectRoot, 'src', 'cli', 'lint-spec.ts'), file], { cwd: projectRoot, encoding: 'utf8', timeout: 90_000 });

let packs: Record<'original' | 'confirmed' | 'otherwise', ReviewOutput>;
let server: RunningReference;
beforeAll(async () => {
  const [a, b, c] = await Promise.all(
    [original, confirmed, otherwise].map((copy, i) => buildReview(path.join(dir, `pack-${i}`), { contracts: [copy.contract], references: false })),
  );
  packs = { original: a!, confirmed: b!, otherwise: c! };
  server = await startReference({ credentials: { lingju: referenceCredentials }, profile: 'spring-like' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The whole suite against the Spring-like lingju server, with a spec copy served as lingju. */
async function conformanceOn(copy: Contract) {
  const restore = useContract(copy);
  try {
    const { result } = await run(server.url, { apis: ['lingju'] });
    return { result, null: result.findings.filter((f) => f.basis && basisDecisions(f.basis).includes(ID)) };
  } finally {
    restore();
  }
}

describe('review > a vendor answer flows back into the spec', () => {
  it('review > answer flow: state, stance and grade move together (decisionState → decisionStance → gradeOf)', () => {
    const rows = [
      [original, 'needs-vendor', 'warn', 'warning'],
      [confirmed, 'answered', 'assert', 'failure'],
      [otherwise, 'contradicted', 'open', 'info'],
    ] as const;
    for (const [copy, state, stance, grade] of rows) {
      expect(decisionState(decision(copy.contract)), state).toBe(state);
      expect(decisionStance(decision(copy.contract)), state).toBe(stance);
      expect(gradeOf(decisionBasis(copy.contract, ID)), state).toBe(grade);
    }
    // The stance written in the spec is unchanged: the answer alone moves it.
    expect(decision(confirmed.contract).conformance).toBe('warn');
    // An answer that does not say which way the vendor answered is never taken as a confirmation.
    const unsure = specCopy(answering({ who: WHO, when: '2025-03-04', text: '是' }));
    expect(decisionState(decision(unsure.contract))).toBe('contradicted');
    expect(gradeOf(decisionBasis(unsure.contract, ID))).toBe('info');
  });

  it.each(['confirmed', 'otherwise'] as const)('review > answer flow (%s): the question drops off the vendor list, the rest is renumbered', (which) => {
    const copy = which === 'confirmed' ? confirmed : otherwise;
    const was = vendorQuestionList(original.contract, 'openapi/lingju.yaml').questions;
    const now = vendorQuestionList(copy.contract, 'openapi/lingju.yaml').questions;
    expect(was.map((q) => q.id)).toContain(ID);
    expect(now.map((q) => q.id)).toEqual(was.map((q) => q.id).filter((id) => id !== ID));
    expect(now.map((q) => q.number)).toEqual(now.map((_, i) => i + 1));
    const md = readFileSync(packs[which].questionLists.lingju!.markdown, 'utf8');
    const csv = readFileSync(packs[which].questionLists.lingju!.csv, 'utf8');
    expect(readFileSync(packs.original.questionLists.lingju!.markdown, 'utf8')).toContain(`问题 ${ID}`);
    expect(md).not.toContain(`问题 ${ID}`);
    expect(csv).not.toMatch(new RegExp(`^\\d+,${ID},`, 'm'));
  });

  it('review > answer flow: the report counts and orders it as answered, asserted', () => {
    const [was, now] = [packs.original.model.apis[0]!, packs.confirmed.model.apis[0]!];
    expect(now.counts).toEqual({
      ...was.counts,
      needsVendor: was.counts.needsVendor - 1,
      answered: was.counts.answered + 1,
      warned: was.counts.warned - 1,
      asserted: was.counts.asserted + 1,
    });
    // From among the open data-format questions to the first place after the open ones.
    const ids = (r: typeof now) => r.questions.map((q) => q.id);
    const states = now.questions.map((q) => q.state);
    expect(was.questions.find((q) => q.id === ID)).toMatchObject({ state: 'needs-vendor', stance: 'warn' });
    expect(ids(now).indexOf(ID)).toBe(states.lastIndexOf('needs-vendor') + 1);
    expect(ids(now).filter((id) => id !== ID)).toEqual(ids(was).filter((id) => id !== ID));
    const report = readFileSync(packs.confirmed.reportMarkdown, 'utf8');
    expect(readFileSync(packs.original.reportMarkdown, 'utf8')).toContain(`#### ${ID} · **NEEDS THE VENDOR** (data format) · conformance: warn · null for a parameter`);
    expect(report).toContain(`#### ${ID} · **ANSWERED** · conformance: assert (the vendor's answer; was warn) · null for a parameter`);
    expect(report).toContain(`**Vendor's answer** (${CONFIRMS.who}, ${CONFIRMS.when}): ${CONFIRMS.text}`);
    expect(report).toContain('- **Conformance:** Asserted: a server that breaks it fails (the vendor confirmed it; documented strength).');
    const summaryRow = (text: string) => text.split('\n').find((l) => l.startsWith('| lingju |'))!;
    expect(summaryRow(report)).not.toBe(summaryRow(readFileSync(packs.original.reportMarkdown, 'utf8')));
    expect(readFileSync(packs.confirmed.reportHtml, 'utf8')).toContain('<span class="stance assert">conformance: assert (the vendor&#39;s answer; was warn)</span>');
  });

  it('review > answer flow: an answer that says otherwise orders first after the open questions and says to change the spec', () => {
    const [was, now] = [packs.original.model.apis[0]!, packs.otherwise.model.apis[0]!];
    expect(now.counts).toEqual({ ...was.counts, needsVendor: was.counts.needsVendor - 1, contradicted: 1, warned: was.counts.warned - 1, unchecked: was.counts.unchecked + 1 });
    const states = now.questions.map((q) => q.state);
    expect(states.indexOf('contradicted')).toBe(states.lastIndexOf('needs-vendor') + 1);
    const report = readFileSync(packs.otherwise.reportMarkdown, 'utf8');
    expect(report).toContain(`#### ${ID} · **ANSWERED OTHERWISE: CHANGE THE SPEC** · conformance: open until the spec follows the answer (was warn) · null for a parameter`);
    expect(report).toContain(`**Vendor's answer** (${WHO}, 2025-03-04; says otherwise): ${OTHERWISE.text}`);
    expect(report).toMatch(new RegExp(`- \\*\\*lingju:\\*\\* Change \`[^\`]+\` to the vendor's answer on ${ID} \\(the vendor said otherwise\\)`));
  });

  it('review > answer flow: the reference page says what the vendor answered and what conformance does', () => {
    const description = (copy: { contract: Contract }) => {
      const doc = referenceDocument(copy.contract);
      return String((doc.paths as Record<string, Record<string, { description: string }>>)[copy.contract.path]!.post!.description);
    };
    expect(description(original)).toContain(`- **${ID}** null for a parameter (needs the vendor, data format; conformance: warn): null is never valid`);
    expect(description(confirmed)).toContain(`- **${ID}** null for a parameter (answered; conformance: assert): the vendor answered: ${CONFIRMS.text} (${WHO}, 2025-03-04)`);
    expect(description(otherwise)).toContain(
      `- **${ID}** null for a parameter (answered otherwise: change the spec; conformance: open): the vendor answered otherwise: ${OTHERWISE.text} (${WHO}, 2025-03-04). The spec is to change; until then: null is never valid`,
    );
  });

  it('review > answer flow: every count in the summary stays true', () => {
    for (const pack of Object.values(packs)) {
      const c = pack.model.apis[0]!.counts;
      expect(c.needsVendor + c.contradicted + c.answered + c.defaults).toBe(c.decisions);
      expect(c.asserted + c.warned + c.unchecked).toBe(c.decisions);
      expect(c.needsVendor).toBe(pack.questionLists.lingju!.list.questions.length);
      expect(pack.model.totals).toEqual(c);
    }
  });

  it('review > answer flow: conformance on the spec copy turns the warning into a failure for a server that accepts null', async () => {
    const before = await conformanceOn(original.contract);
    expect(before.result.exitCode).toBe(0);
    expect(before.null.length).toBeGreaterThan(0);
    expect(before.null.every((f) => f.severity === 'warning' && f.basis?.kind === 'decision')).toBe(true);
    expect(before.result.decisionsReliedOn.map((d) => d.id)).toContain(ID);

    const after = await conformanceOn(confirmed.contract);
    expect(after.result.exitCode).toBe(1);
    expect(after.null.map((f) => f.caseId)).toEqual(before.null.map((f) => f.caseId));
    expect(after.null.every((f) => f.severity === 'failure' && f.basis?.kind === 'documented')).toBe(true);
    expect(after.null[0]!.message).toContain(`the vendor's answer on decision ${ID} (${WHO}, 2025-03-04): 「${CONFIRMS.text}」`);
    expect(after.result.decisionsReliedOn.map((d) => d.id)).not.toContain(ID);
    // Nothing else moved: every other failure of the run is one the original spec had too (none).
    expect(after.result.findings.filter((f) => f.severity === 'failure').length).toBe(after.null.length);

    const contrary = await conformanceOn(otherwise.contract);
    expect(contrary.result.exitCode).toBe(0);
    expect(contrary.null.map((f) => f.caseId)).toEqual(before.null.map((f) => f.caseId));
    expect(contrary.null.every((f) => f.severity === 'info')).toBe(true);
    expect(contrary.null[0]!.message).toContain(`the vendor answered otherwise (${WHO}, 2025-03-04): 「${OTHERWISE.text}」 — the spec must change; not asserted`);
    expect(contrary.result.decisionsReliedOn.map((d) => d.id)).not.toContain(ID);
  });

  it('review > answer flow: a copy with other schemas cannot be served under the API name', () => {
    const doc = structuredClone(original.contract.doc);
    (doc.components as { schemas: Record<string, unknown> }).schemas.Extra = { type: 'string' };
    expect(() => useContract(contractFromDocument('lingju', doc, original.file))).toThrow(/must keep its schemas/);
  });

  it('review > answer flow: lint accepts a confirming answer, and rejects one that says otherwise, an incomplete one and a status "answered"', () => {
    const ok = lint(confirmed.file);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const contrary = lint(otherwise.file);
    expect(contrary.status).toBe(1);
    expect(contrary.stdout).toContain(`decision ${ID}: the vendor's answer contradicts the decision; change the spec to the answer`);
    const broken = specCopy((decisions) => {
      decisions.find((d) => d.id === ID)!.answer = { who: '', when: '4 March', text: CONFIRMS.text } as VendorAnswer;
      decisions.find((d) => d.id === 'L04')!.status = 'answered' as Decision['status'];
    });
    const result = lint(broken.file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`decision ${ID}: answer.who (who answered) is missing`);
    expect(result.stdout).toContain(`decision ${ID}: answer.when must be a date YYYY-MM-DD`);
    expect(result.stdout).toContain(`decision ${ID}: answer.confirms must be true`);
    expect(result.stdout).toContain('decision L04: status stays needs-vendor or default');
  });
});
