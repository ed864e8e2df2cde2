// npm run lint:spec [-- FILE...]: Spectral (spectral:oas + project rules in .spectral.yaml) over the specs; exits non-zero on any finding.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { apiNames, projectRoot, specPath } from '../spec/load.ts';

const files = process.argv.slice(2).length ? process.argv.slice(2) : apiNames.map(specPath);
const bin = path.join(projectRoot, 'node_modules', '.bin', 'spectral');
const run = spawnSync(bin, ['lint', ...files, '--ruleset', path.join(projectRoot, '.spectral.yaml'), '--fail-severity', 'warn', '--format', 'stylish'], {
  stdio: 'inherit',
  cwd: projectRoot,
});
if (run.error) {
  console.error(`lint:spec: cannot run spectral (${run.error.message}); run npm ci first`);
  process.exit(2);
}
if (run.status === 0) console.log(`lint:spec: ${files.map((f) => path.relative(projectRoot, f)).join(', ')} — no findings`);
process.exit(run.status ?? 1);
