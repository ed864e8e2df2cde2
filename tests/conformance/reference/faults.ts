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
  lenient: 'only undocumented choices differ: HTTP 400 for errors, 111 for 8, 29 for 20, 1001 for the 400 of weidu, no description on success, lower-case charset, unknown fields ignored',
} as const;

export type Fault = keyof typeof faults;
export const faultNames = Object.keys(faults) as Fault[];
