import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { projectRoot, specPath } from '../../src/spec/load.ts';
import { decisionStatuses, questionPriorities, stances } from '../../src/spec/types.ts';
// @ts-expect-error the Spectral functions are plain JavaScript without types
import { PRIORITIES, STANCES, STATUSES } from '../../spectral/decisionRefs.js';

// npm run lint:spec on deliberately broken copies of a spec in a temp folder. src/cli/lint-spec.ts passes the
// project's --ruleset explicitly, so the copy is linted with the project's rules (functionsDir resolves from it).
const dir = mkdtempSync(path.join(tmpdir(), 'lint-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
const lint = (file: string) => spawnSync(tsx, [path.join(projectRoot, 'src', 'cli', 'lint-spec.ts'), file], { cwd: projectRoot, encoding: 'utf8', timeout: 90_000 });

describe('review > lint:spec', () => {
  it('review > lint:spec fails on a broken copy and names each rule with its location', () => {
    const doc = parse(readFileSync(specPath('lingju'), 'utf8'));
    delete doc.components.schemas.UserInfo.properties.appkey['x-source'];
    doc.components.schemas.UserInfo.properties.nick['x-decision'] = ['L404'];
    doc.paths['/serverapi/userinfo.do'].post['x-error-codes'][1].examples = ['noSuchExample'];
    const file = path.join(dir, 'lingju.yaml');
    writeFileSync(file, stringify(doc));
    const result = lint(file);
    expect(result.status).toBe(1);
    for (const rule of ['property-has-source', 'decision-references-resolve', 'operation-has-error-envelope']) expect(result.stdout).toContain(rule);
    expect(result.stdout).toContain('x-decision L404 is not in x-decisions');
    expect(result.stdout).toContain('example "noSuchExample" is not a named 200 example');
    expect(result.stdout).toContain('components.schemas.UserInfo.properties.appkey');
  });

  it('review > lint:spec rejects an envelope that names a field the response schema does not have (description renamed to desc)', () => {
    const text = readFileSync(specPath('lingju'), 'utf8').replace(/^( {8})description:\n( {10}type: string\n)/m, '$1desc:\n$2');
    const file = path.join(dir, 'lingju-desc.yaml');
    writeFileSync(file, text);
    const result = lint(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('x-error-envelope.messageField names "description", which the 200 response schema does not have (its properties: status, desc)');
  });

  it('review > lint:spec rejects a decision that needs the vendor without its Chinese question', () => {
    const doc = parse(readFileSync(specPath('weidu'), 'utf8'));
    const w02 = doc['x-decisions'].find((d: { id: string }) => d.id === 'W02');
    delete w02.priority;
    w02.ask.question = 'Is 0 a valid work type?';
    const file = path.join(dir, 'weidu-no-ask.yaml');
    writeFileSync(file, stringify(doc));
    const result = lint(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('decision W02 needs the vendor: priority must be one of blocking, data-format, semantics');
    expect(result.stdout).toContain('decision W02 needs the vendor: ask.question must be Chinese text');
  });

  it('review > lint:spec knows the same decision statuses and priorities as src/spec', () => {
    expect(STATUSES).toEqual([...decisionStatuses]);
    expect(PRIORITIES).toEqual([...questionPriorities]);
    expect(STANCES).toEqual([...stances]);
  });

  it('review > lint:spec passes an unchanged copy', () => {
    const file = path.join(dir, 'weidu.yaml');
    writeFileSync(file, readFileSync(specPath('weidu'), 'utf8'));
    const result = lint(file);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('no findings');
  });
});
