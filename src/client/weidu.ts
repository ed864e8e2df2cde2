import createClient from 'openapi-fetch';
import type { components, paths } from '../generated/weidu.ts';
import { weiduContract } from '../generated/weidu-contract.ts';
import { requestContentType } from '../spec/media-type.ts';
import { callEnvelope, type EnvelopeResult } from './envelope-result.ts';
import { rawClientOptions, requestInit, type CallOptions, type ClientOptions } from './options.ts';

export type WeiduRequest = components['schemas']['AccountInfo'];
export type WeiduResponse = components['schemas']['AccountInfoResponse'];
/** The success code of x-error-envelope (200) is the only documented code; every other integer is an (undocumented) error. */
export type WeiduResult = EnvelopeResult<WeiduResponse, (typeof weiduContract)['envelope']['successCodes'][number], number>;

/** Typed client for weidu 保存入驻信息; errors come back as data (`kind`), never as throws. */
export function createWeiduClient(options: ClientOptions) {
  const raw = createClient<paths>(rawClientOptions(options));
  return {
    raw,
    /** POST /weidu/api/v1/users/accountinfo with the documented Content-Type. */
    saveAccountInfo(body: WeiduRequest, call?: CallOptions): Promise<WeiduResult> {
      const init = requestInit(call, { 'Content-Type': requestContentType(weiduContract) });
      return callEnvelope(weiduContract, () => raw.POST('/weidu/api/v1/users/accountinfo', { body, parseAs: 'text', ...init }), call?.signal);
    },
  };
}
