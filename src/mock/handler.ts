import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { mockProblem, type Answer } from './answers.ts';
import { readBody } from './body.ts';
import type { MockCore } from './core.ts';
import { requestLine } from './log.ts';
import type { ResolvedOptions } from './options.ts';

/** node:http's headers as plain data: lower-case names, one string each (repeats joined as HTTP lists are). */
function plainHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const name in headers) {
    const value = headers[name];
    result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

function send(res: ServerResponse, answer: Answer): void {
  answer.headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, answer.headers).end(answer.body);
}

/** The error's first line and where it was thrown: enough to report a mock bug, never a whole stack. */
function oneLine(error: unknown): string {
  const message = String((error as Error)?.message ?? error).split('\n')[0];
  const frame = (error as Error)?.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
  return frame ? `${message} (${frame})` : message!;
}

/**
 * The node:http side of one API's mock: read the body, hand the request to the core as plain data, write the
 * answer, log one line. Every request gets an answer, whatever it carries.
 */
export function createHandler(core: MockCore, options: Pick<ResolvedOptions, 'api' | 'quiet' | 'log'> & { codeField: string }) {
  const { api, quiet, log, codeField } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const target = req.url ?? '/';
    let status = 0;
    let codeText = '';
    try {
      const body = await readBody(req);
      if (body.kind === 'aborted') {
        codeText = ' (client went away)';
      } else {
        const answer = await core.answer({ method: req.method ?? 'GET', target, headers: plainHeaders(req.headers), body });
        // Simulated latency is a timer: waiting requests cost no CPU, so throughput holds.
        if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        send(res, answer);
        status = answer.status;
        if (answer.code !== undefined) codeText = ` ${codeField}=${answer.code}`;
      }
    } catch (error) {
      // A bug of the mock, not of the request: say so instead of leaving the client hanging.
      log(`${api} internal error: ${oneLine(error)}`);
      if (!res.headersSent) send(res, mockProblem(500, 'Mock internal error', String((error as Error)?.message ?? error)));
      else res.destroy();
      status = 500;
    }
    if (!quiet) log(requestLine(api, req.method ?? '?', target.split('?')[0]!, status, codeText, performance.now() - started));
  };
}
