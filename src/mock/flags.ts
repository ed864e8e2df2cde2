import { credentialEnvName, credentialFields } from '../spec/credentials.ts';
import { apiNames, loadContract, type ApiName } from '../spec/load.ts';
import { defaultHost, defaultPorts } from './options.ts';

/**
 * The mock command's options (npm start, envelope-contract-kit mock) as data: the command parses them, its usage
 * text and the README's option table (npm run generate) are written from them, so the three cannot drift apart.
 */
export interface MockFlag {
  /** `--name`; also the key parseArgs reports it under. */
  name: string;
  /** The value's placeholder (`N`, `SPEC`); absent for a boolean flag. */
  value?: string;
  /** The environment variable read when the flag is absent (a boolean one is on when it is `1`). */
  env: string;
  default: string;
  meaning: string;
}

export const portFlag = (api: ApiName): string => `${api}-port`;
export const portEnv = (api: ApiName): string => `${api.toUpperCase()}_PORT`;

const specErrorStatus = (): string => [...new Set(apiNames.map((api) => loadContract(api).envelope.errorHttpStatus.mock))].join('/');

export function mockFlags(): MockFlag[] {
  return [
    ...apiNames.map((api) => ({ name: portFlag(api), value: 'N', env: portEnv(api), default: String(defaultPorts[api]), meaning: `${api} port; 0 = any free port` })),
    { name: 'host', value: 'H', env: 'MOCK_HOST', default: defaultHost, meaning: 'address to listen on' },
    { name: 'error-http-status', value: 'N', env: 'MOCK_ERROR_HTTP_STATUS', default: `the spec's (${specErrorStatus()})`, meaning: 'HTTP status of answers whose envelope carries an error code' },
    { name: 'quiet', env: 'MOCK_QUIET', default: 'off', meaning: 'no line per request' },
    { name: 'api', value: 'NAME', env: 'MOCK_API', default: 'all', meaning: `serve one API: ${apiNames.join(', ')} or all` },
    {
      name: 'delay',
      value: 'SPEC',
      env: 'MOCK_DELAY',
      default: 'none',
      meaning: 'simulated latency of every envelope answer: `300` (ms), `100-500` (uniform), `p50=200,p99=900` (log-normal); a timer, it costs no throughput',
    },
    {
      name: 'chaos',
      value: 'RATE',
      env: 'MOCK_CHAOS',
      default: 'off',
      meaning: 'answer this share of valid requests (`0.1` or `10%`) with a random documented error code (its example); requests that ask for an example or code are left alone',
    },
    { name: 'chaos-codes', value: 'LIST', env: 'MOCK_CHAOS_CODES', default: 'every error code', meaning: 'only these codes, e.g. `--chaos-codes=-1,1,97` (a list starting with a minus needs the `=`)' },
    { name: 'seed', value: 'N', env: 'MOCK_SEED', default: 'random, printed', meaning: 'seed of chaos and delay draws: the same seed and the same requests give the same answers' },
  ];
}

/** The environment-only settings: each API's credential pair (LINGJU_APPKEY + LINGJU_AUTHCODE). */
export function credentialSettings(): Array<{ api: ApiName; envs: string[]; fields: string[] }> {
  return apiNames.flatMap((api) => {
    const fields = credentialFields(loadContract(api));
    return fields.length ? [{ api, envs: fields.map((f) => credentialEnvName(api, f)), fields }] : [];
  });
}

/** `--name VALUE` as typed. */
export const flagSyntax = (flag: MockFlag): string => `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
/** The variable as set: `MOCK_QUIET=1` for a boolean flag. */
export const envSyntax = (flag: MockFlag): string => (flag.value ? flag.env : `${flag.env}=1`);

/** Words of `text` in lines of at most `width` characters. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The usage text's option lines (markdown backticks dropped), each meaning wrapped beside its flag. */
export function usageLines(): string[] {
  const column = 24;
  const flags = mockFlags().flatMap((flag) => {
    const text = `${flag.meaning.replace(/`/g, '')} (env ${envSyntax(flag)}, default ${flag.default})`;
    const [first = '', ...rest] = wrapWords(text, 110 - column);
    return [`  ${flagSyntax(flag).padEnd(column - 3)} ${first}`, ...rest.map((l) => `${' '.repeat(column)}${l}`)];
  });
  const settings = credentialSettings().map((s) => `  ${s.envs.join(' + ')}: ${s.api} accepts only this ${s.fields.join('/')} pair (unset: any value)`);
  return [...flags, ...(settings.length ? ['Environment:', ...settings] : [])];
}
