import { mockCodeFor } from '../spec/codes.ts';
import type { Contract } from '../spec/load.ts';
import { credentialFields } from '../spec/credentials.ts';
import { curlFor } from './curl.ts';
import { exampleTriggers } from './examples.ts';
import { credentialEnvName } from './options.ts';

/** Join items into lines of at most `width` characters, each indented. */
function wrap(items: string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && indent.length + line.length + item.length + 2 > width) {
      lines.push(`${indent}${line},`);
      line = '';
    }
    line = line ? `${line}, ${item}` : item;
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}

/** "status 8 for …, 20 for …", or one code when every kind of violation gets the same one. */
function invalidSummary(contract: Contract): string {
  const { codeField } = contract.envelope;
  const required = mockCodeFor(contract, 'required');
  const optional = mockCodeFor(contract, 'optional');
  const body = mockCodeFor(contract, 'body');
  if (required === optional && optional === body) return `${codeField} ${required} in the envelope, the violations in words`;
  if (required === body) return `${codeField} ${required} for a bad body or a missing/wrong required field, ${optional} for a wrong optional field`;
  return `${codeField} ${required} for a missing/wrong required field, ${body} for a bad body, ${optional} for a wrong optional field`;
}

/** What `npm start` prints for one running mock: URL, a valid curl, how to get each error. */
export function mockBanner(contract: Contract, url: string, credentialsConfigured: boolean): string {
  const { codeField } = contract.envelope;
  const names = exampleTriggers(contract).map((t) => `${t.name} (${String(t.code)})`);
  const lines = [
    `${contract.api}  ${url}  —  ${contract.method} ${contract.path}  (openapi/${contract.api}.yaml)`,
    '  valid request:',
    `    ${curlFor(contract, url)}`,
    `  invalid request → ${invalidSummary(contract)}`,
    `  any documented answer: add -H 'Prefer: example=NAME' or -H 'Prefer: code=N' (the envelope's ${codeField}) to the curl above,`,
    `  or append ?__example=NAME or ?__code=N to the URL; the names (${codeField}):`,
    ...wrap(names, 110, '    '),
  ];
  const fields = credentialFields(contract);
  if (fields.length > 0) {
    const envs = fields.map((f) => credentialEnvName(contract.api, f)).join(' and ');
    lines.push(
      credentialsConfigured
        ? `  credentials: only the configured ${fields.join('/')} accepted (${envs}); others get ${fields.map((f) => `${f} → ${mockCodeFor(contract, 'credentials', f)}`).join(', ')}`
        : `  credentials: any ${fields.join('/')} accepted; set ${envs} to accept only that pair`,
    );
  }
  return lines.join('\n');
}
