/**
 * The batch's handover record (biên bản giao nhận, QĐ 45 Art. 7): A4, saved as a PDF in the data
 * folder's documents/, and sent to the office's system printer where there is one (Electron).
 */
import type { BatchDto, DossierView, PrintResult } from '../../shared/ipc/dto';
import type { DocumentFolder } from '../store/sealed-files';
import type { DocumentSources } from './documents';

export interface A4Output {
  /** Renders A4 HTML to PDF (Chromium in Node, printToPDF in Electron); without it A4 is not offered. */
  htmlToPdf?: (html: string) => Promise<Uint8Array>;
  /** Sends A4 HTML to the office's system printer (Electron); without it the PDF is only saved. */
  printHtml?: (html: string) => Promise<void>;
}

export interface RecordSources extends DocumentSources {
  batch(batchId: string): BatchDto;
  /** Where the PDFs are kept: the data folder's documents/, sealed. */
  documents: DocumentFolder;
}

function recordNumber(b: BatchDto): string {
  return `${new Date(b.createdAt + 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')}-${b.id.slice(-6).toUpperCase()}`;
}

function recordRow(v: DossierView) {
  return {
    itemNumber: v.itemNumber,
    citizen: v.parties.find((p) => p.role === 'sender')?.fullName ?? '',
    procedure: v.procedureName,
    complete: v.complete,
    originals: v.documents.filter((d) => d.providedForm === 'original').reduce((n, d) => n + d.providedCount, 0),
    copies: v.documents.filter((d) => d.providedForm !== 'original').reduce((n, d) => n + d.providedCount, 0),
    fee: v.feeAmount - v.feeDueOnDelivery,
    ...(v.complete ? {} : { note: `Thiếu: ${v.missing.join('; ')}` }),
  };
}

export async function printHandoverRecord(src: RecordSources, a4: A4Output, batchId: string, clerkId: string): Promise<PrintResult> {
  if (!a4.htmlToPdf) return { queued: false, jobId: null, message: 'Chưa cấu hình in khổ A4: chưa tạo được biên bản giao nhận.' };
  const b = src.batch(batchId);
  const recordNo = recordNumber(b);
  // Loaded on first use: a4.ts also holds the playwright-based PDF path, which Electron never needs at start.
  const { handoverRecordHtml } = await import('./a4');
  const html = handoverRecordHtml({
    header: { office: src.counter.office, branch: src.counter.branchName },
    recordNo,
    at: src.now(),
    place: b.agencyName,
    agency: b.agencyName,
    postal: { name: src.clerkName(clerkId), title: 'Giao dịch viên' },
    agencyOfficer: { ...(b.receivingOfficer ? { name: b.receivingOfficer } : {}), title: 'Cán bộ tiếp nhận' },
    dossiers: b.dossierIds.map((id) => recordRow(src.view(id))),
  });
  const pdf = await a4.htmlToPdf(html);
  const document = `bien-ban-giao-nhan-${recordNo.toLowerCase()}.pdf`;
  src.documents.save(document, pdf);
  const copy = 'bấm Ctrl+S để lưu bản sao đọc được (tệp trong thư mục dữ liệu của quầy được mã hoá)';
  if (a4.printHtml) {
    try {
      await a4.printHtml(html);
      return { queued: true, jobId: null, document, message: `Đã gửi biên bản giao nhận (2 bản) tới máy in văn phòng; ${copy}.` };
    } catch (err) {
      return { queued: false, jobId: null, document, message: `Chưa in được biên bản: ${(err as Error).message} Đã lập bản PDF: ${copy}.` };
    }
  }
  return { queued: true, jobId: null, document, message: `Đã tạo biên bản giao nhận (A4, PDF): ${copy}, rồi in 2 bản trên máy in văn phòng.` };
}
