// Plain Node ESM, as an app would run it: the package by name, no tsx, no TypeScript.
import { createLingjuClient, createWeiduClient } from '@envelope-contract-kit/client';
import { createLingjuClient as fromClientSubpath } from '@envelope-contract-kit/client/client';
import { describeCode, lingjuContract, weiduContract } from '@envelope-contract-kit/client/codes';
import * as types from '@envelope-contract-kit/client/types';

const { WEIDU_URL, LINGJU_URL, CASES } = process.env;
const cases = JSON.parse(CASES);
const weidu = createWeiduClient({ baseUrl: WEIDU_URL });
const lingju = createLingjuClient({ baseUrl: LINGJU_URL });
const pick = (r) => ({ kind: r.kind, code: r.code, category: r.meaning?.category, aborted: r.aborted });

let deepImport = 'allowed';
try {
  await import('@envelope-contract-kit/client/dist/client/index.js');
} catch (error) {
  deepImport = error.code;
}

console.log(
  JSON.stringify({
    weiduValid: pick(await weidu.saveAccountInfo(cases.weiduValid)),
    lingjuValid: pick(await lingju.syncUserInfo(cases.lingjuValid)),
    lingjuNamedError: pick(await lingju.syncUserInfo(cases.lingjuValid, { headers: { Prefer: `example=${cases.lingjuErrorExample}` } })),
    lingjuInvalid: pick(await lingju.syncUserInfo({})),
    lingjuAborted: pick(await lingju.syncUserInfo(cases.lingjuValid, { signal: AbortSignal.abort() })),
    subpathIsSame: fromClientSubpath === createLingjuClient,
    codes: [weiduContract.api, lingjuContract.api, describeCode(lingjuContract, 6)],
    typesModule: Object.keys(types).sort(),
    deepImport,
  }),
);
