/**
 * The periodic report as files (issue 13): XLSX (exceljs) and PDF (pdf-lib). Both are written from
 * the same list of sections (`reportSections`), so the two files carry the same numbers by
 * construction.
 *
 * PDF: pdf-lib with @pdf-lib/fontkit embedding the bundled Be Vietnam Pro (the font the receipts
 * use) as a subset. pdf-lib is pure JavaScript with no native parts and runs on Node 20; the standard
 * 14 PDF fonts cannot show Vietnamese, hence the embedded font. The counter's A4 documents go through
 * Chromium (HTML → PDF), which the hub does not have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatDateTimeVi, formatDateVi } from '../shared/calendar';
import { formatDong } from '../shared/money';
import type { PeriodicReport } from './report';
import { reportScope, reportSections, reportTitle } from '../shared/report/sections';

export { reportScope, reportSections, reportTitle };

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

export async function reportXlsx(r: PeriodicReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Quầy HCC — máy chủ tỉnh';
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 58 }, { width: 18 }, { width: 18 }, { width: 20 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 22 }];
  const title = ws.addRow([reportTitle(r)]);
  title.font = { bold: true, size: 13 };
  ws.addRow([reportScope(r)]);
  ws.addRow([`Kỳ báo cáo: ${formatDateVi(r.period.from)} đến hết ngày trước ${formatDateVi(r.period.to)} (giờ Việt Nam)`]);
  ws.addRow([`Lập lúc ${formatDateTimeVi(r.generatedAt)} từ dữ liệu các quầy đã đồng bộ về máy chủ tỉnh (TT 17/2017/TT-BTTTT Điều 13).`]);
  for (const s of reportSections(r)) {
    ws.addRow([]);
    ws.addRow([s.title]).font = { bold: true, size: 12 };
    const h = ws.addRow(s.headers);
    h.font = { bold: true };
    h.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of s.rows) {
      const added = ws.addRow(row);
      added.eachCell((cell) => {
        if (typeof cell.value === 'number') cell.numFmt = '#,##0';
      });
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

const FONT_DIR = join(__dirname, '../../resources/fonts');
const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 42;

function cellText(v: string | number): string {
  return typeof v === 'number' ? formatDong(v) : v;
}

/** Wraps `text` to lines no wider than `width` at `size`. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) <= width || cur === '') cur = next;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

export async function reportPdf(r: PeriodicReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(reportTitle(r));
  doc.setCreator('Quầy HCC');
  doc.setCreationDate(new Date(r.generatedAt));
  const regular = await doc.embedFont(readFileSync(join(FONT_DIR, 'BeVietnamPro_500Medium.ttf')), { subset: true });
  const bold = await doc.embedFont(readFileSync(join(FONT_DIR, 'BeVietnamPro_700Bold.ttf')), { subset: true });
  let page: PDFPage = doc.addPage([A4.w, A4.h]);
  let y = A4.h - MARGIN;
  const usable = A4.w - 2 * MARGIN;
  const need = (h: number) => {
    if (y - h < MARGIN) {
      page = doc.addPage([A4.w, A4.h]);
      y = A4.h - MARGIN;
    }
  };
  const line = (text: string, font: PDFFont, size: number, x = MARGIN, width = usable) => {
    for (const l of wrap(font, text, size, width)) {
      need(size + 4);
      page.drawText(l, { x, y: y - size, size, font, color: rgb(0, 0, 0) });
      y -= size + 4;
    }
  };
  line('BƯU ĐIỆN VIỆT NAM — BƯU ĐIỆN TỈNH SƠN LA', bold, 9);
  y -= 6;
  line(reportTitle(r), bold, 13);
  line(reportScope(r), regular, 10);
  line(`Kỳ báo cáo: ${formatDateVi(r.period.from)} đến hết ngày trước ${formatDateVi(r.period.to)} (giờ Việt Nam). Lập lúc ${formatDateTimeVi(r.generatedAt)}.`, regular, 9);
  for (const s of reportSections(r)) {
    y -= 8;
    need(40);
    line(s.title, bold, 11);
    const n = s.headers.length;
    // First column wide, the others share the rest.
    const first = n === 2 ? usable * 0.72 : usable * 0.3;
    const rest = n > 1 ? (usable - first) / (n - 1) : 0;
    const xs = [MARGIN, ...Array.from({ length: n - 1 }, (_, i) => MARGIN + first + i * rest)];
    const widths = [first, ...Array.from({ length: n - 1 }, () => rest)];
    const size = n > 4 ? 7.5 : 9;
    const drawRow = (cells: (string | number)[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => wrap(font, cellText(c), size, widths[i]! - 6));
      const h = Math.max(...wrapped.map((w) => w.length)) * (size + 3) + 4;
      need(h);
      wrapped.forEach((ls, i) => {
        ls.forEach((l, k) => {
          const right = i > 0;
          const tw = font.widthOfTextAtSize(l, size);
          const x = right ? xs[i]! + widths[i]! - 3 - tw : xs[i]! + 3;
          page.drawText(l, { x, y: y - (k + 1) * (size + 3), size, font });
        });
      });
      y -= h;
      page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + usable, y }, thickness: 0.3, color: rgb(0.6, 0.6, 0.6) });
    };
    drawRow(s.headers, bold);
    for (const row of s.rows) drawRow(row, regular);
  }
  y -= 20;
  need(60);
  // Two signature blocks, each centred in its half of the line.
  const sign = (text: string, font: PDFFont, size: number) => {
    const [left, right] = text.split('|') as [string, string];
    page.drawText(left, { x: MARGIN + usable / 4 - font.widthOfTextAtSize(left, size) / 2, y: y - size, size, font });
    page.drawText(right, { x: MARGIN + (3 * usable) / 4 - font.widthOfTextAtSize(right, size) / 2, y: y - size, size, font });
    y -= size + 4;
  };
  sign('Người lập biểu|Giám đốc Bưu điện tỉnh', bold, 10);
  sign('(ký, ghi rõ họ tên)|(ký, đóng dấu)', regular, 8);
  return doc.save();
}
