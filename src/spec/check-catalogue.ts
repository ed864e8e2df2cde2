import { lookupCode } from './codes.ts';
import { credentialFields } from './credentials.ts';
import type { Contract } from './load.ts';
import type { ViolationKind } from './types.ts';

/**
 * The catalogue of conformance checks: the name is the CLI/config key (--only) and appears in every report.
 * It lives in src/spec, downstream of the spec and upstream of both readers: the conformance suite runs the checks,
 * the review pack says which check exercises which documented code (neither imports the other).
 * `provokes` says what a check sends for: the success answer and/or kinds of request violation. The code
 * categories that follows from it are read from the spec (checkCategories), so the review pack can say which
 * check exercises which documented code without restating the table.
 */
export interface CheckInfo {
  name: string;
  /** One line, shown in reports. */
  title: string;
  provokes: readonly ('success' | ViolationKind)[];
}

export const checkCatalogue = [
  { name: 'positive_acceptance', title: 'Valid requests (full, minimal, each optional field alone) get the success code', provokes: ['success'] },
  { name: 'envelope_conformance', title: 'Every answer is the documented envelope: JSON object, integer documented code, the message the documents give success and error answers', provokes: [] },
  { name: 'content_type_conformance', title: 'Every answer is UTF-8 JSON (media type compared, charset case-insensitive, the body\'s bytes UTF-8)', provokes: [] },
  { name: 'not_a_server_error', title: 'No 5xx, reset connection, timeout or server-fault code, for any input', provokes: [] },
  { name: 'negative_rejection', title: 'Every invalid request gets a non-success code within its accepted set (graded by what the expectation rests on)', provokes: ['body', 'required', 'optional'] },
  { name: 'credentials', title: 'A made-up appkey and a wrong authcode are refused with the code the table names for each', provokes: ['credentials'] },
  { name: 'example_replay', title: "The document's own example request, replayed as recorded, is answered as the vendor answered it (information, never a failure)", provokes: [] },
  { name: 'error_code_coverage', title: 'Which documented codes were observed, can be provoked, or cannot be provoked from outside', provokes: [] },
] as const satisfies readonly CheckInfo[];

export type CheckName = (typeof checkCatalogue)[number]['name'];

/** The code categories a check provokes on an API: success codes' category, or the spec's violationCategories. */
export function checkCategories(check: CheckInfo, contract: Contract): string[] {
  const categories = check.provokes.flatMap((p): readonly string[] => {
    if (p === 'success') return contract.envelope.successCodes.map((c) => lookupCode(contract, c)?.category ?? 'success');
    if (p === 'credentials' && credentialFields(contract).length === 0) return []; // an API without credentials
    return contract.envelope.violationCategories[p];
  });
  return [...new Set(categories)];
}
