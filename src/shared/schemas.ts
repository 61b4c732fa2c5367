/**
 * Input schemas of every counter use case. The shapes are checked here (strict objects, integer
 * đồng); the meaning (CCCD structure, check digits, catalogue membership) is checked by the services
 * with the shared validators, so every refusal carries a precise Vietnamese message.
 */
import { z } from 'zod';
import { isWellFormedText } from './text';

export const text = (label: string, max = 200) =>
  z
    .string({ error: `${label}: phải là chuỗi ký tự.` })
    .trim()
    .min(1, { error: `Chưa nhập ${label.toLowerCase()}.` })
    .max(max, { error: `${label} quá dài (tối đa ${max} ký tự).` })
    .refine(isWellFormedText, { error: `${label} có ký tự hỏng (không phải chữ); hãy gõ lại.` });

export const optionalText = (label: string, max = 200) =>
  z
    .string({ error: `${label}: phải là chuỗi ký tự.` })
    .trim()
    .max(max, { error: `${label} quá dài (tối đa ${max} ký tự).` })
    .refine(isWellFormedText, { error: `${label} có ký tự hỏng (không phải chữ); hãy gõ lại.` })
    .optional()
    .nullable();

/** Whole đồng: a non-negative safe integer. */
export const dong = (label: string) =>
  z
    .number({ error: `${label} phải là một số.` })
    .int({ error: `${label} phải là số nguyên đồng (không có phần lẻ).` })
    .min(0, { error: `${label} không được âm.` })
    .max(1_000_000_000_000, { error: `${label} quá lớn.` });

export const localDate = (label: string) =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} không đúng định dạng ngày.` });

export const idKind = z.enum(['cccd', 'cmnd', 'passport'], { error: 'Loại giấy tờ tùy thân không hợp lệ.' });
export const serviceType = z.enum(['send', 'return', 'both'], { error: 'Loại dịch vụ không hợp lệ.' });
export const returnMethod = z.enum(['pickup', 'home', 'none'], { error: 'Cách nhận kết quả không hợp lệ.' });
export const paymentMethod = z.enum(['cash', 'transfer'], { error: 'Hình thức thanh toán không hợp lệ.' });
export const documentForm = z.enum(['original', 'copy', 'original_or_copy', 'certified_copy'], { error: 'Loại bản giấy tờ không hợp lệ.' });

export const PersonInput = z
  .object({
    fullName: text('Họ và tên', 100),
    idKind,
    idNumber: text('Số giấy tờ tùy thân', 20),
    /** ICAO 3-letter nationality of a passport (VNM when absent). */
    nationality: optionalText('Quốc tịch', 3),
    phone: optionalText('Số điện thoại', 20),
    email: optionalText('Thư điện tử', 120),
    address: optionalText('Địa chỉ', 300),
    provinceCode: optionalText('Tỉnh/thành', 3),
    communeCode: optionalText('Xã/phường', 5),
    organisation: optionalText('Tổ chức', 200),
  })
  .strict();
export type PersonInput = z.infer<typeof PersonInput>;

export const ProxyInput = PersonInput.extend({ authorisationRef: text('Giấy ủy quyền', 120) }).strict();
export type ProxyInput = z.infer<typeof ProxyInput>;

export const DocumentInput = z
  .object({
    code: optionalText('Mã giấy tờ', 40),
    name: text('Tên giấy tờ', 300),
    form: documentForm,
    requiredCount: z.number().int().min(0).max(99),
    providedCount: z.number({ error: 'Số lượng giấy tờ phải là số.' }).int({ error: 'Số lượng giấy tờ phải là số nguyên.' }).min(0, { error: 'Số lượng giấy tờ không được âm.' }).max(99),
    providedForm: z.enum(['original', 'copy', 'certified_copy']).optional().nullable(),
    required: z.boolean(),
  })
  .strict();
export type DocumentInput = z.infer<typeof DocumentInput>;

export const AddressInput = z
  .object({
    address: text('Địa chỉ nhận kết quả', 300),
    provinceCode: text('Tỉnh/thành nhận kết quả', 3),
    communeCode: text('Xã/phường nhận kết quả', 5),
  })
  .strict();

export const AcceptDossierInput = z
  .object({
    serviceType,
    procedureCode: text('Thủ tục', 40),
    sender: PersonInput,
    proxy: ProxyInput.optional().nullable(),
    recipient: PersonInput.optional().nullable(),
    documents: z.array(DocumentInput).max(60, { error: 'Danh sách giấy tờ quá dài.' }),
    returnMethod,
    returnAddress: AddressInput.optional().nullable(),
    pickupBranchCode: optionalText('Bưu cục nhận kết quả', 20),
    feeCategory: optionalText('Đối tượng thu phí', 40),
    feeAmount: dong('Phí, lệ phí'),
    feeCollectedNow: z.boolean(),
    postageAmount: dong('Cước'),
    paymentMethod,
    agencyDossierCode: optionalText('Mã hồ sơ của cơ quan', 60),
  })
  .strict();
export type AcceptDossierInput = z.infer<typeof AcceptDossierInput>;

export const SupplementInput = z
  .object({
    dossierId: z.string().min(1),
    documents: z.array(z.object({ position: z.number().int().min(0), providedCount: z.number().int().min(0).max(99), providedForm: z.enum(['original', 'copy', 'certified_copy']).optional().nullable() }).strict()).min(1, { error: 'Chưa chọn giấy tờ nào được bổ sung.' }),
  })
  .strict();
export type SupplementInput = z.infer<typeof SupplementInput>;

export const CreateBatchInput = z
  .object({
    agencyCode: text('Cơ quan', 40),
    dossierIds: z.array(z.string().min(1)).min(1, { error: 'Chuyến phải có ít nhất một hồ sơ.' }).max(500),
  })
  .strict();
export type CreateBatchInput = z.infer<typeof CreateBatchInput>;

export const RemoveFromBatchInput = z.object({ batchId: z.string().min(1), dossierId: z.string().min(1) }).strict();
export type RemoveFromBatchInput = z.infer<typeof RemoveFromBatchInput>;

export const RecordFilingInput = z
  .object({
    batchId: z.string().min(1),
    /** When the agency's officer signed the handover record (epoch ms). */
    filedAt: z.number().int().positive(),
    receivingOfficer: text('Cán bộ tiếp nhận của cơ quan', 100),
  })
  .strict();
export type RecordFilingInput = z.infer<typeof RecordFilingInput>;

export const RecordAppointmentInput = z
  .object({
    dossierId: z.string().min(1),
    appointmentDate: localDate('Ngày hẹn trả kết quả'),
    agencyDossierCode: optionalText('Mã hồ sơ của cơ quan', 60),
  })
  .strict();
export type RecordAppointmentInput = z.infer<typeof RecordAppointmentInput>;

export const CollectResultInput = z
  .object({
    itemNumber: text('Số hiệu bưu gửi', 20),
    originalsReturned: z.array(text('Giấy tờ gốc trả lại', 200)).max(30).default([]),
  })
  .strict();
export type CollectResultInput = z.input<typeof CollectResultInput>;

export const HandOverInput = z
  .object({
    dossierId: z.string().min(1),
    recipient: z.object({ fullName: text('Họ tên người nhận', 100), idKind, idNumber: text('Số giấy tờ người nhận', 20), nationality: optionalText('Quốc tịch', 3) }).strict(),
    byProxy: z.boolean(),
    authorisationRef: optionalText('Giấy ủy quyền', 120),
    reclaimed: z.array(text('Giấy tờ thu hồi', 200)).max(10).default([]),
    feeDueCollected: dong('Số tiền thu khi trả'),
    paymentMethod: paymentMethod.default('cash'),
  })
  .strict();
export type HandOverInput = z.input<typeof HandOverInput>;

export const DeliveryAttemptInput = z
  .object({ dossierId: z.string().min(1), reason: text('Lý do phát không thành công', 300) })
  .strict();
export type DeliveryAttemptInput = z.infer<typeof DeliveryAttemptInput>;

export const ReasonInput = z.object({ dossierId: z.string().min(1), reason: text('Lý do', 300) }).strict();
export type ReasonInput = z.infer<typeof ReasonInput>;

export const LookupInput = z.object({ query: z.string().trim().min(1, { error: 'Hãy nhập số hiệu, số giấy tờ, số điện thoại hoặc họ tên.' }).max(100), limit: z.number().int().min(1).max(200).default(50) }).strict();
export type LookupInput = z.input<typeof LookupInput>;

/** Parses with a schema or throws a DomainError with the first Vietnamese issue. */
export function formatZodIssue(err: z.ZodError): { message: string; field: string | undefined } {
  const issue = err.issues[0];
  if (!issue) return { message: 'Dữ liệu không hợp lệ.', field: undefined };
  const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
  // zod's own English messages (unknown keys, wrong types deep inside) are replaced by a generic Vietnamese one.
  const vietnamese = /[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i.test(issue.message);
  const message = vietnamese ? issue.message : issue.code === 'unrecognized_keys' ? 'Dữ liệu có trường không được phép.' : `Dữ liệu không hợp lệ${field ? ` ở trường “${field}”` : ''}.`;
  return { message, field };
}
