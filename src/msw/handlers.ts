import { http, type HttpHandler } from 'msw';
import { answerRequest, createApiResponder, preparedApi, type MockApi, type MockHandlerOptions } from './fetch.ts';

/**
 * Request handlers that answer one API exactly as the server mock does — the same core (src/mock/respond.ts), the
 * same prepared answers (Prism's), violation → code mapping, named examples, `Prefer: code=`, credentials mode,
 * delay and chaos — for `setupServer` (msw/node) and `setupWorker` (msw/browser).
 */
export function createHandlers(api: MockApi, options: MockHandlerOptions = {}): HttpHandler[] {
  const responder = createApiResponder(api, options);
  const base = options.baseUrl?.replace(/\/+$/, '');
  const resolver = ({ request }: { request: Request }) => answerRequest(responder, request);
  const handlers = [http.all(`${base ?? '*'}${preparedApi(api).path}`, resolver)];
  // Given where the API lives, other paths there get the server mock's 404/405 problem details too.
  if (base !== undefined) handlers.push(http.all(`${base}/*`, resolver));
  return handlers;
}

/** lingju 用户信息同步接口, `POST /serverapi/userinfo.do`. */
export const createLingjuHandlers = (options: MockHandlerOptions = {}): HttpHandler[] => createHandlers('lingju', options);
/** weidu 保存入驻信息, `POST /weidu/api/v1/users/accountinfo`. */
export const createWeiduHandlers = (options: MockHandlerOptions = {}): HttpHandler[] => createHandlers('weidu', options);
