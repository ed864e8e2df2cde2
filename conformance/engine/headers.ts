import { ToolkitError } from '../../src/errors.ts';
import { apiNames, isApiName, type ApiName } from '../../src/spec/index.ts';
import { MIN_CREDENTIAL_LENGTH } from './credentials.ts';
import type { Masker } from './mask.ts';

/** A header every request of a run carries (a gateway's token): its value is a secret. */
export interface ExtraHeader {
  /** Only this API's requests (--header lingju=…); absent = every API. */
  api?: ApiName;
  name: string;
  /** The value with ${VAR} expanded. */
  value: string;
  /** The shell variable a curl line reads the value from: VAR when the value is exactly ${VAR}, else HEADER_<NAME>. */
  variable: string;
  /** Values of the ${VAR}s it was built from (each a secret too, under its own name). */
  parts: Array<{ name: string; value: string }>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the run sets itself per request (a negative case sends a wrong Content-Type on purpose), or that belong to the connection or the proxy. */
const RESERVED: Record<string, string> = {
  'content-type': 'each request sets its own (some cases send a wrong one on purpose)',
  'content-length': 'it follows the body',
  host: 'it follows --target',
  'transfer-encoding': 'it belongs to the connection',
  connection: 'it belongs to the connection',
  'keep-alive': 'it belongs to the connection',
  upgrade: 'it belongs to the connection',
  te: 'it belongs to the connection',
  trailer: 'it belongs to the connection',
  expect: 'it belongs to the connection',
  'proxy-authorization': 'put the proxy credentials in HTTPS_PROXY/HTTP_PROXY (http://user:pass@host:port)',
  'proxy-connection': 'it belongs to the proxy',
};

const bad = (message: string): never => {
  throw new ToolkitError('BAD_ARGS', message);
};

/**
 * `--header [API=]'Name: value'`: `${VAR}` in the value is read from the environment (an unset or empty variable
 * is refused, naming the variable, never a value). Every mistake is one line that never shows the value.
 */
export function parseHeader(text: string, env: NodeJS.ProcessEnv): ExtraHeader {
  let api: ApiName | undefined;
  let rest = text;
  const colon = text.indexOf(':');
  const equals = text.indexOf('=');
  if (equals >= 0 && (colon < 0 || equals < colon)) {
    const prefix = text.slice(0, equals).trim();
    if (!isApiName(prefix)) bad(`--header ${JSON.stringify(prefix)}=…: unknown API before "=" (expected ${apiNames.join(' or ')}, e.g. --header 'lingju=X-Api-Token: \${TOKEN}')`);
    api = prefix as ApiName;
    rest = text.slice(equals + 1);
  }
  const sep = rest.indexOf(':');
  if (sep < 0) return bad(`--header must be 'Name: value' (got no ":" after ${JSON.stringify(rest.trim().slice(0, 40))})`);
  const name = rest.slice(0, sep).trim();
  if (!TOKEN.test(name)) bad(`--header name ${JSON.stringify(name.slice(0, 60))} is not a valid HTTP header name`);
  const reserved = RESERVED[name.toLowerCase()];
  if (reserved) bad(`--header ${name} cannot be set: ${reserved}`);
  const template = rest.slice(sep + 1).trim();
  const parts: ExtraHeader['parts'] = [];
  const value = template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, variable: string) => {
    const found = env[variable];
    if (found === undefined || found === '') bad(`--header ${name}: the environment variable ${variable} is not set (or empty)`);
    parts.push({ name: variable, value: found! });
    return found!;
  });
  if (/\$\{/.test(template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ''))) bad(`--header ${name}: only \${NAME} is expanded (letters, digits, _), and "\${" appears otherwise (the value is not shown)`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000A-\u001F\u007F]/.test(value)) bad(`--header ${name}: the value holds a control character (CR, LF, NUL…); its value is not shown`);
  if (value !== '' && value.length < MIN_CREDENTIAL_LENGTH) bad(`--header ${name}: a one-character value is too short to be masked reliably in reports (header values are secrets; it is not shown)`);
  const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(template)?.[1];
  const variable = whole ?? `HEADER_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  return { ...(api ? { api } : {}), name, value, variable, parts };
}

/** Every --header, checked together: the same header twice for the same API is refused (which one would win?). */
export function parseHeaders(texts: readonly string[], env: NodeJS.ProcessEnv): ExtraHeader[] {
  const headers = texts.map((t) => parseHeader(t, env));
  const seen = new Set<string>();
  for (const h of headers) {
    for (const api of h.api ? [h.api] : apiNames) {
      const key = `${api}|${h.name.toLowerCase()}`;
      if (seen.has(key)) bad(`--header ${h.name} is given twice for ${api}`);
      seen.add(key);
    }
  }
  return headers;
}

/** The extra headers one API's requests carry, as a header object. */
export function headersFor(headers: readonly ExtraHeader[] | undefined, api: ApiName): Record<string, string> {
  return Object.fromEntries((headers ?? []).filter((h) => !h.api || h.api === api).map((h) => [h.name, h.value]));
}

/** The request's own headers plus the extra ones it does not already carry (compared case-insensitively). */
export function withExtraHeaders(own: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const names = new Set(Object.keys(own).map((k) => k.toLowerCase()));
  const out = { ...own };
  for (const [name, value] of Object.entries(extra)) if (!names.has(name.toLowerCase())) out[name] = value;
  return out;
}

/** Header values, and the ${VAR}s they came from, as secrets a curl line reads from shell variables. */
export function addHeaderSecrets(masker: Masker, headers: readonly ExtraHeader[] | undefined): void {
  for (const h of headers ?? []) {
    // The parts first: a value that is exactly ${VAR} is then read from VAR itself.
    for (const p of h.parts) if (p.value.length >= MIN_CREDENTIAL_LENGTH) masker.addSecret(p.value, { name: p.name, about: `the environment variable the --header ${h.name} value reads` });
    if (h.value.length >= MIN_CREDENTIAL_LENGTH) masker.addSecret(h.value, { name: h.variable, about: `the value of the ${h.name} header (--header${h.api ? ` for ${h.api}` : ''})` });
  }
}

/** "X-Api-Token (all APIs), X-Tenant (lingju)": what a run sends besides the documented headers; values never shown. */
export function describeHeaders(headers: readonly ExtraHeader[] | undefined): string {
  return (headers ?? []).map((h) => `${h.name} (${h.api ?? 'all APIs'})`).join(', ');
}
