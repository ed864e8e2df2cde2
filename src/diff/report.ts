import { envelopeRuleChanges } from './envelope-rules.ts';
import { readSpecFile } from './input.ts';
import { schemaRuleChanges } from './schema-rules.ts';
import { structuralChanges } from './structural.ts';
import { changeClasses, type ChangeClass, type DiffReport, type JsonObject, type SpecChange } from './types.ts';

const MAX_VALUE = 100;

function major(doc: JsonObject): number | undefined {
  const version = (doc.info as JsonObject | undefined)?.version;
  const match = typeof version === 'string' ? /^v?(\d+)/.exec(version) : null;
  return match ? Number(match[1]) : undefined;
}

/** Compare two parsed OpenAPI documents: structural diff plus the project's error-code and envelope rules. */
export function diffDocuments(before: JsonObject, after: JsonObject, oldFile = 'old', newFile = 'new'): DiffReport {
  const schemaRules = schemaRuleChanges(before, after);
  // The project's rules replace api-smart-diff's judgement of the same property (a rename is one change, not two).
  const structure = structuralChanges(before, after).filter((c) => !schemaRules.covers.has(c.pointer));
  const changes: SpecChange[] = [...envelopeRuleChanges(before, after), ...schemaRules.changes, ...structure];
  const rank = (c: SpecChange) => changeClasses.indexOf(c.class);
  changes.sort((a, b) => rank(a) - rank(b)); // stable: within a class, error codes and envelope first
  const counts = Object.fromEntries(changeClasses.map((k) => [k, changes.filter((c) => c.class === k).length])) as Record<ChangeClass, number>;
  const notes: string[] = [];
  const [from, to] = [major(before), major(after)];
  if (counts.breaking > 0 && from !== undefined && to !== undefined && to <= from) {
    notes.push(`info.version goes from ${String((before.info as JsonObject).version)} to ${String((after.info as JsonObject).version)}: a breaking change usually takes a new major version`);
  }
  return { oldFile, newFile, counts, changes, notes };
}

/** Read, validate and compare two spec files; throws ToolkitError (code DIFF_INPUT / DIFF_FAILED) on bad input. */
export function diffSpecFiles(oldFile: string, newFile: string): DiffReport {
  return diffDocuments(readSpecFile(oldFile), readSpecFile(newFile), oldFile, newFile);
}

function shortValue(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The report for people: counts, then every change grouped by class, each with where and why. */
export function renderDiffText(report: DiffReport): string {
  const { counts } = report;
  const lines = [`diff ${report.oldFile} → ${report.newFile}`, `${counts.breaking} breaking, ${counts['non-breaking']} non-breaking, ${counts.annotation} annotation`];
  for (const cls of changeClasses) {
    const group = report.changes.filter((c) => c.class === cls);
    if (!group.length) continue;
    lines.push('', `${cls.toUpperCase()} (${group.length})`);
    for (const c of group) {
      lines.push(`  - [${c.origin}] ${c.description}`);
      if (c.reason) lines.push(`      why: ${c.reason}`);
      if (c.before !== undefined || c.after !== undefined) lines.push(`      ${shortValue(c.before)} → ${shortValue(c.after)}`);
      lines.push(`      at ${c.pointer || '/'}`);
    }
  }
  for (const note of report.notes) lines.push('', `note: ${note}`);
  lines.push('', counts.breaking ? `result: BREAKING (${counts.breaking} breaking change${counts.breaking === 1 ? '' : 's'})` : report.changes.length ? 'result: no breaking change' : 'result: no change');
  return `${lines.join('\n')}\n`;
}
