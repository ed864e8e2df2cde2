import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeHtml, shellQuote } from '../../src/util/escape.ts';

describe('escape > html', () => {
  it.each([
    ['<script>alert("x")</script>', '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;'],
    ["a & b's", 'a &#38; b&#39;s'],
    [undefined, ''],
    [42, '42'],
  ] as const)('escape > html %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('escape > shell', () => {
  it.each([`plain`, `it's`, `{"a":"'; rm -rf /"}`, `$HOME \`id\` \\n`, '中文 "quotes"'])('escape > shell round-trips %s through sh', (text) => {
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })).toBe(text);
  });
});
