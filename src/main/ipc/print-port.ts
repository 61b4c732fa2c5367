/**
 * The screens' print requests, turned into receipt documents (src/shared/print-model) and stored in
 * the durable print queue (src/main/printing/service). A repeat (Ctrl+P) is always the queue's marked
 * reprint ("BẢN IN LẠI – lần n"), never a second unmarked original.
 */
import { maskIdNumber } from '../../shared/people';
import type { PrintDocument } from '../../shared/print-model';
import { feeReceipt, handoverSlip, intakeReceipt, missingDocuments } from '../../shared/print-model';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../app';
import type { PrintService } from '../printing/service';
import type { PrintKind, PrintPort } from './service-handlers';

const TRACKING = 'https://www.vnpost.vn/tra-cuu-hanh-trinh/buu-pham?key=';

export interface QueuePrinterOptions {
  office?: string;
  /** Renders A4 HTML to PDF (Chromium in Node, printToPDF in Electron); without it A4 is not offered. */
  htmlToPdf?: (html: string) => Promise<Uint8Array>;
  /** Sends A4 HTML to the office's system printer (Electron); without it the PDF is only saved. */
  printHtml?: (html: string) => Promise<void>;
}

export function queuePrinter(app: App, print: PrintService, opts: QueuePrinterOptions = {}): PrintPort {
  const office = opts.office ?? 'Bưu điện tỉnh Sơn La';
  const header = { office, branch: app.counter.branchName };
  const clerkName = (id: string) => (app.db.prepare('SELECT full_name FROM clerks WHERE id = ?').get(id) as { full_name: string } | undefined)?.full_name ?? '';
  const counterName = `${app.counter.branchName} — ${app.counter.name}`;

  function build(kind: PrintKind, id: string, clerkId: string): PrintDocument | null {
    if (kind === 'handover_record') return null;
    if (kind === 'fee_receipt') return feeReceiptFor(id, clerkId);
    const v = app.services.lookup.get(id);
    const sender = v.parties.find((p) => p.role === 'sender');
    const proxy = v.parties.find((p) => p.role === 'proxy');
    if (kind === 'intake_receipt') {
      return intakeReceipt({
        header,
        itemNumber: v.itemNumber,
        trackingUrl: `${TRACKING}${v.itemNumber}`,
        acceptedAt: v.acceptedAt,
        sender: {
          name: proxy ? proxy.fullName : (sender?.fullName ?? ''),
          ...(proxy ? { onBehalfOf: sender?.fullName ?? '' } : {}),
          ...(sender?.phone ? { phone: sender.phone } : {}),
          ...(sender?.address ? { address: sender.address } : {}),
          ...(sender?.idNumber ? { idMasked: maskIdNumber(sender.idNumber) } : {}),
        },
        procedure: v.procedureName,
        agency: v.agencyName,
        documents: v.documents
          .filter((d) => d.providedCount > 0)
          .map((d) => ({ name: d.name, original: d.providedForm === 'original' ? d.providedCount : 0, copies: d.providedForm === 'original' ? 0 : d.providedCount })),
        agencyFee: v.feeAmount,
        postage: v.postageAmount,
        expected: [
          ...(v.transitDeadline ? [{ label: 'Chuyển đến cơ quan trước', date: v.transitDeadline }] : []),
          ...(v.appointmentEstimate ? [{ label: 'Hẹn trả kết quả (dự kiến)', date: v.appointmentEstimate }] : []),
        ],
        resultDelivery: v.returnMethod === 'home' ? `Phát tận địa chỉ: ${v.returnAddress ?? ''}` : v.returnMethod === 'pickup' ? 'Nhận tại bưu cục' : 'Không nhận qua bưu điện',
        clerk: clerkName(v.acceptedBy),
        counter: counterName,
      });
    }
    if (kind === 'missing_documents') {
      const missing = v.documents.filter((d) => d.required && d.providedCount < d.requiredCount);
      return {
        ...missingDocuments({
          header,
          issuedAt: app.ctx.clock.now(),
          citizen: sender?.fullName ?? '',
          procedure: v.procedureName,
          agency: v.agencyName,
          missing: missing.map((d) => ({ name: d.name, original: d.form === 'original', count: d.requiredCount - d.providedCount })),
          clerk: clerkName(clerkId),
          counter: counterName,
        }),
        ref: v.itemNumber,
      };
    }
    const ev = [...v.timeline].reverse().find((e) => e.type === 'handed_over');
    const d = (ev?.detail ?? {}) as { recipientName?: string; byProxy?: boolean; reclaimed?: string[]; feeDueCollected?: number };
    return handoverSlip({
      header,
      itemNumber: v.itemNumber,
      handedAt: ev?.at ?? app.ctx.clock.now(),
      recipient: d.recipientName ?? '',
      ...(d.byProxy ? { proxy: d.recipientName ?? '' } : {}),
      procedure: v.procedureName,
      agency: v.agencyName,
      results: [{ name: `Kết quả: ${v.procedureName}`, count: 1 }],
      ...(d.reclaimed && d.reclaimed.length > 0 ? { reclaimed: d.reclaimed.map((name) => ({ name, count: 1 })) } : {}),
      ...(d.feeDueCollected ? { feeCollected: d.feeDueCollected } : {}),
      clerk: clerkName(clerkId),
      counter: counterName,
    });
  }

  /**
   * The fee receipt (biên lai thu phí, lệ phí) for the agency fee collected on the agency's behalf:
   * at intake, or at handover when it was still due. Numbered from the ledger entry it records.
   */
  function feeReceiptFor(id: string, clerkId: string): PrintDocument | null {
    const v = app.services.lookup.get(id);
    const entries = app.db
      .prepare("SELECT id, kind, amount, payment_method, at FROM ledger WHERE dossier_id = ? AND kind IN ('agency_fee', 'fee_due_collected') AND amount > 0 ORDER BY id")
      .all(id) as { id: number; kind: string; amount: number; payment_method: 'cash' | 'transfer'; at: number }[];
    const last = entries.at(-1);
    if (!last) return null;
    const sender = v.parties.find((p) => p.role === 'sender');
    return feeReceipt({
      header,
      receiptNo: `${app.counter.id}-${String(last.id).padStart(7, '0')}`,
      itemNumber: v.itemNumber,
      issuedAt: last.at,
      payer: sender?.fullName ?? '',
      ...(sender?.address ? { payerAddress: sender.address } : {}),
      agency: v.agencyName,
      lines: [{ label: `${last.kind === 'agency_fee' ? 'Phí, lệ phí' : 'Phí, lệ phí thu khi trả kết quả'}: ${v.procedureName}`, amount: last.amount }],
      method: last.payment_method === 'cash' ? 'Tiền mặt' : 'Chuyển khoản (VietQR)',
      clerk: clerkName(clerkId),
      counter: counterName,
      drawer: last.payment_method === 'cash',
    });
  }

  /** The batch's handover record (biên bản giao nhận), A4, saved as a PDF in the data folder. */
  async function handoverRecord(batchId: string, clerkId: string): Promise<{ queued: boolean; jobId: string | null; message: string }> {
    if (!opts.htmlToPdf) return { queued: false, jobId: null, message: 'Chưa cấu hình in khổ A4: chưa tạo được biên bản giao nhận.' };
    const b = app.services.dispatch.getBatch(batchId);
    const views = b.dossierIds.map((id) => app.services.lookup.get(id));
    const recordNo = `${new Date(b.createdAt + 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')}-${b.id.slice(-6).toUpperCase()}`;
    // Loaded on first use: a4.ts also holds the playwright-based PDF path, which Electron never needs at start.
    const { handoverRecordHtml } = await import('../printing/a4');
    const html = handoverRecordHtml({
      header,
      recordNo,
      at: app.ctx.clock.now(),
      place: b.agencyName,
      agency: b.agencyName,
      postal: { name: clerkName(clerkId), title: `Giao dịch viên, ${app.counter.branchName}` },
      agencyOfficer: { ...(b.receivingOfficer ? { name: b.receivingOfficer } : {}), title: 'Cán bộ tiếp nhận' },
      dossiers: views.map((v) => ({
        itemNumber: v.itemNumber,
        citizen: v.parties.find((p) => p.role === 'sender')?.fullName ?? '',
        procedure: v.procedureName,
        complete: v.complete,
        originals: v.documents.filter((d) => d.providedForm === 'original').reduce((n, d) => n + d.providedCount, 0),
        copies: v.documents.filter((d) => d.providedForm !== 'original').reduce((n, d) => n + d.providedCount, 0),
        fee: v.feeAmount - v.feeDueOnDelivery,
        ...(v.complete ? {} : { note: `Thiếu: ${v.missing.join('; ')}` }),
      })),
    });
    const pdf = await opts.htmlToPdf(html);
    const dir = join(app.dataDir, 'documents');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bien-ban-giao-nhan-${recordNo}.pdf`);
    writeFileSync(file, pdf);
    if (opts.printHtml) {
      try {
        await opts.printHtml(html);
        return { queued: true, jobId: null, message: `Đã gửi biên bản giao nhận (2 bản) tới máy in văn phòng; bản PDF lưu tại ${file}.` };
      } catch (err) {
        return { queued: false, jobId: null, message: `Chưa in được biên bản: ${(err as Error).message} Bản PDF đã lưu tại ${file}.` };
      }
    }
    return { queued: true, jobId: null, message: `Đã tạo biên bản giao nhận (A4, PDF) ${file}; in 2 bản trên máy in văn phòng.` };
  }

  return {
    enqueue(kind, id, opts) {
      if (kind === 'handover_record') return handoverRecord(id, opts.clerkId);
      const doc = build(kind, id, opts.clerkId);
      if (!doc) return { queued: false, jobId: null, message: 'Loại phiếu này chưa in được từ quầy.' };
      const actor = { clerkId: opts.clerkId, counterId: opts.counterId };
      if (opts.copy) {
        const previous = print.jobs({ ref: doc.ref ?? '', limit: 50 }).find((j) => j.kind === doc.kind && j.originalId === null);
        if (previous) {
          const r = print.reprint(previous.id, actor);
          return { queued: true, jobId: r.jobId, message: r.message };
        }
      }
      const r = print.enqueue(doc, actor);
      return { queued: true, jobId: r.jobId, message: r.message };
    },
    state() {
      const s = print.printerStatus()[0];
      if (!s) return { state: 'none', label: 'Chưa có máy in' };
      const state = s.needsAction > 0 ? 'error' : s.state === 'ready' ? (s.busy || s.queued > 0 ? 'busy' : 'ready') : s.state === 'unknown' ? 'busy' : 'error';
      return { state, label: s.needsAction > 0 ? `${s.label} · ${s.needsAction} lệnh cần xử lý` : s.queued > 0 ? `${s.label} · chờ in ${s.queued}` : s.label };
    },
  };
}
