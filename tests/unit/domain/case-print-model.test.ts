/**
 * What the counter prints about complaints and compensation (issue 13), block by block: the lines
 * that appear only when the record has them (phone, contact, item, deadline, loss), the in-time and
 * out-of-time receipts, and the cash drawer opened only for a cash payment.
 */
import { describe, expect, it } from 'vitest';
import { complaintAnswer, complaintReceipt, compensationReceipt, type CompensationReceiptModel, type ComplaintReceiptModel } from '../../../src/shared/case-print-model';
import type { ComplaintRecord } from '../../../src/shared/cases';
import { HOTLINE } from '../../../src/shared/print-model';
import { T0 } from '../../fixtures/printing/samples';
import { docLines } from '../../helpers/print-lines';

const NB = '\u00a0';
const header = { office: 'Bưu điện tỉnh Sơn La', branch: 'Bưu cục Trung tâm' };
const complaint = (over: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  number: 'KN-260310-ABC123',
  dossierId: 'd1',
  itemNumber: 'EA123456785VN',
  complainantName: 'Lò Văn Minh',
  phone: '0912 345 678',
  contact: 'Bản Mòng',
  channel: 'phone',
  kind: 'late',
  text: 'Hồ sơ chậm',
  receivedDate: '2026-03-10',
  scope: 'inter_province',
  endToEndEnd: '2026-03-01',
  timeBarLastDay: '2026-09-01',
  inTime: true,
  timeBarReason: null,
  deadline: '2026-03-19',
  ...over,
});
const model = (over: Partial<ComplaintRecord> = {}): ComplaintReceiptModel => ({ header, complaint: complaint(over), receivedAt: T0, clerk: 'Lò Thị Mai', counter: 'Quầy 1' });
const footerLines = (clerk: string): string[] => ['rule dashed', `kv Giao dịch viên = ${clerk} [small]`, 'kv Quầy = Quầy 1 [small]', 'kv Thời gian = 14:35 10/03/2026 [small]', `text Tổng đài hỗ trợ: ${HOTLINE} [b] [center] [small]`];

describe('complaint receipt', () => {
  it('in time: who, how to reach them, the item, kind, channel, date, the text and the deadline with its legal basis', () => {
    const d = complaintReceipt(model());
    expect(docLines(d).slice(3)).toEqual([
      'rule',
      'text PHIẾU TIẾP NHẬN KHIẾU NẠI [b] [center] [title]',
      'text Số: KN-260310-ABC123 [b] [center] [large]',
      'rule dashed',
      'kv Người khiếu nại = Lò Văn Minh [b]',
      `kv Điện thoại = 0912${NB}345${NB}678`,
      'kv Liên lạc = Bản Mòng',
      `kv Bưu gửi = EA${NB}1234${NB}5678${NB}5${NB}VN`,
      'kv Loại khiếu nại = Chậm thời gian',
      'kv Hình thức = Qua điện thoại',
      'kv Ngày tiếp nhận = 10/03/2026',
      'text Nội dung: [b]',
      'text Hồ sơ chậm [small]',
      'rule dashed',
      'kv Hạn trả lời = 19/03/2026 [b] [large]',
      'text Dịch vụ liên tỉnh: giải quyết trong 7 ngày làm việc kể từ ngày tiếp nhận (Điều 8 Thông tư 17/2017/TT-BTTTT). [small]',
      'signatures Người khiếu nại | Người tiếp nhận (Lò Văn Minh | Lò Thị Mai)',
      ...footerLines('Lò Thị Mai'),
      'text Xin giữ phiếu và báo số KN-260310-ABC123 khi liên hệ. [center] [small]',
    ]);
    expect(d).toMatchObject({ kind: 'complaint_receipt', title: 'Tiếp nhận khiếu nại KN-260310-ABC123', ref: 'KN-260310-ABC123' });
  });
  it('no phone, no contact, no item: those lines are left out or say so', () => {
    const lines = docLines(complaintReceipt(model({ phone: null, contact: null, itemNumber: null, scope: 'intra_province' })));
    expect(lines.filter((l) => l.startsWith('kv ')).slice(0, 2)).toEqual(['kv Người khiếu nại = Lò Văn Minh [b]', 'kv Bưu gửi = Không gắn với bưu gửi']);
    expect(lines).toContain('text Dịch vụ trong tỉnh: giải quyết trong 5 ngày làm việc kể từ ngày tiếp nhận (Điều 8 Thông tư 17/2017/TT-BTTTT). [small]');
  });
  it('out of time: the time-bar heading and reason instead of a deadline', () => {
    const lines = docLines(complaintReceipt(model({ inTime: false, deadline: null, timeBarReason: 'Quá 6 tháng' })));
    expect(lines).toContain('text KHIẾU NẠI QUÁ THỜI HIỆU [b] [center]');
    expect(lines).toContain('text Quá 6 tháng [small]');
    expect(lines.some((l) => l.startsWith('kv Hạn trả lời'))).toBe(false);
    expect(docLines(complaintReceipt(model({ inTime: false, deadline: null, timeBarReason: null })))).toContain('text  [small]');
  });
  it('in time but with no deadline recorded is printed as out of time (no date to promise)', () => {
    expect(docLines(complaintReceipt(model({ deadline: null })))).toContain('text KHIẾU NẠI QUÁ THỜI HIỆU [b] [center]');
  });
});

describe('complaint answer', () => {
  it('the answer date, the deadline when there is one, the answer and where to go next', () => {
    const m = { ...model(), answer: 'Đã chuyển lại', answeredAt: T0, answeredDate: '2026-03-12' };
    const d = complaintAnswer(m);
    expect(docLines(d).slice(14)).toEqual([
      'kv Ngày trả lời = 12/03/2026 [b]',
      'kv Hạn trả lời = 19/03/2026',
      'rule dashed',
      'text Nội dung trả lời: [b]',
      'text Đã chuyển lại',
      `text Nếu chưa đồng ý, ông/bà có thể liên hệ tổng đài ${HOTLINE} hoặc Bưu điện tỉnh. [small]`,
      'signatures Người khiếu nại | Bưu cục (Lò Văn Minh | Lò Thị Mai)',
      ...footerLines('Lò Thị Mai'),
    ]);
    expect(docLines(d)[4]).toBe('text TRẢ LỜI KHIẾU NẠI [b] [center] [title]');
    expect(d).toMatchObject({ kind: 'complaint_answer', title: 'Trả lời khiếu nại KN-260310-ABC123', ref: 'KN-260310-ABC123' });
    const noDeadline = docLines(complaintAnswer({ ...m, complaint: complaint({ deadline: null }) }));
    expect(noDeadline.slice(14, 16)).toEqual(['kv Ngày trả lời = 12/03/2026 [b]', 'rule dashed']);
  });
});

describe('compensation receipt', () => {
  const comp: CompensationReceiptModel = {
    header,
    receiptNo: 'BT-0001',
    compensation: { lossId: 'l1', dossierId: 'd1', itemNumber: 'EA123456785VN', payeeName: 'Lò Văn Minh', amount: 150_000, basis: 'Mất hồ sơ' },
    loss: { dossierId: 'd1', itemNumber: 'EA123456785VN', subject: 'result', kind: 'damaged', stage: 'delivery', description: '', agencyNotified: true, reissueRequested: false, actionsTaken: '' },
    paidAt: T0,
    method: 'cash',
    clerk: 'Lò Thị Mai',
    counter: 'Quầy 1',
  };
  it('paid in cash: the payee, item, what happened and where, the amount in figures and words; the drawer opens', () => {
    const d = compensationReceipt(comp);
    expect(docLines(d).slice(3)).toEqual([
      'rule',
      'text BIÊN NHẬN CHI TRẢ BỒI THƯỜNG [b] [center] [title]',
      'text Số: BT-0001 [center]',
      'rule dashed',
      'kv Người nhận = Lò Văn Minh [b]',
      `kv Bưu gửi = EA${NB}1234${NB}5678${NB}5${NB}VN`,
      'kv Sự việc = Hư hỏng kết quả',
      'kv Khâu = Khi phát cho người nhận',
      'kv Căn cứ = Mất hồ sơ',
      'rule dashed',
      'kv SỐ TIỀN BỒI THƯỜNG = 150.000 ₫ [b] [large]',
      'text Bằng chữ: Một trăm năm mươi nghìn đồng. [small]',
      'kv Hình thức chi trả = Tiền mặt',
      'text Người nhận xác nhận đã nhận đủ số tiền trên. [small]',
      'signatures Người nhận tiền | Người chi tiền (Lò Văn Minh | Lò Thị Mai)',
      ...footerLines('Lò Thị Mai'),
    ]);
    expect(d).toEqual(expect.objectContaining({ kind: 'compensation_receipt', title: 'Chi bồi thường EA 1234 5678 5 VN', ref: 'BT-0001', drawer: true }));
  });
  it('paid by transfer: no drawer; without a loss record the loss lines are left out', () => {
    const d = compensationReceipt({ ...comp, method: 'transfer', loss: null });
    expect(d.drawer).toBe(false);
    const lines = docLines(d);
    expect(lines).toContain('kv Hình thức chi trả = Chuyển khoản');
    expect(lines.slice(8, 10)).toEqual([`kv Bưu gửi = EA${NB}1234${NB}5678${NB}5${NB}VN`, 'kv Căn cứ = Mất hồ sơ']);
  });
});
