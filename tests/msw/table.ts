// One table of requests, driven through the server mock and through the MSW handlers (node and Chromium): every
// valid and invalid fixture, each example by name and by code, preferences, negotiation, routing. Plain data, so a
// browser page can run it too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apiNames, loadContract, projectRoot, type ApiName } from '../../src/spec/load.ts';

import type { TableCase } from './send.ts';

export type { Reply, TableCase } from './send.ts';
export { sendCase } from './send.ts';

interface FixtureIndex {
  valid: Array<{ file: string; name: string }>;
  invalid: Array<{ file: string; id: string; contentType?: string }>;
}

export function buildTable(): TableCase[] {
  const cases: TableCase[] = [];
  for (const api of apiNames) {
    const contract = loadContract(api);
    const dir = path.join(projectRoot, 'fixtures', api);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as FixtureIndex;
    const json = { 'content-type': contract.requestMediaType };
    const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
    const valid = JSON.stringify(contract.requestExamples[0]!.value);
    const post = (label: string, headers: Record<string, string>, body: string | undefined, target = contract.path, method = 'POST') =>
      cases.push({ label: `${api} > ${label}`, api, method, target, headers, ...(body === undefined ? {} : { body }) });

    for (const fixture of index.valid) post(`valid ${fixture.name}`, json, read(fixture.file));
    for (const fixture of index.invalid) post(`invalid ${fixture.id}`, { 'content-type': fixture.contentType ?? contract.requestMediaType }, read(fixture.file));
    for (const example of contract.responseExamples) {
      post(`Prefer: example=${example.name}`, { ...json, prefer: `example=${example.name}` }, valid);
      post(`Prefer: code=${String(example.value[contract.envelope.codeField])}`, { ...json, prefer: `code=${String(example.value[contract.envelope.codeField])}` }, valid);
    }
    const last = contract.responseExamples.at(-1)!;
    post('?__example=', json, valid, `${contract.path}?__example=${last.name}`);
    post('?__code=', json, valid, `${contract.path}?__code=${String(last.value[contract.envelope.codeField])}`);
    post('unknown example', { ...json, prefer: 'example=noSuchExample' }, valid);
    post('unknown code', { ...json, prefer: 'code=12345' }, valid);
    post('unreadable code', { ...json, prefer: 'code=abc' }, valid);
    post('code and example disagree', { ...json, prefer: `code=${String(last.value[contract.envelope.codeField])}, example=${contract.responseExamples[0]!.name}` }, valid);
    post('Prefer: dynamic=maybe (Prism cannot decode it)', { ...json, prefer: 'dynamic=maybe' }, valid);
    post('Prefer: example (a bare token)', { ...json, prefer: 'example' }, valid);
    post('Prefer: respond-async (ignored)', { ...json, prefer: 'respond-async, wait=5' }, valid);
    post('an invalid body asking for an example', { ...json, prefer: `example=${last.name}` }, '{}');
    post('Accept: axios default', { ...json, accept: 'application/json, text/plain, */*' }, valid);
    post('Accept: application/xml', { ...json, accept: 'application/xml' }, valid);
    post('Accept: text/html, q-valued */*', { ...json, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, valid);
    post('Accept: application/json;charset=utf-8', { ...json, accept: 'application/json;charset=utf-8' }, valid);
    post('Accept: */*;q=0 (nothing acceptable)', { ...json, accept: '*/*;q=0' }, valid);
    post('Accept: unreadable', { ...json, accept: ';;;' }, valid);
    post('GET (wrong method)', {}, undefined, contract.path, 'GET');
    post('unknown path', json, valid, `${contract.path}/nope`);
    post('many violations', json, JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`unknown_${i}`, i]))));
  }
  return cases;
}

