// Built with Vite and run in Chromium: the mocks' base URLs come from the page's query string.
import { createLingjuClient, createWeiduClient } from '@envelope-contract-kit/client';
import { lingjuContract } from '@envelope-contract-kit/client/codes';

const query = new URLSearchParams(location.search);
const cases = JSON.parse(query.get('cases') ?? '{}') as { weiduValid: { user_id: string }; lingjuValid: { appkey: string; userid: string; authcode: string }; lingjuErrorExample: string };
const weidu = createWeiduClient({ baseUrl: query.get('weidu') ?? '' });
const lingju = createLingjuClient({ baseUrl: query.get('lingju') ?? '' });

async function run() {
  const pick = (r: { kind: string; code?: unknown; meaning?: { category: string }; aborted?: boolean }) => ({ kind: r.kind, code: r.code, category: r.meaning?.category, aborted: r.aborted });
  const slow = new AbortController();
  const aborted = lingju.syncUserInfo(cases.lingjuValid, { signal: slow.signal });
  slow.abort();
  return {
    weiduValid: pick(await weidu.saveAccountInfo(cases.weiduValid)),
    lingjuValid: pick(await lingju.syncUserInfo(cases.lingjuValid)),
    lingjuNamedError: pick(await lingju.syncUserInfo(cases.lingjuValid, { headers: { Prefer: `example=${cases.lingjuErrorExample}` } })),
    lingjuAborted: pick(await aborted),
    contract: lingjuContract.api,
  };
}

(window as unknown as { results: Promise<unknown> }).results = run();
