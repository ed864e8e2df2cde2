import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ToolkitError } from '../../src/errors.ts';
import { isApiName, type ApiName } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import { checkNames, isCheckName } from '../checks/registry.ts';

/**
 * A known deviation: findings of `check` that match every condition given (field, API, case id, a pattern of the
 * received answer) show as waived, not passed — until `expires`, after which the waiver stops applying and the
 * reports list it as expired.
 */
export interface Waiver {
  check: CheckName;
  /** Field path; `*` matches one segment (`work_list/*\/type`); absent = every field of the check. */
  field?: string;
  api?: ApiName;
  /** Case id (`lingju/negative/sex-enum-1`); `*` matches any run of characters but `/`. */
  case?: string;
  /** A regular expression the finding's Received text (as the reports show it, masked) must match. */
  received?: string;
  /** YYYY-MM-DD: the waiver applies through that day (UTC), then stops applying and is reported. */
  expires?: string;
  reason: string;
  /** 1-based position in the file, for "unused waiver #2". */
  index: number;
}

/** An expired waiver and how many findings it would still have covered (they count again). */
export interface ExpiredWaiver extends Waiver {
  wouldMatch: number;
}

const KEYS = ['check', 'field', 'api', 'case', 'received', 'expires', 'reason'];

/**
 * Reads a waivers YAML file: a list (or `waivers:` list) of { check, reason, field?, api?, case?, received?, expires? }.
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
    const { check, field, api, reason, case: caseId, received, expires, ...rest } = entry as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length) throw new ToolkitError('WAIVERS_INVALID', `${where}: unknown key ${unknownKeys.join(', ')} (allowed: ${KEYS.join(', ')})`);
    if (typeof check !== 'string' || !isCheckName(check)) throw new ToolkitError('WAIVERS_INVALID', `${where}: check must be one of ${checkNames.join(', ')} (got ${JSON.stringify(check)})`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new ToolkitError('WAIVERS_INVALID', `${where}: a reason is required`);
    if (field !== undefined && (typeof field !== 'string' || field === '')) throw new ToolkitError('WAIVERS_INVALID', `${where}: field must be a non-empty string`);
    if (api !== undefined && !isApiName(api)) throw new ToolkitError('WAIVERS_INVALID', `${where}: unknown api ${JSON.stringify(api)}`);
    if (caseId !== undefined && (typeof caseId !== 'string' || caseId === '')) throw new ToolkitError('WAIVERS_INVALID', `${where}: case must be a non-empty case id (e.g. lingju/negative/sex-enum-1)`);
    if (received !== undefined) {
      if (typeof received !== 'string' || received === '') throw new ToolkitError('WAIVERS_INVALID', `${where}: received must be a non-empty regular expression`);
      try {
        new RegExp(received);
      } catch (error) {
        throw new ToolkitError('WAIVERS_INVALID', `${where}: received is not a valid regular expression (${(error as Error).message})`);
      }
    }
    const expiry = expiryOf(expires, where);
    return {
      check,
      reason: reason.trim(),
      index: i + 1,
      ...(field !== undefined ? { field: field as string } : {}),
      ...(api !== undefined ? { api: api as ApiName } : {}),
      ...(caseId !== undefined ? { case: caseId as string } : {}),
      ...(received !== undefined ? { received: received as string } : {}),
      ...(expiry ? { expires: expiry } : {}),
    };
  });
}

/** YYYY-MM-DD (a YAML date read as a Date is accepted too); anything else names the entry. */
function expiryOf(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new ToolkitError('WAIVERS_INVALID', `${where}: expires must be a date YYYY-MM-DD (got ${JSON.stringify(value)})`);
  }
  return text;
}

/** Whether a waiver has expired on `today` (YYYY-MM-DD, UTC): it applies through its expiry day. */
export const isExpired = (w: Pick<Waiver, 'expires'>, today: string): boolean => w.expires !== undefined && w.expires < today;

/** Whether a case-id pattern matches (`*` = any characters but `/`). */
export function caseMatches(pattern: string | undefined, caseId: string): boolean {
  if (pattern === undefined) return true;
  const source = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${source}$`).test(caseId);
}

/** Whether a waiver field pattern matches a finding's field (`*` = one path segment). */
export function fieldMatches(pattern: string | undefined, field: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (field === undefined) return false;
  const p = pattern.split('/');
  const f = field.split('/');
  return p.length === f.length && p.every((seg, i) => seg === '*' || seg === f[i]);
}

/** What a waiver is matched against: a finding-to-be. */
export interface WaiverSubject {
  check: CheckName;
  api: ApiName;
  field?: string;
  caseId: string;
  /** The Received text as the reports show it (masked). */
  received: string;
}

/** Tracks which waivers matched (unused ones are reported) and which expired ones would have (they are reported too). */
export class WaiverBook {
  private readonly used = new Set<number>();
  private readonly expiredHits = new Map<number, number>();
  private readonly patterns = new Map<number, RegExp>();

  /** `today`: the run's date, YYYY-MM-DD in UTC. */
  constructor(
    readonly waivers: readonly Waiver[],
    private readonly today: string = new Date().toISOString().slice(0, 10),
  ) {
    for (const w of waivers) if (w.received !== undefined) this.patterns.set(w.index, new RegExp(w.received));
  }

  private matches(w: Waiver, s: WaiverSubject): boolean {
    return (
      w.check === s.check &&
      (!w.api || w.api === s.api) &&
      fieldMatches(w.field, s.field) &&
      caseMatches(w.case, s.caseId) &&
      (w.received === undefined || this.patterns.get(w.index)!.test(s.received))
    );
  }

  match(subject: WaiverSubject): Waiver | undefined {
    for (const w of this.waivers) {
      if (!this.matches(w, subject)) continue;
      if (isExpired(w, this.today)) {
        this.expiredHits.set(w.index, (this.expiredHits.get(w.index) ?? 0) + 1);
        continue;
      }
      this.used.add(w.index);
      return w;
    }
    return undefined;
  }

  /** Waivers that matched nothing (expired ones are listed as expired instead). */
  unused(): Waiver[] {
    return this.waivers.filter((w) => !this.used.has(w.index) && !isExpired(w, this.today));
  }

  /** Every expired waiver, with the findings it would have covered. */
  expired(): ExpiredWaiver[] {
    return this.waivers.filter((w) => isExpired(w, this.today)).map((w) => ({ ...w, wouldMatch: this.expiredHits.get(w.index) ?? 0 }));
  }
}
