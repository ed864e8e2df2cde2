/**
 * The catalogue of conformance checks: the name is the CLI/config key (--only) and appears in every report.
 * `categories` lists the error-code categories (x-error-codes) a check provokes or observes, so the review
 * pack can say which check exercises which documented code.
 */
export interface CheckInfo {
  name: string;
  /** One line, shown in reports. */
  title: string;
  categories: readonly string[];
}

export const checkCatalogue = [
  { name: 'positive_acceptance', title: 'Valid requests (full, minimal, each optional field alone) get the success code', categories: ['success'] },
  { name: 'envelope_conformance', title: 'Every answer is the documented envelope: JSON object, integer documented code, string message', categories: [] },
  { name: 'content_type_conformance', title: 'Every answer is JSON (media type compared, charset case-insensitive)', categories: [] },
  { name: 'not_a_server_error', title: 'No 5xx, reset connection or timeout, for any input', categories: [] },
  { name: 'negative_rejection', title: 'Every invalid request gets a non-success code within its accepted set', categories: ['parameter', 'data-format', 'undocumented'] },
  { name: 'credentials', title: 'A made-up appkey and a wrong authcode are refused with the credential codes', categories: ['credentials', 'account-state'] },
  { name: 'error_code_coverage', title: 'Which documented codes were observed, can be provoked, or cannot be provoked from outside', categories: [] },
] as const satisfies readonly CheckInfo[];

export type CheckName = (typeof checkCatalogue)[number]['name'];
