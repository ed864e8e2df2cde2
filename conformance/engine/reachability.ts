import net from 'node:net';
import tls from 'node:tls';
import { ToolkitError } from '../../src/errors.ts';

/**
 * Opens (and closes) one connection to the target, TLS handshake included, so that an unreachable
 * target is reported as "could not run" (exit 2) before any check runs. Sends no HTTP request:
 * a target that accepts connections but never answers is the checks' business (timeouts).
 */
export async function assertReachable(target: string, timeoutMs: number): Promise<void> {
  const url = new URL(target);
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((resolve, reject) => {
    const fail = (message: string, code = 'TARGET_UNREACHABLE') => {
      socket.destroy();
      clearTimeout(timer);
      reject(new ToolkitError(code, `${target}: ${message}`));
    };
    const socket = secure
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] })
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
        ? 'for a private CA set NODE_EXTRA_CA_CERTS=ca.pem'
        : '';
    return `TLS failure: ${reason}${error.code ? ` (${error.code})` : ''}${hint ? `; ${hint}` : ''}`;
  }
  return `${error.message.split('\n')[0]}${error.code ? ` (${error.code})` : ''}`;
}
