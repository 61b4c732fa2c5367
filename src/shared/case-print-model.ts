/**
 * What the counter prints about complaints and compensation (issue 13), as layout blocks like every
 * receipt (print-model.ts): the complaint receipt given to the citizen (with the settling deadline,
 * or the time-bar reason when out of time), the written answer, and the compensation receipt the
 * citizen signs. Pure TypeScript.
 */
import { formatDateVi } from './calendar';
import { COMPLAINT_CHANNEL_LABELS, COMPLAINT_KIND_LABELS, COMPLAINT_SETTLE_WORKING_DAYS, COMPLAINT_SCOPE_LABELS, LOSS_KIND_LABELS, LOSS_STAGE_LABELS, LOSS_SUBJECT_LABELS, type ComplaintRecord, type CompensationRecord, type LossRecord } from './cases';
import { amountInWords, formatVnd } from './money';
import { footer, headerBlocks, HOTLINE, nb, type Block, type Header, type PrintDocument } from './print-model';
import { formatItemNumber } from './s10';

export interface ComplaintReceiptModel {
  header: Header;
  complaint: ComplaintRecord;
  receivedAt: number;
  clerk: string;
  counter: string;
}

export interface ComplaintAnswerModel extends ComplaintReceiptModel {
  answer: string;
  answeredAt: number;
  answeredDate: string;
}

export interface CompensationReceiptModel {
  header: Header;
  receiptNo: string;
  compensation: CompensationRecord;
  loss: LossRecord | null;
  paidAt: number;
  method: 'cash' | 'transfer';
  clerk: string;
  counter: string;
}

function complaintHead(m: ComplaintReceiptModel, title: string): Block[] {
  const c = m.complaint;
  const out: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: title, align: 'center', size: 'title', bold: true },
    { t: 'text', text: `Số: ${c.number}`, align: 'center', size: 'large', bold: true },
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Người khiếu nại', value: c.complainantName, bold: true },
  ];
  if (c.phone) out.push({ t: 'kv', label: 'Điện thoại', value: nb(c.phone) });
  if (c.contact) out.push({ t: 'kv', label: 'Liên lạc', value: c.contact });
  out.push({ t: 'kv', label: 'Bưu gửi', value: c.itemNumber ? nb(formatItemNumber(c.itemNumber)) : 'Không gắn với bưu gửi' });
  out.push({ t: 'kv', label: 'Loại khiếu nại', value: COMPLAINT_KIND_LABELS[c.kind] }, { t: 'kv', label: 'Hình thức', value: COMPLAINT_CHANNEL_LABELS[c.channel] });
  out.push({ t: 'kv', label: 'Ngày tiếp nhận', value: formatDateVi(c.receivedDate) });
  return out;
}

export function complaintReceipt(m: ComplaintReceiptModel): PrintDocument {
  const c = m.complaint;
  const blocks = complaintHead(m, 'PHIẾU TIẾP NHẬN KHIẾU NẠI');
  blocks.push({ t: 'text', text: 'Nội dung:', bold: true }, { t: 'text', text: c.text, size: 'small' }, { t: 'rule', style: 'dashed' });
  if (c.inTime && c.deadline) {
    blocks.push(
      { t: 'kv', label: 'Hạn trả lời', value: formatDateVi(c.deadline), bold: true, size: 'large' },
      {
        t: 'text',
        text: `${COMPLAINT_SCOPE_LABELS[c.scope]}: giải quyết trong ${COMPLAINT_SETTLE_WORKING_DAYS[c.scope]} ngày làm việc kể từ ngày tiếp nhận (Điều 8 Thông tư 17/2017/TT-BTTTT).`,
        size: 'small',
      },
    );
  } else {
    blocks.push({ t: 'text', text: 'KHIẾU NẠI QUÁ THỜI HIỆU', bold: true, align: 'center' }, { t: 'text', text: c.timeBarReason ?? '', size: 'small' });
  }
  blocks.push({ t: 'signatures', left: 'Người khiếu nại', right: 'Người tiếp nhận', leftName: c.complainantName, rightName: m.clerk }, ...footer(m.clerk, m.counter, m.receivedAt));
  blocks.push({ t: 'text', text: `Xin giữ phiếu và báo số ${c.number} khi liên hệ.`, align: 'center', size: 'small' });
  return { kind: 'complaint_receipt', title: `Tiếp nhận khiếu nại ${c.number}`, ref: c.number, blocks };
}

export function complaintAnswer(m: ComplaintAnswerModel): PrintDocument {
  const c = m.complaint;
  const blocks = complaintHead(m, 'TRẢ LỜI KHIẾU NẠI');
  blocks.push({ t: 'kv', label: 'Ngày trả lời', value: formatDateVi(m.answeredDate), bold: true });
  if (c.deadline) blocks.push({ t: 'kv', label: 'Hạn trả lời', value: formatDateVi(c.deadline) });
  blocks.push({ t: 'rule', style: 'dashed' }, { t: 'text', text: 'Nội dung trả lời:', bold: true }, { t: 'text', text: m.answer });
  blocks.push(
    { t: 'text', text: `Nếu chưa đồng ý, ông/bà có thể liên hệ tổng đài ${HOTLINE} hoặc Bưu điện tỉnh.`, size: 'small' },
    { t: 'signatures', left: 'Người khiếu nại', right: 'Bưu cục', leftName: c.complainantName, rightName: m.clerk },
    ...footer(m.clerk, m.counter, m.answeredAt),
  );
  return { kind: 'complaint_answer', title: `Trả lời khiếu nại ${c.number}`, ref: c.number, blocks };
}

export function compensationReceipt(m: CompensationReceiptModel): PrintDocument {
  const c = m.compensation;
  const blocks: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: 'BIÊN NHẬN CHI TRẢ BỒI THƯỜNG', align: 'center', size: 'title', bold: true },
    { t: 'text', text: `Số: ${m.receiptNo}`, align: 'center' },
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Người nhận', value: c.payeeName, bold: true },
    { t: 'kv', label: 'Bưu gửi', value: nb(formatItemNumber(c.itemNumber)) },
  ];
  if (m.loss) {
    blocks.push(
      { t: 'kv', label: 'Sự việc', value: `${LOSS_KIND_LABELS[m.loss.kind]} ${LOSS_SUBJECT_LABELS[m.loss.subject].toLowerCase()}` },
      { t: 'kv', label: 'Khâu', value: LOSS_STAGE_LABELS[m.loss.stage] },
    );
  }
  blocks.push(
    { t: 'kv', label: 'Căn cứ', value: c.basis },
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'SỐ TIỀN BỒI THƯỜNG', value: formatVnd(c.amount), bold: true, size: 'large' },
    { t: 'text', text: `Bằng chữ: ${amountInWords(c.amount)}.`, size: 'small' },
    { t: 'kv', label: 'Hình thức chi trả', value: m.method === 'cash' ? 'Tiền mặt' : 'Chuyển khoản' },
    { t: 'text', text: 'Người nhận xác nhận đã nhận đủ số tiền trên.', size: 'small' },
    { t: 'signatures', left: 'Người nhận tiền', right: 'Người chi tiền', leftName: c.payeeName, rightName: m.clerk },
    ...footer(m.clerk, m.counter, m.paidAt),
  );
  return { kind: 'compensation_receipt', title: `Chi bồi thường ${formatItemNumber(c.itemNumber)}`, ref: m.receiptNo, blocks, drawer: m.method === 'cash' };
}
