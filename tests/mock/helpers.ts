import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { request } from 'node:http';
import { expect } from 'vitest';
import { credentialEnvName, credentialFields } from '../../src/spec/credentials.ts';
import { apiNames, loadContract, projectRoot, type ApiName, type Contract } from '../../src/spec/load.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

export interface SendOptions {
  method?: string;
  /** Appended to the operation path, e.g. "?__example=x"; or a whole path starting with "/" via `path`. */
  query?: string;
  path?: string;
  headers?: Record<string, string>;
  /** Sent as is: no Content-Type is added unless given in headers. */
  body?: string | Buffer;
}

/** One raw HTTP request (node:http, so headers and bytes are exactly what the test says). */
export function send(baseUrl: string, contract: Contract, options: SendOptions = {}): Promise<Reply> {
  const url = new URL(`${baseUrl}${options.path ?? `${contract.path}${options.query ?? ''}`}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? contract.method, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST a JSON value with the spec's request media type. */
export function postJson(baseUrl: string, contract: Contract, value: unknown, options: Omit<SendOptions, 'body'> = {}): Promise<Reply> {
  return send(baseUrl, contract, { ...options, headers: { 'content-type': contract.requestMediaType, ...options.headers }, body: JSON.stringify(value) });
}

export const contracts: Record<ApiName, Contract> = { weidu: loadContract('weidu'), lingju: loadContract('lingju') };

/** The smallest valid request of an API (its smallest request example). */
export function minimalBody(contract: Contract): Record<string, unknown> {
  const sorted = [...contract.requestExamples].sort((a, b) => JSON.stringify(a.value).length - JSON.stringify(b.value).length);
  return structuredClone(sorted[0]!.value);
}

/** The reply is the API's envelope with this code, under the documented Content-Type. */
export function expectEnvelope(contract: Contract, reply: Reply, code: number): void {
  expect(reply.headers['content-type'], reply.text).toBe(contract.envelope.contentType);
  expect(reply.json, reply.text).toBeDefined();
  expect(reply.json![contract.envelope.codeField], reply.text).toBe(code);
  expect(typeof reply.json![contract.envelope.messageField], reply.text).toBe('string');
}

/** The reply is one of the mock's own problems: this status, RFC 9457 problem details, never the envelope's Content-Type. */
export function expectProblem(reply: Reply, status: number): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers['content-type'], reply.text).toBe('application/problem+json');
  expect(reply.json, reply.text).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

export interface RunningCli {
  child: ChildProcess;
  urls: Partial<Record<ApiName, string>>;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Start `npm start`'s entry point (without npm) and wait for its "Ready" line. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  return startMockProcess(process.execPath, ['--import', 'tsx', 'src/cli/start.ts', ...args], { cwd: projectRoot, env: { ...process.env, ...env } });
}

/** `npm start`'s entry with both mocks on free ports and no credential variable set (any credential accepted). */
export function startBothAnyCredentials(extraArgs: string[] = []): Promise<RunningCli> {
  const env = { ...process.env };
  for (const api of apiNames) for (const field of credentialFields(loadContract(api))) delete env[credentialEnvName(api, field)];
  return startCli(['--weidu-port', '0', '--lingju-port', '0', ...extraArgs], env);
}

/** Start any command that runs the mock (npm start, the installed bin) and wait for its "Ready" line or its exit. */
export async function startMockProcess(command: string, args: string[], options: SpawnOptions): Promise<RunningCli> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI not ready within 20 s; stdout: ${out} stderr: ${err}`)), 20_000);
    const check = () => {
      if (out.includes('Ready in')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  const urls: Partial<Record<ApiName, string>> = {};
  for (const match of out.matchAll(/^(weidu|lingju)\s+(http:\/\/\S+)/gm)) urls[match[1] as ApiName] = match[2]!;
  return { child, urls, stdout: () => out, stderr: () => err, exited };
}

/** Stop a CLI child (SIGTERM; SIGKILL if it has not exited 5 s later) and return its exit code. */
export async function stopCli(cli: RunningCli): Promise<number | null> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), 5_000);
  const code = await cli.exited;
  clearTimeout(timer);
  return code;
}
