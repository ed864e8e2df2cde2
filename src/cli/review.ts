// npm run review [-- --out DIR --no-reference]: the review pack (offline reference pages, review report, the vendors' question lists) into review/.
// Installed: envelope-contract-kit review [options].
import path from 'node:path';
import { ToolkitError } from '../errors.ts';
import { cliFail, readCliArgs, type CliSpec } from './args.ts';
import { invocation } from './invocation.ts';
import { buildReview } from '../review/build.ts';
import { countColumns } from '../review/text.ts';

const invoked = invocation('npm run review', 'review');
const USAGE = [
  `Usage: ${invoked.withOptions} [options]`,
  '  --out DIR         output folder (default: review/ in the current folder; files of the same name are overwritten)',
  '  --no-reference    skip the redocly reference pages, write the report only',
].join('\n');

const cli: CliSpec = { name: 'review', command: invoked.withOptions, usage: USAGE, exitCode: 2 };
const fail = (message: string): never => cliFail(cli, message);

const args = readCliArgs(cli, { out: { type: 'string' }, 'no-reference': { type: 'boolean' } }).values as { out?: string; 'no-reference'?: boolean };
if (args.out === '') fail('--out needs a folder');

const started = performance.now();
try {
  const out = await buildReview(path.resolve(args.out ?? 'review'), { references: !args['no-reference'] });
  const show = (file: string) => path.relative(process.cwd(), file) || file;
  for (const review of out.model.apis) {
    const counts = countColumns.map(([key, label]) => `${review.counts[key]} ${label.toLowerCase()}`).join(', ');
    console.log(`${review.api}: ${counts}`);
  }
  console.log(`report:    ${show(out.reportHtml)}, ${show(out.reportMarkdown)}`);
  for (const [api, files] of Object.entries(out.questionLists)) console.log(`questions: ${show(files.markdown)}, ${show(files.csv)} (${files.list.questions.length} for ${api}, in Chinese)`);
  const pages = Object.values(out.references);
  if (pages.length) console.log(`reference: ${pages.map(show).join(', ')}`);
  console.log(`review: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  fail(error instanceof ToolkitError ? error.message : `unexpected failure: ${(error as Error).stack ?? String(error)}`);
}
