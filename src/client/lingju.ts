import createClient from 'openapi-fetch';
import type { components, paths } from '../generated/lingju.ts';
import { lingjuContract } from '../generated/lingju-contract.ts';
import { requestContentType } from '../spec/media-type.ts';
import { callEnvelope, type EnvelopeResult } from './envelope-result.ts';
import { rawClientOptions, requestInit, type CallOptions, type ClientOptions } from './options.ts';

export type LingjuRequest = components['schemas']['UserInfo'];
export type LingjuResponse = components['schemas']['UserInfoResponse'];
export type LingjuStatus = LingjuResponse['status'];
/** The success code(s) of x-error-envelope, as a type. */
type LingjuSuccess = (typeof lingjuContract)['envelope']['successCodes'][number];
export type LingjuResult = EnvelopeResult<LingjuResponse, Extract<LingjuStatus, LingjuSuccess>, Exclude<LingjuStatus, LingjuSuccess>>;

/** Typed client for lingju 用户信息同步接口; errors come back as data (`kind`), never as throws. */
export function createLingjuClient(options: ClientOptions) {
  const raw = createClient<paths>(rawClientOptions(options));
  return {
    raw,
    /** POST /serverapi/userinfo.do with the documented Content-Type. */
    syncUserInfo(body: LingjuRequest, call?: CallOptions): Promise<LingjuResult> {
      const init = requestInit(call, { 'Content-Type': requestContentType(lingjuContract) });
      return callEnvelope(lingjuContract, () => raw.POST('/serverapi/userinfo.do', { body, parseAs: 'text', ...init }), call?.signal);
    },
  };
}
