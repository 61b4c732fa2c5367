import { describe, expect, it } from 'vitest';
import { answerText } from '../../../src/main/sync/client';

// What `Response.text()` gives for the same bytes (WHATWG UTF-8 decode: BOM dropped, bad bytes → U+FFFD).
const viaDecoder = (b: Buffer): string => new TextDecoder().decode(b);

describe('answerText (the counter reading a hub answer)', () => {
  const cases: [string, Buffer][] = [
    ['ASCII JSON with escapes', Buffer.from('{"name":"L\\u00f2 V\\u0103n P\\u00ecnh","n":1}')],
    ['UTF-8 Vietnamese', Buffer.from('{"name":"Lò Văn Pình"}')],
    ['a byte order mark before ASCII', Buffer.from('\ufeff{"a":1}')],
    ['a byte order mark before UTF-8', Buffer.from('\ufeff{"a":"đ"}')],
    ['malformed bytes', Buffer.from([0x7b, 0xff, 0xc3, 0x7d])],
    ['a truncated byte order mark', Buffer.from([0xef, 0xbb])],
    ['nothing', Buffer.alloc(0)],
  ];
  it.each(cases)('%s: the same text as the UTF-8 decoder', (_name, bytes) => {
    expect(answerText(bytes)).toBe(viaDecoder(bytes));
  });

  it('an ASCII answer of megabytes comes out whole and parses', () => {
    const body = JSON.stringify({ changes: Array.from({ length: 2000 }, (_, i) => ({ i, t: 'T\\u1ed5 5, ph\\u01b0\\u1eddng'.repeat(40) })) });
    const text = answerText(Buffer.from(body));
    expect(text).toBe(body);
    expect((JSON.parse(text) as { changes: unknown[] }).changes).toHaveLength(2000);
  });
});
