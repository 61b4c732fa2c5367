/**
 * The day's report on A4 (HTML printed to PDF) with the signature lines of the clerks and the
 * manager, and the overdue list on A4. Built from the same model as the thermal paper and the
 * spreadsheet (shared/day-report.ts), so the three agree.
 */
import { formatDateTimeVi, formatDateVi } from '../../shared/calendar';
import type { DayReport } from '../../shared/day-report';
import { DAY_REPORT_TITLE, reprintMark, SHIFT_WORDS } from '../../shared/day-report';
import { formatVnd } from '../../shared/money';
import type { OverdueRow } from '../../shared/overdue';
import { embeddedFonts, esc } from './a4';

const STYLE = `
@page { size: A4; margin: 14mm 12mm 14mm 14mm; }
body { font-family: 'QHCC Sans', sans-serif; font-size: 10pt; color: #000; }
.top { display: flex; justify-content: space-between; text-align: center; }
.top > div { width: 48%; }
h1 { text-align: center; font-size: 15pt; margin: 12pt 0 2pt; }
h2 { font-size: 11pt; margin: 10pt 0 3pt; }
.sub { text-align: center; margin: 0 0 6pt; }
.reprint { text-align: center; font-weight: 700; border: 1.2pt solid #000; padding: 3pt; margin: 4pt 20%; }
table { width: 100%; border-collapse: collapse; margin-top: 3pt; font-size: 9pt; }
th, td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; }
th { font-weight: 700; background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.r { text-align: right; white-space: nowrap; } .c { text-align: center; } .b { font-weight: 700; }
.two { display: flex; gap: 10pt; } .two > div { flex: 1; }
.sign { display: flex; flex-wrap: wrap; justify-content: space-around; margin-top: 18pt; text-align: center; page-break-inside: avoid; }
.sign > div { width: 30%; margin-bottom: 10pt; } .sign .space { height: 50pt; }
`;

const money = (n: number) => `<td class="r">${esc(formatVnd(n))}</td>`;
const num = (n: number) => `<td class="r">${n}</td>`;

function head(title: string, office: string, branch: string): string {
  return `<div class="top">
  <div><div>${esc(office.toUpperCase())}</div><div class="b">${esc(branch)}</div></div>
  <div><div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b">Độc lập – Tự do – Hạnh phúc</div></div>
</div><h1>${esc(title)}</h1>`;
}

function countTable(title: string, rows: { label: string; count: number }[], total: number): string {
  return `<table><thead><tr><th>${esc(title)}</th><th style="width:22%">Số hồ sơ</th></tr></thead><tbody>
${rows.map((x) => `<tr><td>${esc(x.label)}</td>${num(x.count)}</tr>`).join('\n')}
<tr><td class="b">Cộng</td><td class="r b">${total}</td></tr></tbody></table>`;
}

export function dayReportHtml(r: DayReport, copy: { copyNo: number; at: number } | null): string {
  const clerkRows = r.clerks
    .map(
      (c) =>
        `<tr><td>${esc(c.name)}</td><td class="c">${esc(SHIFT_WORDS[c.shift])}</td>${num(c.intakes)}${num(c.handovers)}${num(c.cancellations)}${num(c.reprints)}${num(c.cancelledReceipts)}${money(c.cash)}${money(c.transfer)}<td class="r">${c.difference === null ? '—' : esc(formatVnd(c.difference))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(DAY_REPORT_TITLE)} ${esc(formatDateVi(r.businessDate))}</title>
<style>${embeddedFonts()}${STYLE}</style></head><body>
${head(DAY_REPORT_TITLE, r.branch.office, r.branch.branchName)}
<p class="sub">Ngày nghiệp vụ: <span class="b">${esc(formatDateVi(r.businessDate))}</span> · ${r.dayClose ? `đã chốt sổ lúc ${esc(formatDateTimeVi(r.dayClose.at))} (${esc(r.dayClose.by)})` : 'chưa chốt sổ ngày'}</p>
${copy && copy.copyNo > 0 ? `<p class="reprint">${esc(reprintMark(copy.copyNo, copy.at))}</p>` : ''}
<h2>1. Hồ sơ tiếp nhận: ${r.intakes.total}</h2>
<div class="two"><div>${countTable('Theo loại dịch vụ', r.intakes.byService, r.intakes.total)}</div><div>${countTable('Theo lĩnh vực', r.intakes.byField, r.intakes.total)}</div></div>
${countTable('Theo cơ quan giải quyết', r.intakes.byAgency, r.intakes.total)}
<h2>2. Kết quả</h2>
<table><tbody>
<tr><td>Nhận kết quả từ cơ quan</td>${num(r.results.received)}<td>Đã trả cho công dân</td>${num(r.results.handedOver)}</tr>
<tr><td>Phát tận nơi: lượt phát</td>${num(r.results.deliveriesAttempted)}<td>Phát không thành công</td>${num(r.results.deliveriesFailed)}</tr>
<tr><td>Trả lại cơ quan</td>${num(r.results.returnedToAgency)}<td>Hồ sơ, khiếu nại quá hạn đang mở</td>${num(r.overdue.total)}</tr>
</tbody></table>
<h2>3. Tiền theo loại khoản và hình thức thanh toán</h2>
<table><thead><tr><th>Loại khoản</th><th>Tiền mặt</th><th>Chuyển khoản</th><th>Cộng</th></tr></thead><tbody>
${r.money.byCategory.map((m) => `<tr><td>${esc(m.label)}</td>${money(m.cash)}${money(m.transfer)}${money(m.total)}</tr>`).join('\n')}
<tr class="b"><td>Tổng cộng</td>${money(r.money.cash)}${money(r.money.transfer)}${money(r.money.total)}</tr>
</tbody></table>
<p>Chuyển khoản đã xác nhận: ${r.transfers.confirmed} khoản, ${esc(formatVnd(r.transfers.confirmedAmount))}; chờ xác nhận: ${r.transfers.unconfirmed} khoản, ${esc(formatVnd(r.transfers.unconfirmedAmount))}.</p>
<h2>4. Chênh lệch quỹ</h2>
${r.differences.length === 0 ? '<p>Không có chênh lệch.</p>' : `<table><thead><tr><th>Giao dịch viên</th><th>Số tiền</th><th>Lý do</th></tr></thead><tbody>${r.differences.map((d) => `<tr><td>${esc(d.clerkName)}</td>${money(d.amount)}<td>${esc(d.reason)}</td></tr>`).join('')}</tbody></table>`}
<h2>5. Theo giao dịch viên (hủy hồ sơ, in lại, biên lai hủy)</h2>
<table><thead><tr><th>Giao dịch viên</th><th>Ca</th><th>Tiếp nhận</th><th>Trả KQ</th><th>Hủy hồ sơ</th><th>In lại</th><th>Biên lai hủy</th><th>Tiền mặt</th><th>Chuyển khoản</th><th>Chênh lệch</th></tr></thead><tbody>
${clerkRows}
</tbody></table>
<h2>6. Biên lai thu phí, lệ phí</h2>
<p>Đã lập ${r.receipts.issued} biên lai${r.receipts.first ? `, từ số ${esc(r.receipts.first)} đến số ${esc(r.receipts.last ?? '')}` : ''}. ${r.receipts.cancelled.length === 0 ? 'Không có biên lai hủy.' : `Biên lai hủy: ${r.receipts.cancelled.map((c) => `${esc(c.no)} (${esc(c.reason)})`).join('; ')}.`}</p>
<h2>7. Hồ sơ, khiếu nại quá hạn đang mở: ${r.overdue.total}</h2>
<p>${r.overdue.bySource.map((s) => `${esc(s.label)}: ${s.count}`).join(' · ')}</p>
<p style="font-size:8.5pt">Lập lúc ${esc(formatDateTimeVi(r.generatedAt))}. Số tiền là tổng của sổ quỹ (mỗi khoản một bút toán; chênh lệch ghi thành khoản riêng, không sửa khoản trước).</p>
<div class="sign">
${r.clerks.filter((c) => c.shift !== 'none').map((c) => `<div><div class="b">GIAO DỊCH VIÊN</div><div>(Ký, ghi rõ họ tên)</div><div class="space"></div><div>${esc(c.name)}</div></div>`).join('\n')}
<div><div class="b">TRƯỞNG BƯU CỤC</div><div>(Ký, ghi rõ họ tên)</div><div class="space"></div><div>${esc(r.dayClose?.by ?? '')}</div></div>
</div>
</body></html>`;
}

export function overdueHtml(rows: OverdueRow[], today: string, header: { office: string; branch: string }): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Danh sách hồ sơ quá hạn ${esc(formatDateVi(today))}</title>
<style>${embeddedFonts()}${STYLE}</style></head><body>
${head('DANH SÁCH HỒ SƠ, KHIẾU NẠI QUÁ HẠN', header.office, header.branch)}
<p class="sub">Tính đến ngày ${esc(formatDateVi(today))}: ${rows.length} hồ sơ</p>
<table><thead><tr><th>STT</th><th>Số hiệu</th><th>Loại quá hạn</th><th>Cơ quan</th><th>Hạn</th><th>Quá (ngày)</th><th>Đang ở</th><th>Người xử lý cuối</th></tr></thead><tbody>
${rows.map((o, i) => `<tr><td class="c">${i + 1}</td><td class="b" style="white-space:nowrap">${esc(o.itemNumberDisplay)}</td><td>${esc(o.sourceLabel)}</td><td>${esc(o.agencyName)}</td><td>${esc(formatDateVi(o.deadline))}</td>${num(o.daysOverdue)}<td>${esc(o.where)}</td><td>${esc(o.lastActorName)}</td></tr>`).join('\n')}
</tbody></table>
<div class="sign"><div><div class="b">NGƯỜI LẬP</div><div>(Ký, ghi rõ họ tên)</div><div class="space"></div></div><div><div class="b">TRƯỞNG BƯU CỤC</div><div>(Ký, ghi rõ họ tên)</div><div class="space"></div></div></div>
</body></html>`;
}
