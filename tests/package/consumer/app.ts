// Type-checked only: the public types under a consumer's strict settings (see tsconfig.*.json).
import { createLingjuClient, createWeiduClient, type CallOptions, type ClientOptions, type LingjuResult, type WeiduRequest } from '@envelope-contract-kit/client';
import { createWeiduClient as fromClientSubpath } from '@envelope-contract-kit/client/client';
import { describeCode, lingjuContract, type ErrorCodeEntry } from '@envelope-contract-kit/client/codes';
import type { lingju, weidu } from '@envelope-contract-kit/client/types';

type UserInfo = lingju.components['schemas']['UserInfo'];
type AccountInfo = weidu.components['schemas']['AccountInfo'];

const options: ClientOptions = { baseUrl: 'http://127.0.0.1:4011', headers: { 'X-App': 'consumer' } };
const lingjuClient = createLingjuClient(options);
const weiduClient = fromClientSubpath({ baseUrl: 'http://127.0.0.1:4010', fetch: globalThis.fetch });
const user: UserInfo = { appkey: 'k', userid: '00:1A:2B:3C:4D:5E', authcode: 'a', sex: 'f', weight: 52 };
const account: AccountInfo & WeiduRequest = { user_id: 'u1', gender: 2, work_list: [{ type: 6, file_infos: [{ size: 1, has_pre_img: false }] }] };

/** Every outcome handled; `never` proves the union is closed. */
export function describe(result: LingjuResult): string {
  switch (result.kind) {
    case 'success':
      return `saved (${result.code satisfies 0})`;
    case 'error':
      return `${result.code}: ${result.meaning.zh} / ${result.meaning.en}`;
    case 'undocumented':
      return result.reason;
    case 'transport':
      return result.aborted ? 'cancelled' : result.reason;
    default:
      return result satisfies never;
  }
}

export async function save(signal?: AbortSignal): Promise<string> {
  // A maybe-undefined signal is fine even under exactOptionalPropertyTypes.
  const call: CallOptions = { signal, headers: { Prefer: 'example=appkeyInvalid' } };
  const [a, b] = await Promise.all([lingjuClient.syncUserInfo(user, call), weiduClient.saveAccountInfo(account, { signal })]);
  const entry: ErrorCodeEntry | undefined = lingjuContract.codes[0];
  return `${describe(a)} ${b.kind} ${describeCode(lingjuContract, 6)} ${entry?.zh ?? ''}`;
}

// @ts-expect-error weight is an integer, not a string
void lingjuClient.syncUserInfo({ ...user, weight: '52' });
// @ts-expect-error gender is not a lingju field (the table says sex)
void lingjuClient.syncUserInfo({ ...user, gender: 'f' });
// @ts-expect-error exactOptionalPropertyTypes: an optional field is absent or a string, never undefined
void weiduClient.saveAccountInfo({ user_id: 'u', username: undefined });
// @ts-expect-error a signal is an AbortSignal
void weiduClient.saveAccountInfo(account, { signal: 5000 });
