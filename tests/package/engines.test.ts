// package.json's engines.node must be true: every Node version it admits runs every runtime dependency the lockfile
// installs (undici 7 needs 20.18.1, faker 10 / Redocly 2 / vite 8 need 20.19 or 22.13+).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/spec/load.ts';

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; optional?: boolean; engines?: { node?: string } | string[] }>;
};

describe('package > engines', () => {
  it('engines.node admits no Node version a runtime dependency refuses, and admits this one', () => {
    const ours = manifest.engines.node;
    expect(semver.validRange(ours)).not.toBeNull();
    const refused = Object.entries(lock.packages)
      .filter(([where, p]) => where.startsWith('node_modules/') && !p.dev && !p.optional && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.subset(ours, (p.engines as { node: string }).node))
      .map(([where, p]) => `${where} wants ${(p.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
    expect(semver.satisfies(process.versions.node, ours)).toBe(true);
  });
});
