import fc from 'fast-check';
import { ToolkitError } from '../../src/errors.ts';
import { loadContract, requestTree, type ApiName, type Contract, type FieldNode } from '../../src/spec/index.ts';
import { collectViolations } from '../../src/validation/index.ts';
import { applyMutation, mutationTargets, pathPatterns, starsIn, unknownFieldName, wrongValueArb, type MutationTarget } from './mutations.ts';
import { compactPath } from './replay.ts';
import { wireJson, type GeneratedRequest } from './request.ts';
import { valueArb } from './values.ts';

/** Generated bodies stay under this size (a gateway's usual limit is 1 MiB): a size limit is not what is tested. */
export const MAX_GENERATED_BYTES = 256 * 1024;

/**
 * The generator of one API: schema-valid requests and single schema-invalid mutations, half and half, every value
 * confirmed by ajv (the project's one validator) before it can be sent. It depends on the spec and the fixed
 * field values only, never on --only or the budget, so a fast-check path replays on any later run with its seed.
 */
export interface ApiGenerator {
  api: ApiName;
  contract: Contract;
  arbitrary: fc.Arbitrary<GeneratedRequest>;
  /** The mutations it draws from, for tests and the dry run. */
  targets: readonly MutationTarget[];
}

const fits = (body: unknown) => Buffer.byteLength(wireJson(body)) <= MAX_GENERATED_BYTES;

/** Whether ajv finds a body valid (stops at the first violation). */
export const isValidRequest = (api: ApiName, body: unknown): boolean => collectViolations(api, 'request', body, 1).violations.length === 0;

/** Whether ajv finds the mutation's own violation in the mutated body (at its path, for its keyword). */
function breaks(api: ApiName, body: unknown, path: string, keyword: string): boolean {
  return collectViolations(api, 'request', body, 20).violations.some((v) => v.path === path && v.keyword === keyword);
}

export function mutationArb(api: ApiName, tree: FieldNode, target: MutationTarget, fixed: Readonly<Record<string, unknown>>): fc.Arbitrary<GeneratedRequest> {
  const stars = starsIn(target);
  return fc
    .tuple(
      valueArb(tree, { fixed, keep: pathPatterns(target) }),
      fc.array(fc.nat(), { minLength: stars, maxLength: stars }),
      wrongValueArb(target),
      target.kind === 'unknown-field' ? unknownFieldName(target.node) : fc.constant(''),
    )
    .map(([body, indices, value, name]) => applyMutation(body, target, indices, value, name))
    .filter((r): r is NonNullable<typeof r> => r !== undefined && fits(r.body) && breaks(api, r.body, r.mutation.path, target.keyword))
    .map((r): GeneratedRequest => ({ body: r.body, mutation: r.mutation }));
}

const built = new Map<string, ApiGenerator>();

/** `fixed`: values by field pattern that generation must not vary (the target's credentials). Built once per process. */
export function apiGenerator(api: ApiName, fixed: Readonly<Record<string, unknown>> = {}): ApiGenerator {
  const key = `${api}\u0000${JSON.stringify(fixed)}`;
  let generator = built.get(key);
  if (!generator) {
    if (built.size > 16) built.clear();
    generator = buildGenerator(api, fixed);
    built.set(key, generator);
  }
  return generator;
}

function buildGenerator(api: ApiName, fixed: Readonly<Record<string, unknown>>): ApiGenerator {
  const contract = loadContract(api);
  const tree = requestTree(contract);
  const valid = valueArb(tree, { fixed })
    .filter((body) => fits(body) && isValidRequest(api, body))
    .map((body): GeneratedRequest => ({ body }));
  const targets = mutationTargets(tree);
  const invalid = fc.oneof(...targets.map((t) => mutationArb(api, tree, t, fixed)));
  return { api, contract, arbitrary: fc.oneof(valid, invalid), targets };
}

/** The property fast-check runs, samples and replays: the same arbitrary, whatever the predicate. */
export function generatedProperty(generator: ApiGenerator, predicate: (value: GeneratedRequest) => Promise<boolean>): fc.IAsyncProperty<[GeneratedRequest]> {
  return fc.asyncProperty(generator.arbitrary, predicate);
}

/**
 * The values of runs `from` … `from + count - 1` for a seed, exactly as fast-check's check of the property draws
 * them (sampling the arbitrary itself: a sampled property would be biased twice and draw other values).
 */
export function sampleRuns(generator: ApiGenerator, seed: number, from: number, count: number): GeneratedRequest[] {
  return fc.sample(generator.arbitrary, { seed, path: String(from), numRuns: count });
}

/**
 * The value at a fast-check path (`41:0:2`): a run, then shrink steps. A path that does not exist for the seed is
 * the user's mistake (another run's seed, a mistyped path), a ToolkitError, whether running or in a dry run.
 */
export function valueAtPath(generator: ApiGenerator, seed: number, path: string): GeneratedRequest {
  let value: GeneratedRequest | undefined;
  try {
    [value] = fc.sample(generator.arbitrary, { seed, path, numRuns: 1 });
  } catch {
    // fast-check: "Unable to replay, got wrong path" (a shrink step that does not exist).
  }
  if (!value) throw new ToolkitError('BAD_REPLAY', `--replay ${generator.api}:${compactPath(path)}: no such generated request for seed ${seed} (use the seed the report printed)`);
  return value;
}
