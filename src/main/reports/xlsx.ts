/**
 * Spreadsheets (exceljs): the day's report, the overdue list and the audit log. Vietnamese headers,
 * amounts in whole đồng with the VND format, dates as real dates shown dd/mm/yyyy, and every total a
 * formula over the rows above it, stored with its value, so a spreadsheet that recomputes finds the
 * same figures the report printed.
 */
import type ExcelJS from 'exceljs';
import { formatDateVi, localDateTimeParts } from '../../shared/calendar';
import type { DayReport } from '../../shared/day-report';
import { DAY_REPORT_TITLE, reprintMark, SHIFT_WORDS } from '../../shared/day-report';
import type { AuditEntry } from '../../shared/ipc/channels/manager';
import type { OverdueRow } from '../../shared/overdue';

export const VND_FORMAT = '#,##0 "₫";-#,##0 "₫";0 "₫"';
export const DATE_FORMAT = 'dd/mm/yyyy';
const DATETIME_FORMAT = 'dd/mm/yyyy hh:mm';

/**
 * exceljs is loaded on the first export, not at start-up: requiring it (and the zip and stream
 * libraries under it) was half of the counter's start time, for a file a manager asks for a few times
 * a day.
 */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const mod = (await import('exceljs')) as typeof ExcelJS & { default?: typeof ExcelJS };
  const lib = mod.default ?? mod;
  return new lib.Workbook();
}

/** A local date (YYYY-MM-DD) as the spreadsheet date of that day (UTC midnight: no time zone shift). */
const sheetDate = (d: string): Date => new Date(`${d}T00:00:00Z`);
/** An instant as the spreadsheet's local (Asia/Ho_Chi_Minh) date and time. */
function sheetDateTime(ms: number): Date {
  const p = localDateTimeParts(ms);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

function header(ws: ExcelJS.Worksheet, row: number, titles: string[]): void {
  const r = ws.getRow(row);
  titles.forEach((t, i) => {
    const c = r.getCell(i + 1);
    c.value = t;
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

const col = (n: number): string => String.fromCharCode(64 + n);

/** A totals row: the label, then for each given column a SUM formula over rows first..last with its value. */
function totals(ws: ExcelJS.Worksheet, row: number, label: string, first: number, last: number, cols: { col: number; value: number; money?: boolean }[]): void {
  const r = ws.getRow(row);
  r.getCell(1).value = label;
  r.getCell(1).font = { bold: true };
  for (const c of cols) {
    const cell = r.getCell(c.col);
    cell.value = last >= first ? { formula: `SUM(${col(c.col)}${first}:${col(c.col)}${last})`, result: c.value } : 0;
    cell.font = { bold: true };
    if (c.money) cell.numFmt = VND_FORMAT;
  }
}

function titleRows(ws: ExcelJS.Worksheet, r: DayReport, title: string, copy: { copyNo: number; at: number } | null): number {
  ws.getCell('A1').value = `${r.branch.office} — ${r.branch.branchName}`;
  ws.getCell('A2').value = `${title} — ngày ${formatDateVi(r.businessDate)}`;
  ws.getCell('A2').font = { bold: true, size: 14 };
  ws.getCell('A3').value = 'Ngày nghiệp vụ';
  ws.getCell('B3').value = sheetDate(r.businessDate);
  ws.getCell('B3').numFmt = DATE_FORMAT;
  if (copy && copy.copyNo > 0) {
    ws.getCell('C3').value = reprintMark(copy.copyNo, copy.at);
    ws.getCell('C3').font = { bold: true, color: { argb: 'FFC00000' } };
  }
  return 5;
}

export async function dayReportXlsx(r: DayReport, copy: { copyNo: number; at: number } | null): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'Quầy HCC';
  wb.created = new Date(r.generatedAt);

  const money = wb.addWorksheet('Tiền');
  let row = titleRows(money, r, DAY_REPORT_TITLE, copy);
  header(money, row, ['Loại khoản', 'Tiền mặt', 'Chuyển khoản', 'Cộng']);
  const first = row + 1;
  for (const m of r.money.byCategory) {
    row++;
    const x = money.getRow(row);
    x.getCell(1).value = m.label;
    x.getCell(2).value = m.cash;
    x.getCell(3).value = m.transfer;
    x.getCell(4).value = { formula: `B${row}+C${row}`, result: m.total };
    for (const c of [2, 3, 4]) x.getCell(c).numFmt = VND_FORMAT;
  }
  totals(money, row + 1, 'Tổng cộng', first, row, [
    { col: 2, value: r.money.cash, money: true },
    { col: 3, value: r.money.transfer, money: true },
    { col: 4, value: r.money.total, money: true },
  ]);
  row += 3;
  money.getCell(`A${row}`).value = 'Chuyển khoản đã xác nhận';
  money.getCell(`B${row}`).value = r.transfers.confirmed;
  money.getCell(`C${row}`).value = r.transfers.confirmedAmount;
  money.getCell(`C${row}`).numFmt = VND_FORMAT;
  row++;
  money.getCell(`A${row}`).value = 'Chuyển khoản chờ xác nhận';
  money.getCell(`B${row}`).value = r.transfers.unconfirmed;
  money.getCell(`C${row}`).value = r.transfers.unconfirmedAmount;
  money.getCell(`C${row}`).numFmt = VND_FORMAT;
  row += 2;
  header(money, row, ['Chênh lệch quỹ: giao dịch viên', 'Số tiền', 'Lý do']);
  for (const d of r.differences) {
    row++;
    money.getCell(`A${row}`).value = d.clerkName;
    money.getCell(`B${row}`).value = d.amount;
    money.getCell(`B${row}`).numFmt = VND_FORMAT;
    money.getCell(`C${row}`).value = d.reason;
  }
  money.columns.forEach((c, i) => (c.width = i === 0 ? 38 : 20));

  const clerks = wb.addWorksheet('Giao dịch viên');
  row = titleRows(clerks, r, 'Theo giao dịch viên', copy);
  header(clerks, row, ['Giao dịch viên', 'Kết ca', 'Tiếp nhận', 'Trả kết quả', 'Hủy hồ sơ', 'In lại', 'Biên lai hủy', 'Tiền mặt', 'Chuyển khoản', 'Chênh lệch']);
  const cf = row + 1;
  for (const c of r.clerks) {
    row++;
    const x = clerks.getRow(row);
    x.values = [c.name, SHIFT_WORDS[c.shift], c.intakes, c.handovers, c.cancellations, c.reprints, c.cancelledReceipts, c.cash, c.transfer, c.difference ?? 0];
    for (const k of [8, 9, 10]) x.getCell(k).numFmt = VND_FORMAT;
  }
  const sum = (f: (c: DayReport['clerks'][number]) => number) => r.clerks.reduce((s, c) => s + f(c), 0);
  totals(clerks, row + 1, 'Tổng cộng', cf, row, [
    { col: 3, value: sum((c) => c.intakes) },
    { col: 4, value: sum((c) => c.handovers) },
    { col: 5, value: sum((c) => c.cancellations) },
    { col: 6, value: sum((c) => c.reprints) },
    { col: 7, value: sum((c) => c.cancelledReceipts) },
    { col: 8, value: sum((c) => c.cash), money: true },
    { col: 9, value: sum((c) => c.transfer), money: true },
    { col: 10, value: sum((c) => c.difference ?? 0), money: true },
  ]);
  clerks.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 14));

  const vol = wb.addWorksheet('Hồ sơ');
  row = titleRows(vol, r, 'Hồ sơ và kết quả', copy);
  const block = (title: string, rows: { label: string; count: number }[], total: number) => {
    header(vol, row, [title, 'Số hồ sơ']);
    const f = row + 1;
    for (const x of rows) {
      row++;
      vol.getRow(row).values = [x.label, x.count];
    }
    totals(vol, row + 1, 'Cộng', f, row, [{ col: 2, value: total }]);
    row += 3;
  };
  block('Theo loại dịch vụ', r.intakes.byService, r.intakes.total);
  block('Theo cơ quan', r.intakes.byAgency, r.intakes.total);
  block('Theo lĩnh vực', r.intakes.byField, r.intakes.total);
  header(vol, row, ['Kết quả', 'Số lượng']);
  for (const [label, n] of [
    ['Nhận kết quả từ cơ quan', r.results.received],
    ['Đã trả cho công dân', r.results.handedOver],
    ['Phát tận nơi: lượt phát', r.results.deliveriesAttempted],
    ['Phát không thành công', r.results.deliveriesFailed],
    ['Trả lại cơ quan', r.results.returnedToAgency],
    ['Hồ sơ, khiếu nại quá hạn đang mở', r.overdue.total],
  ] as const) {
    row++;
    vol.getRow(row).values = [label, n];
  }
  vol.columns.forEach((c, i) => (c.width = i === 0 ? 48 : 14));

  const rc = wb.addWorksheet('Biên lai');
  row = titleRows(rc, r, 'Biên lai thu phí, lệ phí', copy);
  rc.getRow(row).values = ['Số biên lai đã lập', r.receipts.issued];
  rc.getRow(row + 1).values = ['Từ số', r.receipts.first ?? ''];
  rc.getRow(row + 2).values = ['Đến số', r.receipts.last ?? ''];
  row += 4;
  header(rc, row, ['Biên lai đã hủy', 'Lý do']);
  for (const c of r.receipts.cancelled) {
    row++;
    rc.getRow(row).values = [c.no, c.reason];
  }
  rc.columns.forEach((c) => (c.width = 30));

  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function overdueXlsx(rows: OverdueRow[], today: string): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('Quá hạn');
  ws.getCell('A1').value = 'DANH SÁCH HỒ SƠ, KHIẾU NẠI QUÁ HẠN';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = 'Tính đến ngày';
  ws.getCell('B2').value = sheetDate(today);
  ws.getCell('B2').numFmt = DATE_FORMAT;
  header(ws, 4, ['Số hiệu', 'Loại quá hạn', 'Cơ quan', 'Thủ tục', 'Hạn', 'Số ngày quá hạn', 'Đang ở', 'Người xử lý cuối', 'Lúc']);
  rows.forEach((o, i) => {
    const x = ws.getRow(5 + i);
    x.values = [o.itemNumberDisplay, o.sourceLabel, o.agencyName, o.procedureName, sheetDate(o.deadline), o.daysOverdue, o.where, o.lastActorName, o.lastActionAt ? sheetDateTime(o.lastActionAt) : ''];
    x.getCell(5).numFmt = DATE_FORMAT;
    x.getCell(9).numFmt = DATETIME_FORMAT;
  });
  totals(ws, 5 + rows.length, `Tổng: ${rows.length} hồ sơ`, 5, 4 + rows.length, []);
  ws.columns.forEach((c, i) => (c.width = [18, 34, 30, 34, 12, 10, 30, 22, 16][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function auditXlsx(rows: AuditEntry[]): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('Nhật ký');
  header(ws, 1, ['Thời điểm', 'Người thực hiện', 'Quầy', 'Thao tác', 'Mã thao tác', 'Đối tượng', 'Số hiệu', 'Chi tiết']);
  rows.forEach((a, i) => {
    const x = ws.getRow(2 + i);
    x.values = [sheetDateTime(a.at), a.actorName, a.counterId, a.kindLabel, a.kind, a.entity, a.itemNumber ?? '', a.detail];
    x.getCell(1).numFmt = DATETIME_FORMAT;
  });
  ws.columns.forEach((c, i) => (c.width = [17, 24, 12, 34, 26, 12, 18, 60][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
