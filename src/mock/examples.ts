import { isSuccessCode, lookupCode, mockCodeFor } from '../spec/codes.ts';
import type { Contract } from '../spec/load.ts';
import { credentialFields } from '../spec/credentials.ts';
import { credentialEnvName } from './options.ts';

/** One named response example the mock serves on `Prefer: example=NAME` / `?__example=NAME`. */
export interface ExampleTrigger {
  name: string;
  code: unknown;
  zh: string;
  en: string;
  category: string;
  /** When the mock answers this code without being asked by name; undefined: by name only. */
  unasked?: string;
}

const KIND_WORDS = { body: 'a bad body', required: 'a bad required field', optional: 'a bad optional field' } as const;

/** When the mock answers a code on its own: a valid request, a kind of violation, a wrong credential. */
function unaskedFor(contract: Contract, code: unknown): string | undefined {
  if (isSuccessCode(contract, code)) return 'a valid request';
  const kinds = (Object.keys(KIND_WORDS) as Array<keyof typeof KIND_WORDS>).filter((k) => mockCodeFor(contract, k) === code);
  const credentials = credentialFields(contract)
    .filter((f) => mockCodeFor(contract, 'credentials', f) === code)
    .map((f) => `another ${f} when ${credentialEnvName(contract.api, f)} is set`);
  const reasons = [...(kinds.length === 3 ? ['any invalid request'] : kinds.map((k) => KIND_WORDS[k])), ...credentials];
  return reasons.length ? reasons.join(', ') : undefined;
}

/** Every named response example of the spec, with the meaning of the code it carries (from x-error-codes). */
export function exampleTriggers(contract: Contract): ExampleTrigger[] {
  return contract.responseExamples.map(({ name, value }) => {
    const code = value[contract.envelope.codeField];
    const entry = lookupCode(contract, code);
    return { name, code, zh: entry?.zh ?? '', en: entry?.en ?? 'not in the documented table', category: entry?.category ?? 'undocumented', unasked: unaskedFor(contract, code) };
  });
}
