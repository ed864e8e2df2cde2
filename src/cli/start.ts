// npm start [-- --weidu-port N --lingju-port N --host H --quiet --error-http-status N]: serve both mocks.
// Installed: envelope-contract-kit mock [options].
import { ToolkitError } from '../errors.ts';
import { cliFail, readCliArgs, wholeNumber, type CliSpec } from './args.ts';
import { invocation } from './invocation.ts';
import { credentialEnvName, credentialFields, defaultHost, defaultPorts, mockBanner, startMock, type RunningMock } from '../mock/index.ts';
import { stopOnSignals } from '../mock/lifecycle.ts';
import { guardOutput, writeOutput } from '../mock/log.ts';
import { apiNames, loadContract, type ApiName } from '../spec/load.ts';

const portFlag = (api: ApiName) => `${api}-port`;
const portEnv = (api: ApiName) => `${api.toUpperCase()}_PORT`;

const invoked = invocation('npm start', 'mock');
const USAGE = [
  `Usage: ${invoked.withOptions} [options]`,
  ...apiNames.map((api) => `  ${`--${portFlag(api)} N`.padEnd(22)}${api} port (env ${portEnv(api)}, default ${defaultPorts[api]}; 0 = any free port)`),
  `  --host H              address to listen on (env MOCK_HOST, default ${defaultHost})`,
  '  --error-http-status N HTTP status of error envelopes (env MOCK_ERROR_HTTP_STATUS, default: the spec\'s, 200)',
  '  --quiet               no line per request (env MOCK_QUIET=1)',
].join('\n');

const cli: CliSpec = { name: invoked.command, command: invoked.withOptions, usage: USAGE, exitCode: 1 };
const fail = (message: string): never => cliFail(cli, message);
const integer = (value: string | undefined, what: string) => wholeNumber(cli, value, what);

const args = readCliArgs(cli, {
  ...Object.fromEntries(apiNames.map((api) => [portFlag(api), { type: 'string' as const }])),
  host: { type: 'string' },
  quiet: { type: 'boolean' },
  'error-http-status': { type: 'string' },
}).values;
const env = process.env;
const host = (args.host as string | undefined) ?? (env.MOCK_HOST || undefined);
const quiet = args.quiet === true || env.MOCK_QUIET === '1';
const errorHttpStatus = integer((args['error-http-status'] as string | undefined) ?? env.MOCK_ERROR_HTTP_STATUS, '--error-http-status');

// `npm start | head` closes stdout early: output errors must not end the process.
guardOutput(process.stdout);
guardOutput(process.stderr);
const print = (text: string) => writeOutput(process.stdout, `${text}\n`);

// Request lines start once the banner is out (the readiness probe below is not the user's request).
let ready = false;
const log = (line: string) => {
  if (ready) print(line);
};

const running: RunningMock[] = [];
async function closeAll(): Promise<void> {
  await Promise.all(running.map((m) => m.close()));
}
stopOnSignals({ stop: closeAll });

try {
  const ports = apiNames.map((api) => integer((args[portFlag(api)] as string | undefined) ?? env[portEnv(api)], `${api} port`));
  const started = await Promise.allSettled(apiNames.map((api, i) => startMock({ api, port: ports[i], host, quiet, errorHttpStatus, log })));
  for (const result of started) if (result.status === 'fulfilled') running.push(result.value);
  const failedAt = started.findIndex((r) => r.status === 'rejected');
  if (failedAt >= 0) {
    const reason = (started[failedAt] as PromiseRejectedResult).reason as unknown;
    const api = apiNames[failedAt]!;
    if (reason instanceof ToolkitError && reason.code === 'PORT_IN_USE') {
      throw new ToolkitError(reason.code, `${reason.message}; choose another with --${portFlag(api)} N or ${portEnv(api)}=N`);
    }
    throw reason;
  }
  // Ready means answered: one valid request per API, timed from process start.
  for (const mock of running) {
    const contract = loadContract(mock.api);
    const response = await fetch(`${mock.url}${contract.path}`, {
      method: contract.method,
      headers: { 'content-type': contract.requestMediaType },
      body: JSON.stringify(contract.requestExamples[0]?.value ?? {}),
    });
    await response.arrayBuffer();
  }
} catch (error) {
  await closeAll();
  if (error instanceof ToolkitError) fail(error.message);
  throw error;
}

const readyMs = performance.now();
for (const mock of running) {
  const contract = loadContract(mock.api);
  const configured = credentialFields(contract).length > 0 && credentialFields(contract).every((f) => env[credentialEnvName(mock.api, f)]);
  print(`${mockBanner(contract, mock.url, configured)}\n`);
}
print(`Ready in ${Math.round(readyMs)} ms (first request answered). ${quiet ? 'Quiet: no request lines.' : 'One line per request (--quiet for none).'} Ctrl-C to stop.`);
ready = true;
