/**
 * Single-fault variants of the reference implementation: each breaks exactly one documented behaviour,
 * and the suite must fail it naming the field or code. `lenient` breaks nothing the documents fix:
 * it only makes other undocumented choices (HTTP 400 for errors, 111 instead of 8, …) and must pass.
 */
export const faults = {
  'code-as-string': 'the code field is sent as a JSON string',
  'message-not-string': 'the message field is sent as a number',
  'undocumented-code': 'errors carry code 999, which the table does not document',
  'required-not-checked': 'a missing required field is not detected',
  'enum-not-checked': 'enum values are not checked',
  'format-not-checked': 'format (date) is not checked',
  'type-not-checked': 'top-level types are not checked',
  'nested-type-not-checked': 'types inside arrays of objects are not checked',
  'success-on-error': 'errors are answered with the success code',
  'wrong-code-category': 'data-format errors are answered with the appkey code',
  'credentials-not-checked': 'appkey and authcode are not checked',
  'malformed-json-500': 'malformed JSON gets HTTP 500 with a plain-text body',
  'reset-on-malformed-json': 'malformed JSON makes the server drop the connection',
  'sleep-on-malformed-json': 'malformed JSON is never answered',
  'sleep-always': 'no request is ever answered',
  'wrong-content-type': 'answers are sent as text/html',
  'charset-gbk': 'answers declare charset=GBK',
  'extra-envelope-field': 'the envelope carries an undocumented trace_id (a warning, not a failure)',
  'error-without-message': 'error answers carry no message field (lingju description, weidu result)',
  'success-result-not-ok': 'success answers carry result "success" instead of the documented "ok"',
  'body-gbk': 'answers are encoded GBK while labelled charset=UTF-8',
  'credentials-account-code': 'a made-up appkey is answered with an account code (4), not 6 APPKEY无效',
  'server-fault-for-bad-field': 'a bad optional field is answered with the server-fault code (-1 系统异常)',
  // Faults only generated requests reach: the fixed corpus never holds such inputs (generate.test.ts checks both).
  'astral-500': 'an accepted request with a character outside the BMP (an emoji, 𠀀) in any string gets HTTP 500, as a MySQL utf8mb3 column does',
  'rtl-reset': 'an accepted request with right-to-left text (Hebrew, Arabic, a right-to-left mark or override) in any string makes the server drop the connection',
  'many-items-500': 'an accepted request with an array of more than 16 items gets HTTP 500 (a fixed-size batch insert)',
  'int32-limit-500': 'an accepted request with an integer at an int32 limit (2147483647, -2147483648) gets HTTP 500 (it overflows when the server adds to it)',
  'long-string-500': 'an accepted request with a string over 2,000 UTF-8 bytes gets HTTP 500 (a VARCHAR(2000) column)',
  'later-items-unchecked': 'only the first item of an array is validated: a bad value in a later item is accepted',
  lenient: 'only undocumented choices differ: HTTP 400 for errors, 111 for 8, 29 for 20, 1001 for the 400 of weidu, no description on success, lower-case charset, unknown fields ignored',
} as const;

export type Fault = keyof typeof faults;

/** The faults only generated requests can reach, and what each does to an accepted request. */
export const generatedOnlyFaults = ['astral-500', 'rtl-reset', 'many-items-500', 'int32-limit-500', 'long-string-500', 'later-items-unchecked'] as const satisfies readonly Fault[];

/** Whether an accepted body trips a generated-only crash fault: the values it looks for, written independently of the generator. */
export function crashes(fault: Fault | undefined, body: unknown): boolean {
  const test: ((v: unknown) => boolean) | undefined = {
    'astral-500': (v: unknown) => typeof v === 'string' && /[\u{10000}-\u{10FFFF}]/u.test(v),
    'rtl-reset': (v: unknown) => typeof v === 'string' && /[\p{Script=Hebrew}\p{Script=Arabic}\u200F\u202B\u202E\u2067]/u.test(v),
    'many-items-500': (v: unknown) => Array.isArray(v) && v.length > 16,
    'int32-limit-500': (v: unknown) => v === 2147483647 || v === -2147483648,
    'long-string-500': (v: unknown) => typeof v === 'string' && Buffer.byteLength(v) > 2000,
  }[fault as string];
  if (!test) return false;
  const walk = (v: unknown): boolean => test(v) || (v !== null && typeof v === 'object' && Object.values(v).some(walk));
  return walk(body);
}
export const faultNames = Object.keys(faults) as Fault[];
