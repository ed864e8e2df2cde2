import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiNames, loadContract, type ApiName, type Contract } from '../../../src/spec/index.ts';

/** A hostile target bound to 127.0.0.1 on a free port; `requests` counts what actually arrived. */
export interface HostileTarget {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export interface IncomingCall {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  body: string;
  /** 1-based number of this request on the server. */
  n: number;
  /** The API whose documented path was requested (undefined for any other path). */
  contract?: Contract;
}

/** Starts a server whose every answer is decided by `handle`; connections are destroyed on close. */
export async function startTarget(handle: (call: IncomingCall) => void): Promise<HostileTarget> {
  const byPath = new Map(apiNames.map((api) => [loadContract(api).path, loadContract(api)]));
  const target: HostileTarget = { url: '', requests: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = ++target.requests;
      handle({ req, res, body: Buffer.concat(chunks).toString('utf8'), n, contract: byPath.get((req.url ?? '').split('?')[0]!) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return target;
}

/** The documented success envelope of an API as an object (status 0 / code 200, empty message). */
export function successEnvelope(api: ApiName): Record<string, unknown> {
  const { codeField, messageField, successCodes } = loadContract(api).envelope;
  return { [codeField]: successCodes[0], [messageField]: '' };
}

/** Writes a JSON answer with the API's documented Content-Type (or application/json for unknown paths). */
export function answerJson(call: IncomingCall, body: string, headers: Record<string, string> = {}): void {
  call.res.writeHead(200, { 'Content-Type': call.contract?.envelope.contentType ?? 'application/json', ...headers }).end(body);
}
