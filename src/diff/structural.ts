import { apiDiff, type Diff } from 'api-smart-diff';
import { ToolkitError } from '../errors.ts';
import { pointerOf, type ChangeClass, type JsonObject, type SpecChange } from './types.ts';

/**
 * The structural diff of two OpenAPI documents by api-smart-diff, re-classified where the library leaves a change
 * "unclassified" or "deprecated", and without the error-code table and envelope (the project's own rules judge those).
 */

/** Extensions the project judges itself (./envelope-rules.ts); api-smart-diff diffs their arrays by position. */
const OWN_RULES = new Set(['x-error-codes', 'x-error-envelope']);

type Path = ReadonlyArray<string | number>;

function responseExampleDepth(path: Path): number | undefined {
  // paths / <path> / <method> / responses / <status> / content / <media type> / examples / <name>
  return path[0] === 'paths' && path[3] === 'responses' && path[5] === 'content' && path[7] === 'examples' ? path.length - 9 : undefined;
}

/** The class of one library diff, and the reason when it is the project's call rather than the library's. */
function classify(diff: Diff): { class: ChangeClass; reason?: string } {
  const path = diff.path;
  const exampleDepth = responseExampleDepth(path);
  if (exampleDepth === 0) {
    if (diff.action === 'add') return { class: 'non-breaking', reason: 'a new named example the mock can answer with' };
    return { class: 'breaking', reason: 'mock users select a response by example name (Prefer: example=NAME); the old name no longer answers' };
  }
  if (exampleDepth !== undefined && exampleDepth > 0) return { class: 'non-breaking', reason: 'the mock answers a different body for this example name' };
  if (path.some((part) => typeof part === 'string' && part.startsWith('x-'))) {
    return { class: 'annotation', reason: 'documentation extension (x-*): no effect on requests or responses' };
  }
  switch (diff.type) {
    case 'breaking':
    case 'non-breaking':
    case 'annotation':
      return { class: diff.type };
    case 'deprecated':
      return { class: 'non-breaking', reason: 'a deprecation still works; it announces a later removal' };
    default:
      // api-smart-diff leaves e.g. adding or removing a whole path unclassified: judge by the action, conservatively.
      return diff.action === 'add'
        ? { class: 'non-breaking', reason: 'unclassified by api-smart-diff; an addition does not affect existing clients' }
        : { class: 'breaking', reason: `unclassified by api-smart-diff; a ${diff.action} is treated as breaking to be safe` };
  }
}

function describe(diff: Diff, before: JsonObject, after: JsonObject): string {
  if (diff.description) return diff.description;
  const verb = { add: 'Added', remove: 'Removed', replace: 'Replaced', rename: 'Renamed' }[diff.action] ?? diff.action;
  if (diff.path[0] === 'x-decisions' && typeof diff.path[1] === 'number') {
    const list = ((diff.action === 'add' ? after : before)['x-decisions'] ?? []) as Array<{ id?: string }>;
    const field = diff.path.slice(2).join('.');
    return `[${verb}] decision ${list[diff.path[1]]?.id ?? `#${diff.path[1]}`}${field ? ` ${field}` : ''} (x-decisions)`;
  }
  const exampleDepth = responseExampleDepth(diff.path);
  if (exampleDepth !== undefined) {
    const [, route, method, , status, , , , name] = diff.path;
    const what = exampleDepth === 0 ? '' : ` (${diff.path.slice(9).join('.')})`;
    return `[${verb}] named response example "${String(name)}"${what} of ${String(method).toUpperCase()} ${String(route)} response ${String(status)}`;
  }
  return `[${verb}] ${pointerOf(diff.path)}`;
}

/**
 * api-smart-diff reports a change of a referenced component schema twice: inline under the operation (classified
 * for the request or response direction) and under components/schemas (direction-less). Keep the operation's.
 */
function isDuplicateOfInline(diff: Diff, inline: readonly Diff[]): boolean {
  if (diff.path[0] !== 'components' || diff.path[1] !== 'schemas' || diff.path.length < 4) return false;
  const tail = diff.path.slice(3).map(String);
  return inline.some((other) => {
    if (other.action !== diff.action || other.path.length < tail.length) return false;
    const otherTail = other.path.slice(other.path.length - tail.length).map(String);
    return otherTail.every((part, i) => part === tail[i]);
  });
}

export function structuralChanges(before: JsonObject, after: JsonObject): SpecChange[] {
  let diffs: Diff[];
  try {
    diffs = apiDiff(before, after);
  } catch (cause) {
    throw new ToolkitError('DIFF_FAILED', `api-smart-diff could not compare the documents: ${(cause as Error).message}`, { cause });
  }
  const relevant = diffs.filter((d) => !d.path.some((part) => OWN_RULES.has(String(part))));
  const inline = relevant.filter((d) => d.path[0] === 'paths');
  const kept = relevant.filter((d) => !isDuplicateOfInline(d, inline));
  // Changes inside one named response example read as one change (a renamed envelope field touches every example).
  const inside = kept.filter((d) => (responseExampleDepth(d.path) ?? 0) > 0);
  const byExample = new Map<string, Diff[]>();
  for (const d of inside) {
    const key = pointerOf(d.path.slice(0, 9));
    byExample.set(key, [...(byExample.get(key) ?? []), d]);
  }
  const folded = [...byExample.entries()].map(([pointer, group]): SpecChange => {
    const [, route, method, , status, , , , name] = group[0]!.path;
    const verbs = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' } as Record<string, string>;
    const what = group.map((d) => `${d.path.slice(9).join('.')} ${verbs[d.action] ?? d.action}`).join(', ');
    return { origin: 'structure', class: 'non-breaking', reason: 'the mock answers a different body for this example name', pointer, description: `[Changed] named response example "${String(name)}" of ${String(method).toUpperCase()} ${String(route)} response ${String(status)}: ${what}` };
  });
  const single = kept
    .filter((d) => !inside.includes(d))
    .map((d) => ({ origin: 'structure' as const, pointer: pointerOf(d.path), description: describe(d, before, after), ...classify(d), before: d.before, after: d.after }));
  return [...single, ...folded];
}
