/**
 * The manager's reports as use cases: the day's report (read, and printed in one call: thermal paper
 * through the print queue, A4 saved as PDF and sent to the office printer where there is one, and the
 * spreadsheet), the overdue list (read, count, print, export), the audit viewer and the dashboard.
 * Every print of a day's report is numbered: the first is the original, later ones are marked
 * reprints on all three outputs. Built by the composition root over the printing it has.
 */
import { localDateOf } from '../../shared/calendar';
import { dayReportDoc } from '../../shared/day-report';
import type { DayReport } from '../../shared/day-report';
import { DomainError } from '../../shared/errors';
import type { AuditQueryInput, DayPrintResult } from '../../shared/ipc/channels/manager';
import type { PrintResult } from '../../shared/ipc/dto';
import type { PrintDocument } from '../../shared/print-model';
import { formatDateVi } from '../../shared/calendar';
import { auditKinds, auditList } from '../reports/audit';
import { dashboard } from '../reports/dashboard';
import { buildDayReport } from '../reports/day-report';
import type { ReportBranch } from '../reports/day-report';
import { overdueCounts, overdueList } from '../reports/overdue';
import { auditXlsx, dayReportXlsx, overdueXlsx } from '../reports/xlsx';
import type { DocumentFolder } from '../store/sealed-files';
import { prep } from '../store/stmt';
import type { Actor, ServiceContext } from './context';
import { audit } from './journal';

export interface ReportOutputs {
  /** Queues a thermal document on the counter's receipt printer. */
  printDocument(doc: PrintDocument, actor: Actor): PrintResult | Promise<PrintResult>;
  htmlToPdf?: ((html: string) => Promise<Uint8Array>) | undefined;
  printHtml?: ((html: string) => Promise<void>) | undefined;
  /** The data folder's documents/, sealed (store/sealed-files.ts). */
  documents: DocumentFolder;
  branch: ReportBranch;
}

export type ManagerDay = ReturnType<typeof createManagerDay>;

export function createManagerDay(ctx: ServiceContext, out: ReportOutputs) {
  const today = () => localDateOf(ctx.clock.now());
  const report = (date: string): DayReport => {
    if (date > today()) throw new DomainError('FUTURE_DATE', `Ngày ${formatDateVi(date)} chưa tới: chưa có báo cáo.`);
    return buildDayReport(ctx.db, date, { branch: out.branch, now: ctx.clock.now(), today: today(), calendar: ctx.reference().calendar });
  };
  const save = (name: string, bytes: Uint8Array): string => out.documents.save(name, bytes);
  /** Where the manager gets a readable copy: the file under documents/ is sealed. */
  const COPY = 'bấm Ctrl+S để lưu bản sao đọc được (tệp trong thư mục dữ liệu của quầy được mã hoá)';

  return {
    today,
    report,

    /** One key press: thermal + A4 (PDF, and the office printer) + XLSX; a repeat is marked as a reprint. */
    async print(date: string, actor: Actor): Promise<DayPrintResult> {
      const r = report(date);
      const at = ctx.clock.now();
      const copyNo = ctx.db.transaction(() => {
        const n = (prep(ctx.db, 'SELECT count(*) AS n FROM report_prints WHERE business_date = ?').get(date) as { n: number }).n;
        prep(ctx.db, 'INSERT INTO report_prints (business_date, printed_at, printed_by, copy_no) VALUES (?, ?, ?, ?)').run(date, at, actor.clerkId, n);
        audit(ctx.db, actor, at, 'day.report_print', 'day', date, { copyNo: n });
        return n;
      })();
      const copy = { copyNo, at };
      const suffix = copyNo > 0 ? `-in-lai-${copyNo}` : '';
      const thermal = await Promise.resolve()
        .then(() => out.printDocument(dayReportDoc(r, copy), actor))
        .catch((err: unknown) => ({ queued: false, jobId: null, message: `Chưa in được trên máy in nhiệt: ${err instanceof Error ? err.message : String(err)}` }));
      const xlsxFile = save(`bao-cao-ngay-${date}${suffix}.xlsx`, await dayReportXlsx(r, copy));
      let pdfFile: string | null = null;
      let a4 = 'Chưa cấu hình in khổ A4: chưa tạo bản A4.';
      if (out.htmlToPdf) {
        const { dayReportHtml } = await import('../printing/day-report-a4');
        const html = dayReportHtml(r, copy);
        pdfFile = save(`bao-cao-ngay-${date}${suffix}.pdf`, await out.htmlToPdf(html));
        a4 = 'Đã lập bản A4 (PDF)';
        if (out.printHtml) {
          a4 = await out.printHtml(html).then(
            () => 'Đã gửi bản A4 tới máy in văn phòng',
            (err: unknown) => `Chưa in được bản A4 (${err instanceof Error ? err.message : String(err)}); đã lập bản PDF`,
          );
        }
      }
      const mark = copyNo > 0 ? ` (bản in lại lần ${copyNo})` : '';
      const pdfName = pdfFile ? `bao-cao-ngay-${date}${suffix}.pdf` : null;
      const xlsxName = `bao-cao-ngay-${date}${suffix}.xlsx`;
      return {
        thermal,
        pdfFile,
        xlsxFile,
        pdfName,
        xlsxName,
        copyNo,
        message: `Báo cáo ngày ${formatDateVi(date)}${mark}: ${thermal.message.replace(/\.?$/, '.')} ${a4}, đã lập bảng tính (Excel); ${COPY}.`,
      };
    },

    overdue: () => overdueList(ctx.db, today(), ctx.reference().calendar),
    overdueCount: () => ({ count: overdueCounts(ctx.db, today(), ctx.reference().calendar).reduce((s, c) => s + c.count, 0) }),
    async overdueExport(actor: Actor): Promise<{ file: string; name: string; rows: number }> {
      const rows = overdueList(ctx.db, today(), ctx.reference().calendar);
      const name = `qua-han-${today()}.xlsx`;
      const file = save(name, await overdueXlsx(rows, today()));
      audit(ctx.db, actor, ctx.clock.now(), 'overdue.export', 'report', null, { rows: rows.length });
      return { file, name, rows: rows.length };
    },
    async overduePrint(): Promise<PrintResult> {
      if (!out.htmlToPdf) return { queued: false, jobId: null, message: 'Chưa cấu hình in khổ A4: chưa in được danh sách quá hạn.' };
      const rows = overdueList(ctx.db, today(), ctx.reference().calendar);
      const { overdueHtml } = await import('../printing/day-report-a4');
      const html = overdueHtml(rows, today(), { office: out.branch.office, branch: out.branch.branchName });
      const name = `qua-han-${today()}.pdf`;
      save(name, await out.htmlToPdf(html));
      if (out.printHtml) await out.printHtml(html).catch(() => undefined);
      return { queued: true, jobId: null, document: name, message: `Đã tạo danh sách quá hạn (${rows.length} hồ sơ, A4); ${COPY}.` };
    },

    audit: (q: AuditQueryInput) => ({ ...auditList(ctx.db, q), kinds: auditKinds(ctx.db) }),
    async auditExport(q: AuditQueryInput, actor: Actor): Promise<{ file: string; name: string; rows: number }> {
      const { rows } = auditList(ctx.db, { ...q, limit: q.limit ?? 5000 });
      const name = `nhat-ky-${today()}-${ctx.clock.now()}.xlsx`;
      const file = save(name, await auditXlsx(rows));
      audit(ctx.db, actor, ctx.clock.now(), 'audit.export', 'report', null, { rows: rows.length, filter: q });
      return { file, name, rows: rows.length };
    },

    dashboard: (to?: string) => {
      const end = to ?? today();
      return { days: dashboard(ctx.db, end), to: end };
    },
  };
}
