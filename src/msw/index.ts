// MSW handlers for both APIs (the client package's `/msw` subpath; msw is an optional peer dependency).
export { createHandlers, createLingjuHandlers, createWeiduHandlers } from './handlers.ts';
export { mockFetch, createApiResponder, answerRequest, toMockRequest, preparedApi, type MockApi, type MockHandlerOptions } from './fetch.ts';
export { MockOptionError, type BehaviourOptions, type ChaosSpec, type DelaySpec } from '../mock/behaviour.ts';
