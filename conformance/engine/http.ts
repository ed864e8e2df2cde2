import { isUtf8 } from 'node:buffer';
import { request, type Dispatcher } from 'undici';
import type { Exchange, PlannedCase } from '../types.ts';
import { createDispatcher, type ProxyConfig, type TlsConfig } from './connection.ts';
import { headersFor, withExtraHeaders, type ExtraHeader } from './headers.ts';

/** Response bodies are kept up to this size; the rest is dropped (and reported as truncated). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Read this much past the limit, so a secret straddling it is masked before the body is cut. */
export const BODY_READ_MARGIN = 64 * 1024;

export interface Sender {
  /** Sends the case's request exactly once and never throws: no answer is a `transport` outcome. */
  send(c: PlannedCase): Promise<Exchange>;
  close(): void;
}

export interface SenderOptions {
  timeoutMs: number;
  concurrency: number;
  /** Proxies from the environment (HTTPS_PROXY…) and TLS settings (--ca, --insecure) for the run's own dispatcher. */
  proxy?: ProxyConfig;
  tls?: TlsConfig;
  /** --header: added to every request that does not already carry the header (a plan normally has them already). */
  extraHeaders?: readonly ExtraHeader[];
  /** Another undici dispatcher, used as is (not closed); default: the run's own (connection.ts). */
  dispatcher?: Dispatcher;
}

/**
 * Sends planned requests with undici: kept-alive connections (idle sockets are checked before reuse and dropped
 * before the server's Keep-Alive timeout), one hard timeout per request, and never a second attempt — a POST
 * that meets a reset is reported as a reset, never silently sent again.
 */
export function createSender(options: SenderOptions): Sender {
  let own: Dispatcher | undefined;
  const dispatcher = () => options.dispatcher ?? (own ??= createDispatcher(options));
  const extra = options.extraHeaders?.length ? options.extraHeaders : undefined;
  return {
    send: (c) => sendOnce(extra ? { ...c, request: { ...c.request, headers: withExtraHeaders(c.request.headers, headersFor(extra, c.api)) } } : c, options.timeoutMs, dispatcher()),
    close() {
      own?.destroy().catch(() => {});
      own = undefined;
    },
  };
}

class RequestTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms (--timeout)`);
    this.name = 'RequestTimeout';
  }
}

async function sendOnce(c: PlannedCase, timeoutMs: number, dispatcher: Dispatcher): Promise<Exchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestTimeout(timeoutMs)), timeoutMs);
  try {
    let url: URL;
    try {
      url = new URL(c.request.url);
    } catch {
      return { case: c, transport: { kind: 'other', message: `invalid URL ${c.request.url}` }, durationMs: elapsed() };
    }
    const res = await request(url, { method: c.request.method as Dispatcher.HttpMethod, headers: c.request.headers, body: c.request.body, dispatcher, signal: controller.signal });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_BODY_BYTES + BODY_READ_MARGIN) {
        truncated = true;
        break; // leaving the loop destroys the body: the connection is closed, not reused
      }
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const bytes = Buffer.concat(chunks);
    const cut = truncated || size > MAX_BODY_BYTES;
    // A body cut at the limit may end inside a character: only a complete body is judged for its encoding.
    return { case: c, response: { status: res.statusCode, headers, body: bytes.toString('utf8'), truncated: cut, utf8: cut || isUtf8(bytes) }, durationMs: elapsed() };
  } catch (error) {
    const reason = controller.signal.aborted ? controller.signal.reason : error;
    return { case: c, transport: transportError(reason as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function transportError(error: NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }): NonNullable<Exchange['transport']> {
  if (error instanceof RequestTimeout) return { kind: 'timeout', message: error.message };
  const code = error?.code ?? error?.cause?.code ?? '';
  const detail = `${error?.message ?? String(error)}${code && !String(error?.message).includes(code) ? ` (${code})` : ''}`;
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', message: `no answer in time: ${detail}` };
  if (RESET_CODES.has(code) || RESET_CODES.has(error?.cause?.code ?? '')) {
    return { kind: 'reset', message: `connection reset or closed before a complete answer: ${detail}; the request was not sent again` };
  }
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: `connection refused (${code})` };
  if (/^HPE_/.test(code)) return { kind: 'other', message: `not a valid HTTP answer: ${detail}` };
  return { kind: 'other', message: detail };
}

/** Caps the request rate (requests per second) across all concurrent senders. */
export function createRateLimiter(rate: number | undefined): () => Promise<void> {
  if (!rate) return async () => {};
  const interval = 1000 / rate;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}

/** Runs tasks with at most `limit` in flight, preserving result order. */
export async function runPool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
