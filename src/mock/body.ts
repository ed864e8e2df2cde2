import type { IncomingMessage } from 'node:http';

/** The largest body the mock reads: 10 MiB, the limit prism-http-server applies; larger bodies get 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'malformed'; reason: string }
  /**
   * Over MAX_BODY_BYTES: answered at once; Node then reads and discards the rest of the body,
   * so the client can finish sending, read the 413 and reuse the connection.
   */
  | { kind: 'tooLarge'; bytes: number }
  /** The client went away before the body ended: nobody to answer. */
  | { kind: 'aborted' };

/** The bare media type of a Content-Type header, lower-case ("" when absent). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** JSON media types, as prism-http-server decides whether to parse a body as JSON. */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[^\s/;]+\+json$/.test(mediaType);
}

/** Same rule as prism-http-server: no Content-Length and no Transfer-Encoding (or a zero length) is no body. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length === '0') return false;
  return length !== undefined || req.headers['transfer-encoding'] !== undefined;
}

function parse(req: IncomingMessage, text: string): RequestBody {
  if (!isJsonMediaType(mediaTypeOf(req.headers['content-type']))) return { kind: 'text', text };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'malformed', reason: (error as Error).message };
  }
}

/** Read and parse a request body; never rejects. */
export function readBody(req: IncomingMessage): Promise<RequestBody> {
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
    const settle = (result: RequestBody) => {
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
    req.on('end', () => {
      if (!settled) settle(parse(req, Buffer.concat(chunks, bytes).toString('utf8')));
    });
    req.on('aborted', () => settle({ kind: 'aborted' }));
    req.on('error', () => settle({ kind: 'aborted' }));
  });
}
