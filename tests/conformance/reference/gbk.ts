/**
 * A GBK encoder for the one fault that needs it (Node decodes GBK but does not encode it): the reverse of
 * TextDecoder('gbk') over the two-byte range, built once. ASCII stays as is; a character GBK lacks becomes '?'.
 */
let table: Map<string, number> | undefined;

function reverseTable(): Map<string, number> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, (lead << 8) | trail);
    }
  }
  return table;
}

export function encodeGbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = reverseTable().get(char);
      if (pair === undefined) bytes.push(0x3f);
      else bytes.push(pair >> 8, pair & 0xff);
    }
  }
  return Buffer.from(bytes);
}
