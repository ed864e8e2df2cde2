import { describeBasis, gradeOf } from '../../src/spec/index.ts';
import { curlLine, maskRequest } from './findings.ts';
import type { Session } from './session.ts';

/** The planned requests, masked, one curl line each: what a real run would send, in order. */
export function renderPlan(session: Session): string {
  const { settings, plan, masker } = session;
  const lines = [`Dry run: ${plan.length} planned requests (seed ${settings.seed}); nothing is sent.`];
  if (settings.embedded) lines.push('Target: the embedded mock (started on a free port in a real run; shown as http://embedded-mock).');
  for (const c of plan) {
    const checks = c.checks.map((n) => (c.skip[n] ? `${n} (skipped: ${c.skip[n]})` : n)).join(', ');
    lines.push('', `[${c.id}] ${masker.text(c.title)}`, `  checks: ${checks || 'error_code_coverage only'}`);
    if (c.basis) lines.push(`  if broken: ${gradeOf(c.basis, { strict: settings.strict })} — ${describeBasis(c.basis)}`);
    lines.push(c.send ? `  ${curlLine(maskRequest(c.request, masker))}` : '  (not sent)');
  }
  return lines.join('\n');
}
