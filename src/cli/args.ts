import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What every project command shares: its name in messages, its usage text, and the exit code of a usage error. */
export interface CliSpec {
  /** Starts every error line, e.g. `diff`. */
  name: string;
  /** How the user types it before the options, e.g. `npm run diff --` (for the pointer to --help; see invocation.ts). */
  command: string;
  usage: string;
  /** Exit code for bad input (2 where 1 already means "found something"). */
  exitCode: number;
  /** Print the usage after an error instead of a pointer to --help. */
  usageOnError?: boolean;
}

/** One line on stderr, then exit with the command's code: bad input never gets a stack trace. */
export function cliFail(spec: CliSpec, message: string): never {
  console.error(`${spec.name}: ${message}${spec.usageOnError ? `\n\n${spec.usage}` : ''}`);
  process.exit(spec.exitCode);
}

export interface CliArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parse process.argv; `--help`/`-h` prints the usage and exits 0; an unknown flag is a one-line error. */
export function readCliArgs(spec: CliSpec, options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false): CliArgs {
  let parsed: CliArgs;
  try {
    parsed = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals }) as CliArgs;
  } catch (error) {
    const message = (error as Error).message;
    return cliFail(spec, spec.usageOnError ? message : `${message} (see ${spec.command} --help)`);
  }
  if (parsed.values.help) {
    console.log(spec.usage);
    process.exit(0);
  }
  return parsed;
}

/** A whole-number flag or variable; undefined when not given. */
export function wholeNumber(spec: CliSpec, value: string | undefined, what: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) cliFail(spec, `${what} must be a whole number, got "${value}"`);
  return Number(value);
}
