import { describe, expect, test } from 'vitest';
import { Masker, MASK } from '../../conformance/engine/mask.ts';
import { buildCurl } from '../../conformance/engine/curl.ts';
import { describeAnswer, excerpt } from '../../conformance/checks/answer.ts';
import { exchange } from './helpers.ts';
import { loadContract } from '../../src/spec/index.ts';
import { printableLine, printableText } from '../../src/util/terminal.ts';
import { ALL_FORMS, encode, findLeaks, SECRETS } from './hostile/secrets.ts';

const masker = new Masker(['weidu', 'lingju']);
masker.addSecret(SECRETS.appkey, { name: 'LINGJU_APPKEY', field: 'appkey', about: 'the appkey' });
masker.addSecret(SECRETS.authcode, { name: 'LINGJU_AUTHCODE', field: 'authcode', about: 'the authcode' });
masker.addSecret('k9', { name: 'SHORT', about: 'a short one' });

describe('conformance > masking: every form a server echoes a secret in', () => {
  test.each(ALL_FORMS.flatMap((form) => Object.entries(SECRETS).map(([name, secret]) => [form, name, secret] as const)))('%s form of %s', (form, _name, secret) => {
    const text = `before ${encode(secret, form)} after`;
    expect(masker.text(text)).toBe(`before ${MASK} after`);
  });

  test.each([
    ['JSON inside JSON', JSON.stringify(JSON.stringify({ authcode: SECRETS.authcode }))],
    ['HTML of JSON inside JSON', JSON.stringify(JSON.stringify({ authcode: SECRETS.authcode })).replace(/[^A-Za-z0-9]/g, (c) => `&#x${c.codePointAt(0)!.toString(16)};`)],
    ['Gson of a JSON body', JSON.stringify(JSON.stringify({ authcode: SECRETS.authcode })).replace(/[<>&='"\\]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)],
    ['URL-encoded twice', encodeURIComponent(encodeURIComponent(SECRETS.appkey))],
    ['&amp;-escaped entities', SECRETS.authcode.replace(/[^A-Za-z0-9]/g, (c) => `&amp;#${c.codePointAt(0)};`)],
  ])('nested escaping: %s', (_name, text) => {
    expect(findLeaks(masker.text(text), Object.values(SECRETS))).toEqual([]);
  });

  test("a check's excerpt of an answer masks before it cuts (and flattens whitespace after): no prefix at any cut", () => {
    for (let pad = 60; pad < 90; pad++) {
      const body = `${'x'.repeat(pad)}\n\n${SECRETS.appkey} and ${encode(SECRETS.authcode, 'gson')}`;
      const cut = excerpt(masker, body);
      expect(cut.length).toBeLessThanOrEqual(80);
      expect(findLeaks(cut, Object.values(SECRETS)), `pad ${pad}: ${cut}`).toEqual([]);
    }
    // The same through describeAnswer, on a not-JSON answer and on a long message field.
    const contract = loadContract('lingju');
    const ctx = { contract, masker };
    for (let pad = 100; pad < 125; pad++) {
      const text = describeAnswer(ctx, exchange({ api: 'lingju', rawBody: `${'y'.repeat(pad - 40)} ${SECRETS.appkey}` }));
      const message = describeAnswer(ctx, exchange({ api: 'lingju', body: { status: 8, description: `${'z'.repeat(pad)}${SECRETS.appkey}` } }));
      expect(findLeaks(text + message, Object.values(SECRETS))).toEqual([]);
    }
  });

  test('a secret is masked before an excerpt is cut: no prefix survives at the edge', () => {
    for (let pad = 0; pad < 30; pad++) {
      const text = `${'x'.repeat(pad)}${SECRETS.appkey} tail`;
      expect(findLeaks(masker.cut(text, 20), [SECRETS.appkey]), String(pad)).toEqual([]);
    }
  });

  test.each([
    ['a whole token', 'appkey=k9&x=1', `appkey=${MASK}&x=1`],
    ['quoted in JSON', '{"appkey":"k9"}', `{"appkey":"${MASK}"}`],
    ['escaped', '{"appkey":"\\u006b9"}', `{"appkey":"${MASK}"}`],
    ['inside a longer word: not that secret', 'work9 k9x xk9', 'work9 k9x xk9'],
  ])('a short secret (2 characters) as %s', (_name, input, output) => {
    expect(masker.text(input)).toBe(output);
  });

  test('learnt short values (generated data under 4 characters) are masked in JSON fields only, not in free text', () => {
    const m = new Masker(['weidu']);
    m.learnBody('{"mobile":"123","identity_number":"110101199003074518"}');
    expect(m.body('{"mobile":"123"}')).toBe(`{"mobile":"${MASK}"}`);
    expect(m.text('HTTP 123 and 110101199003074518')).toBe(`HTTP 123 and ${MASK}`);
  });

  test('an answer stays the same JSON: masked inside strings, a secret number left rather than breaking the JSON', () => {
    const m = new Masker(['weidu']);
    m.learnBody('{"mobile":"13812345678"}');
    expect(m.answer('{"code":1,"result":"mobile 13812345678 taken"}')).toBe(`{"code":1,"result":"mobile ${MASK} taken"}`);
    expect(JSON.parse(m.answer('{"code":13812345678,"result":"13812345678"}'))).toEqual({ code: 13812345678, result: MASK });
  });

  test('report.json content: every string masked, numbers and structure kept', () => {
    expect(masker.deep({ n: 1, list: [`a ${SECRETS.appkey}`], [SECRETS.appkey]: true })).toEqual({ n: 1, list: [`a ${MASK}`], [MASK]: true });
  });
});

describe('conformance > curl lines with secrets as shell variables', () => {
  test('credentials are read from their variables, JSON-escaped; generated data gets a variable named after its field', () => {
    const m = new Masker(['weidu', 'lingju']);
    m.addSecret(SECRETS.authcode, { name: 'LINGJU_AUTHCODE', field: 'authcode', about: 'the authcode' });
    m.learnBody('{"mobile":"13812345678"}');
    const lingju = buildCurl({ method: 'POST', url: 'http://h/p', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ authcode: SECRETS.authcode, n: 1 }) }, m, 'lingju');
    expect(lingju.line).toBe(`curl -sS -i -X POST 'http://h/p' -H 'Content-Type: application/json' --data-raw '{"authcode":"'"$(printf %s "$LINGJU_AUTHCODE" | sed 's/[\\\\"]/\\\\&/g')"'","n":1}'`);
    expect(lingju.variables.map((v) => v.name)).toEqual(['LINGJU_AUTHCODE']);
    const weidu = buildCurl({ method: 'POST', url: 'http://h/p', headers: {}, body: '{"mobile":13812345678}' }, m, 'weidu');
    expect(weidu.line).toContain(`--data-raw '{"mobile":'"$WEIDU_MOBILE"'}'`);
    expect(weidu.variables).toEqual([expect.objectContaining({ name: 'WEIDU_MOBILE', field: 'mobile' })]);
  });

  test('made-up credentials are no one\'s secret: shown as sent', () => {
    const m = new Masker(['lingju']);
    m.allow('made-up-appkey-1');
    m.learnBody('{"appkey":"made-up-appkey-1"}');
    expect(buildCurl({ method: 'POST', url: 'u', headers: {}, body: '{"appkey":"made-up-appkey-1"}' }, m, 'lingju').line).toContain(`'{"appkey":"made-up-appkey-1"}'`);
  });
});

describe('conformance > terminal output', () => {
  test.each([
    ['ESC, BEL, NUL', '\u001b[2J\u0007\u0000', '\\x1B[2J\\x07\\x00'],
    ['a carriage return forging a line', 'ok\rPASS', 'ok\\rPASS'],
    ['C1 CSI and bidi override', '\u009b31m\u202Eexe', '\\x9B31m\\u202Eexe'],
    ['the Arabic letter mark (a bidi control like U+200F)', 'a\u061Cb', 'a\\u061Cb'],
  ])('%s are shown as escapes', (_name, input, output) => {
    expect(printableLine(input)).toBe(output);
  });
  test('several lines keep their newlines and tabs, nothing else', () => {
    expect(printableText('a\n\tb\u001b')).toBe('a\n\tb\\x1B');
    expect(printableLine('a\nb')).toBe('a\\nb');
  });
});
