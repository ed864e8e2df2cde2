import { formatDuration } from '../engine/estimate.ts';
import type { GenerationProgress } from './run.ts';
import type { GenerationSummary } from './types.ts';

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One progress line: "generating weidu: 120 of 200 sent, 1 failure found, about 3 s left". */
export function progressLine(p: GenerationProgress): string {
  const failures = plural(p.failures, 'failure');
  if (p.phase === 'shrinking') return `shrinking a failure of ${p.api} against the target (${p.sent.toLocaleString('en')} requests sent so far, ${failures} found; at most ${formatDuration((p.leftMs ?? 0) / 1000).replace('about ', '')} each)`;
  if (p.phase === 'done') return `generated ${p.api}: ${plural(p.sent, 'request')} sent, ${failures} found, in ${seconds(p.elapsedMs)}`;
  const of = p.count !== undefined ? ` of ${p.count.toLocaleString('en')}` : '';
  const left = p.leftMs !== undefined ? `, ${formatDuration(p.leftMs / 1000)} left` : '';
  return `generating ${p.api}: ${p.generated.toLocaleString('en')}${of} generated requests sent, ${failures} found${left}`;
}

/** Console lines for one API's generation: what was sent, how it was answered, and each kind of finding. */
export function generationLines(g: GenerationSummary, seed: number): string[] {
  if (g.requested.replay) {
    const verdict = g.faults.some((f) => f.severity === 'failure') ? 'fails again' : 'no longer fails';
    return [`Replayed ${g.requested.replay} (seed ${seed}): ${verdict}; answered ${Object.keys(g.answers).join(', ') || 'nothing'}`];
  }
  const stopped = { count: 'the count was reached', duration: 'the time was up', replay: '', 'target stopped answering': 'the target stopped answering', 'no new requests': 'the spec allows few requests, and new ones stopped coming' }[g.stoppedBy];
  const lines = [
    `Generated requests (${g.api}, seed ${seed}): ${plural(g.valid + g.invalid, 'request')} (${g.valid.toLocaleString('en')} schema-valid, ${g.invalid.toLocaleString('en')} invalid mutations)` +
      `${g.shrinking ? ` + ${g.shrinking.toLocaleString('en')} to shrink failures` : ''} in ${seconds(g.elapsedMs)}; stopped: ${stopped}` +
      `${g.duplicates ? `; ${plural(g.duplicates, 'duplicate')} not sent again` : ''}${g.unchecked ? `; ${g.unchecked.toLocaleString('en')} not sent (no check under --only)` : ''}`,
    `  answers: ${Object.entries(g.answers).sort((a, b) => b[1] - a[1]).map(([answer, n]) => `${answer} ×${n.toLocaleString('en')}`).join(', ') || 'none'}`,
  ];
  for (const f of g.faults) {
    const mark = f.severity === 'failure' ? '✗' : f.severity === 'warning' ? '!' : 'i';
    const shrunk = f.shrinks ? `, shrunk in ${f.shrinks} steps` : '';
    lines.push(`  ${mark} [${f.check}] ${f.severity}: ${f.summary} — in ${f.seenIn.toLocaleString('en')} of ${(g.valid + g.invalid).toLocaleString('en')}${f.caseId ? `; case ${f.caseId}${shrunk}, --replay ${f.replay}` : ''}`);
  }
  if (!g.faults.length) lines.push('  no finding: every generated request got success or a documented code, and every invalid one a refusal');
  if (g.incomplete) lines.push(`  INCOMPLETE: ${g.incomplete}`);
  return lines;
}
