/**
 * The counter's printing, started by the composition root (src/main/counter.ts): the durable queue
 * (service.ts) on the configured receipt printer, the receipts built for each kind (documents.ts),
 * A4 handover records (handover-record.ts), and the queue's history and printer settings as the
 * screens reach them. A saved configuration takes effect at once: the queue restarts with the new
 * profile behind the same object, jobs stay where they are.
 */
import { join } from 'node:path';
import { filePrinterOutput } from './file-output';
import { DomainError } from '../../shared/errors';
import { recordAccess } from '../store/access-log';
import type { PrinterProfileInput } from '../../shared/ipc/channels/print';
import type { PrintResult } from '../../shared/ipc/dto';
import type { Clock } from '../../shared/ports';
import type { Db } from '../store/db';
import { deliveryListDocument, receiptDocument } from './documents';
import type { A4Output, RecordSources } from './handover-record';
import { printHandoverRecord } from './handover-record';
import { printPeriodicReport } from './periodic-report';
import type { PrintPort } from './port';
import { noPrinter } from './port';
import type { PrinterProfile } from './profiles';
import { loadProfiles, parseProfile } from './profiles';
import type { JobView, PrintActor, PrinterStatusView } from './queue-store';
import type { PrintService } from './service';
import { createPrintService } from './service';
import { configuredProfiles, saveProfile } from './settings';
import { listWindowsPrinters } from './transports/spooler';
import type { PrintDocument } from '../../shared/print-model';

export { filePrinterOutput };

/** Browser mode and tests print to a file beside the data folder: the queue behaves exactly as with a real printer. */
export function filePrinterProfile(dataDir: string): PrinterProfile {
  return parseProfile({
    id: 'file-printer',
    name: 'Máy in tệp (chế độ thử)',
    model: 'ESC/POS to file',
    widthMm: 80,
    dots: 576,
    transport: { kind: 'file', path: filePrinterOutput(dataDir), append: true },
    cutter: true,
    drawer: false,
  });
}

/**
 * The profiles a new counter starts on, and the starting points the settings screen offers:
 * 'bundled', the packaged application, starts on the bundled default template (resources/printers);
 * 'file', browser mode and tests, starts on the file printer beside the data folder.
 */
export function startingProfiles(startOn: 'bundled' | 'file', resourcesDir: string, dataDir: string): { defaults: PrinterProfile[]; templates: PrinterProfile[] } {
  const file = filePrinterProfile(dataDir);
  const bundled = loadProfiles(join(resourcesDir, 'printers'));
  if (startOn === 'file') return { defaults: [file], templates: [file, ...bundled] };
  const first = bundled.find((p) => p.isDefault) ?? bundled[0];
  return { defaults: first ? [first] : [file], templates: [...bundled, file] };
}

export interface PrintingOptions extends A4Output {
  /** The profiles a new counter starts on, until a manager saves one (F7). */
  defaults: PrinterProfile[];
  /** The starting points the settings screen offers (default: `defaults`). */
  templates?: PrinterProfile[];
  /** Printer status poll interval when idle (ms); 0, the default, turns it off. */
  statusPollMs?: number;
}

/** The printing a counter's handlers and use cases call (a PrintPort, plus the queue screen and settings). */
export interface Printing extends PrintPort {
  /** Queues a document built elsewhere (the day's report) on the receipt printer. */
  printDocument(doc: PrintDocument, actor: PrintActor): PrintResult;
  jobs(filter: { limit?: number | undefined; needsAction?: boolean | undefined }): JobView[];
  printers(refresh?: boolean): PrinterStatusView[] | Promise<PrinterStatusView[]>;
  reprint(jobId: string, actor: PrintActor): { jobId: string; copyNo: number; message: string };
  markPrinted(jobId: string, actor: PrintActor): JobView;
  retry(jobId: string, actor: PrintActor): JobView;
  testPage(actor: PrintActor, printerId?: string): { jobId: string; message: string };
  /** Any document built from the print model (the first run's summary), on the receipt printer. */
  /** The Windows printers to choose from (the spooler transport), or why none are listed. */
  systemPrinters(): Promise<{ names: string[]; note: string | null }>;
  /** Queues the day's delivery list for the postman. */
  deliveryList(input: { postman: string; route: string; dossierIds: string[] }, actor: PrintActor): PrintResult;
  settings(): { profiles: PrinterProfile[]; templates: PrinterProfile[] };
  saveProfile(input: PrinterProfileInput, actor: PrintActor): Promise<PrinterProfile>;
  stop(): Promise<void>;
}

/** The print port over the queue: a document per kind, a repeat as the queue's marked reprint. */
function queuePort(queue: PrintService, sources: RecordSources, a4: A4Output): PrintPort {
  return {
    enqueue(kind, id, req): PrintResult | Promise<PrintResult> {
      if (kind === 'handover_record') return printHandoverRecord(sources, a4, id, req.clerkId);
      if (kind === 'branch_report') {
        if (!sources.branchReport) return { queued: false, jobId: null, message: 'Quầy này chưa lập được báo cáo định kỳ.' };
        return printPeriodicReport(a4, sources.branchReport(id), sources.documents);
      }
      const doc = receiptDocument(sources, kind, id, req.clerkId);
      if (!doc) return { queued: false, jobId: null, message: 'Loại phiếu này chưa in được từ quầy.' };
      const actor = { clerkId: req.clerkId, counterId: req.counterId };
      if (req.copy) {
        const previous = queue.jobs({ ref: doc.ref ?? '', limit: 50 }).find((j) => j.kind === doc.kind && j.originalId === null);
        if (previous) {
          const r = queue.reprint(previous.id, actor);
          return { queued: true, jobId: r.jobId, message: r.message };
        }
      }
      const r = queue.enqueue(doc, actor);
      if (req.look) queue.recordPrintAccess(doc, actor, { job: r.jobId });
      return { queued: true, jobId: r.jobId, message: r.message };
    },
    state() {
      const s = queue.printerStatus()[0];
      if (!s) return { state: 'none', label: 'Chưa có máy in' };
      const state = s.needsAction > 0 ? 'error' : s.state === 'ready' ? (s.busy || s.queued > 0 ? 'busy' : 'ready') : s.state === 'unknown' ? 'busy' : 'error';
      return { state, label: s.needsAction > 0 ? `${s.label} · ${s.needsAction} lệnh cần xử lý` : s.queued > 0 ? `${s.label} · chờ in ${s.queued}` : s.label };
    },
  };
}

/**
 * Starts the queue with the profiles a manager saved (or `opts.defaults` on a new counter).
 * `queue` is the running queue; after new settings it forwards to the restarted one.
 */
export function startPrinting(deps: { db: Db; clock: Clock; sources: RecordSources }, opts: PrintingOptions): Printing & { readonly queue: PrintService } {
  const { db, clock } = deps;
  let profiles = configuredProfiles(db, opts.defaults);
  const make = (list: PrinterProfile[]) => {
    const s = createPrintService({ db, clock, profiles: list, statusPollMs: opts.statusPollMs ?? 0 });
    s.start();
    return s;
  };
  let current = make(profiles);
  // One stable object for everyone holding the queue; it always forwards to the running one.
  const queue = new Proxy({} as PrintService, { get: (_t, key) => current[key as keyof PrintService] });
  const port = queuePort(queue, deps.sources, { ...(opts.htmlToPdf ? { htmlToPdf: opts.htmlToPdf } : {}), ...(opts.printHtml ? { printHtml: opts.printHtml } : {}) });
  const templates = opts.templates ?? opts.defaults;
  return {
    queue,
    enqueue: port.enqueue,
    state: port.state,
    printDocument(doc, actor) {
      const r = current.enqueue(doc, actor);
      return { queued: true, jobId: r.jobId, message: r.message };
    },
    jobs: (f) => current.jobs({ limit: f.limit ?? 100, ...(f.needsAction ? { needsAction: true } : {}) }),
    printers: (refresh) => (refresh ? current.refreshStatus() : current.printerStatus()),
    reprint: (jobId, actor) => {
      // The recovery code is printed only on a manager's request (audited), never again from the queue's history.
      const row = db.prepare('SELECT kind FROM print_jobs WHERE id = ?').get(jobId) as { kind: string } | undefined;
      if (row?.kind === 'recovery_code') throw new DomainError('RECOVERY_CODE_NO_REPRINT', 'Mã khôi phục không in lại từ hàng đợi: trưởng bưu cục mở Ctrl+K → “Mã khôi phục dữ liệu” và in lại từ đó.');
      return current.reprint(jobId, actor);
    },
    markPrinted: (jobId, actor) => current.markPrinted(jobId, actor),
    retry: (jobId, actor) => current.retry(jobId, actor),
    testPage: (actor, printerId) => current.testPage(actor, printerId ?? profiles[0]?.id),
    systemPrinters: () => listWindowsPrinters(),
    deliveryList: (input, actor) => {
      const r = current.enqueue(deliveryListDocument(deps.sources, input), actor);
      recordAccess(db, actor, clock.now(), 'personal_data.print', 'dossier', input.dossierIds, { kind: 'delivery_list', job: r.jobId });
      return { queued: true, jobId: r.jobId, message: r.message };
    },
    settings: () => ({ profiles, templates }),
    async saveProfile(input, actor) {
      const list = saveProfile(db, clock, input, actor);
      await current.stop();
      profiles = list;
      current = make(list);
      return list[0]!;
    },
    stop: () => current.stop(),
  };
}

const unavailable = (): never => {
  throw new DomainError('NO_PRINTER', 'Chưa cấu hình máy in cho quầy này.');
};

/** A counter without printing: nothing is queued, the queue screen is empty, settings are refused. */
export const noPrinting: Printing = {
  ...noPrinter,
  printDocument: () => ({ queued: false, jobId: null, message: 'Chưa cấu hình máy in: chưa in được trên giấy nhiệt.' }),
  jobs: () => [],
  printers: () => [],
  reprint: unavailable,
  markPrinted: unavailable,
  retry: unavailable,
  testPage: unavailable,
  systemPrinters: async () => ({ names: [], note: 'Quầy này chạy không có máy in.' }),
  deliveryList: unavailable,
  settings: () => ({ profiles: [], templates: [] }),
  saveProfile: unavailable,
  stop: async () => undefined,
};
