import { compareDecisionIds, documentExchange, exampleEvidence, isSuccessCode, type Basis, type Contract } from '../../src/spec/index.ts';
import { describeAnswer, readEnvelope } from './answer.ts';
import type { ExchangeCheck } from './types.ts';
import { broken } from './verdict.ts';

/**
 * The document's own example request, replayed as recorded, is an oracle: a server answering it as the vendor
 * did passes; one answering otherwise is reported as information (stricter than the vendor's own example),
 * never failed. The envelope, Content-Type and server-error checks still judge the answer itself.
 */
export const exampleReplay: ExchangeCheck = {
  scope: 'exchange',
  name: 'example_replay',
  appliesTo: ['example'],
  evaluate(exchange, ctx) {
    const { contract } = ctx;
    const recorded = documentExchange(contract);
    if (!recorded) return [{ outcome: 'skipped', summary: 'the spec has no x-document-examples' }];
    const reading = readEnvelope(ctx, exchange);
    const { codeField } = contract.envelope;
    const received = describeAnswer(ctx, exchange);
    const basis = replayBasis(contract);
    if (recorded.response) {
      const code = (recorded.response.value as Record<string, unknown>)[codeField];
      if (reading.kind === 'envelope' && reading.code === code) return [{ outcome: 'passed' }];
      return [broken(basis, { summary: "answered the document's example otherwise than the vendor did", received, documented: `the recorded answer: HTTP ${recorded.response.status} ${JSON.stringify(recorded.response.value)}` })];
    }
    if (reading.kind === 'envelope' && isSuccessCode(contract, reading.code)) return [{ outcome: 'passed' }];
    return [broken(basis, { summary: "refused the document's example request", received, documented: 'the request the document gives as its example (it records no answer)' })];
  },
};

/** The example exchange as a basis: its line, what the vendor answered, and the decisions about how it deviates. */
function replayBasis(contract: Contract): Basis {
  const exchange = documentExchange(contract)!;
  const decisions = [...new Set(exampleEvidence(contract).flatMap((e) => e.decisions))].sort(compareDecisionIds);
  const shows = exchange.response ? `answered HTTP ${exchange.response.status} ${JSON.stringify(exchange.response.value)}` : 'sent as the example request (no answer recorded)';
  const text = exchange.request.curl ? `${exchange.request.curl} (Content-Type ${exchange.request.contentType})` : exchange.request.file;
  return { kind: 'example', source: { ...exchange.request.source, text }, shows, file: exchange.request.file, decisions };
}
