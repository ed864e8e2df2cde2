import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, specPath } from '../../src/spec/load.ts';

// The CLI as users run it: exit 0 no breaking change, 1 breaking, 2 bad input with a one-line error.
const dir = mkdtempSync(path.join(tmpdir(), 'diff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
const cli = path.join(projectRoot, 'src', 'cli', 'diff.ts');
const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

const lingju = specPath('lingju');
const lingjuText = readFileSync(lingju, 'utf8');
const removed120 = write('lingju-120-removed.yaml', lingjuText.replace(/ {8}- code: 120\n(?: {10}.*\n)+/, ''));
const reworded = write('lingju-reworded.yaml', lingjuText.replace('Account disabled', 'Account has been disabled'));

// The renames of issue 12, made the way a person edits the YAML: the key changes, nothing else.
const sexToGender = write('lingju-sex-gender.yaml', lingjuText.replace(/^( {8})sex:$/m, '$1gender:'));
const descriptionToDesc = write('lingju-description-desc.yaml', lingjuText.replace(/^( {8})description:\n( {10}type: string\n)/m, '$1desc:\n$2'));

describe('diff > cli', () => {
  it.each([
    { name: 'request field sex renamed to gender', file: () => sexToGender, says: 'request property `sex` renamed to `gender`' },
    { name: 'envelope message field description renamed to desc', file: () => descriptionToDesc, says: "the envelope's message field `description` renamed to `desc` in the response schema" },
  ])('diff > cli: $name is breaking (exit 1)', ({ file, says }) => {
    expect(readFileSync(file(), 'utf8')).not.toBe(lingjuText);
    const result = run(lingju, file());
    expect(result.status, result.stdout).toBe(1);
    expect(result.stdout).toMatch(/^BREAKING \(1\)$/m);
    expect(result.stdout).toContain(says);
  });

  it('diff > cli exits 1 on a breaking change and names it', () => {
    expect(removed120).not.toBe(lingju);
    const result = run(lingju, removed120);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('BREAKING');
    expect(result.stdout).toContain('code 120 (账号已被禁用, Account disabled) removed');
  });

  it('diff > cli exits 0 for annotations only, and --json is parseable', () => {
    const result = run(lingju, reworded, '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { counts: Record<string, number>; changes: Array<{ class: string }> };
    expect(report.counts).toEqual({ breaking: 0, 'non-breaking': 0, annotation: 1 });
  });

  it.each([
    { name: 'a missing file', args: () => [lingju, path.join(dir, 'nope.yaml')], says: 'no such file' },
    { name: 'a file that is not YAML', args: () => [lingju, write('broken.yaml', 'openapi: [3.1\n  : :')], says: 'is not valid YAML' },
    { name: 'YAML that is not OpenAPI', args: () => [write('plain.yaml', 'name: just a list\nitems: [1, 2]\n'), lingju], says: 'is not an OpenAPI 3 document (no "openapi" field)' },
    { name: 'a Swagger 2 document', args: () => [lingju, write('swagger.yaml', 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n')], says: 'is not an OpenAPI 3 document' },
    { name: 'one argument', args: () => [lingju], says: 'expected two spec files' },
  ])('diff > cli exits 2 with one line for $name', ({ args, says }) => {
    const result = run(...args());
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(says);
  });
});
