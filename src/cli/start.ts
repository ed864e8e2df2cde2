// npm start [-- --api weidu|lingju|all --weidu-port N --lingju-port N --host H --quiet --error-http-status N
//              --delay SPEC --chaos RATE --chaos-codes LIST --seed N]: serve the mocks.
// Installed: envelope-contract-kit mock [options].
import { ToolkitError } from '../errors.ts';
import { cliFail, readCliArgs, wholeNumber, type CliSpec } from './args.ts';
import { invocation } from './invocation.ts';
import { mockBanner, startMock, type RunningMock } from '../mock/index.ts';
import { credentialsFromEnv } from '../spec/credentials.ts';
import { mockFlags, portEnv, portFlag, usageLines } from '../mock/flags.ts';
import { describeDelay, MockOptionError, parseCodes, parseDelay, parseRate, randomSeed, type DelaySpec } from '../mock/behaviour.ts';
import { isSuccessCode } from '../spec/codes.ts';
import { stopOnSignals } from '../mock/lifecycle.ts';
import { guardOutput, writeOutput } from '../mock/log.ts';
import { apiNames, loadContract, type ApiName } from '../spec/load.ts';

const invoked = invocation('npm start', 'mock');
const USAGE = [`Usage: ${invoked.withOptions} [options]`, ...usageLines()].join('\n');

const cli: CliSpec = { name: invoked.command, command: invoked.withOptions, usage: USAGE, exitCode: 1 };
const fail = (message: string): never => cliFail(cli, message);
const integer = (value: string | undefined, what: string) => wholeNumber(cli, value, what);

const flags = mockFlags();
const args = readCliArgs(cli, Object.fromEntries(flags.map((f) => [f.name, { type: f.value ? ('string' as const) : ('boolean' as const) }]))).values;
const env = process.env;
const envOf = new Map(flags.map((f) => [f.name, f.env]));
/** A flag's value, else its environment variable's (empty counts as unset). */
const text = (flag: string) => (args[flag] as string | undefined) ?? (env[envOf.get(flag)!] || undefined);
const host = text('host');
const quiet = args.quiet === true || env[envOf.get('quiet')!] === '1';
const errorHttpStatus = integer(text('error-http-status'), '--error-http-status');
const apiChoice = text('api') ?? 'all';
if (apiChoice !== 'all' && !(apiNames as readonly string[]).includes(apiChoice)) fail(`--api must be ${apiNames.join(', ')} or all, got "${apiChoice}"`);
const served = apiNames.filter((api) => apiChoice === 'all' || api === apiChoice);
const seed = integer(text('seed'), '--seed') ?? randomSeed();
const behaviour = (() => {
  try {
    const delayText = text('delay');
    const chaosText = text('chaos');
    const codesText = text('chaos-codes');
    const delay: DelaySpec | undefined = delayText === undefined ? undefined : parseDelay(delayText);
    const rate = chaosText === undefined ? undefined : parseRate(chaosText);
    if (codesText !== undefined && rate === undefined) fail('--chaos-codes needs --chaos RATE');
    return { delay, rate, codes: codesText === undefined ? undefined : parseCodes(codesText) };
  } catch (error) {
    if (error instanceof MockOptionError) fail(error.message);
    throw error;
  }
})();

/** The chaos codes an API serves: the listed ones it has an error example for (all its error codes when none listed). */
function chaosFor(api: ApiName): { rate: number; codes?: number[] } | undefined {
  if (behaviour.rate === undefined) return undefined;
  if (!behaviour.codes) return { rate: behaviour.rate };
  const contract = loadContract(api);
  const own = contract.responseExamples.map((e) => e.value[contract.envelope.codeField]).filter((c): c is number => typeof c === 'number' && !isSuccessCode(contract, c));
  const codes = behaviour.codes.filter((c) => own.includes(c));
  if (codes.length === 0) fail(`--chaos-codes ${behaviour.codes.join(',')}: ${api} has no error example with these codes (its codes: ${[...new Set(own)].join(', ')}); serve one API with --api`);
  return { rate: behaviour.rate, codes };
}

const chaosOf = new Map(served.map((api) => [api, chaosFor(api)]));

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
  const ports = served.map((api) => integer(text(portFlag(api)), `${api} port`));
  const started = await Promise.allSettled(
    served.map((api, i) => startMock({ api, port: ports[i], host, quiet, errorHttpStatus, log, delay: behaviour.delay, chaos: chaosOf.get(api), seed })),
  );
  for (const result of started) if (result.status === 'fulfilled') running.push(result.value);
  const failedAt = started.findIndex((r) => r.status === 'rejected');
  if (failedAt >= 0) {
    const reason = (started[failedAt] as PromiseRejectedResult).reason as unknown;
    const api = served[failedAt]!;
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
  const configured = credentialsFromEnv(contract, env).credentials !== undefined;
  print(`${mockBanner(contract, mock.url, configured)}\n`);
}
const chaosLine = (mock: RunningMock) => {
  const chaos = chaosOf.get(mock.api);
  return chaos ? `${mock.api}: ${Math.round(chaos.rate * 1000) / 10}% of valid requests get ${chaos.codes ? `one of ${chaos.codes.join(', ')}` : 'a random documented error code'}` : undefined;
};
const simulated = [
  behaviour.delay ? `delay ${describeDelay(behaviour.delay)} on every envelope answer` : undefined,
  ...running.map(chaosLine),
].filter(Boolean);
if (simulated.length) print(`Simulating: ${simulated.join('; ')}. Seed ${running[0]?.seed ?? ''} (--seed ${running[0]?.seed ?? ''} repeats it).`);
const stale = running.filter((m) => m.prepared === 'live').map((m) => m.api);
if (stale.length) print(`Note: openapi/${stale.join('.yaml, openapi/')}.yaml changed since npm run generate: answers prepared at start-up (run npm run generate to commit them).`);
print(`Ready in ${Math.round(readyMs)} ms (first request answered). ${quiet ? 'Quiet: no request lines.' : 'One line per request (--quiet for none).'} Ctrl-C to stop.`);
ready = true;
