import { describe, expect, test } from 'vitest';
import { notAServerError } from '../../../conformance/checks/not-a-server-error.ts';
import { context, exchange } from '../helpers.ts';

describe('conformance > not_a_server_error', () => {
  test.each([
    ['an envelope answer', exchange({ api: 'lingju', body: { status: 8, description: 'x' } }), 'passed', undefined],
    ['HTTP 400 with an envelope (HTTP status of errors is open)', exchange({ api: 'lingju', status: 400, body: { status: 8 } }), 'passed', undefined],
    ['HTTP 500', exchange({ api: 'weidu', status: 500, rawBody: 'Internal Server Error', contentType: 'text/plain' }), 'failure', 'HTTP 500'],
    ['HTTP 503', exchange({ api: 'weidu', status: 503, rawBody: '' }), 'failure', 'HTTP 503'],
    ['a server-fault code in a 200 envelope', exchange({ api: 'lingju', body: { status: -1, description: '系统异常' } }), 'failure', 'server-fault code -1'],
    ['a timeout', exchange({ api: 'lingju', transport: { kind: 'timeout', message: 'no complete answer within 100 ms' } }), 'failure', 'timeout'],
    ['a reset connection', exchange({ api: 'lingju', transport: { kind: 'reset', message: 'connection reset (ECONNRESET)' } }), 'failure', 'connection reset'],
  ])('%s', (_name, ex, outcome, summary) => {
    const [verdict] = notAServerError.evaluate(ex, context(ex.case.api));
    expect(verdict!.outcome).toBe(outcome);
    if (summary) expect(verdict!.summary).toBe(summary);
  });
});
