/**
 * How a refused reference document is told to provincial IT (src/shared/reference-kinds.ts): each zod
 * issue in Vietnamese by its code, where it is, and how many problems the message lists.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkReference, describeIssue, documentVersion, isReferenceName, refuse, type ReferenceProblem } from '../../../src/shared/reference-kinds';

/** The issues zod raises for `value` under `schema` (the schema must refuse it). */
function issuesOf(schema: z.ZodType, value: unknown): z.core.$ZodIssue[] {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a refusal');
  return r.error.issues;
}
const described = (schema: z.ZodType, value: unknown): ReferenceProblem[] => issuesOf(schema, value).map(describeIssue);

describe('describeIssue', () => {
  it('a missing field, at the top and deep inside, names the field', () => {
    expect(described(z.strictObject({ a: z.strictObject({ b: z.number() }) }), { a: {} })).toEqual([{ code: 'invalid_type', path: 'a.b', message: 'Thiếu trường “a.b”.' }]);
    expect(described(z.strictObject({ list: z.array(z.strictObject({ n: z.number() })) }), { list: [{ n: 1 }, {}] })).toEqual([
      { code: 'invalid_type', path: 'list.1.n', message: 'Thiếu trường “list.1.n”.' },
    ]);
  });
  it('a wrong type says what was expected, in Vietnamese where it has a name and by zod’s name otherwise', () => {
    expect(described(z.strictObject({ a: z.string() }), { a: 1 })[0]!.message).toBe('Trường “a” sai kiểu dữ liệu (cần chuỗi ký tự).');
    expect(described(z.strictObject({ a: z.boolean() }), { a: 1 })[0]!.message).toBe('Trường “a” sai kiểu dữ liệu (cần true hoặc false).');
    expect(described(z.strictObject({ a: z.bigint() }), { a: 1 })[0]!.message).toBe('Trường “a” sai kiểu dữ liệu (cần bigint).');
    expect(described(z.strictObject({ a: z.number() }), 'x')).toEqual([{ code: 'invalid_type', path: '', message: 'Trường tài liệu sai kiểu dữ liệu (cần đối tượng).' }]);
  });
  it('fields that are not allowed, in the document itself or inside a part of it', () => {
    expect(described(z.strictObject({}), { x: 1, y: 2 })).toEqual([{ code: 'unrecognized_keys', path: '', message: 'Có trường không được phép: x, y.' }]);
    expect(described(z.strictObject({ p: z.strictObject({}) }), { p: { z: 1 } })).toEqual([{ code: 'unrecognized_keys', path: 'p', message: 'Trong “p” có trường không được phép: z.' }]);
  });
  it('below and above the bounds, a value not in the list, a bad format', () => {
    expect(described(z.strictObject({ n: z.number().min(1) }), { n: 0 })).toEqual([{ code: 'too_small', path: 'n', message: 'Trường “n” nhỏ hơn giới hạn cho phép.' }]);
    expect(described(z.strictObject({ n: z.number().max(1) }), { n: 2 })).toEqual([{ code: 'too_big', path: 'n', message: 'Trường “n” lớn hơn giới hạn cho phép.' }]);
    expect(described(z.strictObject({ k: z.enum(['a', 'b']) }), { k: 'c' })).toEqual([{ code: 'invalid_value', path: 'k', message: 'Trường “k” có giá trị không được phép (được phép: "a", "b").' }]);
    expect(described(z.strictObject({ d: z.string().regex(/^\d+$/) }), { d: 'x' })).toEqual([{ code: 'invalid_format', path: 'd', message: 'Trường “d” sai định dạng.' }]);
  });
  it('any other issue keeps zod’s own words in brackets', () => {
    const custom = z.strictObject({ n: z.number().refine((v) => v !== 3, { error: 'no three' }) });
    expect(described(custom, { n: 3 })).toEqual([{ code: 'custom', path: 'n', message: 'Trường “n” không hợp lệ (no three).' }]);
  });
  it('a schema’s own Vietnamese message is kept, with where it is (the document itself when at the top)', () => {
    const vi = z.strictObject({ n: z.number().min(1, { error: 'Số ngày tối thiểu 1.' }) });
    expect(described(vi, { n: 0 })).toEqual([{ code: 'too_small', path: 'n', message: 'Số ngày tối thiểu 1 (n).' }]);
    const top = z.number().refine((v) => v > 0, { error: 'Tài liệu phải dương' });
    expect(described(top, -1)).toEqual([{ code: 'custom', path: '', message: 'Tài liệu phải dương (tài liệu).' }]);
  });
});

describe('refuse', () => {
  const problem = (i: number): ReferenceProblem => ({ code: 'c', path: `p${i}`, message: `Lỗi ${i}.` });
  const many = (n: number): ReferenceProblem[] => Array.from({ length: n }, (_, i) => problem(i + 1));
  it('lists up to five problems and counts the rest', () => {
    expect(refuse('Bảng X', 'BAD', many(1))).toEqual({ ok: false, code: 'BAD', message: 'Bảng X không hợp lệ (1 lỗi): Lỗi 1.', problems: many(1) });
    expect(refuse('Bảng X', 'BAD', many(5))).toMatchObject({ message: 'Bảng X không hợp lệ (5 lỗi): Lỗi 1. Lỗi 2. Lỗi 3. Lỗi 4. Lỗi 5.' });
    expect(refuse('Bảng X', 'BAD', many(6))).toMatchObject({ message: 'Bảng X không hợp lệ (6 lỗi): Lỗi 1. Lỗi 2. Lỗi 3. Lỗi 4. Lỗi 5. … và 1 lỗi khác.' });
  });
});

describe('the registry’s edges', () => {
  it('a catalogue that is not even an object is refused with the catalogue’s first code', () => {
    const r = checkReference('catalogue', 42);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.code).toBe(r.problems[0]!.code);
  });
  it('names are only the registry’s own keys', () => {
    expect(isReferenceName('personal_data')).toBe(true);
    expect(isReferenceName(42)).toBe(false);
    expect(isReferenceName('')).toBe(false);
  });
  it('a document version is a non-blank string; anything else falls back', () => {
    expect(documentVersion({ version: '2026.1' })).toBe('2026.1');
    expect(documentVersion({ version: '  ' })).toBe('local');
    expect(documentVersion({ version: 7 }, 'x')).toBe('x');
    expect(documentVersion('2026.1')).toBe('local');
    expect(documentVersion(undefined)).toBe('local');
  });
});
