import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { markParsed, wasParsedWith } from '../../../src/shared/ipc/parsed';

const A = z.object({ n: z.number() }).strict();
const B = z.object({ n: z.number() }).strict();

describe('parsed marks (the registry’s copy, with the schema it passed)', () => {
  it('a marked copy is known for its own schema only', () => {
    const copy = A.parse({ n: 1 });
    expect(wasParsedWith(A, copy)).toBe(false);
    markParsed(A, copy);
    expect(wasParsedWith(A, copy)).toBe(true);
    expect(wasParsedWith(B, copy)).toBe(false);
    expect(wasParsedWith(undefined, copy)).toBe(false);
  });
  it('an equal object that was not marked is not taken as parsed', () => {
    const copy = A.parse({ n: 2 });
    markParsed(A, copy);
    expect(wasParsedWith(A, { n: 2 })).toBe(false);
  });
  it('values that are not objects are never marked, and marking them is harmless', () => {
    for (const value of [null, undefined, 'x', 3, true]) {
      expect(() => markParsed(A, value)).not.toThrow();
      expect(wasParsedWith(A, value)).toBe(false);
      // Nothing recorded for them, so even the "no schema" question answers no.
      expect(wasParsedWith(undefined, value)).toBe(false);
    }
  });
  it('arrays are objects: a marked array is known', () => {
    const list = z.array(z.number()).parse([1, 2]);
    markParsed(A, list);
    expect(wasParsedWith(A, list)).toBe(true);
  });
});
