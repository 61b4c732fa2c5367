/**
 * The day's report (báo cáo cuối ngày, domain.md §6.1): what main/reports/day-report.ts reads from the
 * store for one business date, and its thermal layout (80 and 58 mm: label/value lines only, so both
 * widths wrap cleanly). The A4 page and the spreadsheet are built from the same model, so the three
 * always say the same figures.
 */
import { formatDateTimeVi, formatDateVi } from './calendar';
import type { CashCategory } from './cash';
import { formatVnd } from './money';
import type { Block, PrintDocument } from './print-model';

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface ClerkDayRow {
  clerkId: string;
  name: string;
  intakes: number;
  handovers: number;
  cancellations: number;
  reprints: number;
  cancelledReceipts: number;
  cash: number;
  transfer: number;
  /** The standing close's difference; null while the shift is open. */
  difference: number | null;
  /** 'none': no money passed through this person's hands that day (a manager who only cancelled). */
  shift: 'open' | 'closed' | 'none';
}

export interface MoneyRow {
  category: CashCategory;
  label: string;
  cash: number;
  transfer: number;
  total: number;
}

export interface DayReport {
  businessDate: string;
  generatedAt: number;
  branch: { office: string; branchName: string; counterName: string };
  dayClose: { at: number; by: string; openShifts: string[] } | null;
  intakes: { total: number; byService: CountRow[]; byAgency: CountRow[]; byField: CountRow[] };
  results: { received: number; handedOver: number; deliveriesAttempted: number; deliveriesFailed: number; returnedToAgency: number };
  clerks: ClerkDayRow[];
  money: { byCategory: MoneyRow[]; cash: number; transfer: number; total: number };
  differences: { clerkName: string; amount: number; reason: string }[];
  receipts: { issued: number; first: string | null; last: string | null; cancelled: { no: string; reason: string }[] };
  transfers: { confirmed: number; confirmedAmount: number; unconfirmed: number; unconfirmedAmount: number };
  overdue: { total: number; bySource: CountRow[] };
}

export const DAY_REPORT_TITLE = 'BÁO CÁO CUỐI NGÀY';

export const SHIFT_WORDS: Record<ClerkDayRow['shift'], string> = { closed: 'đã kết ca', open: 'CHƯA KẾT CA', none: 'không thu, chi tiền' };

/** The marking every repeat of a day's report carries (thermal, A4 and spreadsheet alike). */
export const reprintMark = (copyNo: number, at: number): string => `BẢN IN LẠI – lần ${copyNo} – ${formatDateTimeVi(at)}`;

const kv = (label: string, value: string, bold = false): Block => ({ t: 'kv', label, value, ...(bold ? { bold: true } : {}) });
const heading = (text: string): Block => ({ t: 'text', text, bold: true });
const signed = (n: number): string => (n > 0 ? `+${formatVnd(n)}` : formatVnd(n));

/** The thermal layout of the day's report; `copy` marks a reprint (copyNo ≥ 1). */
export function dayReportDoc(r: DayReport, copy: { copyNo: number; at: number } | null): PrintDocument {
  const b: Block[] = [
    { t: 'text', text: r.branch.office.toUpperCase(), align: 'center', size: 'small' },
    { t: 'text', text: r.branch.branchName, align: 'center', bold: true },
    { t: 'text', text: DAY_REPORT_TITLE, align: 'center', size: 'title', bold: true },
    { t: 'text', text: `Ngày ${formatDateVi(r.businessDate)}`, align: 'center', bold: true },
    ...(copy && copy.copyNo > 0 ? [{ t: 'text', text: reprintMark(copy.copyNo, copy.at), align: 'center', invert: true, bold: true } as Block] : []),
    { t: 'text', text: r.dayClose ? `Đã chốt sổ ngày lúc ${formatDateTimeVi(r.dayClose.at)} (${r.dayClose.by})` : 'Chưa chốt sổ ngày', align: 'center', size: 'small' },
    { t: 'rule' },
    heading('1. Hồ sơ tiếp nhận'),
    kv('Tổng số hồ sơ', String(r.intakes.total), true),
    ...r.intakes.byService.map((x) => kv(`  ${x.label}`, String(x.count))),
    { t: 'text', text: 'Theo cơ quan:', size: 'small' },
    ...r.intakes.byAgency.map((x) => kv(`  ${x.label}`, String(x.count))),
    { t: 'text', text: 'Theo lĩnh vực:', size: 'small' },
    ...r.intakes.byField.map((x) => kv(`  ${x.label}`, String(x.count))),
    { t: 'rule', style: 'dashed' },
    heading('2. Kết quả'),
    kv('Nhận kết quả từ cơ quan', String(r.results.received)),
    kv('Đã trả cho công dân', String(r.results.handedOver)),
    kv('Phát tận nơi: lượt phát', String(r.results.deliveriesAttempted)),
    kv('Phát không thành công', String(r.results.deliveriesFailed)),
    kv('Trả lại cơ quan', String(r.results.returnedToAgency)),
    { t: 'rule', style: 'dashed' },
    heading('3. Tiền theo loại và hình thức'),
    ...r.money.byCategory.flatMap((m) => [kv(m.label, formatVnd(m.total)), kv('  Tiền mặt', formatVnd(m.cash)), kv('  Chuyển khoản', formatVnd(m.transfer))]),
    kv('Tổng tiền mặt', formatVnd(r.money.cash), true),
    kv('Tổng chuyển khoản', formatVnd(r.money.transfer), true),
    kv('Tổng cộng', formatVnd(r.money.total), true),
    kv('Chuyển khoản đã xác nhận', `${r.transfers.confirmed} · ${formatVnd(r.transfers.confirmedAmount)}`),
    kv('Chuyển khoản chờ xác nhận', `${r.transfers.unconfirmed} · ${formatVnd(r.transfers.unconfirmedAmount)}`),
    { t: 'rule', style: 'dashed' },
    heading('4. Chênh lệch quỹ'),
    ...(r.differences.length === 0 ? [{ t: 'text', text: 'Không có chênh lệch.', size: 'small' } as Block] : r.differences.flatMap((d) => [kv(d.clerkName, signed(d.amount), true), { t: 'text', text: `Lý do: ${d.reason}`, size: 'small', indent: 16 } as Block])),
    { t: 'rule', style: 'dashed' },
    heading('5. Theo giao dịch viên'),
    ...r.clerks.flatMap((c) => [
      { t: 'text', text: `${c.name} — ${SHIFT_WORDS[c.shift]}`, bold: true } as Block,
      kv('  Tiếp nhận / trả kết quả', `${c.intakes} / ${c.handovers}`),
      kv('  Hủy hồ sơ', String(c.cancellations)),
      kv('  In lại', String(c.reprints)),
      kv('  Biên lai hủy', String(c.cancelledReceipts)),
      kv('  Tiền mặt', formatVnd(c.cash)),
      kv('  Chuyển khoản', formatVnd(c.transfer)),
      kv('  Chênh lệch', c.difference === null ? '—' : signed(c.difference)),
    ]),
    { t: 'rule', style: 'dashed' },
    heading('6. Biên lai thu phí, lệ phí'),
    kv('Số biên lai đã lập', String(r.receipts.issued)),
    ...(r.receipts.first ? [kv('Từ số', r.receipts.first), kv('Đến số', r.receipts.last ?? '')] : []),
    ...r.receipts.cancelled.map((c) => kv(`  Hủy ${c.no}`, c.reason)),
    { t: 'rule', style: 'dashed' },
    heading('7. Hồ sơ, khiếu nại quá hạn đang mở'),
    kv('Tổng số', String(r.overdue.total), true),
    ...r.overdue.bySource.map((x) => kv(`  ${x.label}`, String(x.count))),
    { t: 'rule' },
    { t: 'text', text: `Lập lúc ${formatDateTimeVi(r.generatedAt)}`, size: 'small' },
    { t: 'signatures', left: 'Giao dịch viên', right: 'Trưởng bưu cục' },
  ];
  return { kind: 'day_report', title: `Báo cáo cuối ngày ${formatDateVi(r.businessDate)}${copy && copy.copyNo > 0 ? ` (in lại lần ${copy.copyNo})` : ''}`, ref: `BC-${r.businessDate}`, blocks: b };
}
