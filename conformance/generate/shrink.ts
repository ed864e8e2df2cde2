import fc from 'fast-check';
import type { Basis } from '../../src/spec/index.ts';
import type { CheckName } from '../catalogue.ts';
import type { Probe } from '../engine/session-types.ts';
import type { GeneratedOrigin, PlannedCase } from '../types.ts';
import { generatedProperty, type ApiGenerator } from './generator.ts';
import { requestKey, type GeneratedRequest } from './request.ts';
import type { GenerationHost } from './run.ts';
import { SHRINK_LIMITS, type GeneratedFault, type GenerationSummary } from './types.ts';

/** Kinds of findings generation meets, and shrinking a failure to its smallest request against the target. */

/** A generated request as a planned case (its id, and its origin once kept). */
export type Build = (value: GeneratedRequest, id: string, origin?: GeneratedOrigin) => PlannedCase;

/** A kind of finding met while generating, with the first request that showed it. */
export interface Fault extends GeneratedFault {
  signature: string;
  runIndex: number;
  value: GeneratedRequest;
  probe: Probe;
  bytes: number;
}

/** Which check names a fault that breaks several: the most telling first. */
const FAULT_ORDER: readonly CheckName[] = ['not_a_server_error', 'negative_rejection', 'positive_acceptance', 'credentials', 'envelope_conformance', 'content_type_conformance', 'example_replay'];
export const rank = (check: CheckName) => (FAULT_ORDER.includes(check) ? FAULT_ORDER.indexOf(check) : FAULT_ORDER.length);

const normalise = (text: string | undefined) => (text ?? '').replace(/(^|\/)\d+(?=\/|$|\)|\s)/g, '$1*');
const basisKey = (b: Basis | undefined) => (!b ? '-' : b.kind === 'decision' ? `decision ${b.decision}` : `${b.kind} ${b.source.document}:${b.source.line}`);

/**
 * One kind of finding: check, grade, basis and summary (array indices made `*`); for a negative_rejection
 * failure the field too (each field's documented text is its own expectation). The same server fault on any
 * request is one kind, and so is every warning resting on one decision (null accepted anywhere: W29).
 */
export function signatures(probe: Probe): Array<{ signature: string; group: Probe['graded'][number] }> {
  return probe.graded
    .filter((g) => g.severity === 'failure' || g.severity === 'warning' || g.severity === 'info')
    .map((group) => {
      const v = group.verdicts[0]!;
      if (group.severity !== 'failure') return { signature: `${group.check}|${group.severity}|${basisKey(v.basis)}`, group };
      const field = group.check === 'negative_rejection' ? `|${normalise(v.field)}` : '';
      return { signature: `${group.check}|${group.severity}|${basisKey(v.basis)}|${normalise(v.summary)}${field}`, group };
    });
}

/**
 * fast-check shrinks from the run that first failed, with a predicate that sends each candidate once and fails only
 * on the same kind of finding (so shrinking cannot slip to another fault); past the bounds fast-check is interrupted,
 * and the smallest request confirmed failing so far is the counterexample.
 */
export async function shrink(host: GenerationHost, generator: ApiGenerator, fault: Fault, summary: GenerationSummary, build: Build): Promise<{ value: GeneratedRequest; probe: Probe; path: string; shrinks: number }> {
  const until = performance.now() + SHRINK_LIMITS.ms;
  const keyOf = (value: GeneratedRequest) => requestKey(build(value, `${generator.api}/generated/shrink`));
  // Verdicts by request bytes (a candidate seen before is never sent again); only the latest failing exchange is
  // kept in memory (fast-check's counterexample is the last candidate that failed), whatever the answers weigh.
  const memo = new Map<string, boolean>();
  let current = { key: keyOf(fault.value), probe: fault.probe };
  memo.set(current.key, false);
  let spent = 0;
  let stopped = false;
  const property = generatedProperty(generator, async (value) => {
    const key = keyOf(value);
    const known = memo.get(key);
    if (known !== undefined) return known || key !== current.key;
    // Out of budget: interrupt fast-check (it would otherwise walk every remaining candidate); the last failing one stands.
    if (stopped || spent >= SHRINK_LIMITS.requests || performance.now() >= until) throw new fc.PreconditionFailure(true);
    spent++;
    const probe = await host.probe(build(value, `${generator.api}/generated/shrink`));
    if (probe.notSent) {
      stopped = true;
      throw new fc.PreconditionFailure(true);
    }
    summary.sent++;
    summary.shrinking++;
    const passes = !signatures(probe).some((s) => s.signature === fault.signature);
    memo.set(key, passes);
    if (!passes) current = { key, probe };
    return passes;
  });
  const details = await fc.check(property, { seed: host.settings.seed, path: String(fault.runIndex), numRuns: 1 });
  const value = details.counterexample?.[0];
  if (!details.failed || !value || keyOf(value) !== current.key) return { value: fault.value, probe: fault.probe, path: String(fault.runIndex), shrinks: 0 };
  return { value, probe: current.probe, path: details.counterexamplePath ?? String(fault.runIndex), shrinks: details.numShrinks };
}
