/** Options shared by the typed clients. */
export interface ClientOptions {
  /** Origin of the server, e.g. http://127.0.0.1:4011 (the documented path is appended). */
  baseUrl: string;
  /** A fetch implementation (defaults to the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}
