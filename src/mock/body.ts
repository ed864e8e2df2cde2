import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES, type RequestBytes } from './request.ts';

/** Same rule as prism-http-server: no Content-Length and no Transfer-Encoding (or a zero length) is no body. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length === '0') return false;
  return length !== undefined || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Read a request body's bytes; never rejects. Over MAX_BODY_BYTES it settles at once with the size: the
 * answer (413) goes out and Node reads and discards the rest, so the client can finish sending, read the
 * 413 and reuse the connection. `aborted`: the client went away before the body ended, nobody to answer.
 */
export function readBody(req: IncomingMessage): Promise<RequestBytes | { kind: 'aborted' }> {
  if (!hasBody(req)) {
    req.resume();
    return Promise.resolve({ kind: 'none' });
  }
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) return Promise.resolve({ kind: 'tooLarge', bytes: declared });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (result: RequestBytes | { kind: 'aborted' }) => {
      if (!settled) resolve(result);
      settled = true;
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_BODY_BYTES) return void chunks.push(chunk);
      chunks.length = 0;
      req.off('data', onData);
      settle({ kind: 'tooLarge', bytes });
    };
    req.on('data', onData);
    req.on('end', () => settle({ kind: 'bytes', bytes: Buffer.concat(chunks, bytes) }));
    req.on('aborted', () => settle({ kind: 'aborted' }));
    req.on('error', () => settle({ kind: 'aborted' }));
  });
}
