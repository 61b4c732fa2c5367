/**
 * formatZodIssue: the first issue of a refused input becomes one Vietnamese message and the field it
 * is about; zod's own English messages never reach the clerk.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeliveryAttemptInput, formatZodIssue } from '../../../src/shared/schemas';

function issueOf(schema: z.ZodType, input: unknown): { message: string; field: string | undefined } {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected the input to be refused');
  return formatZodIssue(r.error);
}

describe('formatZodIssue', () => {
  it('keeps a Vietnamese message and names its field', () => {
    expect(issueOf(DeliveryAttemptInput, { dossierId: 'd1', reason: '   ' })).toEqual({ message: 'Chưa nhập lý do phát không thành công.', field: 'reason' });
  });
  it('recognises Vietnamese in capitals too', () => {
    expect(issueOf(z.string().min(1, { error: 'CHƯA NHẬP TÊN' }), '')).toEqual({ message: 'CHƯA NHẬP TÊN', field: undefined });
  });
  it('replaces an English message deep inside by a generic one naming the dotted path', () => {
    const schema = z.object({ sender: z.object({ documents: z.array(z.number()) }) });
    expect(issueOf(schema, { sender: { documents: [1, 'x'] } })).toEqual({ message: 'Dữ liệu không hợp lệ ở trường “sender.documents.1”.', field: 'sender.documents.1' });
  });
  it('replaces an English message at the top by a generic one without a field', () => {
    expect(issueOf(z.number(), 'x')).toEqual({ message: 'Dữ liệu không hợp lệ.', field: undefined });
  });
  it('says that a field is not allowed when the input has an unknown key', () => {
    expect(issueOf(DeliveryAttemptInput, { dossierId: 'd1', reason: 'Vắng nhà', extra: 1 })).toEqual({ message: 'Dữ liệu có trường không được phép.', field: undefined });
  });
  it('has a message even for an error without issues', () => {
    expect(formatZodIssue(new z.ZodError([]))).toEqual({ message: 'Dữ liệu không hợp lệ.', field: undefined });
  });
  it('uses the first issue only', () => {
    const schema = z.object({ a: z.string().min(1, { error: 'Chưa nhập a.' }), b: z.string().min(1, { error: 'Chưa nhập b.' }) });
    expect(issueOf(schema, { a: '', b: '' })).toEqual({ message: 'Chưa nhập a.', field: 'a' });
  });
});
