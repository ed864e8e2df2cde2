#!/usr/bin/env node
// envelope-contract-kit <mock|conformance|review|diff> [options]: the installed package's commands (package.json "bin").
// Runs as built JavaScript (dist/bin/envelope-contract-kit.js, `npm run build`); each command is the module `npm start`/`npm run …` runs.
// It sits beside src/ and conformance/, downstream of both (src/ never imports conformance/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN_ENV, BIN_NAME } from '../src/cli/invocation.ts';
import { projectRoot } from '../src/spec/load.ts';

const commands = {
  mock: { about: 'serve both mocks (weidu, lingju) from the specs', load: () => import('../src/cli/start.ts') },
  conformance: { about: 'check a server (--target URL) or the mocks against the specs', load: () => import('../conformance/cli.ts') },
  review: { about: 'write the review pack (reference pages, report) into ./review', load: () => import('../src/cli/review.ts') },
  diff: { about: 'classify the changes between two versions of a spec (exit 1 if breaking)', load: () => import('../src/cli/diff.ts') },
} as const;

const USAGE = [
  `Usage: ${BIN_NAME} <command> [options]     (${BIN_NAME} <command> --help for its options)`,
  ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(13)}${c.about}`),
  '  --version    print the version',
].join('\n');

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  console.log(USAGE);
} else if (name === '--version' || name === '-v') {
  console.log((JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version);
} else if (Object.hasOwn(commands, name)) {
  // The commands read process.argv themselves: drop the command name, and say how they were invoked.
  process.argv.splice(2, process.argv.length - 2, ...rest);
  process.env[BIN_ENV] = '1';
  await commands[name as keyof typeof commands].load();
} else {
  console.error(`${BIN_NAME}: unknown command "${name}" (commands: ${Object.keys(commands).join(', ')}; see ${BIN_NAME} --help)`);
  process.exitCode = 2;
}
