import { mockCodeFor } from '../spec/codes.ts';
import { resolvePointer, type Contract } from '../spec/load.ts';

/**
 * Request fields that carry credentials: the `fields` of the code-table entries in the
 * credentials categories, kept only when the request schema has them (lingju: appkey, authcode; weidu: none).
 */
export function credentialFields(contract: Contract): string[] {
  const categories = contract.envelope.violationCategories.credentials;
  const properties = (resolvePointer(contract.doc, contract.requestSchemaPointer).properties ?? {}) as Record<string, unknown>;
  const fields = contract.codes.filter((e) => categories.includes(e.category)).flatMap((e) => e.fields ?? []);
  return [...new Set(fields)].filter((f) => f in properties);
}

export interface CredentialFailure {
  field: string;
  code: number;
  message: string;
}

/** The first configured credential the body does not match, in code-table order; undefined when all match. */
export function checkCredentials(contract: Contract, expected: ReadonlyMap<string, string>, body: unknown): CredentialFailure | undefined {
  if (expected.size === 0 || !body || typeof body !== 'object') return undefined;
  for (const [field, value] of expected) {
    if ((body as Record<string, unknown>)[field] !== value) {
      // Neither value is echoed: both are secrets.
      return { field, code: mockCodeFor(contract, 'credentials', field), message: `${field}: expected the ${field} this mock is configured with, received another one` };
    }
  }
  return undefined;
}
