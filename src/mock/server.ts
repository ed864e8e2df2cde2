import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ToolkitError } from '../errors.ts';
import { loadContract } from '../spec/load.ts';
import { MockOptionError } from './behaviour.ts';
import { createMockCore } from './core.ts';
import { createHandler } from './handler.ts';
import { resolveOptions, type MockOptions, type ResolvedOptions, type RunningMock } from './options.ts';

/** Bursts of connections (1,000 at once) queue in the kernel instead of being refused; capped by somaxconn. */
const LISTEN_BACKLOG = 4096;

function listenError(error: NodeJS.ErrnoException, api: string, host: string, port: number): ToolkitError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new ToolkitError('PORT_IN_USE', `port ${port} is already in use (${api} mock on ${where})`);
    case 'EACCES':
      return new ToolkitError('PORT_DENIED', `not allowed to listen on port ${port} (${api} mock on ${where}); choose a port above 1023`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ToolkitError('BAD_HOST', `cannot listen on host ${host} (${api} mock): no such local address`);
    default:
      return new ToolkitError('LISTEN_FAILED', `${api} mock cannot listen on ${where}: ${error.message}`);
  }
}

function listen(server: Server, api: string, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, api, host, port));
    server.once('error', onError);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Serve one API from its spec: prepared answers (Prism's), invalid requests in the API's own envelope; Prism for the rest. */
export async function startMock(options: MockOptions): Promise<RunningMock> {
  const contract = loadContract(options.api);
  // A wrong option is a one-line ToolkitError naming the API (the CLI prints it and exits 1).
  const named = (error: unknown) => (error instanceof MockOptionError ? new ToolkitError(error.code, `${options.api} mock: ${error.message}`) : error);
  let resolved: ResolvedOptions;
  try {
    resolved = resolveOptions(options, contract);
  } catch (error) {
    throw named(error);
  }
  const { credentials, errorHttpStatus, delay, chaos, seed } = resolved;
  const core = createMockCore({ contract, credentials, errorHttpStatus, delay, chaos, seed });
  const prepared = await core.ready().catch((error: unknown) => {
    throw named(error);
  });
  const server = createServer(createHandler(core, { ...resolved, codeField: contract.envelope.codeField }));
  // A client that stops sending mid-request gets 408 instead of holding a socket for Node's default 5 minutes.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  const port = await listen(server, options.api, resolved.host, resolved.port);
  const hostInUrl = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | undefined;
  return {
    api: options.api,
    url: `http://${hostInUrl}:${port}`,
    port,
    seed,
    prepared,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
