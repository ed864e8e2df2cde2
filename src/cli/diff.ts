// npm run diff -- OLD.yaml NEW.yaml [--json]: breaking-change report between two versions of a spec.
// Exit 0: no breaking change; 1: at least one breaking change; 2: bad input (missing file, not YAML, not OpenAPI 3).
import { diffSpecFiles, renderDiffText } from '../diff/report.ts';
import { ToolkitError } from '../errors.ts';
import { cliFail, readCliArgs, type CliSpec } from './args.ts';
import { invocation } from './invocation.ts';

const invoked = invocation('npm run diff', 'diff');
const USAGE = [
  `Usage: ${invoked.withOptions} OLD.yaml NEW.yaml [--json]`,
  '  Classifies every change as breaking / non-breaking / annotation (api-smart-diff for the structure, plus the',
  "  project's rules for x-error-codes, x-error-envelope and the bodies: a removed, renamed, added or",
  '  re-categorised code, a changed range or success value, a renamed, removed or retyped code or message field',
  '  (in the envelope or in the response schema), a request property removed under additionalProperties: false',
  '  or renamed, are breaking; an added code is non-breaking only when the old table already had an "any other',
  '  code" row).',
  '  --json   machine-readable report on stdout',
  '  Exit code: 0 no breaking change, 1 breaking changes, 2 bad input.',
].join('\n');

// Exit 2, never 1, on bad input: 1 means "breaking changes found", so no failure of the tool itself may look like it.
const cli: CliSpec = { name: 'diff', command: invoked.withOptions, usage: USAGE, exitCode: 2 };
const fail = (message: string): never => cliFail(cli, message);

const { values, positionals } = readCliArgs(cli, { json: { type: 'boolean' } }, true);
if (positionals.length !== 2) fail(`expected two spec files (old and new), got ${positionals.length}; usage: ${invoked.withOptions} OLD.yaml NEW.yaml [--json]`);

try {
  const report = diffSpecFiles(positionals[0]!, positionals[1]!);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderDiffText(report));
  process.exitCode = report.counts.breaking > 0 ? 1 : 0;
} catch (error) {
  fail(error instanceof ToolkitError ? error.message : `unexpected failure: ${(error as Error).stack ?? String(error)}`);
}
