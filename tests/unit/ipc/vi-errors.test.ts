/**
 * The IPC layer's pure parts: zod issues a schema did not phrase become Vietnamese (viErrorMap), and
 * which role may call a channel (allows).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allows, assemble, channel, empty } from '../../../src/shared/ipc/define';
import { viErrorMap } from '../../../src/shared/ipc/vi-errors';

const said = (schema: z.ZodType, input: unknown): string => {
  const r = schema.safeParse(input, { error: viErrorMap });
  return r.success ? 'accepted' : r.error.issues[0]!.message;
};

describe('viErrorMap', () => {
  it.each([
    [z.strictObject({ a: z.string() }), {}, 'Chưa nhập thông tin bắt buộc.'],
    [z.int(), 1.5, 'Phải là số nguyên.'],
    [z.int(), 'x', 'Phải là một số.'],
    [z.number(), 'x', 'Phải là một số.'],
    [z.string(), 5, 'Phải là chữ.'],
    [z.boolean(), 5, 'Dữ liệu không đúng kiểu.'],
    [z.string().min(1), '', 'Chưa nhập thông tin bắt buộc.'],
    [z.string().min(2), 'a', 'Cần ít nhất 2 ký tự.'],
    [z.array(z.number()).min(1), [], 'Cần ít nhất 1 mục.'],
    [z.set(z.number()).min(2), new Set([1]), 'Cần ít nhất 2 mục.'],
    [z.number().min(0), -1, 'Không được là số âm.'],
    [z.number().min(3), 2, 'Phải từ 3 trở lên.'],
    [z.string().max(3), 'abcd', 'Dài quá 3 ký tự.'],
    [z.array(z.number()).max(1), [1, 2], 'Nhiều quá 1 mục.'],
    [z.set(z.number()).max(1), new Set([1, 2]), 'Nhiều quá 1 mục.'],
    [z.number().max(9), 10, 'Không được lớn hơn 9.'],
    [z.number().positive(), 0, 'Phải lớn hơn 0.'],
    [z.number().gt(3), 3, 'Phải lớn hơn 3.'],
    [z.number().nonnegative(), -1, 'Không được là số âm.'],
    [z.number().lt(9), 9, 'Phải nhỏ hơn 9.'],
    [z.number().negative(), 0, 'Phải nhỏ hơn 0.'],
    [z.string().regex(/^\d+$/), 'x', 'Sai định dạng.'],
    [z.number().multipleOf(5), 7, 'Phải là số nguyên.'],
    [z.strictObject({ a: z.string() }), { a: 'x', b: 1, c: 2 }, 'Dữ liệu có trường không được phép: b, c.'],
    [z.union([z.string(), z.number()]), true, 'Giá trị không hợp lệ.'],
    [z.enum(['a', 'b']), 'c', 'Giá trị không hợp lệ.'],
    [z.record(z.string().regex(/^a/), z.number()), { b: 1 }, 'Dữ liệu không hợp lệ.'],
    [z.string().refine(() => false), 'x', 'Dữ liệu không hợp lệ.'],
  ] as const)('case %#', (schema, input, message) => {
    expect(said(schema as z.ZodType, input)).toBe(message);
  });
  it('leaves a message written in the schema alone', () => {
    expect(said(z.string().min(1, { error: 'Chưa nhập họ tên.' }), '')).toBe('Chưa nhập họ tên.');
  });
});

describe('allows', () => {
  it.each([
    ['public', null, true],
    ['public', 'clerk', true],
    ['clerk', null, false],
    ['clerk', 'clerk', true],
    ['manager', 'clerk', false],
    ['manager', 'manager', true],
    ['manager', 'admin', true],
    ['admin', 'manager', false],
    ['admin', 'admin', true],
    ['clerk', 'admin', true],
  ] as const)('%s channel, %s caller → %s', (access, role, ok) => {
    expect(allows(access, role)).toBe(ok);
  });
});

describe('assemble', () => {
  it('joins the capability groups into one contract, each channel as defined', () => {
    const a = { 'x.get': channel<number>()(empty, 'clerk') };
    const b = { 'y.set': channel<null>()(z.strictObject({ v: z.string() }), 'manager'), 'y.count': channel<number>()(empty, 'public') };
    const all = assemble(a, b);
    expect(Object.keys(all)).toEqual(['x.get', 'y.set', 'y.count']);
    expect(all['y.set']).toBe(b['y.set']);
    expect(all['x.get']).toEqual({ input: empty, access: 'clerk' });
    expect(assemble()).toEqual({});
  });
  it('refuses a channel name defined in two groups, naming it', () => {
    const a = { 'x.get': channel<number>()(empty, 'clerk') };
    expect(() => assemble(a, { 'y.get': a['x.get'] }, { 'x.get': channel<string>()(empty, 'admin') })).toThrow('IPC contract: channel "x.get" is defined twice');
  });
  it('a channel without input takes an empty object and nothing else', () => {
    expect(empty.safeParse({}).success).toBe(true);
    expect(empty.safeParse({ a: 1 }).success).toBe(false);
  });
});
