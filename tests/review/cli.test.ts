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
    expect(result.stdout).toMatch(/^weidu: \d+ request fields, .* \d+ need the vendor, \d+ of them blocking, \d+ spec to change \(answered otherwise\), \d+ answered, \d+ our defaults, \d+ stricter than the example/m);
    expect(result.stdout).toMatch(/^lingju: /m);
    expect(result.stdout).toMatch(/^questions: .*weidu\.questions\.md, .*weidu\.questions\.csv \(\d+ for weidu, in Chinese\)$/m);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('## Decisions and open questions');
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
    for (const api of ['weidu', 'lingju']) {
      expect(readFileSync(path.join(dir, `${api}.questions.md`), 'utf8')).toContain('接口问题清单');
      expect(readFileSync(path.join(dir, `${api}.questions.csv`)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
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
