// Spectral function: x-error-envelope and x-error-codes are present and consistent with the 200 response examples.
const CATEGORY_KEYS = ['body', 'required', 'optional', 'credentials'];

export default function envelopeContract(op, _opts, context) {
  const at = (...p) => [...context.path, ...p];
  const out = [];
  const env = op['x-error-envelope'];
  const codes = op['x-error-codes'];
  if (!env) return [{ message: 'operation has no x-error-envelope', path: at() }];
  if (!Array.isArray(codes) || codes.length === 0) return [{ message: 'operation has no x-error-codes table', path: at() }];
  for (const key of ['codeField', 'messageField', 'successCodes', 'contentType', 'errorHttpStatus', 'violationCategories', 'source']) {
    if (env[key] === undefined) out.push({ message: `x-error-envelope has no ${key}`, path: at('x-error-envelope') });
  }
  const categories = new Set(codes.map((c) => c.category));
  for (const key of CATEGORY_KEYS) {
    for (const cat of env.violationCategories?.[key] ?? ['<missing>']) {
      if (!categories.has(cat)) out.push({ message: `violationCategories.${key} names category "${cat}", which no code has`, path: at('x-error-envelope', 'violationCategories', key) });
    }
  }
  const responses = op.responses?.['200']?.content ?? {};
  const media = Object.values(responses)[0] ?? {};
  // The envelope's fields are the response schema's (Spectral hands the function the document with $refs resolved).
  const props = media.schema?.properties ?? {};
  for (const [key, type] of [['codeField', 'integer'], ['messageField', 'string']]) {
    const name = env[key];
    if (typeof name !== 'string') continue;
    if (!props[name]) out.push({ message: `x-error-envelope.${key} names "${name}", which the 200 response schema does not have (its properties: ${Object.keys(props).join(', ') || 'none'})`, path: at('x-error-envelope', key) });
    else if (props[name].type !== type) out.push({ message: `x-error-envelope.${key} "${name}" must be of type ${type} in the 200 response schema, not ${JSON.stringify(props[name].type)}`, path: at('x-error-envelope', key) });
  }
  const examples = media.examples ?? {};
  const names = Object.keys(examples);
  const first = examples[names[0]]?.value;
  if (!first || !env.successCodes?.includes(first[env.codeField])) {
    out.push({ message: `the first 200 example (Prism's default) must carry a success code in ${env.codeField}`, path: at('responses', '200') });
  }
  codes.forEach((c, i) => {
    const where = at('x-error-codes', i);
    for (const key of ['zh', 'en', 'category', 'source', 'examples']) if (c[key] === undefined) out.push({ message: `error code entry has no ${key}`, path: where });
    if ([c.code !== undefined, c.range !== undefined, c.other === true].filter(Boolean).length !== 1) out.push({ message: 'error code entry needs exactly one of code, range, other', path: where });
    if (c.source && !(c.source.document && c.source.line && c.source.text)) out.push({ message: 'error code source needs document, line and text', path: where });
    const expected = c.range ? c.range.to - c.range.from + 1 : 1;
    if (!Array.isArray(c.examples) || c.examples.length !== expected) out.push({ message: `error code entry needs ${expected} example name(s)`, path: where });
    (c.examples ?? []).forEach((name, k) => {
      const ex = examples[name];
      const want = c.range ? c.range.from + k : c.code ?? c.mockCode;
      if (!ex) out.push({ message: `example "${name}" is not a named 200 example`, path: where });
      else if (ex.value?.[env.codeField] !== want) out.push({ message: `example "${name}" carries ${env.codeField} ${JSON.stringify(ex.value?.[env.codeField])}, expected ${want}`, path: where });
    });
  });
  return out;
}
