/** A configured credential the request's body does not carry. */
export interface CredentialFailure {
  field: string;
  code: number;
  message: string;
}

/**
 * The first configured credential the body does not match, in code-table order (`codes`: each credential field with
 * the code a wrong value gets); undefined when all match or none is configured.
 */
export function checkCredentials(codes: ReadonlyArray<{ field: string; code: number }>, expected: ReadonlyMap<string, string>, body: unknown): CredentialFailure | undefined {
  if (expected.size === 0 || !body || typeof body !== 'object') return undefined;
  for (const { field, code } of codes) {
    const value = expected.get(field);
    if (value !== undefined && (body as Record<string, unknown>)[field] !== value) {
      // Neither value is echoed: both are secrets.
      return { field, code, message: `${field}: expected the ${field} this mock is configured with, received another one` };
    }
  }
  return undefined;
}
