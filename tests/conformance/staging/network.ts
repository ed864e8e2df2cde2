/**
 * What stands between QA and a staging server, for the tests: a gateway that wants a header (plain HTTP or HTTPS
 * with a certificate from a private CA made here with openssl), and an HTTP proxy that wants credentials
 * (forwarding for http:// targets, CONNECT tunnels for https://). All on 127.0.0.1, port 0.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Closable {
  url: string;
  close(): Promise<void>;
}

function listen(server: http.Server | https.Server | net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closer(server: http.Server | net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

export interface PrivateCa {
  dir: string;
  /** The CA certificate (PEM file): what --ca is given. */
  caFile: string;
  /** The server's key and certificate (for 127.0.0.1), signed by the CA. */
  key: string;
  cert: string;
}

/** A private CA and a server certificate for IP 127.0.0.1 signed by it (openssl, P-256, valid two days). */
export function makePrivateCa(): PrivateCa {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'conformance-ca-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=Conformance Test Private CA', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr'));
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('server.ext'), '-out', file('server.pem'));
  return { dir, caFile: file('ca.pem'), key: readFileSync(file('server.key'), 'utf8'), cert: readFileSync(file('server.pem'), 'utf8') };
}

export interface Gateway extends Closable {
  /** Requests that carried the right header, and ones refused. */
  passed: number;
  refused: number;
}

/**
 * A gateway in front of `upstream`: without `header: value` a request gets 401 and a JSON body that is not the
 * API's envelope (as API gateways answer); with it the request is forwarded. It echoes the token it received in
 * its Server header (URL-encoded), as a careless gateway does, so masking is tested on the way back too.
 */
export async function startGateway(options: { upstream: string; header: string; value: string; tls?: { key: string; cert: string } }): Promise<Gateway> {
  const upstream = new URL(options.upstream);
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const got = req.headers[options.header.toLowerCase()];
    if (got !== options.value) {
      gateway.refused++;
      req.resume();
      res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Token' }).end(JSON.stringify({ message: `missing or wrong ${options.header}` }));
      return;
    }
    gateway.passed++;
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, server: `gw (token ${encodeURIComponent(String(got))})` });
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  const close = closer(server, new Set());
  const port = await listen(server);
  const gateway: Gateway = { url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`, passed: 0, refused: 0, close };
  return gateway;
}

export interface Proxy extends Closable {
  /** The proxy URL with its credentials (what HTTPS_PROXY/HTTP_PROXY are set to). */
  url: string;
  /** Requests forwarded (http:// targets) and tunnels opened (https://), and refusals (407). */
  forwarded: number;
  tunnels: number;
  refused: number;
}

/** An HTTP proxy that wants Basic credentials: absolute-URI requests are forwarded, CONNECT is tunnelled. */
export async function startProxy(user: string, password: string): Promise<Proxy> {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    if (req.headers['proxy-authorization'] !== expected) {
      proxy.refused++;
      req.resume();
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    proxy.forwarded++;
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const forward = http.request({ host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    if (req.headers['proxy-authorization'] !== expected) {
      proxy.refused++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    proxy.tunnels++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  });
  const close = closer(server, sockets);
  const port = await listen(server);
  const proxy: Proxy = { url: `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`, forwarded: 0, tunnels: 0, refused: 0, close };
  return proxy;
}

/** A server whose every answer is the same (an HTML login page, a redirect, a 403…), to check the target hints. */
export async function startFixedAnswer(status: number, headers: Record<string, string>, body: string): Promise<Closable> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end(body));
  });
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close };
}

/** Only the given API's documented path reaches `upstream`; any other path is 404 (one API per host). */
export async function startOnePath(upstream: string, pathname: string): Promise<Closable> {
  const up = new URL(upstream);
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== pathname) {
      req.resume();
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    const forward = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close };
}
