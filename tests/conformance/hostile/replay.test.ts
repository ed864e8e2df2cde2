import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../run-helpers.ts';
import { answerJson, startTarget, successEnvelope, type HostileTarget } from './targets.ts';

let target: HostileTarget;
const perSocket = new WeakMap<Socket, number>();
beforeAll(async () => {
  // Keeps connections alive, and resets every second request that arrives on an already used socket.
  target = await startTarget((call) => {
    const seen = (perSocket.get(call.req.socket) ?? 0) + 1;
    perSocket.set(call.req.socket, seen);
    if (seen % 2 === 0) return void call.req.socket.resetAndDestroy();
    if (!call.contract) return void call.res.writeHead(404).end();
    answerJson(call, JSON.stringify(successEnvelope(call.contract.api)), { Connection: 'keep-alive' });
  });
});
afterAll(async () => {
  await target.close();
});

describe('conformance > a POST is never replayed', () => {
  test('a target resetting every second request on a kept-alive socket gets exactly one request per planned case; each reset is a finding', async () => {
    const { result } = await run(target.url, { apis: ['lingju'], concurrency: 2 });
    const sent = result.cases.filter((c) => c.sent).length;
    expect(target.requests).toBe(sent);
    const resets = result.findings.filter((f) => f.check === 'not_a_server_error' && f.severity === 'failure' && f.summary === 'connection reset');
    expect(resets.length).toBeGreaterThan(10);
    expect(result.apis[0]!.scores.not_a_server_error.failure).toBe(resets.length);
  });
});
