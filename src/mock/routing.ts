import { mockProblem, shorten, type Answer } from './answers.ts';

/** Prism's problem types, kept so answers read the same as `prism mock`'s. */
const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

function fragments(path: string): string[] {
  return path.split('/').slice(1).map((fragment) => {
    try {
      return decodeURIComponent(fragment);
    } catch {
      return fragment;
    }
  });
}

/** Prism's path matching: fragment by fragment, percent-decoded, `{name}` templates match any fragment. */
export function matchesPath(requestPath: string, documentedPath: string): boolean {
  if (requestPath === documentedPath) return true;
  if (!requestPath.startsWith('/')) return false;
  const got = fragments(requestPath);
  const wanted = fragments(documentedPath);
  if (got.length !== wanted.length) return false;
  return wanted.every((fragment, i) => {
    if (!/{(.+)}/.test(fragment)) return fragment === got[i];
    const pattern = fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^\\]+\\\}/g, '(.*)');
    return new RegExp(pattern).test(got[i]!);
  });
}

/**
 * Is this request the documented operation? Decided before the body is read or parsed, so a wrong path or
 * method is a 404/405 problem whatever the body holds (never an envelope: that would say the API answered).
 */
export function routeProblem(contract: { method: string; path: string }, method: string, path: string): Answer | undefined {
  const operation = `${contract.method} ${contract.path}`;
  if (!matchesPath(path, contract.path)) {
    const shown = JSON.stringify(shorten(path, 200));
    return mockProblem(404, 'Route not resolved, no path matched', `The route ${shown} hasn't been found in the specification file; this mock serves ${operation}`, `${PRISM_ERRORS}NO_PATH_MATCHED_ERROR`);
  }
  if (method.toUpperCase() !== contract.method.toUpperCase()) {
    const answer = mockProblem(405, 'Route resolved, but no method matched', `The route ${contract.path} has been matched, but it does not have "${method.toLowerCase().slice(0, 20)}" method defined; this mock serves ${operation}`, `${PRISM_ERRORS}NO_METHOD_MATCHED_ERROR`);
    return { ...answer, headers: { ...answer.headers, Allow: contract.method.toUpperCase() } };
  }
  return undefined;
}
