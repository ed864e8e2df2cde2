import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scratchDir, referenceCredentials } from '../run-helpers.ts';
import { cli, reportTexts } from './cli.ts';
import { startTarget, type HostileTarget } from './targets.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

let target: HostileTarget;
beforeAll(async () => {
  // ESC sequences (clear screen, a fake PASS line after a carriage return), BEL, NUL, C1 CSI and a bidi override,
  // in the body, in key names and in the message; some answers are not JSON at all.
  target = await startTarget((call) => {
    if (!call.contract) return void call.res.writeHead(404).end();
    const { codeField, messageField } = call.contract.envelope;
    const evil = '\u001b[2J\u001b[1;31mPWNED\u0007\u0000\r\nPASS — 999 passed\u009b31m\u202Egnp.exe';
    const body = call.n % 3 === 0 ? `${evil} not json` : JSON.stringify({ [codeField]: 8, [messageField]: evil, [`key${evil}`]: evil });
    call.res.writeHead(200, { 'Content-Type': call.n % 2 ? 'text/plain' : call.contract.envelope.contentType }).end(body);
  });
});
afterAll(async () => {
  await target.close();
});

describe('conformance > terminal escapes from a target never reach the console', () => {
  test('no control character in stdout or stderr; the reports keep the evidence visible as escapes', async () => {
    const dir = scratchDir();
    const run = await cli(['--api', 'lingju', '--target', target.url, '--seed', '41', '--report-dir', dir], { LINGJU_APPKEY: referenceCredentials.appkey, LINGJU_AUTHCODE: referenceCredentials.authcode });
    expect(run.code, run.stderr).toBe(1);
    expect(CONTROL.exec(run.stdout)?.index, 'stdout').toBeUndefined();
    expect(CONTROL.exec(run.stderr)?.index, 'stderr').toBeUndefined();
    expect(run.stdout).not.toMatch(/^PASS — 999 passed/m);
    expect(run.stdout).toContain('\\x1B[2J');
    const texts = reportTexts(dir);
    expect(CONTROL.test(texts['report.html']!)).toBe(false);
    expect(CONTROL.test(texts['junit.xml']!)).toBe(false);
  });
});
