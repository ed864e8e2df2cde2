import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../engine/result.ts';
import type { Masker } from '../engine/mask.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';

export const REPORT_FILES = { junit: 'junit.xml', json: 'report.json', html: 'report.html' } as const;

/**
 * Writes junit.xml, report.json and report.html. Findings are masked when recorded; every file still
 * goes through the masker once more, so a secret that slipped into any text cannot reach the disk.
 */
export async function writeReports(result: RunResult, dir: string, masker: Masker): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    [REPORT_FILES.json, `${JSON.stringify(result, null, 2)}\n`],
    [REPORT_FILES.junit, renderJunit(result)],
    [REPORT_FILES.html, renderHtml(result)],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    await writeFile(file, masker.text(text));
    written.push(file);
  }
  return written;
}
