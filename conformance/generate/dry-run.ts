import { loadContract } from '../../src/spec/index.ts';
import { printableLine } from '../../src/util/terminal.ts';
import { buildCurl } from '../engine/curl.ts';
import { operationUrl } from '../engine/plan.ts';
import type { Session } from '../engine/session.ts';
import { apiGenerator, sampleRuns, valueAtPath } from './generator.ts';
import { parseReplay } from './replay.ts';
import { generatedCase } from './request.ts';

/** Generated requests a dry run shows per API: the first ones a real run with the same seed sends. */
export const DRY_RUN_SAMPLES = 5;
/** Longer bodies are described, not printed. */
const SHOWN_BODY = 2000;

/** The first generated requests of each API, as a real run with this seed sends them (secrets as shell variables). */
export function renderGeneratedPlan(session: Session): string {
  const { settings, masker } = session;
  const g = settings.generate;
  if (!g) return '';
  const lines: string[] = [];
  for (const api of settings.apis) {
    const generator = apiGenerator(api, session.fixedFields(api));
    const url = operationUrl(settings.targets[api] ?? 'http://embedded-mock', loadContract(api));
    const runs = g.replay ? [{ value: valueAtPath(generator, settings.seed, parseReplay(g.replay).path), id: g.replay }] : sampleRuns(generator, settings.seed, 0, DRY_RUN_SAMPLES).map((value, i) => ({ value, id: `${api}:${i}` }));
    const budget = g.replay ? `--replay ${g.replay}` : [g.count !== undefined ? `${g.count} per API` : '', g.durationS !== undefined ? `for up to ${g.durationS} s in all` : ''].filter(Boolean).join(', ');
    lines.push('', `Generated requests for ${api} (${budget}; seed ${settings.seed}), the first ${runs.length} as a real run sends them:`);
    for (const { value, id } of runs) {
      const c = generatedCase(generator.contract, value, { id, url, only: settings.only, headers: session.requestHeaders(api) });
      lines.push('', `[${id}] ${printableLine(masker.text(c.title))}`, `  checks: ${c.checks.join(', ') || 'none under --only (not sent)'}`);
      if (c.request.body.length > SHOWN_BODY) lines.push(`  (a ${Buffer.byteLength(c.request.body).toLocaleString('en')}-byte body: too long to print here)`);
      else lines.push(`  ${printableLine(masker.text(buildCurl(c.request, masker, api).line))}`);
    }
  }
  return lines.join('\n');
}
