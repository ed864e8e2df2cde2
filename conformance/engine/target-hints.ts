import { invocation } from '../../src/cli/invocation.ts';
import { credentialEnvName, credentialFields, type ApiName, type Contract } from '../../src/spec/index.ts';
import type { Exchange, PlannedCase } from '../types.ts';
import type { Sender } from './http.ts';

/**
 * When every answer says the target is wrong rather than the server (a gateway's 401, a 404 for the documented
 * path, a login page, a redirect, a proxy refusing), the run is no verdict on the server: one line names the
 * likely cause and the run ends with exit 2. An answer carrying the API's envelope never counts: a server may
 * answer a refused credential with HTTP 401 and its code in the body.
 */
export interface AnswerSignal {
  status?: number;
  /** A JSON object with the envelope's code and message fields: the API itself answered. */
  envelope?: boolean;
  html?: boolean;
  /** Location of a redirect, masked and cut. */
  location?: string;
  /** The HTML page's <title>, masked and cut. */
  title?: string;
  /** No HTTP answer: the transport's message. */
  transport?: string;
}

export interface TargetHint {
  /** The status ('401', '3xx' as the number), 'html' or 'proxy'. */
  kind: string;
  /** "HTTP 404", "an HTML page", …: for one-line refusals that quote it. */
  short: string;
  line: string;
}

type Cut = (text: string, max: number) => string;

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|title)\b/i;
const PROXY_REFUSAL = /Proxy response \((\d{3})\)|Proxy Authentication Required \((407)\)/;

/** What the hints need of one exchange (already masked, or masked here through `cut`). */
export function signalOf(contract: Contract, exchange: Exchange, cut: Cut): AnswerSignal {
  if (!exchange.response) return { transport: cut(exchange.transport?.message ?? 'no answer', 200) };
  const { status, headers, body } = exchange.response;
  const signal: AnswerSignal = { status };
  const head = body.slice(0, 4096);
  if (HTML_START.test(head)) {
    signal.html = true;
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1]?.replace(/\s+/g, ' ').trim();
    if (title) signal.title = cut(title, 80);
  } else if (body.length < 64 * 1024) {
    try {
      const value = JSON.parse(body) as unknown;
      const { codeField, messageField } = contract.envelope;
      signal.envelope = Boolean(value && typeof value === 'object' && !Array.isArray(value) && codeField in value && messageField in value);
    } catch {
      signal.envelope = false;
    }
  }
  if (status >= 300 && status < 400 && headers.location) signal.location = cut(headers.location, 200);
  return signal;
}

const STATUS_HINTS = new Set([401, 403, 404, 405, 407]);

/** Counts of what one API's answers said, bounded however many requests a run sends. */
export class SignalTally {
  total = 0;
  private readonly statuses = new Map<number, number>();
  private envelopes = 0;
  private html = 0;
  private redirects = 0;
  private proxyRefusals = 0;
  private location?: string;
  private title?: string;
  private proxyMessage?: string;
  private proxyStatus?: string;

  add(signal: AnswerSignal): void {
    this.total++;
    if (signal.status !== undefined) this.statuses.set(signal.status, (this.statuses.get(signal.status) ?? 0) + 1);
    if (signal.envelope) this.envelopes++;
    if (signal.html) {
      this.html++;
      this.title ??= signal.title;
    }
    if (signal.status !== undefined && signal.status >= 300 && signal.status < 400) {
      this.redirects++;
      this.location ??= signal.location;
    }
    const refusal = signal.transport ? PROXY_REFUSAL.exec(signal.transport) : null;
    if (refusal) {
      this.proxyRefusals++;
      this.proxyStatus ??= refusal[1] ?? refusal[2];
      this.proxyMessage ??= signal.transport;
    }
  }

  /** The one line for an API whose every answer pointed at the target; undefined when the server answered. */
  hint(api: ApiName, contract: Contract, url: string, context: { target?: string; proxy?: string }): TargetHint | undefined {
    if (this.total === 0 || this.envelopes > 0) return undefined;
    const every = `every ${api} request`;
    const path = contract.path;
    const where = context.target?.endsWith(path) ? ` (--target already ends with ${path}: leave the path out)` : ` (the documented path ${path} is appended to --target)`;
    if (this.proxyRefusals === this.total) {
      const status = this.proxyStatus!;
      const cause = status === '407' ? 'the proxy wants credentials: put them in HTTPS_PROXY/HTTP_PROXY (http://user:pass@host:port; they are masked)' : 'the proxy refused to reach the target: check NO_PROXY and the proxy\'s allow-list';
      return { kind: 'proxy', short: `proxy HTTP ${status}`, line: `${every} was refused by the proxy (HTTP ${status}): ${cause}` };
    }
    if (this.html === this.total) {
      const title = this.title ? ` ("${this.title}")` : '';
      return { kind: 'html', short: 'an HTML page', line: `${every} got an HTML page${title}, not the API's JSON envelope: a login page, a gateway or a web server answers at ${url} — is --target the API's base URL?${where}` };
    }
    if (this.redirects === this.total) {
      const status = [...this.statuses.keys()][0]!;
      const to = this.location ? ` to ${this.location}` : '';
      return {
        kind: String(status),
        short: `HTTP ${status} redirect`,
        line: `${every} was redirected (HTTP ${status}${to}): use the URL it points to as --target (the suite never follows a redirect: a POST must not be sent twice)`,
      };
    }
    if (this.statuses.size !== 1) return undefined;
    const [status, count] = [...this.statuses.entries()][0]!;
    if (count !== this.total || !STATUS_HINTS.has(status)) return undefined;
    const got = `${every} got HTTP ${status}, never the API's envelope`;
    const lines: Record<number, string> = {
      401: `${got}: a gateway in front of ${url} wants credentials the run did not send — add its header with --header 'Name: value' (values are masked; \${VAR} reads the environment)`,
      403: `${got}: a gateway or firewall refuses this client — check the --header values, an IP allow-list, or the proxy`,
      404: `${got}: nothing answers at ${url} — is --target right?${where}`,
      405: `${got}: ${url} does not take ${contract.method} — is --target right?${where}`,
      407: context.proxy
        ? `${got} (Proxy Authentication Required): the proxy wants credentials — put them in HTTPS_PROXY/HTTP_PROXY (http://user:pass@host:port; they are masked)`
        : `${got} (Proxy Authentication Required): --target points at a proxy? Set HTTPS_PROXY/HTTP_PROXY to the proxy and --target to the API's own URL`,
    };
    return { kind: String(status), short: `HTTP ${status}`, line: lines[status]! };
  }
}

/** One hint for one signal list (a probe): the same rules as a whole run. */
export function targetHint(api: ApiName, contract: Contract, url: string, signals: readonly AnswerSignal[], context: { target?: string; proxy?: string }): TargetHint | undefined {
  const tally = new SignalTally();
  for (const s of signals) tally.add(s);
  return tally.hint(api, contract, url, context);
}

/** An example name no spec has: the project's mock (Prism's example selection) answers it with its own problem. */
const PROBE_EXAMPLE = 'envelope-contract-kit-probe';

/**
 * The made-up credentials were accepted: is the target this project's own mock started without credentials (it
 * then accepts any)? One request tells: the same body asking for an example name no spec has, which only the
 * mock answers with its "Unknown example" problem (404, application/problem+json). Returns the hint line, or
 * undefined for any other server.
 */
export async function detectOwnMockWithoutCredentials(sender: Sender, c: PlannedCase, contract: Contract): Promise<string | undefined> {
  const probe: PlannedCase = { ...c, id: `${c.api}/probe/own-mock`, request: { ...c.request, headers: { ...c.request.headers, Prefer: `example=${PROBE_EXAMPLE}` } } };
  const exchange = await sender.send(probe);
  const response = exchange.response;
  if (!response || response.status !== 404 || !/^application\/problem\+json/i.test(response.headers['content-type'] ?? '')) return undefined;
  if (!response.body.includes('Unknown example') || !response.body.includes(PROBE_EXAMPLE)) return undefined;
  const names = credentialFields(contract).map((f) => credentialEnvName(contract.api, f));
  const start = invocation('npm start', 'mock').command;
  const set = names.map((n) => `${n}=…`).join(' ');
  return `the ${c.api} target is this project's mock started without ${names.join('/')}, so it accepts any credentials and the credentials check cannot pass (one extra request asked it for an example only the mock knows): start it with \`${set} ${start}\` and run conformance with the same ${names.length === 1 ? 'variable' : `${names.length} variables`} set`;
}
