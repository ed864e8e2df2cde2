/**
 * CORS as prism-http-server answers it (CORS on, its default), so pages on any origin can call the mock and
 * read the envelope — with two corrections: the echoed origin varies the answer (`Vary: Origin`, so no cache
 * serves one origin's answer to another), and credentials are only allowed together with an echoed origin
 * (browsers reject `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true`).
 */
type Headers = Readonly<Record<string, string | undefined>>;

export function corsHeaders(request: Headers): Record<string, string> {
  const origin = request.origin;
  return {
    ...(origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' } : { 'Access-Control-Allow-Origin': '*' }),
    'Access-Control-Allow-Headers': request['access-control-request-headers'] || '*',
    'Access-Control-Expose-Headers': request['access-control-expose-headers'] || '*',
    Vary: 'Origin',
  };
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
