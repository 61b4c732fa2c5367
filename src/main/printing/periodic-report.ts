/**
 * The periodic report of the counter's branch (issue 13), A4: the same rows as the hub's report
 * (src/shared/report/sections.ts), marked as the counter's view, saved as a PDF in the data folder's
 * documents/ and sent to the office printer where there is one.
 */
import { formatDateTimeVi, formatDateVi } from '../../shared/calendar';
import type { PrintResult } from '../../shared/ipc/dto';
import { formatDong } from '../../shared/money';
import type { PeriodicReport } from '../../shared/report/periodic';
import { reportScope, reportSections, reportTitle } from '../../shared/report/sections';
import type { DocumentFolder } from '../store/sealed-files';
import type { A4Output } from './handover-record';

const esc = (s: string): string => s.normalize('NFC').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function periodicReportHtml(r: PeriodicReport, fontCss: string): string {
  const sections = reportSections(r)
    .map(
      (s) => `<h2>${esc(s.title)}</h2>
<table><thead><tr>${s.headers.map((h, i) => `<th${i > 0 ? ' class="r"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${s.rows.map((row) => `<tr>${row.map((c, i) => `<td${i > 0 ? ' class="r"' : ''}>${esc(typeof c === 'number' ? formatDong(c) : c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(reportTitle(r))}</title>
<style>
${fontCss}
@page { size: A4; margin: 15mm 12mm 15mm 15mm; }
body { font-family: 'QHCC Sans', sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 13pt; margin: 0 0 4pt; } h2 { font-size: 11pt; margin: 12pt 0 4pt; }
.mark { border: 1pt solid #000; padding: 4pt; font-weight: 700; }
table { width: 100%; border-collapse: collapse; } th, td { border-bottom: 0.5pt solid #999; padding: 2pt 3pt; text-align: left; }
.r { text-align: right; white-space: nowrap; } tr { page-break-inside: avoid; }
</style></head><body>
<h1>${esc(reportTitle(r))}</h1>
<p class="mark">${esc(reportScope(r))}</p>
<p>Kỳ báo cáo: ${esc(formatDateVi(r.period.from))} đến hết ngày trước ${esc(formatDateVi(r.period.to))} (giờ Việt Nam). Lập lúc ${esc(formatDateTimeVi(r.generatedAt))}. Tiền thu, chi là của quầy này (quầy không giữ sổ tiền của các quầy khác).</p>
${sections}
</body></html>`;
}

export async function printPeriodicReport(a4: A4Output, r: PeriodicReport, documents: DocumentFolder): Promise<PrintResult> {
  if (!a4.htmlToPdf) return { queued: false, jobId: null, message: 'Chưa cấu hình in khổ A4: chưa tạo được báo cáo.' };
  const { embeddedFonts } = await import('./a4');
  const html = periodicReportHtml(r, embeddedFonts());
  const pdf = await a4.htmlToPdf(html);
  const document = `bao-cao-dinh-ky-${r.period.key}-${r.branch?.code ?? 'quay'}-tai-quay.pdf`.toLowerCase();
  documents.save(document, pdf);
  const copy = 'bấm Ctrl+S để lưu bản sao đọc được (tệp trong thư mục dữ liệu của quầy được mã hoá)';
  if (a4.printHtml) {
    try {
      await a4.printHtml(html);
      return { queued: true, jobId: null, document, message: `Đã gửi báo cáo tới máy in văn phòng; ${copy}.` };
    } catch (err) {
      return { queued: false, jobId: null, document, message: `Chưa in được báo cáo: ${(err as Error).message} Đã lập bản PDF: ${copy}.` };
    }
  }
  return { queued: true, jobId: null, document, message: `Đã tạo báo cáo (A4, PDF): ${copy}.` };
}
