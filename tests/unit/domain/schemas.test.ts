/**
 * formatZodIssue: the first issue of a refused input becomes one Vietnamese message and the field it
 * is about; zod's own English messages never reach the clerk.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AcceptDossierInput,
  CollectResultInput,
  CreateBatchInput,
  DeliveryAttemptInput,
  formatZodIssue,
  HandOverInput,
  LookupInput,
  ReasonInput,
  RecordAppointmentInput,
  RecordFilingInput,
  RemoveFromBatchInput,
  SupplementInput,
} from '../../../src/shared/schemas';
import { fastSchema } from '../../../src/shared/fast-parse';

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

/**
 * The input schemas of the counter's use cases, on both sides of each bound, each refusal by its
 * Vietnamese message and field. (Built at module level, so StrykerJS's ignoreStatic hides their
 * mutants from `npm run mutate`; these cases are what a run with ignoreStatic off measures.)
 */
const said = (schema: z.ZodType, input: unknown): string => {
  // As the use cases parse (services/context.ts): on the compiled fast path, answering as the ordinary parser.
  const r = fastSchema(schema).safeParse(input);
  expect(r).toEqual(schema.safeParse(input));
  if (r.success) return 'accepted';
  const i = r.error.issues[0]!;
  return `${i.path.join('.')}: ${i.message}`;
};
const sender = { fullName: 'Nguyễn Văn An', idKind: 'cccd', idNumber: '001099012345' };
const doc = { name: 'Tờ khai', form: 'original', requiredCount: 1, providedCount: 1, required: true };
const accept = {
  serviceType: 'send',
  procedureCode: 'TP-01',
  sender,
  documents: [doc],
  returnMethod: 'none',
  feeAmount: 0,
  feeCollectedNow: true,
  postageAmount: 0,
  paymentMethod: 'cash',
};
const withAccept = (patch: Record<string, unknown>) => ({ ...accept, ...patch });
const withSender = (patch: Record<string, unknown>) => withAccept({ sender: { ...sender, ...patch } });
const withDoc = (patch: Record<string, unknown>) => withAccept({ documents: [{ ...doc, ...patch }] });

describe('a required text field', () => {
  it('is trimmed, must not be blank, has a length limit and no broken characters', () => {
    expect(AcceptDossierInput.parse(withSender({ fullName: '  Nguyễn Văn An  ' })).sender.fullName).toBe('Nguyễn Văn An');
    expect(said(AcceptDossierInput, withSender({ fullName: '   ' }))).toBe('sender.fullName: Chưa nhập họ và tên.');
    expect(said(AcceptDossierInput, withSender({ fullName: 5 }))).toBe('sender.fullName: Họ và tên: phải là chuỗi ký tự.');
    expect(said(AcceptDossierInput, withSender({ fullName: 'A'.repeat(100) }))).toBe('accepted');
    expect(said(AcceptDossierInput, withSender({ fullName: 'A'.repeat(101) }))).toBe('sender.fullName: Họ và tên quá dài (tối đa 100 ký tự).');
    expect(said(AcceptDossierInput, withSender({ fullName: `An \uD800` }))).toBe('sender.fullName: Họ và tên có ký tự hỏng (không phải chữ); hãy gõ lại.');
    expect(said(AcceptDossierInput, withAccept({ procedureCode: 'P'.repeat(41) }))).toBe('procedureCode: Thủ tục quá dài (tối đa 40 ký tự).');
    expect(said(DeliveryAttemptInput, { dossierId: 'd1', reason: 'R'.repeat(300) })).toBe('accepted');
    expect(said(DeliveryAttemptInput, { dossierId: 'd1', reason: 'R'.repeat(301) })).toBe('reason: Lý do phát không thành công quá dài (tối đa 300 ký tự).');
    expect(said(ReasonInput, { dossierId: 'd1', reason: '' })).toBe('reason: Chưa nhập lý do.');
    expect(said(ReasonInput, { dossierId: '', reason: 'x' })).toMatch(/^dossierId: /);
  });
});

describe('an optional text field', () => {
  it('may be absent, null or empty; is trimmed; has a length limit and no broken characters', () => {
    expect(said(AcceptDossierInput, withSender({ phone: null, email: '' }))).toBe('accepted');
    expect(AcceptDossierInput.parse(withSender({ phone: ' 0912345678 ' })).sender.phone).toBe('0912345678');
    expect(said(AcceptDossierInput, withSender({ phone: '0'.repeat(20) }))).toBe('accepted');
    expect(said(AcceptDossierInput, withSender({ phone: '0'.repeat(21) }))).toBe('sender.phone: Số điện thoại quá dài (tối đa 20 ký tự).');
    expect(said(AcceptDossierInput, withSender({ phone: 912345678 }))).toBe('sender.phone: Số điện thoại: phải là chuỗi ký tự.');
    expect(said(AcceptDossierInput, withSender({ address: `Bản \uDC00` }))).toBe('sender.address: Địa chỉ có ký tự hỏng (không phải chữ); hãy gõ lại.');
  });
});

describe('amounts in đồng', () => {
  it.each([
    [0, 'accepted'],
    [1_000_000_000_000, 'accepted'],
    [1_000_000_000_001, 'feeAmount: Phí, lệ phí quá lớn.'],
    [-1, 'feeAmount: Phí, lệ phí không được âm.'],
    [1.5, 'feeAmount: Phí, lệ phí phải là số nguyên đồng (không có phần lẻ).'],
    ['1000', 'feeAmount: Phí, lệ phí phải là một số.'],
  ] as const)('fee %j → %s', (feeAmount, expected) => {
    expect(said(AcceptDossierInput, withAccept({ feeAmount }))).toBe(expected);
  });
  it('names the postage and the money collected at hand-over by their own labels', () => {
    expect(said(AcceptDossierInput, withAccept({ postageAmount: -5 }))).toBe('postageAmount: Cước không được âm.');
    const hand = { dossierId: 'd1', recipient: { fullName: 'An', idKind: 'cccd', idNumber: '1' }, byProxy: false, feeDueCollected: 0 };
    expect(said(HandOverInput, { ...hand, feeDueCollected: 0.5 })).toBe('feeDueCollected: Số tiền thu khi trả phải là số nguyên đồng (không có phần lẻ).');
    expect(HandOverInput.parse(hand)).toMatchObject({ reclaimed: [], paymentMethod: 'cash' });
    expect(said(HandOverInput, { ...hand, reclaimed: Array.from({ length: 10 }, () => 'CCCD cũ') })).toBe('accepted');
    expect(said(HandOverInput, { ...hand, reclaimed: Array.from({ length: 11 }, () => 'CCCD cũ') })).toMatch(/^reclaimed: /);
    expect(said(HandOverInput, { ...hand, recipient: { ...hand.recipient, idKind: 'cmt' } })).toBe('recipient.idKind: Loại giấy tờ tùy thân không hợp lệ.');
  });
});

describe('the closed lists', () => {
  it('accept each of their values and name a wrong one', () => {
    for (const idKind of ['cccd', 'cmnd', 'passport']) expect(said(AcceptDossierInput, withSender({ idKind }))).toBe('accepted');
    for (const serviceType of ['send', 'return', 'both']) expect(said(AcceptDossierInput, withAccept({ serviceType }))).toBe('accepted');
    for (const returnMethod of ['pickup', 'home', 'none']) expect(said(AcceptDossierInput, withAccept({ returnMethod }))).toBe('accepted');
    for (const paymentMethod of ['cash', 'transfer']) expect(said(AcceptDossierInput, withAccept({ paymentMethod }))).toBe('accepted');
    for (const form of ['original', 'copy', 'original_or_copy', 'certified_copy']) expect(said(AcceptDossierInput, withDoc({ form }))).toBe('accepted');
    for (const providedForm of ['original', 'copy', 'certified_copy', null]) expect(said(AcceptDossierInput, withDoc({ providedForm }))).toBe('accepted');
    expect(said(AcceptDossierInput, withSender({ idKind: 'cmt' }))).toBe('sender.idKind: Loại giấy tờ tùy thân không hợp lệ.');
    expect(said(AcceptDossierInput, withAccept({ serviceType: 'post' }))).toBe('serviceType: Loại dịch vụ không hợp lệ.');
    expect(said(AcceptDossierInput, withAccept({ returnMethod: 'mail' }))).toBe('returnMethod: Cách nhận kết quả không hợp lệ.');
    expect(said(AcceptDossierInput, withAccept({ paymentMethod: 'card' }))).toBe('paymentMethod: Hình thức thanh toán không hợp lệ.');
    expect(said(AcceptDossierInput, withDoc({ form: 'scan' }))).toBe('documents.0.form: Loại bản giấy tờ không hợp lệ.');
    expect(said(AcceptDossierInput, withDoc({ providedForm: 'original_or_copy' }))).toMatch(/^documents\.0\.providedForm: /);
  });
});

describe('documents of an intake', () => {
  it('count 0–99 whole papers, at most 60 lines', () => {
    expect(said(AcceptDossierInput, withDoc({ requiredCount: 0, providedCount: 0 }))).toBe('accepted');
    expect(said(AcceptDossierInput, withDoc({ requiredCount: 99, providedCount: 99 }))).toBe('accepted');
    expect(said(AcceptDossierInput, withDoc({ requiredCount: 100 }))).toMatch(/^documents\.0\.requiredCount: /);
    expect(said(AcceptDossierInput, withDoc({ requiredCount: -1 }))).toMatch(/^documents\.0\.requiredCount: /);
    expect(said(AcceptDossierInput, withDoc({ requiredCount: 1.5 }))).toMatch(/^documents\.0\.requiredCount: /);
    expect(said(AcceptDossierInput, withDoc({ providedCount: 100 }))).toMatch(/^documents\.0\.providedCount: /);
    expect(said(AcceptDossierInput, withDoc({ providedCount: -1 }))).toBe('documents.0.providedCount: Số lượng giấy tờ không được âm.');
    expect(said(AcceptDossierInput, withDoc({ providedCount: 0.5 }))).toBe('documents.0.providedCount: Số lượng giấy tờ phải là số nguyên.');
    expect(said(AcceptDossierInput, withDoc({ providedCount: '1' }))).toBe('documents.0.providedCount: Số lượng giấy tờ phải là số.');
    expect(said(AcceptDossierInput, withDoc({ name: '' }))).toBe('documents.0.name: Chưa nhập tên giấy tờ.');
    expect(said(AcceptDossierInput, withAccept({ documents: Array.from({ length: 60 }, () => doc) }))).toBe('accepted');
    expect(said(AcceptDossierInput, withAccept({ documents: Array.from({ length: 61 }, () => doc) }))).toBe('documents: Danh sách giấy tờ quá dài.');
    expect(said(AcceptDossierInput, withAccept({ documents: [] }))).toBe('accepted');
  });
  it('a proxy needs an authorisation; a return address needs all three parts; unknown fields are refused', () => {
    expect(said(AcceptDossierInput, withAccept({ proxy: { ...sender, authorisationRef: 'GUQ 12/2026' } }))).toBe('accepted');
    expect(said(AcceptDossierInput, withAccept({ proxy: { ...sender, authorisationRef: ' ' } }))).toBe('proxy.authorisationRef: Chưa nhập giấy ủy quyền.');
    expect(said(AcceptDossierInput, withAccept({ proxy: { ...sender } }))).toBe('proxy.authorisationRef: Giấy ủy quyền: phải là chuỗi ký tự.');
    expect(said(AcceptDossierInput, withAccept({ proxy: { ...sender, authorisationRef: 'x', extra: 1 } }))).toMatch(/^proxy: /);
    const address = { address: 'Bản Cọ', provinceCode: '14', communeCode: '04033' };
    expect(said(AcceptDossierInput, withAccept({ returnMethod: 'home', returnAddress: address }))).toBe('accepted');
    expect(said(AcceptDossierInput, withAccept({ returnAddress: { ...address, communeCode: '' } }))).toBe('returnAddress.communeCode: Chưa nhập xã/phường nhận kết quả.');
    expect(said(AcceptDossierInput, withAccept({ returnAddress: { ...address, provinceCode: '0014' } }))).toBe('returnAddress.provinceCode: Tỉnh/thành nhận kết quả quá dài (tối đa 3 ký tự).');
    expect(said(AcceptDossierInput, withAccept({ returnAddress: { ...address, floor: 2 } }))).toMatch(/^returnAddress: /);
    expect(said(AcceptDossierInput, withSender({ nickname: 'An' }))).toMatch(/^sender: /);
    expect(said(AcceptDossierInput, withAccept({ extra: true }))).toMatch(/^: /);
    expect(said(AcceptDossierInput, withDoc({ extra: true }))).toMatch(/^documents\.0: /);
  });
});

describe('the other use cases', () => {
  it('supplement: at least one paper, positions and counts whole and in range', () => {
    const s = (documents: unknown) => said(SupplementInput, { dossierId: 'd1', documents });
    expect(s([{ position: 0, providedCount: 99 }])).toBe('accepted');
    expect(s([])).toBe('documents: Chưa chọn giấy tờ nào được bổ sung.');
    expect(s([{ position: -1, providedCount: 1 }])).toMatch(/^documents\.0\.position: /);
    expect(s([{ position: 0.5, providedCount: 1 }])).toMatch(/^documents\.0\.position: /);
    expect(s([{ position: 0, providedCount: 100 }])).toMatch(/^documents\.0\.providedCount: /);
    expect(s([{ position: 0, providedCount: -1 }])).toMatch(/^documents\.0\.providedCount: /);
    expect(s([{ position: 0, providedCount: 1, note: 'x' }])).toMatch(/^documents\.0: /);
    expect(said(SupplementInput, { dossierId: '', documents: [{ position: 0, providedCount: 1 }] })).toMatch(/^dossierId: /);
  });
  it('batch: 1–500 dossiers, none with an empty id, for a named agency', () => {
    const b = (dossierIds: unknown, agencyCode = 'STP') => said(CreateBatchInput, { agencyCode, dossierIds });
    expect(b(['d1'])).toBe('accepted');
    expect(b(Array.from({ length: 500 }, (_, i) => `d${i}`))).toBe('accepted');
    expect(b(Array.from({ length: 501 }, (_, i) => `d${i}`))).toMatch(/^dossierIds: /);
    expect(b([])).toBe('dossierIds: Chuyến phải có ít nhất một hồ sơ.');
    expect(b([''])).toMatch(/^dossierIds\.0: /);
    expect(b(['d1'], ' ')).toBe('agencyCode: Chưa nhập cơ quan.');
    expect(said(RemoveFromBatchInput, { batchId: 'b1', dossierId: 'd1' })).toBe('accepted');
    expect(said(RemoveFromBatchInput, { batchId: '', dossierId: 'd1' })).toMatch(/^batchId: /);
    expect(said(RemoveFromBatchInput, { batchId: 'b1', dossierId: '' })).toMatch(/^dossierId: /);
  });
  it('filing: a positive whole instant and the receiving officer', () => {
    const f = (filedAt: unknown, receivingOfficer = 'Lò Văn Bình') => said(RecordFilingInput, { batchId: 'b1', filedAt, receivingOfficer });
    expect(f(1)).toBe('accepted');
    expect(f(0)).toMatch(/^filedAt: /);
    expect(f(1.5)).toMatch(/^filedAt: /);
    expect(f(1, '')).toBe('receivingOfficer: Chưa nhập cán bộ tiếp nhận của cơ quan.');
    expect(said(RecordFilingInput, { batchId: '', filedAt: 1, receivingOfficer: 'x' })).toMatch(/^batchId: /);
  });
  it('appointment: a date written YYYY-MM-DD and nothing around it', () => {
    const a = (appointmentDate: string) => said(RecordAppointmentInput, { dossierId: 'd1', appointmentDate });
    expect(a('2026-03-05')).toBe('accepted');
    for (const bad of ['05/03/2026', 'x2026-03-05', '2026-03-05x', '2026-3-05']) expect(a(bad)).toBe('appointmentDate: Ngày hẹn trả kết quả không đúng định dạng ngày.');
    expect(said(RecordAppointmentInput, { dossierId: '', appointmentDate: '2026-03-05' })).toMatch(/^dossierId: /);
  });
  it('collecting a result: the item number, and at most 30 originals (none by default)', () => {
    expect(CollectResultInput.parse({ itemNumber: ' EA123456785VN ' })).toEqual({ itemNumber: 'EA123456785VN', originalsReturned: [] });
    expect(said(CollectResultInput, { itemNumber: '' })).toBe('itemNumber: Chưa nhập số hiệu bưu gửi.');
    expect(said(CollectResultInput, { itemNumber: 'x', originalsReturned: Array.from({ length: 30 }, () => 'Sổ đỏ') })).toBe('accepted');
    expect(said(CollectResultInput, { itemNumber: 'x', originalsReturned: Array.from({ length: 31 }, () => 'Sổ đỏ') })).toMatch(/^originalsReturned: /);
    expect(said(CollectResultInput, { itemNumber: 'x', originalsReturned: [''] })).toBe('originalsReturned.0: Chưa nhập giấy tờ gốc trả lại.');
  });
  it('lookup: a query of 1–100 characters after trimming, 1–200 results (50 by default)', () => {
    expect(LookupInput.parse({ query: ' An ' })).toEqual({ query: 'An', limit: 50 });
    expect(said(LookupInput, { query: '  ' })).toBe('query: Hãy nhập số hiệu, số giấy tờ, số điện thoại hoặc họ tên.');
    expect(said(LookupInput, { query: 'q'.repeat(100) })).toBe('accepted');
    expect(said(LookupInput, { query: 'q'.repeat(101) })).toMatch(/^query: /);
    expect(said(LookupInput, { query: 'q', limit: 1 })).toBe('accepted');
    expect(said(LookupInput, { query: 'q', limit: 200 })).toBe('accepted');
    expect(said(LookupInput, { query: 'q', limit: 0 })).toMatch(/^limit: /);
    expect(said(LookupInput, { query: 'q', limit: 201 })).toMatch(/^limit: /);
    expect(said(LookupInput, { query: 'q', limit: 2.5 })).toMatch(/^limit: /);
  });
});
