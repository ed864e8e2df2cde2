// Plain Node ESM with msw installed beside the client: the /msw subpath answers the typed client in process.
import { setupServer } from 'msw/node';
import { createLingjuClient } from '@envelope-contract-kit/client';
import { createLingjuHandlers, mockFetch } from '@envelope-contract-kit/client/msw';

const server = setupServer(...createLingjuHandlers({ baseUrl: 'http://lingju.test' }));
server.listen({ onUnhandledRequest: 'error' });
const lingju = createLingjuClient({ baseUrl: 'http://lingju.test' });
const user = { appkey: 'k', userid: '00:1A:2B:3C:4D:5E', authcode: 'a' };
const pick = (r) => ({ kind: r.kind, code: r.code });
const valid = pick(await lingju.syncUserInfo(user));
const byCode = pick(await lingju.syncUserInfo(user, { headers: { Prefer: 'code=6' } }));
const invalid = pick(await lingju.syncUserInfo({}));
server.use(...createLingjuHandlers({ baseUrl: 'http://lingju.test', example: 'systemError' }));
const perTest = pick(await lingju.syncUserInfo(user));
server.close();
const viaFetch = pick(await createLingjuClient({ baseUrl: 'http://x.test', fetch: mockFetch('lingju', { code: 11 }) }).syncUserInfo(user));
console.log(JSON.stringify({ valid, byCode, invalid, perTest, viaFetch }));
