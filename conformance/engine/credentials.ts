import { createHash } from 'node:crypto';
import { credentialFields, credentialsFromEnv, type Contract } from '../../src/spec/index.ts';

export { credentialEnvName, credentialFields } from '../../src/spec/index.ts';

export type Credentials = Record<string, string>;

/** Shorter credentials are refused; 2 and 3 characters are masked as whole tokens (secret-scan.ts). */
export const MIN_CREDENTIAL_LENGTH = 2;

/**
 * Credentials of a target from the environment (the spec's one reading of LINGJU_APPKEY/LINGJU_AUTHCODE, shared with
 * the mock), refusing a value too short to be masked in reports. Returns an error sentence when they cannot be used.
 */
export function targetCredentialsFromEnv(contract: Contract, env: NodeJS.ProcessEnv): { credentials?: Credentials; error?: string } {
  const { credentials, names, error } = credentialsFromEnv(contract, env);
  if (error) return { error };
  if (!credentials) return {};
  // One character cannot be masked in free text without masking every such character: refused, never printed.
  const single = names.find((n) => env[n]!.length < MIN_CREDENTIAL_LENGTH);
  if (single) return { error: `${single} is a single character: too short to be masked reliably in reports (its value is not shown); use the target's real credential` };
  return { credentials };
}

/** A deterministic value derived from the seed (same seed → same requests). */
export function seededToken(seed: number, purpose: string, length = 24): string {
  return createHash('sha256').update(`${seed}:${purpose}`).digest('hex').slice(0, length);
}

/** Credentials the embedded mock is started with: generated from the seed, masked like real ones. */
export function generatedCredentials(contract: Contract, seed: number): Credentials | undefined {
  const fields = credentialFields(contract);
  if (fields.length === 0) return undefined;
  return Object.fromEntries(fields.map((f) => [f, `mock-${f}-${seededToken(seed, `${contract.api}:${f}`)}`]));
}

/** A made-up value for a credential field, guaranteed to differ from the valid one. */
export function madeUpCredential(contract: Contract, seed: number, field: string, valid?: string): string {
  const value = `made-up-${field}-${seededToken(seed, `${contract.api}:made-up:${field}`, 16)}`;
  return value === valid ? `${value}x` : value;
}
