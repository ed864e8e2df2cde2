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

/** Credentials read from the environment: by field, the variable each is read from, or why they cannot be used. */
export interface CredentialsFromEnv {
  /** Every credential field's value, when all of their variables are set. */
  credentials?: Record<string, string>;
  /** The variables, in credential-field order (empty for an API without credentials). */
  names: string[];
  /** When only some are set: a sentence naming them (a half-configured pair would check, or accept, half silently). */
  error?: string;
}

/**
 * The API's credentials from `<API>_<FIELD>` variables (LINGJU_APPKEY, LINGJU_AUTHCODE): all of them or none.
 * The one reading of these variables: the mock (`npm start`) and conformance both call it.
 */
export function credentialsFromEnv(contract: Contract, env: NodeJS.ProcessEnv): CredentialsFromEnv {
  const fields = credentialFields(contract);
  const names = fields.map((f) => credentialEnvName(contract.api, f));
  const set = names.filter((n) => env[n]);
  if (set.length === 0) return { names };
  if (set.length !== names.length) return { names, error: `set all of ${names.join(', ')} or none (only ${set.join(', ')} is set)` };
  return { names, credentials: Object.fromEntries(fields.map((f, i) => [f, env[names[i]!]!])) };
}
