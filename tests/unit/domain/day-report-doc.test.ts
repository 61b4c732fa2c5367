/**
 * The thermal layout of the day's report (domain.md §6.1), block by block: every section in order,
 * each figure under its label, the lines that appear only when the report has them (reprint mark,
 * day close, differences, receipt range) on both sides of their condition, and signed differences.
 */
import { describe, expect, it } from 'vitest';
import { dayReportDoc, reprintMark, SHIFT_WORDS, type ClerkDayRow, type DayReport } from '../../../src/shared/day-report';
import type { PrintDocument } from '../../../src/shared/print-model';
import { docLines } from '../../helpers/print-lines';
import { T0 } from '../../fixtures/printing/samples';

const vnd = (s: string): string => `${s} ₫`;

const clerk = (over: Partial<ClerkDayRow>): ClerkDayRow => ({
  clerkId: 'u1',
  name: 'Lò Thị Mai',
  intakes: 7,
  handovers: 3,
  cancellations: 1,
  reprints: 2,
  cancelledReceipts: 1,
  cash: 150_000,
  transfer: 50_000,
  difference: -5_000,
  shift: 'closed',
  ...over,
});

const report = (over: Partial<DayReport> = {}): DayReport => ({
  businessDate: '2026-03-10',
  generatedAt: T0,
  branch: { office: 'Bưu điện tỉnh Sơn La', branchName: 'Bưu cục Trung tâm', counterName: 'Quầy 1' },
  dayClose: null,
  intakes: {
    total: 9,
    byService: [{ key: 'hcc', label: 'Nộp hồ sơ', count: 6 }],
    byAgency: [{ key: 'a1', label: 'UBND xã', count: 5 }],
    byField: [{ key: 'f1', label: 'Hộ tịch', count: 4 }],
  },
  results: { received: 11, handedOver: 12, deliveriesAttempted: 13, deliveriesFailed: 14, returnedToAgency: 15 },
  clerks: [clerk({})],
  money: { byCategory: [{ category: 'postage', label: 'Cước', cash: 30_000, transfer: 20_000, total: 50_000 }], cash: 30_000, transfer: 20_000, total: 50_000 },
  differences: [],
  receipts: { issued: 0, first: null, last: null, cancelled: [] },
  transfers: { confirmed: 2, confirmedAmount: 40_000, unconfirmed: 1, unconfirmedAmount: 10_000 },
  overdue: { total: 3, bySource: [{ key: 'transit', label: 'Quá hạn chuyển', count: 3 }] },
  ...over,
});

const lines = docLines;
/** The lines from the one starting with `from` up to (not including) the next heading or rule. */
const section = (d: PrintDocument, from: string): string[] => {
  const all = lines(d);
  const start = all.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = all.findIndex((l, i) => i > start && l.startsWith('rule'));
  return all.slice(start, end);
};

describe('day report: head', () => {
  it('an original: office, branch, title, date, "not closed", no reprint mark; title and ref name the day', () => {
    const d = dayReportDoc(report(), null);
    expect(lines(d).slice(0, 6)).toEqual([
      'text BƯU ĐIỆN TỈNH SƠN LA [center] [small]',
      'text Bưu cục Trung tâm [b] [center]',
      'text BÁO CÁO CUỐI NGÀY [b] [center] [title]',
      'text Ngày 10/03/2026 [b] [center]',
      'text Chưa chốt sổ ngày [center] [small]',
      'rule',
    ]);
    expect(d).toMatchObject({ kind: 'day_report', title: 'Báo cáo cuối ngày 10/03/2026', ref: 'BC-2026-03-10' });
    expect(dayReportDoc(report(), { copyNo: 0, at: T0 }).blocks).toEqual(d.blocks);
    expect(dayReportDoc(report(), { copyNo: 0, at: T0 }).title).toBe('Báo cáo cuối ngày 10/03/2026');
  });
  it('a reprint carries the inverted mark with its number and time, in the title too; a closed day says when and by whom', () => {
    const d = dayReportDoc(report({ dayClose: { at: T0, by: 'Trưởng bưu cục A', openShifts: [] } }), { copyNo: 2, at: T0 });
    expect(lines(d).slice(4, 6)).toEqual([`text ${reprintMark(2, T0)} [b] [inv] [center]`, 'text Đã chốt sổ ngày lúc 14:35 10/03/2026 (Trưởng bưu cục A) [center] [small]']);
    expect(reprintMark(2, T0)).toBe('BẢN IN LẠI – lần 2 – 14:35 10/03/2026');
    expect(d.title).toBe('Báo cáo cuối ngày 10/03/2026 (in lại lần 2)');
  });
});

describe('day report: sections', () => {
  it('intakes by service, agency and field, each figure under its label', () => {
    expect(section(dayReportDoc(report(), null), 'text 1. Hồ sơ tiếp nhận [b]')).toEqual([
      'text 1. Hồ sơ tiếp nhận [b]',
      'kv Tổng số hồ sơ = 9 [b]',
      'kv   Nộp hồ sơ = 6',
      'text Theo cơ quan: [small]',
      'kv   UBND xã = 5',
      'text Theo lĩnh vực: [small]',
      'kv   Hộ tịch = 4',
    ]);
  });
  it('results, money by category and form, transfers', () => {
    const d = dayReportDoc(report(), null);
    expect(section(d, 'text 2. Kết quả [b]').slice(1)).toEqual([
      'kv Nhận kết quả từ cơ quan = 11',
      'kv Đã trả cho công dân = 12',
      'kv Phát tận nơi: lượt phát = 13',
      'kv Phát không thành công = 14',
      'kv Trả lại cơ quan = 15',
    ]);
    expect(section(d, 'text 3. Tiền theo loại và hình thức [b]').slice(1)).toEqual([
      `kv Cước = ${vnd('50.000')}`,
      `kv   Tiền mặt = ${vnd('30.000')}`,
      `kv   Chuyển khoản = ${vnd('20.000')}`,
      `kv Tổng tiền mặt = ${vnd('30.000')} [b]`,
      `kv Tổng chuyển khoản = ${vnd('20.000')} [b]`,
      `kv Tổng cộng = ${vnd('50.000')} [b]`,
      `kv Chuyển khoản đã xác nhận = 2 · ${vnd('40.000')}`,
      `kv Chuyển khoản chờ xác nhận = 1 · ${vnd('10.000')}`,
    ]);
  });
  it('no difference says so; each difference is signed (+ for a surplus) with its reason indented', () => {
    expect(section(dayReportDoc(report(), null), 'text 4. Chênh lệch quỹ [b]').slice(1)).toEqual(['text Không có chênh lệch. [small]']);
    const d = dayReportDoc(report({ differences: [{ clerkName: 'A', amount: 2_000, reason: 'thừa' }, { clerkName: 'B', amount: -1_000, reason: 'thiếu' }, { clerkName: 'C', amount: 0, reason: 'không' }] }), null);
    expect(section(d, 'text 4. Chênh lệch quỹ [b]').slice(1)).toEqual([
      `kv A = +${vnd('2.000')} [b]`,
      'text Lý do: thừa [small] [>16]',
      `kv B = ${vnd('-1.000')} [b]`,
      'text Lý do: thiếu [small] [>16]',
      `kv C = ${vnd('0')} [b]`,
      'text Lý do: không [small] [>16]',
    ]);
  });
  it('each clerk with the shift in words, counts and money; an open shift has no difference yet', () => {
    const d = dayReportDoc(report({ clerks: [clerk({}), clerk({ name: 'Cầm Văn Nam', shift: 'open', difference: null })] }), null);
    const rows = section(d, 'text 5. Theo giao dịch viên [b]').slice(1);
    expect(rows.slice(0, 8)).toEqual([
      `text Lò Thị Mai — ${SHIFT_WORDS.closed} [b]`,
      'kv   Tiếp nhận / trả kết quả = 7 / 3',
      'kv   Hủy hồ sơ = 1',
      'kv   In lại = 2',
      'kv   Biên lai hủy = 1',
      `kv   Tiền mặt = ${vnd('150.000')}`,
      `kv   Chuyển khoản = ${vnd('50.000')}`,
      `kv   Chênh lệch = ${vnd('-5.000')}`,
    ]);
    expect(rows.slice(8)).toContain('text Cầm Văn Nam — CHƯA KẾT CA [b]');
    expect(rows.at(-1)).toBe('kv   Chênh lệch = —');
    expect(SHIFT_WORDS).toEqual({ closed: 'đã kết ca', open: 'CHƯA KẾT CA', none: 'không thu, chi tiền' });
  });
  it('receipts: the range only when some were issued (an open range ends blank), and each cancelled one', () => {
    expect(section(dayReportDoc(report(), null), 'text 6. Biên lai thu phí, lệ phí [b]').slice(1)).toEqual(['kv Số biên lai đã lập = 0']);
    const d = dayReportDoc(report({ receipts: { issued: 3, first: 'AA/26E 0000001', last: null, cancelled: [{ no: 'AA/26E 0000002', reason: 'ghi sai' }] } }), null);
    expect(section(d, 'text 6. Biên lai thu phí, lệ phí [b]').slice(1)).toEqual([
      'kv Số biên lai đã lập = 3',
      'kv Từ số = AA/26E 0000001',
      'kv Đến số = ',
      'kv   Hủy AA/26E 0000002 = ghi sai',
    ]);
  });
  it('overdue by source, then the time it was made and the signatures', () => {
    const d = dayReportDoc(report(), null);
    expect(section(d, 'text 7. Hồ sơ, khiếu nại quá hạn đang mở [b]').slice(1)).toEqual(['kv Tổng số = 3 [b]', 'kv   Quá hạn chuyển = 3']);
    expect(lines(d).slice(-3)).toEqual(['rule', 'text Lập lúc 14:35 10/03/2026 [small]', 'signatures Giao dịch viên | Trưởng bưu cục']);
    expect(lines(d).filter((l) => l === 'rule dashed')).toHaveLength(6);
  });
});
