import { describeBasis, gradeOf } from '../../src/spec/index.ts';
import { printableLine } from '../../src/util/terminal.ts';
import { buildCurl } from './curl.ts';
import type { Session } from './session.ts';
import { curlTls } from './session-types.ts';

/** The planned requests, one curl line each (secrets as shell variables): what a real run would send, in order. */
export function renderPlan(session: Session): string {
  const { settings, plan, masker } = session;
  const lines = [`Dry run: ${plan.length} planned requests (seed ${settings.seed}); nothing is sent.`];
  if (settings.embedded) lines.push('Target: the embedded mock (started on a free port in a real run; shown as http://embedded-mock).');
  const variables = new Set<string>();
  for (const c of plan) {
    const checks = c.checks.map((n) => (c.skip[n] ? `${n} (skipped: ${c.skip[n]})` : n)).join(', ');
    lines.push('', `[${c.id}] ${printableLine(masker.text(c.title))}`, `  checks: ${checks || 'error_code_coverage only'}`);
    if (c.basis) lines.push(`  if broken: ${gradeOf(c.basis, { strict: settings.strict })} — ${printableLine(masker.text(describeBasis(c.basis)))}`);
    if (!c.send) {
      lines.push('  (not sent)');
      continue;
    }
    const curl = buildCurl(c.request, masker, c.api, curlTls(settings));
    lines.push(`  ${printableLine(masker.text(curl.line))}`);
    for (const v of curl.variables) variables.add(`$${v.name}: ${v.about}`);
  }
  if (variables.size) lines.push('', 'Shell variables the curl lines read (secrets are never printed):', ...[...variables].map((n) => `  ${n}`));
  return lines.join('\n');
}
