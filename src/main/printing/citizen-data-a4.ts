/**
 * The printable answer to a citizen's request for their personal data (Law 91/2025/QH15), as A4 HTML
 * with the bundled font embedded (the same way as the other A4 documents, a4.ts), turned into a PDF
 * by the counter's A4 output (Chromium in browser mode, printToPDF in Electron).
 */
import type { CitizenData, CitizenDossier } from '../../shared/citizen-data';
import { formatDateTimeVi, formatDateVi } from '../../shared/calendar';
import { formatVnd } from '../../shared/money';
import { formatItemNumber } from '../../shared/s10';
import { embeddedFonts, esc } from './a4';

const ID_KIND: Readonly<Record<string, string>> = { cccd: 'Căn cước công dân', cmnd: 'Chứng minh nhân dân', passport: 'Hộ chiếu' };
const ROLE: Readonly<Record<string, string>> = { sender: 'Người gửi hồ sơ', proxy: 'Người được ủy quyền', recipient: 'Người nhận kết quả' };
const CASE_KIND: Readonly<Record<string, string>> = { complaint: 'Khiếu nại', loss: 'Mất, hư hỏng', compensation: 'Bồi thường' };

const row = (label: string, value: string | null | undefined): string => (value ? `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>` : '');

function dossierHtml(d: CitizenDossier, n: number): string {
  const own = d.asParty
    .map(
      (p) =>
        row('Vai trò', ROLE[p.role] ?? p.role) +
        row('Họ tên', p.fullName) +
        row('Số giấy tờ', p.idNumber) +
        row('Điện thoại', p.phone) +
        row('Thư điện tử', p.email) +
        row('Địa chỉ', p.address) +
        row('Tổ chức', p.organisation) +
        row('Giấy ủy quyền', p.authorisationRef),
    )
    .join('');
  const history = d.history.map((h) => `<li>${esc(formatDateTimeVi(h.at))}: ${esc(h.label)}</li>`).join('');
  return `<section>
<h2>${n}. Hồ sơ ${esc(formatItemNumber(d.itemNumber))}</h2>
<table class="kv">
${row('Thủ tục', d.procedure)}${row('Cơ quan giải quyết', d.agency)}${row('Dịch vụ', d.service)}${row('Trạng thái', d.state)}
${row('Tiếp nhận lúc', formatDateTimeVi(d.acceptedAt))}${row('Nhận kết quả', d.returnMethod)}${row('Địa chỉ nhận kết quả', d.returnAddress)}
${row('Ngày hẹn trả kết quả', d.appointmentDate ? formatDateVi(d.appointmentDate) : null)}${row('Phí, lệ phí', formatVnd(d.feeAmount))}${row('Cước', formatVnd(d.postageAmount))}
${row('Giấy tờ đã nộp', d.documents.filter((x) => x.provided > 0).map((x) => `${x.name} (${x.provided})`).join('; '))}
${own}
</table>
<p class="b">Quá trình xử lý</p><ul>${history}</ul>
</section>`;
}

export function citizenDataHtml(d: CitizenData): string {
  const cases = d.cases.length
    ? `<table><thead><tr><th>Loại</th><th>Số</th><th>Số hiệu bưu gửi</th><th>Trạng thái</th><th>Ngày nhận</th><th>Ngày xong</th></tr></thead><tbody>${d.cases
        .map(
          (c) =>
            `<tr><td>${esc(CASE_KIND[c.kind] ?? c.kind)}</td><td>${esc(c.number ?? '')}</td><td>${esc(c.itemNumber ? formatItemNumber(c.itemNumber) : '')}</td><td>${esc(c.state)}</td><td>${esc(formatDateVi(c.openedDate))}</td><td>${esc(c.doneDate ? formatDateVi(c.doneDate) : '')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>Không có.</p>';
  const accesses = d.accesses.length
    ? `<table><thead><tr><th>Thời điểm</th><th>Việc</th><th>Số hiệu bưu gửi</th></tr></thead><tbody>${d.accesses
        .map((a) => `<tr><td>${esc(formatDateTimeVi(a.at))}</td><td>${esc(a.what)}</td><td>${esc(a.itemNumber ? formatItemNumber(a.itemNumber) : '')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p>Không có.</p>';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Dữ liệu cá nhân – yêu cầu ${esc(d.requestId)}</title>
<style>
${embeddedFonts()}
@page { size: A4; margin: 15mm 12mm 15mm 15mm; }
body { font-family: 'QHCC Sans', sans-serif; font-size: 10.5pt; color: #000; }
h1 { text-align: center; font-size: 15pt; margin: 10pt 0 2pt; } h2 { font-size: 12pt; margin: 12pt 0 4pt; }
.sub { text-align: center; margin: 0 0 10pt; }
table { width: 100%; border-collapse: collapse; margin-top: 4pt; font-size: 9.5pt; }
th, td { border: 0.6pt solid #000; padding: 3pt; vertical-align: top; text-align: left; }
table.kv th { width: 32%; font-weight: 700; background: #f2f2f2; }
thead th { background: #eee; }
section, tr { page-break-inside: avoid; }
.b { font-weight: 700; }
</style></head>
<body>
<div>${esc(d.heldBy.office.toUpperCase())}</div><div class="b">${esc(d.heldBy.branch)} – ${esc(d.heldBy.counter)}</div>
<h1>THÔNG TIN CÁ NHÂN ĐANG LƯU GIỮ</h1>
<p class="sub">Trả lời yêu cầu của chủ thể dữ liệu (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15) · Lập lúc ${esc(formatDateTimeVi(Date.parse(d.generatedAt)))}</p>
<p><span class="b">Giấy tờ:</span> ${esc(ID_KIND[d.subject.idKind] ?? d.subject.idKind)} số ${esc(d.subject.idNumber)}</p>
<p><span class="b">Mục đích xử lý:</span></p><ul>${d.purposes.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
<p><span class="b">Thời hạn lưu:</span> ${esc(d.note)}</p>
<h2>Hồ sơ (${d.dossiers.length})</h2>
${d.dossiers.length ? d.dossiers.map((x, i) => dossierHtml(x, i + 1)).join('\n') : '<p>Quầy không còn giữ hồ sơ nào có số giấy tờ này.</p>'}
<h2>Khiếu nại, bồi thường liên quan</h2>
${cases}
<h2>Những lần dữ liệu được xem, in, xuất</h2>
${accesses}
<p>Mã yêu cầu: ${esc(d.requestId)}. Bản dữ liệu máy đọc được (JSON) kèm theo cùng mã.</p>
</body></html>`;
}
