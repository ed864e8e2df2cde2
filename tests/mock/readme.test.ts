import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_END, MOCK_START, readmePath, renderExampleTable, renderMockReadmeSection, renderViolationTable } from '../../src/codegen/readme-examples.ts';
import { curlDemos, defaultHost, defaultPorts, startMock, type RunningMock } from '../../src/mock/index.ts';
import { apiNames, type ApiName } from '../../src/spec/load.ts';
import { contracts } from './helpers.ts';

const readme = readFileSync(readmePath, 'utf8');
const hasCurl = existsSync('/usr/bin/curl') || existsSync('/bin/curl');

describe('mock > README section', () => {
  it('README holds exactly the generated mock section (run `npm run generate` after a spec change)', () => {
    const start = readme.indexOf(MOCK_START);
    const end = readme.indexOf(MOCK_END);
    expect(start, 'markers missing').toBeGreaterThanOrEqual(0);
    expect(readme.slice(start, end + MOCK_END.length)).toBe(renderMockReadmeSection());
  });

  it.each(apiNames)('%s: the example-name table and the invalid-request table are the generated ones', (api) => {
    expect(readme).toContain(renderExampleTable(contracts[api]));
    expect(readme).toContain(renderViolationTable(contracts[api]));
    for (const { name } of contracts[api].responseExamples) expect(readme).toContain(`| \`${name}\` |`);
  });
});

describe.skipIf(!hasCurl)('mock > README curl examples, run as printed', () => {
  const mocks = {} as Record<ApiName, RunningMock>;
  beforeAll(async () => {
    for (const api of apiNames) mocks[api] = await startMock({ api, port: 0, quiet: true });
  });
  afterAll(async () => {
    await Promise.all(Object.values(mocks).map((m) => m.close()));
  });

  it.each(apiNames)('%s: every curl in the README answers what the README says', async (api) => {
    const printedUrl = `http://${defaultHost}:${defaultPorts[api]}`;
    for (const demo of curlDemos(contracts[api], printedUrl)) {
      expect(readme).toContain(demo.command);
      const command = demo.command.replace(printedUrl, mocks[api].url);
      const { stdout } = await promisify(execFile)('/bin/sh', ['-c', command]);
      expect(JSON.parse(stdout), demo.title).toEqual(demo.expected);
    }
  });
});
