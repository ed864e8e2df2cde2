import { loadContract, type ApiName } from '../../src/spec/index.ts';
import { addProxySecrets, type RunConnection } from './connection.ts';
import { credentialEnvName, credentialFields, madeUpCredential, type Credentials } from './credentials.ts';
import { addHeaderSecrets } from './headers.ts';
import { Masker } from './mask.ts';
import type { SessionSettings } from './session-types.ts';

/**
 * The masker of a run: x-secret fields of its APIs; the valid credentials as secrets a curl line reads from
 * their environment variables; the made-up credentials the run sends as public (no one's secret, and the curl
 * line of a credentials case must carry them to reproduce it).
 */
export function sessionMasker(settings: Pick<SessionSettings, 'apis' | 'seed'>, credentials: Partial<Record<ApiName, Credentials>>, connection: RunConnection = {}): Masker {
  const masker = new Masker(settings.apis);
  // Header values (--header) and proxy credentials (HTTPS_PROXY…) are secrets like the credentials.
  addHeaderSecrets(masker, connection.headers);
  addProxySecrets(masker, connection.proxy);
  for (const api of settings.apis) {
    const contract = loadContract(api);
    for (const field of credentialFields(contract)) masker.allow(madeUpCredential(contract, settings.seed, field, credentials[api]?.[field]));
    for (const [field, value] of Object.entries(credentials[api] ?? {})) {
      const name = credentialEnvName(api, field);
      masker.addSecret(value, { name, field, about: `the target's ${field}, as for the run` });
    }
  }
  return masker;
}
