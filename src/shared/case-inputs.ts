/**
 * Input schemas of the complaint, loss and compensation use cases at the counter (strict objects,
 * Vietnamese messages). The meaning (time bar, deadline, states, amounts) is checked by the services
 * with src/shared/cases.ts.
 */
import { z } from 'zod';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, LOSS_KINDS, LOSS_STAGES, LOSS_SUBJECTS } from './cases';
import { optionalText, paymentMethod, text } from './schemas';

export const ReceiveComplaintInput = z
  .object({
    /** The item complained about; empty or absent: about a counter, a clerk. */
    itemNumber: optionalText('Số hiệu bưu gửi', 20),
    complainantName: text('Họ tên người khiếu nại', 100),
    phone: optionalText('Số điện thoại', 20),
    contact: optionalText('Cách liên lạc khác', 200),
    channel: z.enum(COMPLAINT_CHANNELS, { error: 'Hãy chọn khiếu nại đến qua kênh nào.' }),
    kind: z.enum(COMPLAINT_KINDS, { error: 'Hãy chọn loại khiếu nại.' }),
    text: text('Nội dung khiếu nại', 2000),
  })
  .strict();
export type ReceiveComplaintInput = z.input<typeof ReceiveComplaintInput>;

export const ComplaintStepInput = z.object({ complaintId: z.string().min(1), note: optionalText('Ghi chú', 500) }).strict();
export type ComplaintStepInput = z.input<typeof ComplaintStepInput>;

export const AnswerComplaintInput = z.object({ complaintId: z.string().min(1), answer: text('Nội dung trả lời', 2000) }).strict();
export type AnswerComplaintInput = z.input<typeof AnswerComplaintInput>;

export const DeclareLossInput = z
  .object({
    itemNumber: text('Số hiệu bưu gửi', 20),
    subject: z.enum(LOSS_SUBJECTS, { error: 'Hãy chọn hồ sơ hay kết quả bị mất/hư hỏng.' }),
    kind: z.enum(LOSS_KINDS, { error: 'Hãy chọn mất hay hư hỏng.' }),
    stage: z.enum(LOSS_STAGES, { error: 'Hãy chọn khâu xảy ra mất/hư hỏng.' }),
    description: text('Mô tả', 1000),
    agencyNotified: z.boolean(),
    reissueRequested: z.boolean(),
    actionsTaken: text('Việc đã làm', 1000),
  })
  .strict();
export type DeclareLossInput = z.input<typeof DeclareLossInput>;

export const DecideCompensationInput = z
  .object({
    lossId: z.string().min(1),
    payeeName: text('Họ tên người nhận bồi thường', 100),
    /** Whole đồng; the sign and the size are checked by checkCompensation (a precise message each). */
    amount: z.number({ error: 'Số tiền bồi thường phải là một số.' }).int({ error: 'Số tiền bồi thường phải là số nguyên đồng (không có phần lẻ).' }),
    basis: z.string({ error: 'Căn cứ bồi thường: phải là chuỗi ký tự.' }).trim().max(1000, { error: 'Căn cứ bồi thường quá dài (tối đa 1000 ký tự).' }),
  })
  .strict();
export type DecideCompensationInput = z.input<typeof DecideCompensationInput>;

export const PayCompensationInput = z.object({ compensationId: z.string().min(1), paymentMethod }).strict();
export type PayCompensationInput = z.input<typeof PayCompensationInput>;
