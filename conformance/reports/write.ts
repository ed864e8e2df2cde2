import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../engine/result.ts';
import type { Masker } from '../engine/mask.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';

export const REPORT_FILES = { junit: 'junit.xml', json: 'report.json', html: 'report.html' } as const;

/**
 * The three reports as text. Findings are masked when recorded; the whole result goes through the masker once
 * more (report.json string by string, so it stays JSON), and every rendered file too, so a secret that slipped
 * into any text cannot reach the disk. Rendering happens before anything is written: a failure leaves no file.
 */
export function renderReports(result: RunResult, masker: Masker): Array<[name: string, text: string]> {
  const masked = masker.deep(result);
  return [
    [REPORT_FILES.json, `${JSON.stringify(masked, null, 2)}\n`],
    [REPORT_FILES.junit, masker.text(renderJunit(masked))],
    [REPORT_FILES.html, masker.text(renderHtml(masked))],
  ];
}

/** Writes junit.xml, report.json and report.html, each through a temporary file renamed into place. */
export async function writeReports(result: RunResult, dir: string, masker: Masker): Promise<string[]> {
  const files = renderReports(result, masker);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    await writeFile(`${file}.tmp`, text);
    await rename(`${file}.tmp`, file);
    written.push(file);
  }
  return written;
}

/** The same, synchronously: for a run interrupted by a signal, where nothing asynchronous may still happen. */
export function writeReportsSync(result: RunResult, dir: string, masker: Masker): string[] {
  const files = renderReports(result, masker);
  mkdirSync(dir, { recursive: true });
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    return file;
  });
}
