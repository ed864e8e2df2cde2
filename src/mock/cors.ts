/**
 * CORS as prism-http-server answers it (CORS on, its default), so pages on any origin can call the mock and
 * read the envelope — with two corrections: the echoed origin varies the answer (`Vary: Origin`, so no cache
 * serves one origin's answer to another), and credentials are only allowed together with an echoed origin
 * (browsers reject `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true`).
 */
type Headers = Readonly<Record<string, string | undefined>>;

export function corsHeaders(request: Headers): Record<string, string> {
  const origin = request.origin;
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': origin || '*' };
  if (origin) headers['Access-Control-Allow-Credentials'] = 'true';
  headers['Access-Control-Allow-Headers'] = request['access-control-request-headers'] || '*';
  headers['Access-Control-Expose-Headers'] = request['access-control-expose-headers'] || '*';
  headers.Vary = 'Origin';
  return headers;
}

/** A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(method: string, request: Headers): boolean {
  return method.toUpperCase() === 'OPTIONS' && !!request.origin && !!request['access-control-request-method'];
}

/** The preflight's own headers (204, no body): the requested method allowed; the answer varies with what was asked. */
export function preflightHeaders(request: Headers): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': request['access-control-request-method'] || 'GET,DELETE,HEAD,PATCH,POST,PUT,OPTIONS',
    Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  };
}
