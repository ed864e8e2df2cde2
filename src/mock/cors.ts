import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS exactly as prism-http-server answers it (`prism mock` with CORS on, its default), so pages on any
 * origin can call the mock and read the envelope. Reproduced here because Prism keeps it inside its own server.
 */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] || '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', (req.headers['access-control-expose-headers'] as string | undefined) || '*');
}

/** A CORS preflight (OPTIONS with Origin and Access-Control-Request-Method) gets 204 with the allowed method. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && !!req.headers.origin && !!req.headers['access-control-request-method'];
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', req.headers['access-control-request-method'] || 'GET,DELETE,HEAD,PATCH,POST,PUT,OPTIONS');
  res.setHeader('Vary', 'origin');
  res.setHeader('Content-Length', '0');
  res.writeHead(204).end();
}
