import type { Contract } from '../spec/load.ts';
import type { Answer } from './answers.ts';
import type { Behaviour } from './respond.ts';
import { createResponder, type Responder } from './respond.ts';
import { loadPrepared, type Prepared } from './prepare.ts';
import { createEngine, prismVerdict, type PrismEngine } from './prism.ts';
import type { MockRequest } from './request.ts';

/**
 * The server mock's core: the shared responder (respond.ts) over the API's prepared data, with Prism's library as
 * its engine for what the fast path does not answer (unusual negotiation or preferences, dynamic mode, `__server`).
 * Prism is loaded on the first such request, not at start-up: the prepared answers were Prism's to begin with.
 * No sockets, streams or logging here (handler.ts does the node:http side).
 */
export interface MockCore {
  answer(request: MockRequest): Promise<Answer>;
  /** Prepared data loaded (committed, or prepared now from a changed spec): how it was obtained. */
  ready(): Promise<Prepared['source']>;
}

export interface CoreContext extends Omit<Behaviour, 'example'> {
  contract: Contract;
  /** Prism's engine; created on first need when not given. */
  engine?: PrismEngine | Promise<PrismEngine>;
  /** false: every valid request goes through Prism (the differential test's reference path). */
  fastPath?: boolean;
}

/** The core for one API's mock. */
export function createMockCore(ctx: CoreContext): MockCore {
  const { contract } = ctx;
  let engine: Promise<PrismEngine> | undefined = ctx.engine === undefined ? undefined : Promise.resolve(ctx.engine);
  const getEngine = () => (engine ??= createEngine(contract.file));
  const validatesParameters = { value: false };
  let responder: Promise<{ responder: Responder; source: Prepared['source'] }> | undefined;
  const load = () =>
    (responder ??= loadPrepared(contract, getEngine).then(({ prepared, schemas, source }) => {
      validatesParameters.value = prepared.hasParameters;
      const behaviour: Behaviour = { errorHttpStatus: ctx.errorHttpStatus, credentials: ctx.credentials, delay: ctx.delay, chaos: ctx.chaos, seed: ctx.seed };
      const fastPath = ctx.fastPath ?? true;
      return { source, responder: createResponder({ prepared, schemas, behaviour, fastPath, engine: async (request) => prismVerdict(await getEngine(), contract, request, validatesParameters.value) }) };
    }));
  return {
    async answer(request) {
      return (await load()).responder.respond(request);
    },
    async ready() {
      return (await load()).source;
    },
  };
}
