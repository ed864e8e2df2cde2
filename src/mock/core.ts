import type { Contract } from '../spec/load.ts';
import type { Answer } from './answers.ts';
import { createResponder, type Behaviour, type EngineRequest, type Responder } from './respond.ts';
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
  const { contract, engine: given, fastPath = true, ...behaviour } = ctx;
  let engine: Promise<PrismEngine> | undefined = given === undefined ? undefined : Promise.resolve(given);
  const getEngine = () => (engine ??= createEngine(contract.file));
  let responder: Promise<{ responder: Responder; source: Prepared['source'] }> | undefined;
  const load = () =>
    (responder ??= loadPrepared(contract, getEngine).then(({ prepared, schemas, source }) => {
      // Prism validates the request too only when the operation declares parameters (the core checks bodies only).
      const viaPrism = async (request: EngineRequest) => prismVerdict(await getEngine(), contract, request, prepared.hasParameters);
      return { source, responder: createResponder({ prepared, schemas, behaviour, fastPath, engine: viaPrism }) };
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
