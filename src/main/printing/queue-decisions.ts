/**
 * What the clerk (or a manager) asks of the queue: store a job, print a marked copy, confirm a
 * doubtful job printed, send a never-sent job again, print a test page. Each is one transaction with
 * its audit entry, committed before the clerk is told; the worker is woken afterwards.
 */
import { DomainError } from '../../shared/errors';
import { recordAccess } from '../store/access-log';
import type { Clock } from '../../shared/ports';
import { testPage as testPageDoc, type PrintDocument } from '../../shared/print-model';
import type { Db } from '../store/db';
import type { PrinterProfile } from './profiles';
import type { JobView, PrintActor, QueueStore } from './queue-store';
import { jobView } from './queue-store';

export interface DecisionDeps {
  db: Db;
  clock: Clock;
  store: QueueStore;
  profiles: Map<string, PrinterProfile>;
  defaultPrinter: string;
  /** Wakes the queue's worker. */
  kick(): void;
}

/** Document kinds that print a citizen's name, ID, phone or address, found by their `ref`. */
const PERSONAL_DOCS: ReadonlySet<string> = new Set(['intake_receipt', 'fee_receipt', 'missing_documents', 'handover_slip', 'complaint_receipt', 'complaint_answer', 'compensation_receipt']);

export function createDecisions(d: DecisionDeps) {
  const { db, clock, store } = d;

  function insertJob(doc: PrintDocument, actor: PrintActor, printerId: string, original: { id: string; copyNo: number } | null): string {
    if (!d.profiles.has(printerId)) throw new DomainError('PRINTER_UNKNOWN', 'Máy in không có trong cấu hình.');
    return store.insertJob(doc, actor, printerId, original);
  }

  /** A printed document that shows a citizen's details is a look at them (store/access-log.ts). */
  function recordPrintAccess(doc: PrintDocument, actor: PrintActor, detail: Record<string, unknown>): void {
    if (!PERSONAL_DOCS.has(doc.kind) || !doc.ref) return;
    recordAccess(db, actor, clock.now(), 'personal_data.print', 'item', [doc.ref], { kind: doc.kind, ...detail });
  }

  /** Stores the job (committed before this returns) and wakes the worker. */
  function enqueue(doc: PrintDocument, actor: PrintActor, opts: { printerId?: string } = {}): { jobId: string; message: string } {
    if (doc.copy) throw new DomainError('PRINT_COPY_VIA_REPRINT', 'Bản in lại phải tạo bằng chức năng In lại.');
    const printerId = opts.printerId ?? d.defaultPrinter;
    const jobId = db.transaction(() => {
      const id = insertJob(doc, actor, printerId, null);
      store.audit(actor.clerkId, actor.counterId, 'print.enqueue', id, { printerId, kind: doc.kind, ref: doc.ref ?? null });
      return id;
    }).immediate();
    d.kick();
    return { jobId, message: 'Đã xếp hàng in' };
  }

  /** Ctrl+P from history, or "print again" after a doubtful send: always a new, marked copy. */
  function reprint(jobId: string, actor: PrintActor, opts: { printerId?: string } = {}): { jobId: string; copyNo: number; message: string } {
    const out = db.transaction(() => {
      const src = store.getJob(jobId);
      const rootId = src.original_id ?? src.id;
      const root = store.getJob(rootId);
      // Copies are always made from the original; it must have been sent (or given up) first.
      if (root.state === 'queued' || root.state === 'sending') throw new DomainError('PRINT_JOB_PENDING', 'Lệnh in này đang chờ in; chưa thể in lại.');
      if (root.state === 'failed' && store.offeredBytes(root.id) === 0) {
        throw new DomainError('PRINT_NEVER_PRINTED', 'Phiếu này chưa in được trang nào; hãy chọn "Thử in lại" để in bản gốc.');
      }
      const copyNo = (store.q.maxCopy.get(rootId) as { n: number }).n + 1;
      const doc = JSON.parse(root.doc) as PrintDocument & { purged?: true };
      if (doc.purged) {
        throw new DomainError('PERSONAL_DATA_PURGED', 'Phiếu này thuộc hồ sơ đã hết thời hạn lưu dữ liệu cá nhân tại quầy nên không in lại được. Hồ sơ điện tử vẫn lưu tại máy chủ tỉnh.');
      }
      const copyDoc: PrintDocument = { ...doc, copy: { n: copyNo, at: clock.now() }, drawer: false };
      const id = insertJob(copyDoc, actor, opts.printerId ?? src.printer_id, { id: rootId, copyNo });
      if (src.state === 'needs_attention' && src.resolution === null) store.q.resolve.run('reprinted', actor.clerkId, clock.now(), 'needs_attention', clock.now(), src.id);
      store.audit(actor.clerkId, actor.counterId, 'print.reprint', id, { from: src.id, original: rootId, copyNo });
      recordPrintAccess(doc, actor, { job: id, copyNo });
      return { jobId: id, copyNo };
    }).immediate();
    d.kick();
    return { ...out, message: `Đã xếp hàng in lại (bản in lại lần ${out.copyNo})` };
  }

  /** The clerk saw the paper and confirms it printed completely. */
  function markPrinted(jobId: string, actor: PrintActor): JobView {
    db.transaction(() => {
      const j = store.getJob(jobId);
      if (!((j.state === 'needs_attention' && j.resolution === null) || j.state === 'sent_unconfirmed')) {
        throw new DomainError('PRINT_NOT_DOUBTFUL', 'Chỉ xác nhận đã in cho lệnh in cần kiểm tra hoặc chưa được máy in xác nhận.');
      }
      store.q.resolve.run('marked_printed', actor.clerkId, clock.now(), 'done', clock.now(), j.id);
      store.audit(actor.clerkId, actor.counterId, 'print.mark_printed', j.id, { from: j.state });
    }).immediate();
    return jobView(store.getJob(jobId));
  }

  /** Sends a job again as it is: allowed only when not a byte of it ever left (failed, or waiting for backoff). */
  function retry(jobId: string, actor: PrintActor): JobView {
    db.transaction(() => {
      const j = store.getJob(jobId);
      if (!(j.state === 'failed' || j.state === 'queued') || store.offeredBytes(j.id) > 0) {
        throw new DomainError('PRINT_RETRY_UNSAFE', 'Phiếu có thể đã in một phần. Hãy kiểm tra giấy rồi chọn "In lại" (bản có đánh dấu) hoặc "Đã in xong".');
      }
      store.q.setState.run({ id: j.id, state: 'queued', auto: 0, next: clock.now(), now: clock.now(), error: j.last_error, pstate: j.printer_state });
      store.audit(actor.clerkId, actor.counterId, 'print.retry', j.id, { from: j.state });
    }).immediate();
    d.kick();
    return jobView(store.getJob(jobId));
  }

  function testPage(actor: PrintActor, printerId: string = d.defaultPrinter): { jobId: string; message: string } {
    const p = d.profiles.get(printerId);
    if (!p) throw new DomainError('PRINTER_UNKNOWN', 'Máy in không có trong cấu hình.');
    return enqueue(testPageDoc({ printerName: p.name, profileId: p.id, widthMm: p.widthMm, dots: p.dots, at: clock.now() }), actor, { printerId });
  }

  return { enqueue, reprint, markPrinted, retry, testPage, recordPrintAccess };
}
