// Plain data and one fetch per case: shared by the node test and the Chromium page (no Node built-ins here).

export interface TableCase {
  label: string;
  api: 'weidu' | 'lingju';
  method: string;
  /** Path and query, appended to the API's base URL. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a caller sees of an answer. */
export interface Reply {
  status: number;
  contentType: string | null;
  allowOrigin: string | null;
  body: string;
}

/** Send one case with a fetch (global, or MSW-intercepted) to `baseUrl` and read what a caller sees. */
export async function sendCase(baseUrl: string, c: TableCase, fetchImpl: typeof fetch = fetch): Promise<Reply> {
  const response = await fetchImpl(`${baseUrl}${c.target}`, { method: c.method, headers: c.headers, ...(c.body === undefined ? {} : { body: c.body }) });
  return { status: response.status, contentType: response.headers.get('content-type'), allowOrigin: response.headers.get('access-control-allow-origin'), body: await response.text() };
}
