import { loadContract, type ApiName } from '../../src/spec/index.ts';
import type { Exchange, Finding, PlannedCase } from '../types.ts';
import type { Sender } from './http.ts';
import type { Masker } from './mask.ts';
import { operationUrl } from './plan.ts';
import { detectOwnMockWithoutCredentials, signalOf, SignalTally } from './target-hints.ts';

/**
 * Watches a run's answers for signs that the target rather than the server is wrong (target-hints.ts): a tally
 * per API, and one probe per API when a made-up credential was accepted (is it our own mock without credentials?).
 */
export class TargetWatch {
  private readonly tallies = new Map<ApiName, SignalTally>();
  private readonly probes = new Map<ApiName, Promise<string | undefined>>();
  private readonly ownMock = new Map<ApiName, string>();

  constructor(
    private readonly masker: Masker,
    private readonly context: { apis: readonly ApiName[]; targets: Partial<Record<ApiName, string>>; embedded: boolean; proxies?: Partial<Record<ApiName, string>> },
  ) {}

  /** Counts one (masked) answer. */
  observe(exchange: Exchange): void {
    const api = exchange.case.api;
    let tally = this.tallies.get(api);
    if (!tally) this.tallies.set(api, (tally = new SignalTally()));
    tally.add(signalOf(loadContract(api), exchange, (text, max) => this.masker.cut(text, max)));
  }

  /**
   * A made-up credential accepted by a target that is not the embedded mock: if it is this project's mock started
   * without credentials, say so (one probe per API; the run then ends with exit 2 and how to start the mock).
   */
  async afterCase(c: PlannedCase, exchange: Exchange, findings: readonly Finding[], sender: () => Sender): Promise<void> {
    if (this.context.embedded || c.purpose !== 'credentials' || !looksLikeOurMock(exchange)) return;
    if (!findings.some((f) => f.check === 'credentials' && f.severity === 'failure' && f.impact === 'invalid-accepted')) return;
    let probe = this.probes.get(c.api);
    if (!probe) {
      probe = detectOwnMockWithoutCredentials(sender(), c, loadContract(c.api)).catch(() => undefined);
      this.probes.set(c.api, probe);
    }
    const line = await probe;
    if (line) this.ownMock.set(c.api, this.masker.text(line));
  }

  /** One line per API whose every answer points at the target rather than the server (the run then ends with exit 2). */
  hints(): string[] {
    if (this.context.embedded) return [];
    const hints: string[] = [];
    for (const api of this.context.apis) {
      const own = this.ownMock.get(api);
      if (own) {
        hints.push(own);
        continue;
      }
      const target = this.context.targets[api];
      const contract = loadContract(api);
      const hint = target ? this.tallies.get(api)?.hint(api, contract, operationUrl(target, contract), { target, proxy: this.context.proxies?.[api] }) : undefined;
      if (hint) hints.push(this.masker.text(hint.line));
    }
    return hints;
  }
}

/**
 * The mock's CORS answer to a request without Origin (prism-http-server's, kept by src/mock/cors.ts): `*` exposed
 * headers and `Vary: Origin`. Only then is the probe worth a request; the probe itself decides.
 */
function looksLikeOurMock(exchange: Exchange): boolean {
  const headers = exchange.response?.headers ?? {};
  return headers['access-control-expose-headers'] === '*' && /\borigin\b/i.test(headers.vary ?? '');
}
