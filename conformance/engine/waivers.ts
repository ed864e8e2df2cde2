import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ToolkitError } from '../../src/errors.ts';
import { isApiName, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checkNames, isCheckName } from '../checks/registry.ts';

/** A known deviation: findings of `check` (on `field`, on `api`) show as waived, not passed. */
export interface Waiver {
  check: CheckName;
  /** Field path; `*` matches one segment (`work_list/*\/type`); absent = every field of the check. */
  field?: string;
  api?: ApiName;
  reason: string;
  /** 1-based position in the file, for "unused waiver #2". */
  index: number;
}

/**
 * Reads a waivers YAML file: a list (or `waivers:` list) of { check, field?, api?, reason }.
 * Any mistake is a ToolkitError naming the entry, so a typo never silently waives nothing.
 */
export function loadWaivers(file: string): Waiver[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolkitError('WAIVERS_NOT_FOUND', `cannot read waivers file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ToolkitError('WAIVERS_INVALID', `${file}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  return parseWaivers(doc, file);
}

export function parseWaivers(doc: unknown, file = 'waivers'): Waiver[] {
  if (doc === null || doc === undefined) return [];
  const list = Array.isArray(doc) ? doc : (doc as { waivers?: unknown }).waivers;
  if (!Array.isArray(list)) throw new ToolkitError('WAIVERS_INVALID', `${file}: expected a list of waivers (or a "waivers:" list)`);
  return list.map((entry: unknown, i) => {
    const where = `${file}: waiver #${i + 1}`;
    if (!entry || typeof entry !== 'object') throw new ToolkitError('WAIVERS_INVALID', `${where} is not a mapping`);
    const { check, field, api, reason, ...rest } = entry as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length) throw new ToolkitError('WAIVERS_INVALID', `${where}: unknown key ${unknownKeys.join(', ')} (allowed: check, field, api, reason)`);
    if (typeof check !== 'string' || !isCheckName(check)) throw new ToolkitError('WAIVERS_INVALID', `${where}: check must be one of ${checkNames.join(', ')} (got ${JSON.stringify(check)})`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new ToolkitError('WAIVERS_INVALID', `${where}: a reason is required`);
    if (field !== undefined && (typeof field !== 'string' || field === '')) throw new ToolkitError('WAIVERS_INVALID', `${where}: field must be a non-empty string`);
    if (api !== undefined && !isApiName(api)) throw new ToolkitError('WAIVERS_INVALID', `${where}: unknown api ${JSON.stringify(api)}`);
    return { check, field: field as string | undefined, api: api as ApiName | undefined, reason: reason.trim(), index: i + 1 };
  });
}

/** Whether a waiver field pattern matches a finding's field (`*` = one path segment). */
export function fieldMatches(pattern: string | undefined, field: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (field === undefined) return false;
  const p = pattern.split('/');
  const f = field.split('/');
  return p.length === f.length && p.every((seg, i) => seg === '*' || seg === f[i]);
}

/** Tracks which waivers matched, so unused ones can be reported. */
export class WaiverBook {
  private readonly used = new Set<number>();
  constructor(readonly waivers: readonly Waiver[]) {}

  match(check: CheckName, api: ApiName, field: string | undefined): Waiver | undefined {
    const waiver = this.waivers.find((w) => w.check === check && (!w.api || w.api === api) && fieldMatches(w.field, field));
    if (waiver) this.used.add(waiver.index);
    return waiver;
  }

  unused(): Waiver[] {
    return this.waivers.filter((w) => !this.used.has(w.index));
  }
}
