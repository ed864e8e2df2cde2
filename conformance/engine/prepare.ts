import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { ToolkitError } from '../../src/errors.ts';
import type { RunningMock } from '../../src/mock/index.ts';
import { loadContract, type ApiName } from '../../src/spec/index.ts';
import { loadBaseline } from './baseline.ts';
import { describeProxy, proxyFor, proxyFromEnv, readCaFile, type RunConnection } from './connection.ts';
import { targetCredentialsFromEnv, generatedCredentials, type Credentials } from './credentials.ts';
import { describeHeaders } from './headers.ts';
import { createSender } from './http.ts';
import type { ConformanceOptions } from './options.ts';
import { assertReachable } from './reachability.ts';
import { sessionMasker } from './session-masker.ts';
import type { SessionSettings } from './session-types.ts';
import { probeSharedTarget, sharingBareTarget, targetsOf } from './targets.ts';
import { loadWaivers } from './waivers.ts';

export interface PreparedRun {
  settings: SessionSettings;
  /** Valid credentials per API (never written to any report). */
  credentials: Partial<Record<ApiName, Credentials>>;
  /** Header values, proxies, the CA: secrets like the credentials (never written). */
  connection: RunConnection;
  /** Stops the embedded mocks, if any. */
  close(): Promise<void>;
}

/**
 * Everything that can make a run impossible happens here, before any check: waivers and baseline files, report
 * dir, credentials half-set, the CA file, proxies, embedded mocks, reachability of each target (through its
 * proxy), and whether the APIs sharing one bare --target live there. Failures are ToolkitErrors (exit 2).
 */
export async function prepareRun(
  options: ConformanceOptions,
  extra: { env?: NodeJS.ProcessEnv; credentials?: Partial<Record<ApiName, Credentials>>; log?: (line: string) => void } = {},
): Promise<PreparedRun> {
  const env = extra.env ?? process.env;
  const waivers = options.waiversFile ? loadWaivers(options.waiversFile) : [];
  const baseline = options.baselineFile ? loadBaseline(options.baselineFile) : undefined;
  if (!options.dryRun) await assertWritableDir(options.reportDir);
  const given = targetsOf(options);
  const connection: RunConnection = {
    ...(options.headers?.length ? { headers: options.headers } : {}),
    // The embedded mocks are on this machine: never through a proxy, never with another CA.
    ...(given ? { proxy: proxyFromEnv(env) } : {}),
    ...(given && (options.caFile || options.insecure) ? { tls: { ca: options.caFile ? readCaFile(options.caFile) : undefined, insecure: options.insecure } } : {}),
  };
  const mocks: RunningMock[] = [];
  const close = async () => {
    await Promise.all(mocks.map((m) => m.close()));
  };
  const credentials: Partial<Record<ApiName, Credentials>> = {};
  const targets: Partial<Record<ApiName, string>> = {};
  const proxies: Partial<Record<ApiName, string>> = {};
  const notes: string[] = [];
  try {
    for (const api of options.apis) {
      const contract = loadContract(api);
      const target = given?.[api];
      if (target) {
        targets[api] = target;
        const proxy = proxyFor(target, connection.proxy);
        if (proxy) proxies[api] = describeProxy(proxy);
        const fromEnv = extra.credentials?.[api] ? { credentials: extra.credentials[api] } : targetCredentialsFromEnv(contract, env);
        if (fromEnv.error) throw new ToolkitError('BAD_CREDENTIALS', fromEnv.error);
        if (fromEnv.credentials) credentials[api] = fromEnv.credentials;
      } else {
        // The embedded default: the project's own mock with credentials generated from the seed.
        const generated = generatedCredentials(contract, options.seed);
        if (generated) credentials[api] = generated;
        if (!options.dryRun) {
          // Loaded only when needed: Prism is heavy, and a run against --target never uses it.
          const { startMock } = await import('../../src/mock/index.ts');
          const mock = await startMock({ api, port: 0, quiet: true, credentials: generated as { appkey: string; authcode: string } | undefined, log: () => {} });
          mocks.push(mock);
          targets[api] = mock.url;
        }
      }
    }
    if (given && !options.dryRun) {
      for (const target of new Set(Object.values(given))) {
        await assertReachable(target!, options.timeoutMs, { proxy: proxyFor(target!, connection.proxy), tls: connection.tls });
      }
      const sharing = sharingBareTarget(options);
      if (sharing.length > 1) {
        const masker = sessionMasker({ apis: options.apis, seed: options.seed }, credentials, connection);
        const sender = createSender({ timeoutMs: options.timeoutMs, concurrency: sharing.length, proxy: connection.proxy, tls: connection.tls });
        try {
          notes.push(await probeSharedTarget({ target: options.target!, apis: sharing, sender, headers: connection.headers, masker, proxy: proxies[sharing[0]!] }));
        } finally {
          sender.close();
        }
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  for (const [api, proxy] of Object.entries(proxies)) notes.push(`${api}: through the proxy ${proxy} (HTTPS_PROXY/HTTP_PROXY; NO_PROXY is honoured)`);
  if (options.headers?.length) notes.push(`Extra headers (values masked): ${describeHeaders(options.headers)}`);
  if (connection.tls?.ca) notes.push(`TLS: the target's certificate is verified with Node's roots plus --ca ${options.caFile}`);
  const secure = Object.values(targets).some((t) => t?.startsWith('https:'));
  if (given && (options.insecure || options.caFile) && !secure) notes.push(`${options.insecure ? '--insecure' : '--ca'} has no effect: no target uses https://`);
  return {
    settings: {
      apis: options.apis,
      targets,
      embedded: !given,
      seed: options.seed,
      only: options.only,
      concurrency: options.concurrency,
      rate: options.rate,
      timeoutMs: options.timeoutMs,
      waivers,
      waiversFile: options.waiversFile,
      reportDir: options.reportDir,
      strict: options.strict ?? false,
      ...(given && options.insecure && secure ? { insecure: true } : {}),
      ...(given && options.caFile ? { caFile: options.caFile } : {}),
      ...(Object.keys(proxies).length ? { proxies } : {}),
      ...(options.headers?.length ? { headerNames: options.headers.map((h) => (h.api ? `${h.api}=${h.name}` : h.name)) } : {}),
      ...(baseline ? { baseline } : {}),
      ...(options.failOn ? { failOn: options.failOn } : {}),
      ...(notes.length ? { notes } : {}),
      ...(options.generate ? { generate: options.generate } : {}),
    },
    credentials,
    connection,
    close,
  };
}

async function assertWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new ToolkitError('REPORT_DIR', `cannot write reports to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
