import { mockCodeFor } from '../spec/codes.ts';
import { credentialFields } from '../spec/credentials.ts';
import type { Contract } from '../spec/load.ts';

export { credentialFields } from '../spec/credentials.ts';

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
