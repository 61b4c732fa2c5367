/** The input schemas of the complaint, loss and compensation use cases (src/shared/case-inputs.ts). */
import { describe, expect, it } from 'vitest';
import { AnswerComplaintInput, ComplaintStepInput, DeclareLossInput, DecideCompensationInput, PayCompensationInput, ReceiveComplaintInput } from '../../../src/shared/case-inputs';

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }): string | null => (r.success ? null : r.error!.issues[0]!.message);

describe('case inputs', () => {
  it('a complaint: its fields taken, a channel and a kind from the lists, with Vietnamese refusals', () => {
    const good = { itemNumber: 'EA123456785VN', complainantName: ' Nguyễn Thị Hoa ', phone: '0912345678', contact: '', channel: 'counter', kind: 'late', text: 'Chậm.' };
    expect(ReceiveComplaintInput.parse(good)).toMatchObject({ complainantName: 'Nguyễn Thị Hoa', channel: 'counter', kind: 'late' });
    expect(firstMessage(ReceiveComplaintInput.safeParse({ ...good, channel: 'email' }))).toBe('Hãy chọn khiếu nại đến qua kênh nào.');
    expect(firstMessage(ReceiveComplaintInput.safeParse({ ...good, kind: 'x' }))).toBe('Hãy chọn loại khiếu nại.');
    expect(ReceiveComplaintInput.safeParse({ ...good, extra: 1 }).success).toBe(false);
  });
  it('steps and answers name their complaint by a non-empty id', () => {
    expect(ComplaintStepInput.parse({ complaintId: 'abc', note: '' })).toEqual({ complaintId: 'abc', note: '' });
    expect(ComplaintStepInput.safeParse({ complaintId: '', note: '' }).success).toBe(false);
    expect(AnswerComplaintInput.parse({ complaintId: 'abc', answer: 'Đã xử lý.' })).toEqual({ complaintId: 'abc', answer: 'Đã xử lý.' });
    expect(AnswerComplaintInput.safeParse({ complaintId: '', answer: 'x' }).success).toBe(false);
  });
  it('a loss: subject, kind and stage from the lists, with Vietnamese refusals', () => {
    const good = { itemNumber: 'EA123456785VN', subject: 'result', kind: 'lost', stage: 'delivery', description: 'Mất.', agencyNotified: true, reissueRequested: false, actionsTaken: 'Đã báo.' };
    expect(DeclareLossInput.parse(good)).toEqual(good);
    expect(firstMessage(DeclareLossInput.safeParse({ ...good, subject: 'x' }))).toBe('Hãy chọn hồ sơ hay kết quả bị mất/hư hỏng.');
    expect(firstMessage(DeclareLossInput.safeParse({ ...good, kind: 'x' }))).toBe('Hãy chọn mất hay hư hỏng.');
    expect(firstMessage(DeclareLossInput.safeParse({ ...good, stage: 'x' }))).toBe('Hãy chọn khâu xảy ra mất/hư hỏng.');
  });
  it('a compensation: whole đồng, a trimmed basis of at most 1000 characters, a loss id', () => {
    const good = { lossId: 'abc', payeeName: 'Nguyễn Thị Hoa', amount: 200_000, basis: '  Điều 14.  ' };
    expect(DecideCompensationInput.parse(good)).toEqual({ ...good, basis: 'Điều 14.' });
    expect(firstMessage(DecideCompensationInput.safeParse({ ...good, amount: '200000' }))).toBe('Số tiền bồi thường phải là một số.');
    expect(firstMessage(DecideCompensationInput.safeParse({ ...good, amount: 10.5 }))).toBe('Số tiền bồi thường phải là số nguyên đồng (không có phần lẻ).');
    expect(firstMessage(DecideCompensationInput.safeParse({ ...good, basis: 5 }))).toBe('Căn cứ bồi thường: phải là chuỗi ký tự.');
    expect(firstMessage(DecideCompensationInput.safeParse({ ...good, basis: 'x'.repeat(1001) }))).toBe('Căn cứ bồi thường quá dài (tối đa 1000 ký tự).');
    expect(DecideCompensationInput.safeParse({ ...good, basis: 'x'.repeat(1000) }).success).toBe(true);
    expect(DecideCompensationInput.safeParse({ ...good, lossId: '' }).success).toBe(false);
    expect(PayCompensationInput.parse({ compensationId: 'abc', paymentMethod: 'cash' })).toEqual({ compensationId: 'abc', paymentMethod: 'cash' });
    expect(PayCompensationInput.safeParse({ compensationId: '', paymentMethod: 'cash' }).success).toBe(false);
  });
});
