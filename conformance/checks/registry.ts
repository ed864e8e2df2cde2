import { checkCatalogue, type CheckName } from '../catalogue.ts';
import { contentTypeConformance } from './content-type-conformance.ts';
import { credentials } from './credentials.ts';
import { envelopeConformance } from './envelope-conformance.ts';
import { errorCodeCoverage } from './error-code-coverage.ts';
import { exampleReplay } from './example-replay.ts';
import { negativeRejection } from './negative-rejection.ts';
import { notAServerError } from './not-a-server-error.ts';
import { positiveAcceptance } from './positive-acceptance.ts';
import type { Check } from './types.ts';

/** Every check of the catalogue, by name (the --only key). A test asserts the two lists agree. */
export const checks: Readonly<Record<CheckName, Check>> = {
  positive_acceptance: positiveAcceptance,
  envelope_conformance: envelopeConformance,
  content_type_conformance: contentTypeConformance,
  not_a_server_error: notAServerError,
  negative_rejection: negativeRejection,
  credentials,
  example_replay: exampleReplay,
  error_code_coverage: errorCodeCoverage,
};

export const checkNames = checkCatalogue.map((c) => c.name) as CheckName[];

export function isCheckName(name: string): name is CheckName {
  return (checkNames as string[]).includes(name);
}

export const checkTitle = (name: CheckName): string => checkCatalogue.find((c) => c.name === name)!.title;
