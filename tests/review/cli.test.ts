import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeOffline } from '../../src/review/index.ts';
import { projectRoot } from '../../src/spec/load.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'review-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
const run = (...args: string[]) => spawnSync(tsx, [path.join(projectRoot, 'src', 'cli', 'review.ts'), ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });

describe('review > cli', () => {
  it('review > cli writes the report and prints the counts', () => {
    const result = run('--out', dir, '--no-reference');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^weidu: \d+ request fields, .* \d+ undecided/m);
    expect(result.stdout).toMatch(/^lingju: /m);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('## Open questions');
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'weidu.html'))).toBe(false);
  });

  it('review > cli rejects an unknown option with one line and exit 2', () => {
    const result = run('--colour');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'))).toHaveLength(1);
    expect(result.stderr).toContain("Unknown option '--colour'");
  });
});

describe('review > offline reference pages', () => {
  it('review > makeOffline replaces the Redocly CDN logo and adds a CSP', () => {
    const page = makeOffline('<html><head><title>t</title></head><body><script>x={src:`https://cdn.redoc.ly/redoc/logo-mini-full.svg`}</script></body></html>');
    expect(page).not.toContain('cdn.redoc.ly');
    expect(page).toContain('data:image/svg+xml');
    expect(page).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  });

  it('review > makeOffline refuses output it cannot secure', () => {
    expect(() => makeOffline('<html><body>no head</body></html>')).toThrow(/no <head>/);
  });
});
