import { describe, expect, it } from 'vitest';
import { DomainError, fail, must, ok } from '../../../src/shared/errors';

describe('errors', () => {
  it('a DomainError carries its code, Vietnamese message and field, under its own name', () => {
    const e = new DomainError('x.code', 'Thông báo', 'field');
    expect(e).toBeInstanceOf(Error);
    expect({ name: e.name, code: e.code, message: e.message, field: e.field }).toEqual({ name: 'DomainError', code: 'x.code', message: 'Thông báo', field: 'field' });
    expect(new DomainError('x', 'y').field).toBeUndefined();
  });
  it('must unwraps an accepted check and throws the refusal with its field', () => {
    expect(must(ok(5))).toBe(5);
    expect(() => must(fail('x.code', 'Bị từ chối'), 'f')).toThrow(expect.objectContaining({ name: 'DomainError', code: 'x.code', message: 'Bị từ chối', field: 'f' }));
  });
});
