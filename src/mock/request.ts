import { isJsonMediaType } from './media-type.ts';

/** The largest body the mock reads: 10 MiB, the limit prism-http-server applies; larger bodies get 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A request body as the transport delivered it: nothing, its bytes, or only its size when over MAX_BODY_BYTES. */
export type RequestBytes = { kind: 'none' } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'tooLarge'; bytes: number };

/**
 * One request as plain data: what the mock's core answers, whatever carried it (node:http here; a service
 * worker or a test harness equally). Header names are lower-case; repeated headers are joined with ", ".
 */
export interface MockRequest {
  method: string;
  /** The request target as received: path and query, e.g. `/serverapi/userinfo.do?__example=success`. */
  target: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: RequestBytes;
}

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'malformed'; reason: string };

const utf8 = new TextDecoder('utf-8');

/** Node's Buffer decodes UTF-8 faster than TextDecoder, replacing invalid sequences the same way (WHATWG). */
function decodeUtf8(bytes: Uint8Array): string {
  const slice = (bytes as Uint8Array & { utf8Slice?: (start: number, end: number) => string }).utf8Slice;
  return typeof slice === 'function' ? slice.call(bytes, 0, bytes.length) : utf8.decode(bytes);
}

/** The body read as Prism's server would: JSON for JSON media types, text otherwise (invalid UTF-8 replaced). */
export function parseBody(body: Exclude<RequestBytes, { kind: 'tooLarge' }>, essence: string | undefined): RequestBody {
  if (body.kind === 'none') return { kind: 'none' };
  const text = decodeUtf8(body.bytes);
  if (!essence || !isJsonMediaType(essence)) return { kind: 'text', text };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    // V8 in browsers and newer Node adds " (line L column C)" to what Node 20 says: the same words everywhere.
    return { kind: 'malformed', reason: (error as Error).message.replace(/ \(line \d+ column \d+\)$/, '') };
  }
}
