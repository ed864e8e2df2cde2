import type { Contract } from '../../src/spec/index.ts';
import type { Masker } from '../engine/mask.ts';
import type { CheckName } from '../catalogue.ts';
import type { CasePurpose, CodeCoverage, Exchange, PlannedCase, Verdict } from '../types.ts';

/** What a check may read besides the exchange: the contract and whether valid credentials were given. */
export interface CheckContext {
  contract: Contract;
  /** Masks before anything is cut: excerpts of an answer never end in a secret's prefix. */
  masker: Pick<Masker, 'cut'>;
  /** True when the run has valid credentials for this API (or the API needs none). */
  credentialsKnown: boolean;
  /** Sentence telling how to provide credentials (env names), for skip reasons. */
  credentialsHint: string;
}

/** A check judged on every exchange of the purposes it applies to. */
export interface ExchangeCheck {
  scope: 'exchange';
  name: CheckName;
  appliesTo: readonly CasePurpose[];
  evaluate(exchange: Exchange, ctx: CheckContext): Verdict[];
}

/** A check judged once per API over all exchanges (reported, not failed). */
export interface RunCheck {
  scope: 'run';
  name: CheckName;
  evaluate(exchanges: readonly Exchange[], plan: readonly PlannedCase[], ctx: CheckContext): { verdicts: Verdict[]; coverage: CodeCoverage };
}

export type Check = ExchangeCheck | RunCheck;

export const ALL_PURPOSES: readonly CasePurpose[] = ['positive', 'negative', 'credentials', 'example', 'generated'];
