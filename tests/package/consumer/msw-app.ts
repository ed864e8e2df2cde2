// A consumer's MSW setup, type-checked with strict settings (tsconfig.msw-*.json).
import type { HttpHandler } from 'msw';
import { createLingjuHandlers, createWeiduHandlers, mockFetch, type MockHandlerOptions } from '@envelope-contract-kit/client/msw';
import { createLingjuClient } from '@envelope-contract-kit/client';

const options: MockHandlerOptions = { baseUrl: 'http://127.0.0.1:4011', delay: '100-300', chaos: { rate: 0.1, codes: [-1] }, seed: 1 };
export const handlers: HttpHandler[] = [...createLingjuHandlers(options), ...createWeiduHandlers({ code: 400 })];
export const client = createLingjuClient({ baseUrl: 'http://lingju.test', fetch: mockFetch('lingju', { example: 'appkeyInvalid' }) });
// @ts-expect-error — delay takes milliseconds, a range string or a DelaySpec, not a boolean
createLingjuHandlers({ delay: true });
