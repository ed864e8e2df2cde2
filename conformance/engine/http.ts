import { isUtf8 } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import type { Exchange, PlannedCase } from '../types.ts';

/** Response bodies are read up to this size; the rest is dropped (and reported as truncated). */
const MAX_BODY_BYTES = 1024 * 1024;

export interface Sender {
  send(c: PlannedCase): Promise<Exchange>;
  close(): void;
}

/** Sends planned requests over keep-alive connections, each with a hard timeout, never throwing. */
export function createSender(options: { timeoutMs: number; concurrency: number }): Sender {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.concurrency }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.concurrency }),
  };
  const once = (c: PlannedCase, fresh: boolean) => sendOnce(c, options.timeoutMs, fresh ? undefined : agents);
  return {
    async send(c) {
      const first = await once(c, false);
      // A keep-alive socket the server closed between requests is not the server resetting our request: retry once.
      if (first.transport?.kind === 'reset' && first.reusedSocket) return once(c, true);
      return first;
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

type Attempt = Exchange & { reusedSocket?: boolean };

function sendOnce(c: PlannedCase, timeoutMs: number, agents: Record<string, http.Agent> | undefined): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let reusedSocket = false;
    const done = (result: Omit<Attempt, 'durationMs' | 'case'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ case: c, durationMs: elapsed(), reusedSocket, ...result });
    };
    let url: URL;
    try {
      url = new URL(c.request.url);
    } catch {
      return done({ transport: { kind: 'other', message: `invalid URL ${c.request.url}` } });
    }
    const lib = url.protocol === 'https:' ? https : http;
    const body = Buffer.from(c.request.body, 'utf8');
    const headers = { ...c.request.headers, 'Content-Length': String(body.length) };
    const req = lib.request(url, { method: c.request.method, headers, agent: agents ? agents[url.protocol] : false });
    const timer = setTimeout(() => {
      done({ transport: { kind: 'timeout', message: `no complete answer within ${timeoutMs} ms (--timeout)` } });
      req.destroy();
    }, timeoutMs);
    req.on('socket', () => {
      reusedSocket = req.reusedSocket;
    });
    req.on('error', (error: NodeJS.ErrnoException) => done({ transport: transportError(error) }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        else truncated = true;
        size += chunk.length;
      });
      res.on('error', (error: NodeJS.ErrnoException) => done({ transport: transportError(error) }));
      res.on('aborted', () => done({ transport: { kind: 'reset', message: 'connection closed before the answer was complete' } }));
      res.on('end', () => {
        const headersOut: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headersOut[k] = Array.isArray(v) ? v.join(', ') : v;
        const bytes = Buffer.concat(chunks);
        // A body cut at MAX_BODY_BYTES may end inside a character: only a complete body is judged for its encoding.
        done({ response: { status: res.statusCode ?? 0, headers: headersOut, body: bytes.toString('utf8'), truncated, utf8: truncated || isUtf8(bytes) } });
      });
    });
    req.end(body);
  });
}

function transportError(error: NodeJS.ErrnoException): Exchange['transport'] {
  const code = error.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(error.message)) {
    return { kind: 'reset', message: `connection reset before an answer (${code || error.message})` };
  }
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: `connection refused (${code})` };
  return { kind: 'other', message: `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}` };
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
