// The Chromium side of tests/msw/browser.test.ts: the table against the running server mocks (cross-origin, CORS),
// then the same table with msw/browser's service worker answering from the handlers.
import { setupWorker } from 'msw/browser';
import { createLingjuHandlers, createWeiduHandlers } from '../../../src/msw/index.ts';
import { sendCase, type Reply, type TableCase } from '../send.ts';

declare global {
  interface Window {
    runTable: (table: TableCase[], urls: Record<'weidu' | 'lingju', string>) => Promise<{ server: Reply[]; msw: Reply[]; matched: number }>;
  }
}

window.runTable = async (table, urls) => {
  const server: Reply[] = [];
  for (const c of table) server.push(await sendCase(urls[c.api], c));
  const worker = setupWorker(...createWeiduHandlers({ baseUrl: urls.weidu }), ...createLingjuHandlers({ baseUrl: urls.lingju }));
  let matched = 0;
  worker.events.on('request:match', () => void matched++);
  await worker.start({ onUnhandledRequest: 'error', quiet: true });
  const msw: Reply[] = [];
  try {
    for (const c of table) msw.push(await sendCase(urls[c.api], c));
  } finally {
    worker.stop();
  }
  return { server, msw, matched };
};
