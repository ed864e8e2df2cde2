import { ToolkitError } from '../../src/errors.ts';
import { apiNames, isApiName, type ApiName } from '../../src/spec/index.ts';

/**
 * Replay tokens: `weidu:41:0*3:2` is the API and fast-check's path (the run's index, then each shrink step taken),
 * with a step repeated n times written `step*n`. With the run's --seed it names one generated request exactly.
 */

/** fast-check's path with runs of one shrink step written `step*count` (`4:0:0:0:0:2` → `4:0*4:2`); the run index stays as is. */
export function compactPath(path: string): string {
  const [run, ...parts] = path.split(':');
  const out: string[] = [run!];
  for (let i = 0; i < parts.length; ) {
    let j = i;
    while (j + 1 < parts.length && parts[j + 1] === parts[i]) j++;
    const run = j - i + 1;
    out.push(...(run >= 3 ? [`${parts[i]}*${run}`] : parts.slice(i, j + 1)));
    i = j + 1;
  }
  return out.join(':');
}

/** `weidu:41:0*3:2` → the API and fast-check's own path (`41:0:0:0:2`); a one-line ToolkitError for anything else. */
export function parseReplay(token: string): { api: ApiName; path: string } {
  const match = /^([a-z]+):(\d+(?:\*\d+)?(?::\d+(?:\*\d+)?)*)$/.exec(token.trim());
  if (!match || !isApiName(match[1]!)) throw new ToolkitError('BAD_ARGS', `--replay takes API:PATH as a report prints it, e.g. weidu:41:0*3:2 (APIs: ${apiNames.join(', ')}; got "${token}")`);
  const steps = match[2]!.split(':').flatMap((part) => {
    const [step, count = '1'] = part.split('*');
    const n = Number(count);
    if (n < 1 || n > 100_000) throw new ToolkitError('BAD_ARGS', `--replay: a step repeated ${count} times is not a path any run printed`);
    return Array.from({ length: n }, () => step!);
  });
  return { api: match[1] as ApiName, path: steps.join(':') };
}

