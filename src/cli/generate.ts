// npm run generate [-- --out DIR]: write the generated types and contract constants (default src/generated/).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateAll } from '../codegen/generate.ts';
import { projectRoot } from '../spec/load.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = path.resolve(values.out ?? path.join(projectRoot, 'src/generated'));
mkdirSync(outDir, { recursive: true });
for (const [name, text] of await generateAll()) {
  writeFileSync(path.join(outDir, name), text);
  console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, name)) || name}`);
}
console.log((await import('../codegen/readme-examples.ts')).writeReadmeMockSection());
