/**
 * A4 documents as HTML (embedded font, print CSS) and HTML → PDF with Chromium. In Node (tests, the
 * browser bridge) playwright-core drives /usr/bin/chromium; in Electron the same HTML goes through
 * webContents.printToPDF / webContents.print, a thin call left to src/main/electron.
 */
import { readFileSync } from 'node:fs';
import type { HandoverRecordModel } from '../../shared/print-model';
import { formatDateTimeVi } from '../../shared/calendar';
import { amountInWords, formatVnd } from '../../shared/money';
import { formatItemNumber } from '../../shared/s10';
import { fontPath, FONT_BOLD, FONT_REGULAR } from './fonts';

export const esc = (s: string): string => s.normalize('NFC').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

let fontCss: string | undefined;
export function embeddedFonts(): string {
  if (!fontCss) {
    const face = (family: string, weight: number): string =>
      `@font-face{font-family:'QHCC Sans';font-weight:${weight};src:url(data:font/ttf;base64,${readFileSync(fontPath(family)).toString('base64')}) format('truetype');}`;
    fontCss = face(FONT_REGULAR, 400) + face(FONT_BOLD, 700);
  }
  return fontCss;
}

/**
 * "Name – title, office": the office once, even when the title already names it (issue #16 defect 6
 * printed "Giao dịch viên, Bưu điện Thành phố Sơn La, Bưu điện Thành phố Sơn La").
 */
export function postalParty(m: Pick<HandoverRecordModel, 'postal' | 'header'>): string {
  const place = m.header.branch ?? m.header.office;
  const title = m.postal.title.trim();
  return title.endsWith(place) ? `${m.postal.name} – ${title}` : `${m.postal.name} – ${title}, ${place}`;
}

/** Biên bản giao nhận hồ sơ (QĐ 45 Art. 7): each dossier's item number, complete or not, originals and copies. */
export function handoverRecordHtml(m: HandoverRecordModel): string {
  const total = m.dossiers.reduce((s, d) => s + d.fee, 0);
  const complete = m.dossiers.filter((d) => d.complete).length;
  const rows = m.dossiers
    .map(
      (d, i) => `<tr>
  <td class="c">${i + 1}</td>
  <td class="mono">${esc(formatItemNumber(d.itemNumber))}</td>
  <td>${esc(d.citizen)}</td>
  <td>${esc(d.procedure)}</td>
  <td class="c">${d.complete ? 'Đủ' : 'Chưa đủ'}</td>
  <td class="c">${d.originals}</td>
  <td class="c">${d.copies}</td>
  <td class="r">${esc(formatVnd(d.fee))}</td>
  <td>${esc(d.note ?? '')}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Biên bản giao nhận hồ sơ ${esc(m.recordNo)}</title>
<style>
${embeddedFonts()}
@page { size: A4; margin: 15mm 12mm 15mm 15mm; }
body { font-family: 'QHCC Sans', sans-serif; font-size: 10.5pt; color: #000; }
.top { display: flex; justify-content: space-between; text-align: center; }
.top > div { width: 48%; }
h1 { text-align: center; font-size: 15pt; margin: 14pt 0 2pt; }
.sub { text-align: center; margin: 0 0 10pt; }
table { width: 100%; border-collapse: collapse; margin-top: 8pt; table-layout: fixed; font-size: 9pt; }
th, td { border: 0.6pt solid #000; padding: 3pt 3pt; vertical-align: top; }
th { font-weight: 700; background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.c { text-align: center; } .r { text-align: right; white-space: nowrap; } .mono { white-space: nowrap; font-weight: 700; }
.sign { display: flex; justify-content: space-around; margin-top: 24pt; text-align: center; page-break-inside: avoid; }
.sign > div { width: 40%; } .sign .space { height: 60pt; }
.b { font-weight: 700; }
</style></head>
<body>
<div class="top">
  <div><div>${esc(m.header.office.toUpperCase())}</div>${m.header.branch && m.header.branch !== m.header.office ? `<div class="b">${esc(m.header.branch)}</div>` : ''}</div>
  <div><div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b">Độc lập – Tự do – Hạnh phúc</div></div>
</div>
<h1>BIÊN BẢN GIAO NHẬN HỒ SƠ</h1>
<p class="sub">Số: ${esc(m.recordNo)}</p>
<p>Hôm nay, lúc ${esc(formatDateTimeVi(m.at))}, tại ${esc(m.place)}, chúng tôi gồm:</p>
<p><span class="b">Bên giao (bưu điện):</span> ${esc(postalParty(m))}.</p>
<p><span class="b">Bên nhận (cơ quan giải quyết):</span> ${esc(m.agencyOfficer.name ?? '……………………………')} – ${esc(m.agencyOfficer.title)}, ${esc(m.agency)}.</p>
<p>Hai bên cùng kiểm đếm và giao nhận ${m.dossiers.length} hồ sơ (${complete} hồ sơ đầy đủ, ${m.dossiers.length - complete} hồ sơ chưa đầy đủ) theo danh sách sau:</p>
<table>
<colgroup><col style="width:5%"><col style="width:20%"><col style="width:14%"><col style="width:19%"><col style="width:7%"><col style="width:7%"><col style="width:6%"><col style="width:11%"><col style="width:11%"></colgroup>
<thead><tr><th>STT</th><th>Số hiệu bưu gửi</th><th>Người nộp</th><th>Thủ tục</th><th>Hồ sơ</th><th>Bản chính</th><th>Bản sao</th><th>Phí, lệ phí</th><th>Ghi chú</th></tr></thead>
<tbody>
${rows}
<tr><td colspan="7" class="r b">Tổng phí, lệ phí thu hộ nộp cho cơ quan</td><td class="r b">${esc(formatVnd(total))}</td><td></td></tr>
</tbody>
</table>
<p>Bằng chữ: ${esc(amountInWords(total))}.</p>
<p>Thời điểm ký biên bản này là thời điểm cơ quan tiếp nhận hồ sơ. Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản.</p>
<div class="sign">
  <div><div class="b">ĐẠI DIỆN BÊN GIAO</div><div>(Ký, ghi rõ họ tên)</div><div class="space"></div><div>${esc(m.postal.name)}</div></div>
  <div><div class="b">ĐẠI DIỆN BÊN NHẬN</div><div>(Ký, ghi rõ họ tên)</div><div class="space"></div><div>${esc(m.agencyOfficer.name ?? '')}</div></div>
</div>
</body></html>`;
}
