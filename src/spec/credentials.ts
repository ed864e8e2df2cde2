import { resolvePointer, type ApiName, type Contract } from './load.ts';

/**
 * Request fields that carry credentials: the `fields` of the code-table entries in the credentials
 * categories that the request schema has (lingju: appkey, authcode; weidu: none), in code-table order.
 */
export function credentialFields(contract: Contract): string[] {
  const categories = contract.envelope.violationCategories.credentials;
  const properties = (resolvePointer(contract.doc, contract.requestSchemaPointer).properties ?? {}) as Record<string, unknown>;
  const fields = contract.codes.filter((e) => categories.includes(e.category)).flatMap((e) => e.fields ?? []);
  return [...new Set(fields)].filter((f) => f in properties);
}

/** The environment variable holding a credential, shared by the mock and conformance: LINGJU_APPKEY, LINGJU_AUTHCODE. */
export const credentialEnvName = (api: ApiName, field: string): string => `${api}_${field}`.toUpperCase();
