import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMethod } from '@stoplight/types';
import type { IHttpNameValue, IHttpNameValues } from '@stoplight/prism-http';
import type { Contract } from '../spec/load.ts';
import { bodyViolation, envelopeAnswer, errorEnvelope, mockProblem, violationsEnvelope, type Answer, type AnswerContext } from './answers.ts';
import { MAX_BODY_BYTES, readBody, type RequestBody } from './body.ts';
import { answerPreflight, isPreflight, setCorsHeaders } from './cors.ts';
import { checkCredentials } from './credentials.ts';
import { requestLine } from './log.ts';
import { askPrism, type PrismEngine } from './prism.ts';
import type { ResolvedOptions } from './options.ts';
import { requestViolations } from './violations.ts';

export interface HandlerContext extends AnswerContext {
  contract: Contract;
  engine: PrismEngine;
  options: ResolvedOptions;
}

function queryOf(searchParams: URLSearchParams): IHttpNameValues {
  const query: IHttpNameValues = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** The body as Prism receives it from prism-http-server: parsed JSON, raw text, or null. */
function prismBody(body: RequestBody): unknown {
  if (body.kind === 'json') return body.value;
  if (body.kind === 'text') return body.text;
  return null;
}

/** Prism's verdict on a request whose body was read, turned into the API's envelope where it is about the API call. */
async function answerFor(ctx: HandlerContext, req: IncomingMessage, url: URL, body: RequestBody): Promise<Answer> {
  if (body.kind === 'malformed') return violationsEnvelope(ctx, [bodyViolation.malformed(body.reason)]);
  const verdict = await askPrism(ctx.engine, {
    method: (req.method ?? 'GET').toLowerCase() as HttpMethod,
    url: { path: url.pathname, baseUrl: url.searchParams.get('__server') || undefined, query: queryOf(url.searchParams) },
    headers: req.headers as IHttpNameValue,
    body: prismBody(body),
  });
  switch (verdict.kind) {
    case 'response': {
      const failure = checkCredentials(ctx.contract, ctx.options.credentials, prismBody(body));
      if (failure) return errorEnvelope(ctx, failure.code, failure.message);
      return envelopeAnswer(ctx, verdict.response.body, verdict.response.statusCode);
    }
    case 'contentType':
      return violationsEnvelope(ctx, [bodyViolation.contentType(ctx.contract, req.headers['content-type'])]);
    case 'invalid':
      if (body.kind === 'none') return violationsEnvelope(ctx, [bodyViolation.empty()]);
      if (body.kind === 'text') return violationsEnvelope(ctx, [bodyViolation.contentType(ctx.contract, req.headers['content-type'])]);
      return violationsEnvelope(ctx, requestViolations(ctx.contract, prismBody(body), verdict.violations));
    case 'unknownExample': {
      const known = ctx.contract.responseExamples.map((e) => e.name).join(', ');
      return mockProblem(404, 'Unknown example', `no example named "${verdict.exampleKey}" (asked for with Prefer: example= or ?__example=); known examples: ${known}`);
    }
    case 'problem':
      return mockProblem(verdict.status, verdict.title, verdict.detail, verdict.type);
  }
}

function send(ctx: HandlerContext, res: ServerResponse, answer: Answer): void {
  res.setHeader('Content-Type', ctx.contract.envelope.contentType);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Content-Length', Buffer.byteLength(answer.body));
  res.writeHead(answer.status).end(answer.body);
}

function tooLarge(bytes: number): Answer {
  return mockProblem(413, 'Payload Too Large', `the request body (${bytes} bytes or more) exceeds the mock's limit of ${MAX_BODY_BYTES} bytes (10 MiB, the same as Prism's)`);
}

/** The request target as a URL; undefined when it cannot be read (URL.parse needs Node 20.18). */
function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://mock.invalid');
  } catch {
    return undefined;
  }
}

/** The request listener of one API's mock: every request gets an answer, whatever it carries. */
export function createHandler(ctx: HandlerContext) {
  const { api, quiet, log } = ctx.options;
  const codeField = ctx.contract.envelope.codeField;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = parseTarget(req.url);
    let status = 0;
    let codeText = '';
    try {
      setCorsHeaders(req, res);
      if (!url) {
        req.resume();
        const answer = mockProblem(400, 'Bad request target', `cannot read the request target ${JSON.stringify((req.url ?? '').slice(0, 100))}`);
        send(ctx, res, answer);
        status = answer.status;
      } else if (isPreflight(req)) {
        answerPreflight(req, res);
        status = 204;
      } else {
        const body = await readBody(req);
        if (body.kind === 'aborted') {
          codeText = ' (client went away)';
        } else {
          const answer = body.kind === 'tooLarge' ? tooLarge(body.bytes) : await answerFor(ctx, req, url, body);
          send(ctx, res, answer);
          status = answer.status;
          if (answer.code !== undefined) codeText = ` ${codeField}=${answer.code}`;
        }
      }
    } catch (error) {
      // A bug of the mock, not of the request: say so instead of leaving the client hanging.
      log(`${api} internal error: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) send(ctx, res, mockProblem(500, 'Mock internal error', String((error as Error)?.message ?? error)));
      else res.destroy();
      status = 500;
    }
    if (!quiet) log(requestLine(api, req.method ?? '?', url?.pathname ?? String(req.url), status, codeText, performance.now() - started));
  };
}
