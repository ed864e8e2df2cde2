import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ToolkitError } from '../../src/errors.ts';
import type { Masker } from './mask.ts';

/**
 * How a run reaches a target that is not on the developer's machine: proxies from the environment (as curl and
 * undici read them), a private CA, or no certificate check at all. Proxy URLs may carry credentials: this object
 * travels with the credentials (never in the run's settings, never printed whole).
 */
export interface ProxyConfig {
  /** HTTP_PROXY (http_proxy wins, as undici reads it). */
  http?: string;
  /** HTTPS_PROXY (https_proxy wins); unset → https targets use the HTTP proxy too (undici's rule). */
  https?: string;
  /** NO_PROXY: hosts (and subdomains), host:port, `*`; comma or space separated. */
  noProxy?: string;
}

export interface TlsConfig {
  /** PEM text of the private CA(s) given with --ca, trusted in addition to Node's roots. */
  ca?: string;
  /** --insecure: certificates are not verified (every report says so). */
  insecure?: boolean;
}

const first = (env: NodeJS.ProcessEnv, ...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== '');

/** The proxies the environment asks for (lower-case names first, as undici reads them); undefined when none. */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxyConfig | undefined {
  const config: ProxyConfig = { http: first(env, 'http_proxy', 'HTTP_PROXY'), https: first(env, 'https_proxy', 'HTTPS_PROXY'), noProxy: first(env, 'no_proxy', 'NO_PROXY') };
  if (!config.http && !config.https) return undefined;
  for (const [name, value] of [['HTTP_PROXY', config.http], ['HTTPS_PROXY', config.https]] as const) {
    if (value === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    // Never echo the value: it may hold the proxy's password.
    if (!url || !['http:', 'https:'].includes(url.protocol)) throw new ToolkitError('BAD_PROXY', `${name} is not an http:// or https:// proxy URL (its value is not shown: it may hold credentials)`);
  }
  return config;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The proxy URL a request to `target` goes through, by undici's EnvHttpProxyAgent rules (NO_PROXY, https → http fallback). */
export function proxyFor(target: string, config: ProxyConfig | undefined): string | undefined {
  if (!config) return undefined;
  const url = new URL(target);
  const hostname = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  const noProxy = (config.noProxy ?? '').trim();
  if (noProxy === '*') return undefined;
  for (const entry of noProxy.split(/[,\s]/).filter(Boolean)) {
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const host = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (parsed && Number(parsed[2]) !== port) continue;
    if (hostname === host || hostname.endsWith(`.${host}`)) return undefined;
  }
  return url.protocol === 'https:' ? (config.https ?? config.http) : config.http;
}

/** A proxy URL fit to print: `http://***@proxy.corp:3128` (credentials never shown). */
export function describeProxy(proxy: string): string {
  const url = new URL(proxy);
  const auth = url.username || url.password ? '***@' : '';
  return `${url.protocol}//${auth}${url.host}`;
}

/** The proxy's user and password as undici sends them, and the Basic token they make. */
export function proxyCredentials(proxy: string): { user: string; password: string; basic: string } | undefined {
  const url = new URL(proxy);
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return { user, password, basic: Buffer.from(`${user}:${password}`).toString('base64') };
}

/**
 * Proxy credentials as secrets: the password, the `user:password` pair (raw and as written in the URL) and the
 * Basic token. The user name alone is not masked (often a common word); nothing here ever prints it.
 */
export function addProxySecrets(masker: Masker, config: ProxyConfig | undefined): void {
  for (const proxy of [config?.http, config?.https]) {
    if (!proxy) continue;
    const creds = proxyCredentials(proxy);
    if (!creds) continue;
    const url = new URL(proxy);
    const about = 'the proxy credentials (from HTTP_PROXY/HTTPS_PROXY)';
    for (const value of [creds.password, `${creds.user}:${creds.password}`, `${url.username}:${url.password}`, creds.basic]) {
      if (value.length >= 2) masker.addSecret(value, { name: 'PROXY_CREDENTIALS', about });
    }
  }
}

/** Reads --ca: one or more PEM certificates, each checked; a mistake is a one-line error (exit 2). */
export function readCaFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolkitError('BAD_CA', `cannot read --ca ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!pems.length) throw new ToolkitError('BAD_CA', `--ca ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  for (const [i, pem] of pems.entries()) {
    try {
      new X509Certificate(pem);
    } catch (error) {
      throw new ToolkitError('BAD_CA', `--ca ${file}: certificate #${i + 1} cannot be read (${(error as Error).message})`);
    }
  }
  return pems.join('\n');
}

/**
 * TLS options for connections to a target: Node's roots plus --ca (and NODE_EXTRA_CA_CERTS, which an explicit
 * `ca` would otherwise drop), or no verification with --insecure. Undefined: Node's defaults.
 */
export function tlsOptions(config: TlsConfig | undefined, env: NodeJS.ProcessEnv = process.env): tls.ConnectionOptions | undefined {
  if (config?.insecure) return { rejectUnauthorized: false };
  if (!config?.ca) return undefined;
  let extra = '';
  try {
    extra = env.NODE_EXTRA_CA_CERTS ? readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
  } catch {
    // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS
  }
  return { ca: [...tls.rootCertificates, config.ca, ...(extra ? [extra] : [])], rejectUnauthorized: true };
}

export interface DispatcherOptions {
  timeoutMs: number;
  concurrency: number;
  proxy?: ProxyConfig;
  tls?: TlsConfig;
}

/**
 * The undici dispatcher of a run: kept-alive connections (idle sockets checked before reuse), one connect
 * timeout; with a proxy in the environment, undici's EnvHttpProxyAgent given the values read for this run (it
 * never reads process.env behind the run's back): plain-HTTP targets are forwarded as curl does, HTTPS ones
 * tunnelled with CONNECT; the proxy's credentials travel in Proxy-Authorization.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const secure = tlsOptions(options.tls) ?? {};
  const base = {
    connections: options.concurrency,
    pipelining: 1,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  };
  const connect = { timeout: options.timeoutMs, ...secure };
  if (!options.proxy) return new Agent({ ...base, connect });
  return new EnvHttpProxyAgent({
    ...base,
    connect,
    httpProxy: options.proxy.http ?? '',
    httpsProxy: options.proxy.https ?? '',
    noProxy: options.proxy.noProxy ?? '',
    proxyTunnel: false,
    requestTls: secure,
    proxyTls: connect,
  });
}

/**
 * What a run needs to reach its targets that must not be written anywhere: header values, proxy URLs (they may
 * carry credentials), the CA's PEM. It travels like the credentials (to the vitest worker through the environment).
 */
export interface RunConnection {
  headers?: import('./headers.ts').ExtraHeader[];
  proxy?: ProxyConfig;
  tls?: TlsConfig;
}
