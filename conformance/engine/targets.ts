import { ToolkitError } from '../../src/errors.ts';
import { apiNames, isApiName, loadContract, requestContentType, type ApiName } from '../../src/spec/index.ts';
import type { PlannedCase } from '../types.ts';
import { operationUrl } from './plan.ts';
import { signalOf, targetHint } from './target-hints.ts';
import type { Sender } from './http.ts';
import { headersFor, withExtraHeaders, type ExtraHeader } from './headers.ts';
import type { Masker } from './mask.ts';

const bad = (message: string): never => {
  throw new ToolkitError('BAD_ARGS', message);
};

export function checkTarget(text: string, flag = '--target'): string {
  // Checked on the text: the URL parser drops an empty "?" or "#", and would send everything to "/" or "/?/…".
  if (/[?#]/.test(text)) bad(`${flag} must be a base URL without query or fragment (the documented path is appended)`);
  if (/[\\\s]/.test(text)) bad(`${flag} must not contain a backslash or whitespace`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad(`${flag} "${text}" is not a URL (expected e.g. http://127.0.0.1:9000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') bad(`${flag} must be an http:// or https:// URL (got ${url.protocol})`);
  if (url.search || url.hash) bad(`${flag} must be a base URL without query or fragment (the documented path is appended)`);
  if (url.username || url.password) bad(`${flag} must not carry user:password`);
  return text.replace(/\/+$/, '');
}

/**
 * The --target values: at most one bare URL (every API without its own) and one `API=URL` per API.
 * A URL never has "=" before "://", so `lingju=https://a` is unambiguous.
 */
export function parseTargets(values: readonly string[]): { target?: string; apiTargets?: Partial<Record<ApiName, string>> } {
  let target: string | undefined;
  const apiTargets: Partial<Record<ApiName, string>> = {};
  for (const value of values) {
    const named = /^([A-Za-z][\w-]*)=(.*)$/s.exec(value);
    if (named && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      const [, api, url] = named;
      if (!isApiName(api!)) bad(`--target ${api}=…: unknown API (expected ${apiNames.join(' or ')}, e.g. --target lingju=https://a)`);
      if (apiTargets[api as ApiName]) bad(`--target ${api}=… is given twice`);
      apiTargets[api as ApiName] = checkTarget(url!, `--target ${api}=`);
    } else {
      if (target !== undefined) bad('--target without an API name is given twice: give each API its own (--target weidu=URL --target lingju=URL)');
      target = checkTarget(value);
    }
  }
  return { ...(target !== undefined ? { target } : {}), ...(Object.keys(apiTargets).length ? { apiTargets } : {}) };
}

/**
 * The APIs of a run from --api and the targets: `--api` when given; else the APIs named in `--target API=URL`
 * when no bare target is given; else all. Every API of the run then needs a target (or none has one: the mocks).
 */
export function resolveApis(api: string | undefined, targets: { target?: string; apiTargets?: Partial<Record<ApiName, string>> }): ApiName[] {
  const named = apiNames.filter((a) => targets.apiTargets?.[a]);
  let apis: ApiName[];
  if (api === undefined) apis = targets.target === undefined && named.length ? named : [...apiNames];
  else apis = api === 'all' ? [...apiNames] : [api as ApiName];
  if (targets.target === undefined && named.length) {
    const missing = apis.filter((a) => !targets.apiTargets?.[a]);
    if (missing.length) bad(`no target for ${missing.join(', ')}: add --target ${missing[0]}=URL, or a bare --target for the APIs without their own`);
  }
  const unused = named.filter((a) => !apis.includes(a));
  if (unused.length) bad(`--target ${unused[0]}=… names an API this run does not check (--api ${api})`);
  return apis;
}

/** The base URL of each API of the run; undefined when no target is given (the embedded mocks). */
export function targetsOf(options: { apis: readonly ApiName[]; target?: string; apiTargets?: Partial<Record<ApiName, string>> }): Partial<Record<ApiName, string>> | undefined {
  if (options.target === undefined && !options.apiTargets) return undefined;
  return Object.fromEntries(options.apis.map((api) => [api, options.apiTargets?.[api] ?? options.target]));
}

/** The APIs that share the bare target (the ones a probe must find there before a run sends everything to it). */
export function sharingBareTarget(options: { apis: readonly ApiName[]; target?: string; apiTargets?: Partial<Record<ApiName, string>> }): ApiName[] {
  if (options.target === undefined) return [];
  return options.apis.filter((api) => !options.apiTargets?.[api]);
}

/**
 * One bare --target for several APIs: do they all live there? One harmless request per API (an empty JSON object
 * to its documented path, which a conformant server refuses in its envelope) decides: an API whose path answers
 * 404/405, an HTML page or a redirect is not there, and the run is refused in one line before anything else is sent.
 * When every probe says "gateway" (401/403/407 for all), that is the one line. No answer at all decides nothing.
 * Returns the line to print when every API answers there.
 */
export async function probeSharedTarget(args: {
  target: string;
  apis: readonly ApiName[];
  sender: Sender;
  headers: readonly ExtraHeader[] | undefined;
  masker: Masker;
  proxy?: string;
}): Promise<string> {
  const { target, apis } = args;
  const verdicts = await Promise.all(
    apis.map(async (api) => {
      const contract = loadContract(api);
      const url = operationUrl(target, contract);
      const probe: PlannedCase = {
        id: `${api}/probe/shared-target`,
        api,
        purpose: 'negative',
        title: 'probe: does this API live at the target? (an empty JSON object)',
        checks: [],
        skip: {},
        request: { method: contract.method, url, headers: withExtraHeaders({ 'Content-Type': requestContentType(contract) }, headersFor(args.headers, api)), body: '{}' },
        send: true,
      };
      const signal = signalOf(contract, await args.sender.send(probe), (text, max) => args.masker.cut(text, max));
      return { api, hint: targetHint(api, contract, url, [signal], { target, proxy: args.proxy }) };
    }),
  );
  const absent = verdicts.filter((v) => v.hint && (v.hint.kind === 'html' || /^(404|405|3\d\d)$/.test(v.hint.kind)));
  const gateway = verdicts.filter((v) => v.hint && !absent.includes(v));
  if (gateway.length === apis.length) throw new ToolkitError('WRONG_TARGET', gateway[0]!.hint!.line);
  if (absent.length === apis.length) throw new ToolkitError('WRONG_TARGET', `no API of this run lives at ${target}: ${absent[0]!.hint!.line}`);
  if (absent.length) {
    const here = apis.filter((a) => !absent.some((v) => v.api === a));
    const gone = absent[0]!;
    throw new ToolkitError(
      'WRONG_TARGET',
      `${target} serves ${here.join(', ')} but not ${gone.api} (${gone.hint!.short} for its documented path): give each API its own target (--target ${gone.api}=URL --target ${here[0]}=URL), or check one with --api ${here[0]}`,
    );
  }
  return `${apis.length === 2 ? 'Both APIs' : apis.join(', ')} answer at ${target} (probed first: one POST {} to each documented path)`;
}
