import { checkNames } from '../checks/registry.ts';
import type { CheckName } from '../catalogue.ts';
import type { RunResult } from '../engine/result.ts';
import type { Finding } from '../types.ts';
import { describeComparison } from '../engine/baseline.ts';
import { describeWaiver } from './console.ts';

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number>) => Object.entries(a).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');

/** JUnit XML: one testsuite per API and check, one testcase per request judged by that check. */
export function renderJunit(result: RunResult): string {
  const byKey = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = `${f.caseId}|${f.check}`;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  const suites: string[] = [];
  let totalErrors = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  const knownOnly = result.options.failOn === 'new' && result.baseline !== undefined;
  const properties = [
    `<property name="seed" value="${result.seed}"/>`,
    result.options.insecure ? '<property name="insecure" value="true (TLS certificates NOT verified)"/>' : '',
    result.baseline ? `<property name="baseline" value="${xmlEscape(`${result.baseline.file}: ${describeComparison(result.baseline)}`)}"/>` : '',
  ].join('');
  // What makes the run less than it seems comes first, where a CI page shows it: --insecure, a wrong target.
  const warnings = [...(result.warnings ?? []).map((w) => `WARNING: ${w}`), ...(result.targetHints ?? []).map((h) => `Wrong target: ${h}`)];
  if (warnings.length) {
    suites.push(`  <testsuite name="run warnings" tests="1" failures="0" errors="0" skipped="0">\n    <testcase classname="run" name="read before trusting this run"><system-out>${xmlEscape(warnings.join('\n'))}</system-out></testcase>\n  </testsuite>`);
  }
  for (const api of result.apis) {
    for (const check of checkNames) {
      const cases: string[] = [];
      let failures = 0;
      let skipped = 0;
      let errors = 0;
      for (const c of result.cases.filter((x) => x.api === api.api)) {
        const findings = byKey.get(`${c.id}|${check}`) ?? [];
        // A case that never ran is an error in each of its checks: every planned case appears with an outcome.
        const notRun = c.outcome === 'not run' && c.checks.includes(check);
        if (!c.passed.includes(check) && findings.length === 0 && !notRun) continue;
        const name = `${c.title}`;
        const time = ((c.durationMs ?? 0) / 1000).toFixed(3);
        const body: string[] = [];
        const errored = findings.filter((f) => f.severity === 'error');
        const failed = findings.filter((f) => f.severity === 'failure');
        const skips = findings.filter((f) => f.severity === 'skipped');
        const notes = findings.filter((f) => f.severity === 'warning' || f.severity === 'info' || f.severity === 'waived');
        if (errored.length || notRun) {
          errors++;
          const text = errored.length ? errored.map((f) => f.message).join('\n\n') : `not run: the run ended before ${c.id} was judged`;
          body.push(`<error${attrs({ message: errored[0]?.summary ?? 'not run', type: 'incomplete' })}>${xmlEscape(text)}</error>`);
        } else if (failed.length && knownOnly && failed.every((f) => f.baseline === 'still failing')) {
          // --fail-on new: a failure the baseline had too does not fail the build; it is listed, not hidden.
          skipped++;
          body.push(`<skipped${attrs({ message: `known failure, still failing since the baseline (--fail-on new): ${failed.map((f) => `${f.field ?? ''}: ${f.summary}`).join('; ')}` })}/>`);
          body.push(`<system-out>${xmlEscape(failed.map((f) => f.message).join('\n\n'))}</system-out>`);
        } else if (failed.length) {
          failures++;
          const tag = failed.some((f) => f.baseline === 'new') ? '[new] ' : failed.some((f) => f.baseline === 'still failing') ? '[still failing] ' : '';
          body.push(`<failure${attrs({ message: `${tag}${failed.map((f) => `${f.field ?? ''}: ${f.summary}`).join('; ')}`, type: check })}>${xmlEscape(failed.map((f) => f.message).join('\n\n'))}</failure>`);
        } else if (skips.length && !c.passed.includes(check) && notes.length === 0) {
          skipped++;
          body.push(`<skipped${attrs({ message: skips[0]!.summary })}/>`);
        }
        if (notes.length) body.push(`<system-out>${xmlEscape(notes.map((f) => `${f.severity.toUpperCase()}: ${f.message}`).join('\n\n'))}</system-out>`);
        cases.push(`    <testcase${attrs({ classname: `${api.api}.${check}`, name, time })}>${body.length ? `\n      ${body.join('\n      ')}\n    ` : ''}</testcase>`);
      }
      if (check === 'error_code_coverage' && api.coverage) cases.push(coverageCase(api.api, check, api.coverage));
      if (!cases.length) continue;
      totalErrors += errors;
      totalFailures += failures;
      totalSkipped += skipped;
      suites.push(
        `  <testsuite${attrs({ name: `${api.api}.${check}`, tests: cases.length, failures, errors, skipped })}>\n    <properties>${properties}<property name="target" value="${xmlEscape(api.target)}"/></properties>\n${cases.join('\n')}\n  </testsuite>`,
      );
    }
  }
  const waiverCases: string[] = [];
  if (result.unusedWaivers.length) {
    const text = result.unusedWaivers.map((w) => `${describeWaiver(w)}: ${w.reason}`).join('\n');
    waiverCases.push(`    <testcase classname="waivers" name="unused waivers"><system-out>${xmlEscape(text)}</system-out></testcase>`);
  }
  if (result.expiredWaivers?.length) {
    const text = result.expiredWaivers.map((w) => `${describeWaiver(w)} expired ${w.expires}: ${w.reason} (${w.wouldMatch} findings it would cover count again)`).join('\n');
    waiverCases.push(`    <testcase classname="waivers" name="expired waivers"><system-out>${xmlEscape(text)}</system-out></testcase>`);
  }
  if (waiverCases.length) suites.push(`  <testsuite name="waivers" tests="${waiverCases.length}" failures="0" errors="0" skipped="0">\n${waiverCases.join('\n')}\n  </testsuite>`);
  if (result.baseline) {
    const b = result.baseline;
    const line = (e: { check: string; caseId: string; field?: string; summary: string }) => `[${e.check}] ${e.caseId}${e.field ? ` · ${e.field}` : ''}: ${e.summary}`;
    const text = [`${b.file} (seed ${b.seed}, ${b.startedAt}): ${describeComparison(b)}`, ...b.notes.map((n) => `note: ${n}`), ...b.new.map((e) => `new: ${line(e)}`), ...b.fixed.map((e) => `fixed: ${line(e)}`), ...b.stillFailing.map((e) => `still failing: ${line(e)}`)].join('\n');
    suites.push(`  <testsuite name="baseline" tests="1" failures="0" errors="0" skipped="0">\n    <testcase classname="baseline" name="new, fixed, still failing"><system-out>${xmlEscape(text)}</system-out></testcase>\n  </testsuite>`);
  }
  const t = result.totals;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: `conformance (seed ${result.seed})`, tests: t.passed + t.failure + t.warning + t.info + t.skipped + t.waived + t.error, failures: knownOnly ? totalFailures : t.failure, skipped: knownOnly ? totalSkipped : t.skipped, errors: totalErrors, time: (result.durationMs / 1000).toFixed(3) })}>\n${suites.join('\n')}\n</testsuites>\n`;
}

function coverageCase(api: string, check: CheckName, c: NonNullable<RunResult['apis'][number]['coverage']>): string {
  const text = [
    `observed: ${c.observed.map((o) => `${o.code} ×${o.count} (${o.meaning})`).join('; ') || 'none'}`,
    `provokable by this suite: ${c.provokedBySuite.join(', ') || 'none'}`,
    `not observed: ${c.notObserved.join(', ') || 'none'}`,
    `not provokable from outside: ${c.notProvokable.map((n) => `${n.code} ${n.meaning}`).join('; ') || 'none'}`,
  ].join('\n');
  return `    <testcase${attrs({ classname: `${api}.${check}`, name: 'documented codes', time: '0' })}><system-out>${xmlEscape(text)}</system-out></testcase>`;
}
