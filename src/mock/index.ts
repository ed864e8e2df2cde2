export { startMock } from './server.ts';
export { defaultPorts, defaultHost, credentialEnvName, type MockOptions, type RunningMock } from './options.ts';
export { credentialFields } from './credentials.ts';
export { MAX_BODY_BYTES } from './body.ts';
export { curlFor, shellQuote } from './curl.ts';
export { exampleTriggers, type ExampleTrigger } from './examples.ts';
export { mockBanner } from './banner.ts';
export { curlDemos, type CurlDemo } from './demo.ts';
