// npm run fixtures [-- --out DIR --seed N --count N --api NAME --check]: regenerate the committed corpus.
import path from 'node:path';
import { ToolkitError } from '../errors.ts';
import { cliFail, readCliArgs, wholeNumber, type CliSpec } from './args.ts';
import { DEFAULT_CORPUS_SIZE, DEFAULT_FIXTURE_SEED, staleCorpusFiles, writeCorpus } from '../fixtures/index.ts';
import { apiNames, isApiName, projectRoot, type ApiName } from '../spec/load.ts';

/** A corpus meant to be committed and read by people; larger runs belong in code (validCorpus). */
const MAX_COUNT = 10_000;

const USAGE = [
  'Usage: npm run fixtures [-- options]',
  `  --out DIR    folder to write <api>/valid, <api>/invalid, <api>/index.json into (default fixtures/)`,
  `  --seed N     seed of the corpus (default ${DEFAULT_FIXTURE_SEED}; the committed corpus uses the default)`,
  `  --count N    valid payloads of mixed shapes per API, besides one per shape (default ${DEFAULT_CORPUS_SIZE})`,
  `  --api NAME   only this API (${apiNames.join(', ')}; default all)`,
  '  --check      write nothing; list files that differ from a fresh render and exit 1 if any',
].join('\n');

const cli: CliSpec = { name: 'npm run fixtures', command: 'npm run fixtures', usage: USAGE, exitCode: 2, usageOnError: true };
const fail = (message: string): never => cliFail(cli, message);
const integer = (value: string | undefined, what: string) => wholeNumber(cli, value, what);

const { values } = readCliArgs(cli, {
  out: { type: 'string' },
  seed: { type: 'string' },
  count: { type: 'string' },
  api: { type: 'string' },
  check: { type: 'boolean' },
});
const api = values.api as string | undefined;
if (api !== undefined && !isApiName(api)) fail(`unknown API "${api}" (known: ${apiNames.join(', ')})`);
const count = integer(values.count as string | undefined, '--count');
if (count !== undefined && (count < 0 || count > MAX_COUNT)) fail(`--count must be between 0 and ${MAX_COUNT}`);
const options = {
  seed: integer(values.seed as string | undefined, '--seed'),
  count,
  apis: api ? [api as ApiName] : apiNames,
};
const outDir = path.resolve((values.out as string | undefined) ?? path.join(projectRoot, 'fixtures'));
const shown = path.relative(process.cwd(), outDir) || '.';

try {
  if (values.check) {
    const stale = staleCorpusFiles(outDir, options);
    if (stale.length > 0) {
      console.error(`${shown}: ${stale.length} file(s) differ from a fresh render — run npm run fixtures\n${stale.join('\n')}`);
      process.exit(1);
    }
    console.log(`${shown}: fixtures are fresh`);
  } else {
    for (const { api: name, files } of writeCorpus(outDir, options)) console.log(`wrote ${files} files to ${path.join(shown, name)}/`);
  }
} catch (error) {
  if (error instanceof ToolkitError) fail(`${error.code}: ${error.message}`);
  throw error;
}
