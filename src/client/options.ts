/** Options shared by the typed clients. */
export interface ClientOptions {
  /** Origin of the server, e.g. http://127.0.0.1:4011 (the documented path is appended). */
  baseUrl: string;
  /** A fetch implementation (defaults to the global fetch). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
}

/** Options of one call, accepted by every operation. */
export interface CallOptions {
  /** Headers for this call only; they win over the client's headers and the documented Content-Type. */
  headers?: Record<string, string> | undefined;
  /** Cancels the call: the result is `{ kind: 'transport', aborted: true }`, never a throw. */
  signal?: AbortSignal | undefined;
}

/** openapi-fetch's client options without undefined values (the client compiles under exactOptionalPropertyTypes). */
export function rawClientOptions(options: ClientOptions): { baseUrl: string; fetch?: typeof globalThis.fetch; headers?: Record<string, string> } {
  return { baseUrl: options.baseUrl, ...(options.fetch && { fetch: options.fetch }), ...(options.headers && { headers: options.headers }) };
}

/** The per-request part of an openapi-fetch call: the operation's own headers, then the caller's, and the signal. */
export function requestInit(call: CallOptions | undefined, headers: Record<string, string> = {}): { headers: Record<string, string>; signal?: AbortSignal } {
  return { headers: { ...headers, ...call?.headers }, ...(call?.signal && { signal: call.signal }) };
}
