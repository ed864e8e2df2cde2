import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/** The link in the reports folder that points at the newest run's directory. */
export const LATEST = 'latest';

/** "2026-11-22T10-31-05Z": sortable, unambiguous (UTC), valid on every file system. */
export function runDirName(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * A new directory for this run's reports under `root` (created now, so two runs in the same second get
 * `…Z` and `…Z-2`): a second run never overwrites the first.
 */
export function allocateRunDir(root: string, now = new Date()): string {
  mkdirSync(root, { recursive: true });
  const base = runDirName(now);
  for (let n = 1; ; n++) {
    const dir = path.join(root, n === 1 ? base : `${base}-${n}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw error;
    }
  }
}

/** Removes a run directory nothing was written to (a run that could not start leaves no empty folder behind). */
export function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // already gone, or not empty: nothing to do
  }
}

/**
 * Points `root/latest` at `dir` (a relative symbolic link, replaced atomically; a junction on Windows, which needs
 * no privilege). Synchronous: it also runs from a signal handler. Returns a sentence when it could not, never throws:
 * the reports are written whatever becomes of the link.
 */
export function pointLatest(root: string, dir: string): string | undefined {
  const link = path.join(root, LATEST);
  try {
    const existing = lstatOrUndefined(link);
    if (existing && !existing.isSymbolicLink()) return `${link} exists and is not a link: left as it is (the reports are in ${dir})`;
    const temporary = path.join(root, `.${LATEST}-${process.pid}`);
    if (lstatOrUndefined(temporary)) unlinkSync(temporary);
    if (process.platform === 'win32') symlinkSync(path.resolve(dir), temporary, 'junction');
    else symlinkSync(path.relative(root, dir) || '.', temporary, 'dir');
    // Windows cannot rename over an existing junction.
    if (process.platform === 'win32' && existing) unlinkSync(link);
    renameSync(temporary, link);
    return undefined;
  } catch (error) {
    return `could not point ${link} at ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
