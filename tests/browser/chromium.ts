// Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded browser),
// with the launch flags used on this machine, and a static server for a built page.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const hasChromium = existsSync(CHROMIUM);
/** Appended to a skipped describe's name, so a run without Chromium says why. */
export const chromiumSkipNote = hasChromium ? '' : ` — SKIPPED: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)`;

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/**
 * A built page's folder served on 127.0.0.1, port 0; `url` says `localhost` — a secure context (as a service worker
 * needs) and another origin than the mocks' 127.0.0.1.
 */
export async function serveFolder(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const site: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(dir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(site.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => site.close(() => resolve())) };
}
