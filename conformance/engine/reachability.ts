import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { ToolkitError } from '../../src/errors.ts';
import { describeProxy, proxyCredentials, tlsOptions, type TlsConfig } from './connection.ts';

export interface ReachOptions {
  /** The proxy the target is reached through (HTTPS_PROXY…, after NO_PROXY), if any. */
  proxy?: string;
  tls?: TlsConfig;
}

/**
 * Opens (and closes) one connection to the target, TLS handshake included, so that an unreachable
 * target is reported as "could not run" (exit 2) before any check runs. Sends no HTTP request:
 * a target that accepts connections but never answers is the checks' business (timeouts).
 * Through a proxy: an HTTPS target is reached with a CONNECT tunnel and the TLS handshake inside it (a proxy
 * refusing, 407 included, is the one-line cause); for a plain-HTTP target only the proxy can be reached
 * without sending a request.
 */
export async function assertReachable(target: string, timeoutMs: number, options: ReachOptions = {}): Promise<void> {
  if (options.proxy) return assertReachableThrough(target, options.proxy, timeoutMs, options.tls);
  const url = new URL(target);
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const verify = tlsOptions(options.tls) ?? {};
  await new Promise<void>((resolve, reject) => {
    const fail = (message: string, code = 'TARGET_UNREACHABLE') => {
      socket.destroy();
      clearTimeout(timer);
      reject(new ToolkitError(code, `${target}: ${message}`));
    };
    const socket = secure
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ...verify })
      : net.connect({ host, port });
    const timer = setTimeout(() => fail(`no connection within ${timeoutMs} ms (--timeout)`), timeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.end();
      socket.destroy();
      resolve();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => fail(describeConnectError(error, secure), secure && isTlsError(error) ? 'TLS_FAILURE' : 'TARGET_UNREACHABLE'));
  });
}

function isTlsError(error: NodeJS.ErrnoException): boolean {
  return /SSL|TLS|CERT|self[- ]signed|wrong version number|ERR_TLS/i.test(`${error.code ?? ''} ${error.message}`);
}

function describeConnectError(error: NodeJS.ErrnoException, secure: boolean): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host name not resolved (${error.code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${error.code})`;
    case 'ECONNRESET':
      return 'connection reset while connecting';
  }
  if (secure && isTlsError(error)) {
    const reason = (error as { reason?: string }).reason ?? error.message.split('\n')[0];
    const hint = /wrong version number|packet length/i.test(reason ?? '')
      ? 'is the target plain HTTP? use http://'
      : /CERT|self[- ]signed|issuer/i.test(`${error.code} ${reason}`)
        ? 'for a private CA pass --ca ca.pem (or set NODE_EXTRA_CA_CERTS)'
        : '';
    return `TLS failure: ${reason}${error.code ? ` (${error.code})` : ''}${hint ? `; ${hint}` : ''}`;
  }
  return `${error.message.split('\n')[0]}${error.code ? ` (${error.code})` : ''}`;
}

/** Through a proxy: the proxy is reached; an HTTPS target is tunnelled to (CONNECT) and its certificate checked. */
async function assertReachableThrough(target: string, proxy: string, timeoutMs: number, tlsConfig: TlsConfig | undefined): Promise<void> {
  const url = new URL(target);
  const proxyUrl = new URL(proxy);
  const shown = describeProxy(proxy);
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const fail = (message: string, code = 'TARGET_UNREACHABLE') => new ToolkitError(code, `${target} through the proxy ${shown}: ${message}`);
  if (!secure) {
    // A plain-HTTP target is forwarded by the proxy request by request: reaching the proxy is all that can be checked.
    const proxyTarget = `${proxyUrl.protocol}//${proxyUrl.host}`;
    try {
      await assertReachable(proxyTarget, timeoutMs, { tls: tlsConfig });
    } catch (error) {
      throw fail(`the proxy cannot be reached (${String((error as Error).message).replace(`${proxyTarget}: `, '')})`);
    }
    return;
  }
  const creds = proxyCredentials(proxy);
  const headers: Record<string, string> = { host: `${host}:${port}` };
  if (creds) headers['proxy-authorization'] = `Basic ${creds.basic}`;
  const socket = await new Promise<Duplex>((resolve, reject) => {
    const agent = proxyUrl.protocol === 'https:' ? https : http;
    const req = agent.request({
      host: proxyUrl.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxyUrl.port || (proxyUrl.protocol === 'https:' ? 443 : 80)),
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers,
      timeout: timeoutMs,
      ...(proxyUrl.protocol === 'https:' ? (tlsOptions(tlsConfig) ?? {}) : {}),
    });
    req.once('connect', (res, sock) => {
      if (res.statusCode === 200) return resolve(sock);
      sock.destroy();
      const status = `${res.statusCode} ${res.statusMessage ?? ''}`.trim();
      if (res.statusCode === 407) {
        reject(fail(`the proxy answered ${status}: ${creds ? 'it refused the credentials in the proxy URL' : 'it wants credentials — put them in HTTPS_PROXY/HTTP_PROXY (http://user:pass@host:port; they are masked)'}`, 'PROXY_AUTH'));
      } else reject(fail(`the proxy refused to open a tunnel (HTTP ${status}): check NO_PROXY and what the proxy allows`, 'PROXY_REFUSED'));
    });
    req.once('timeout', () => req.destroy(new Error(`no answer from the proxy within ${timeoutMs} ms (--timeout)`)));
    req.once('error', (error: NodeJS.ErrnoException) => reject(fail(`the proxy cannot be reached: ${describeConnectError(error, proxyUrl.protocol === 'https:')}`)));
    req.end();
  });
  await new Promise<void>((resolve, reject) => {
    const secured = tls.connect({ socket, host, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ...(tlsOptions(tlsConfig) ?? {}) });
    const timer = setTimeout(() => {
      secured.destroy();
      reject(fail(`no TLS handshake within ${timeoutMs} ms (--timeout)`));
    }, timeoutMs);
    secured.once('secureConnect', () => {
      clearTimeout(timer);
      secured.end();
      secured.destroy();
      resolve();
    });
    secured.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      secured.destroy();
      reject(fail(describeConnectError(error, true), isTlsError(error) ? 'TLS_FAILURE' : 'TARGET_UNREACHABLE'));
    });
  });
}
