import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll } from '../../src/codegen/generate.ts';
import { projectRoot } from '../../src/spec/index.ts';

describe('codegen > committed files are fresh', async () => {
  const files = [...(await generateAll())];
  it.each(files)('codegen > src/generated/%s matches a fresh generation (run npm run generate)', (name, text) => {
    const committed = readFileSync(path.join(projectRoot, 'src/generated', name), 'utf8');
    expect(committed === text, `src/generated/${name} is stale: run npm run generate`).toBe(true);
  });
});
