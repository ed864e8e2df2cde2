import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documentExchange, documentLines, loadContract, verbatimDeviations, verbatimDir, verbatimExample } from '../../src/spec/index.ts';

const brief = (api: 'weidu' | 'lingju', kind: 'request' | 'response') => verbatimDeviations(api, kind).map((v) => `${v.path} ${v.keyword}`);

describe('verbatim > the documents\' own examples against the spec', () => {
  it('lingju > request: gender undocumented, birthday placeholder, weight/height strings — exactly', () => {
    expect(brief('lingju', 'request')).toEqual(['gender additionalProperties', 'birthday format', 'weight type', 'height type']);
  });

  it('lingju > response {"status":"X"}: status is not an integer nor a documented code', () => {
    expect(brief('lingju', 'response')).toEqual(['status type']);
  });

  it('weidu > request: work_list[0].type 0 is outside 1–6 — exactly', () => {
    expect(brief('weidu', 'request')).toEqual(['work_list/0/type enum']);
  });

  it('weidu > the curl example sends no Content-Type header, so curl -d sends a form body (decision W07)', () => {
    const curl = readFileSync(path.join(verbatimDir, 'weidu.curl.sh'), 'utf8');
    expect(curl).toMatch(/ -d '\{/);
    expect(curl).not.toMatch(/-H\s+['"]?content-type/i);
  });

  it('weidu > the recorded exchange: the curl\'s -d bytes (the kept body without its line break), curl\'s form Content-Type, then HTTP 200 with the recorded header', () => {
    const exchange = documentExchange(loadContract('weidu'))!;
    expect(`${exchange.request.body}\n`).toBe(verbatimExample('weidu', 'request').text);
    expect(exchange.request.contentType).toBe('application/x-www-form-urlencoded');
    expect(exchange.response).toMatchObject({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '27' }, value: { code: 200, result: 'ok' } });
    expect(documentExchange(loadContract('lingju'))!.response).toBeUndefined(); // {"status":"X"} is a placeholder, not an answer (L06)
  });

  it('weidu > response {"code":200,"result":"ok"} conforms', () => {
    expect(brief('weidu', 'response')).toEqual([]);
  });

  it('weidu > observations outside the schema (recorded as decisions W08, W09, W10)', () => {
    const body = verbatimExample('weidu', 'request').value as {
      user_id: string;
      mobile: string;
      work_list: Array<{ user_id: string; file_infos: Array<{ user_id: string; name: string }> }>;
    };
    expect(body.mobile).toMatch(/^\d{12}$/); // 12 digits: not a mainland mobile number
    const nested = body.work_list.flatMap((w) => [w.user_id, ...w.file_infos.map((f) => f.user_id)]);
    expect(nested.every((id) => id !== body.user_id)).toBe(true); // no nested user_id equals the top-level one
    expect(body.work_list[0]!.file_infos.map((f) => f.name)).toContain('.');
  });

  // Recorded when the files were cut out of the documents; an edit (even whitespace) fails this test.
  it.each([
    ['weidu.request.json', '96f3eeae1bdec30812ee44b283846d5b8f1fc4339c7a2e68f33544e76c8df2e4'],
    ['weidu.response.json', '5fc98d09c6bbf9992a1104dc9889a0c861399c27d7dd5bcb4a0668adc6405932'],
    ['weidu.curl.sh', '8e4ca7ff857337198fa1ab2dc0e8b7f870b28a4444939266505b61d9954e79f8'],
    ['weidu.response-head.txt', '20974df98d131502ebdb00b1fc6352bdad8189ac670af0be419a0166b283068c'],
    ['lingju.request.json', 'f6d025f1d8a6be390342ae6063c0fcafae1508a0692eec1281295e3df4f55b49'],
    ['lingju.response.json', 'a5310369665f785650dd3cce293dc70f638ce50b879d11bede58b9b3c0a82f50'],
    ['000_9070bf88d2281998.txt', '3569c6c8b1a59c4655a20f24e6798f8d6249f0a948d0a2ef375e3c009a273734'],
    ['003_b8d9ed5a731b86a3.txt', '285dcdec40923c2aef1a4990e559f3e9ae6d3e60c059e7f9287379451e25d9c4'],
  ])('verbatim > %s is kept byte for byte', (file, sha256) => {
    expect(createHash('sha256').update(readFileSync(path.join(verbatimDir, file))).digest('hex')).toBe(sha256);
  });

  // The examples are cut out of the documents, which are kept whole beside them (the source of every quote, see quotes.test.ts).
  const weidu = documentLines('000_9070bf88d2281998.txt');
  const lingju = documentLines('003_b8d9ed5a731b86a3.txt');
  const dedent = (lines: string[]) => {
    const indent = Math.min(...lines.map((l) => /^ */.exec(l)![0].length));
    return lines.map((l) => l.slice(indent));
  };
  it.each([
    ['weidu.curl.sh', () => weidu[61]!.trimStart()],
    ['weidu.request.json', () => /-d '(.*)'/.exec(weidu[61]!)![1]!],
    ['weidu.response.json', () => dedent(weidu.slice(69, 73)).join('\n')],
    ['lingju.request.json', () => lingju.slice(21, 35).join('\n')],
    ['lingju.response.json', () => lingju[123]!],
  ])('verbatim > %s is cut out of its document', (file, cut) => {
    expect(readFileSync(path.join(verbatimDir, file), 'utf8')).toBe(`${cut()}\n`);
  });
});
