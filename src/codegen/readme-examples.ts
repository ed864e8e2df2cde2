import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { credentialEnvName, credentialFields, curlDemos, defaultHost, defaultPorts, exampleTriggers, MAX_BODY_BYTES, MAX_COLLECTED, MAX_LISTED, PROBLEM_CONTENT_TYPE } from '../mock/index.ts';
import { describeCode, mockCodeFor } from '../spec/codes.ts';
import { apiNames, loadContract, projectRoot, resolvePointer, type Contract } from '../spec/load.ts';

/** The README section between these markers is generated (npm run generate); a test checks it is fresh. */
export const MOCK_START = '<!-- mock:start -->';
export const MOCK_END = '<!-- mock:end -->';
export const readmePath = path.join(projectRoot, 'README.md');

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const baseUrl = (contract: Contract) => `http://${defaultHost}:${defaultPorts[contract.api]}`;

/** Every named response example of one API with its code and meaning, from the spec. */
export function renderExampleTable(contract: Contract): string {
  const { codeField } = contract.envelope;
  const rows = exampleTriggers(contract).map((t) => [`\`${t.name}\``, String(t.code), t.zh, t.en, t.category, t.unasked ?? 'by name only']);
  return table(['example name', `\`${codeField}\``, '中文', 'meaning', 'category', 'the mock also answers it for'], rows);
}

/** Which invalid request gets which code, from x-error-envelope.violationCategories and the code table. */
export function renderViolationTable(contract: Contract): string {
  const schema = resolvePointer(contract.doc, contract.requestSchemaPointer);
  const properties = Object.keys((schema.properties ?? {}) as object);
  const required = (schema.required ?? []) as string[];
  const optional = properties.filter((p) => !required.includes(p));
  const mediaType = contract.requestMediaType;
  const line = (request: string, kind: 'body' | 'required' | 'optional' | 'credentials', field?: string) => {
    const code = mockCodeFor(contract, kind, field);
    return [request, kind, String(code), describeCode(contract, code)];
  };
  const rows = [
    line(`malformed JSON, empty body, a body that is not a JSON object, a Content-Type other than ${mediaType}, an undocumented field`, 'body'),
    line(`a required field (${required.map((f) => `\`${f}\``).join(', ')}) missing, or of the wrong type, length or format`, 'required'),
    line(`an optional field (${optional.map((f) => `\`${f}\``).join(', ')}, and every field inside them) of the wrong type, format or enum value`, 'optional'),
    ...credentialFields(contract).map((f) => line(`a valid \`${f}\` other than ${credentialEnvName(contract.api, f)}, when the credentials are set`, 'credentials', f)),
  ];
  return [
    table(['request', 'kind', `\`${contract.envelope.codeField}\``, 'meaning'], rows),
    '',
    `Several problems at once: the most severe kind decides the code (body, then required, then optional); the \`${contract.envelope.messageField}\` field lists them all (up to 10).`,
  ].join('\n');
}

function apiSection(contract: Contract): string {
  const url = baseUrl(contract);
  const demos = curlDemos(contract, url).flatMap((d) => [`# ${d.title} → ${JSON.stringify(d.expected)}`, d.command]);
  return [
    `### ${contract.api} — \`${contract.method} ${url}${contract.path}\``,
    '',
    '```sh',
    ...demos,
    '```',
    '',
    `Invalid requests get HTTP ${contract.envelope.errorHttpStatus.mock} with the envelope (\`--error-http-status\` changes the HTTP status):`,
    '',
    renderViolationTable(contract),
    '',
    `Every documented answer by name (\`-H 'Prefer: example=NAME'\` or \`?__example=NAME\`) or by its code (\`-H 'Prefer: code=${String(contract.responseExamples.at(-1)!.value[contract.envelope.codeField])}'\` or \`?__code=N\`: the envelope's \`${contract.envelope.codeField}\`):`,
    '',
    renderExampleTable(contract),
  ].join('\n');
}

function optionsTable(): string {
  const rows = [
    ...apiNames.map((api) => [`\`--${api}-port N\``, `\`${api.toUpperCase()}_PORT\``, String(defaultPorts[api]), `${api} port; 0 = any free port`]),
    ['`--host H`', '`MOCK_HOST`', defaultHost, 'address to listen on'],
    ['`--error-http-status N`', '`MOCK_ERROR_HTTP_STATUS`', 'the spec\'s (200)', 'HTTP status of answers whose envelope carries an error code'],
    ['`--quiet`', '`MOCK_QUIET=1`', 'off', 'no line per request'],
    ['`--api NAME`', '`MOCK_API`', 'all', `serve one API: ${apiNames.join(', ')} or all`],
    ['`--delay SPEC`', '`MOCK_DELAY`', 'none', 'simulated latency of every envelope answer: `300` (ms), `100-500` (uniform), `p50=200,p99=900` (log-normal); a timer, it costs no throughput'],
    ['`--chaos RATE`', '`MOCK_CHAOS`', 'off', 'answer this share of valid requests (`0.1` or `10%`) with a random documented error code (its example); requests that ask for an example or code are left alone'],
    ['`--chaos-codes LIST`', '`MOCK_CHAOS_CODES`', 'every error code', 'only these codes, e.g. `--chaos-codes=-1,1,97` (a list starting with a minus needs the `=`)'],
    ['`--seed N`', '`MOCK_SEED`', 'random, printed', 'seed of chaos and delay draws: the same seed and the same requests give the same answers'],
    ...apiNames.flatMap((api) => {
      const fields = credentialFields(loadContract(api));
      if (fields.length === 0) return [];
      const envs = fields.map((f) => `\`${credentialEnvName(api, f)}\``).join(' + ');
      return [['', envs, 'unset: any value', `${api}: accept only this ${fields.join('/')} pair`]];
    }),
  ];
  return table(['flag', 'env', 'default', 'meaning'], rows);
}

/** The whole generated README section, markers included. */
export function renderMockReadmeSection(): string {
  const contracts = apiNames.map(loadContract);
  return [
    MOCK_START,
    '<!-- Generated by `npm run generate` (src/codegen/readme-examples.ts) from openapi/*.yaml: do not edit by hand. -->',
    '',
    '## Mock server',
    '',
    '`npm start` serves both APIs from `openapi/`: each request is routed and validated against the spec (bounded), an invalid one is answered in the API\'s own envelope with the code the spec\'s error-code table gives that kind of violation and the violations in plain words, and a valid one gets the answer Prism\'s library gives it: for plain requests (named examples, codes, ordinary `Accept` headers) an answer Prism decided once, prepared (`npm run generate` commits it in `src/generated/`; the mock prepares it at start-up if the spec changed since), for anything else (dynamic mode, unusual negotiation or preferences) Prism itself, loaded on first need. A differential test holds the two paths equal.',
    '',
    optionsTable(),
    '',
    'It prints each base URL, a ready-to-paste curl and the example names, and how long it took until the first request was answered. A port already in use is a one-line error (exit 1). One line per request (API, method, path, HTTP status, envelope code, time). Ctrl-C, or SIGINT/SIGTERM to the `npm start` process (`kill <pid>` after `npm start &`), stops it and frees its ports; a closed output (`npm start | head`) does not.',
    '',
    ...contracts.flatMap((c) => [apiSection(c), '']),
    '### Details',
    '',
    `- Every answer of the API, error envelopes included, has the documented Content-Type (${contracts.map((c) => `${c.api} \`${c.envelope.contentType}\``).join(', ')}); a Content-Type that cannot be parsed is a bad body, answered in the envelope.`,
    '- A request is validated first; a valid one then gets the named example it asks for, or the one carrying the code it asks for (else the success example). With credentials set, a wrong credential wins over the example name. `code=N` is the envelope\'s code, never an HTTP status (this spec has only HTTP 200 answers): a code no example carries is a 404 problem listing the codes there are.',
    `- Validation stops after ${MAX_COLLECTED} violations (the message lists ${MAX_LISTED} and says how many more there are at least), so a hostile body — 40,000 bad items, 40,000 unknown fields — is answered in milliseconds and does not hold up other requests.`,
    `- Problems with using the mock rather than with the API call are RFC 9457 problem details, \`${PROBLEM_CONTENT_TYPE}\` (never the envelope's type), with a 4xx status. Decided before the body is parsed: an unknown path (404) or method (405, with \`Allow\`), an \`Accept\` header that cannot be parsed (406), a body over ${MAX_BODY_BYTES} bytes (413; 10 MiB, Prism's own limit), an unreadable request target (400). After validation: an unknown example name or code (404, listing the known ones), an \`Accept\` the spec cannot serve (406), a \`Prefer\` header Prism cannot read (422). The typed clients return them as \`kind: 'transport'\`, \`via: 'problem'\`.`,
    '- CORS: preflights get 204; an answer to a page echoes its origin with credentials allowed and `Vary: Origin`, so page JavaScript on another origin can read the envelope; without an `Origin` header the answer allows `*`, without credentials.',
    '- `Prefer: dynamic=true` asks Prism for a random schema-valid envelope instead of an example (the first such request loads Prism: about a second).',
    '- `--delay` applies to the API\'s answers (envelopes), not to preflights or the mock\'s own problems; `--chaos` applies to valid requests that ask for nothing in particular, after the credentials check.',
    MOCK_END,
  ].join('\n');
}

/** README text with the generated section replaced (or appended at the end when the markers are missing). */
export function withMockSection(readme: string): string {
  const section = renderMockReadmeSection();
  const start = readme.indexOf(MOCK_START);
  const end = readme.indexOf(MOCK_END);
  if (start >= 0 && end > start) return `${readme.slice(0, start)}${section}${readme.slice(end + MOCK_END.length)}`;
  return `${readme.replace(/\n*$/, '\n\n')}${section}\n`;
}

/** Rewrite README.md's mock section; returns a line for the generate command's output. */
export function writeReadmeMockSection(file = readmePath): string {
  const before = readFileSync(file, 'utf8');
  const after = withMockSection(before);
  if (after !== before) writeFileSync(file, after);
  return `${after === before ? 'unchanged' : 'wrote'} ${path.relative(process.cwd(), file) || file} (mock section)`;
}
