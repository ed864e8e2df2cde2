import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/spec/load.ts';

// Data flows one way: openapi/ → src (spec readers, generated code, validation, client, fixtures, mock, review, diff)
// → conformance/ → reports. Nothing under src/ may import the conformance suite, the scripts or the tests.
const UPSTREAM_ONLY = ['conformance', 'scripts', 'tests'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

describe('spec > data flow', () => {
  it('spec > nothing under src/ imports conformance/, scripts/ or tests/', () => {
    const offending = sourceFiles(path.join(projectRoot, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => path.relative(projectRoot, path.resolve(path.dirname(file), specifier)))
        .filter((target) => UPSTREAM_ONLY.includes(target.split(path.sep)[0]!))
        .map((target) => `${path.relative(projectRoot, file)} → ${target}`),
    );
    expect(offending).toEqual([]);
  });
});
