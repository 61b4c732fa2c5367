/**
 * The screens' print requests, turned into receipt documents (src/shared/print-model) and stored in
 * the durable print queue (src/main/printing/service). A repeat (Ctrl+P) is always the queue's marked
 * reprint ("BẢN IN LẠI – lần n"), never a second unmarked original.
 */
import { maskIdNumber } from '../../shared/people';
import type { PrintDocument } from '../../shared/print-model';
import { handoverSlip, intakeReceipt, missingDocuments } from '../../shared/print-model';
import type { App } from '../app';
import type { PrintService } from '../printing/service';
import type { PrintKind, PrintPort } from './service-handlers';

const TRACKING = 'https://www.vnpost.vn/tra-cuu-hanh-trinh/buu-pham?key=';

export function queuePrinter(app: App, print: PrintService, office = 'Bưu điện tỉnh Sơn La'): PrintPort {
  const header = { office, branch: app.counter.branchName };
  const clerkName = (id: string) => (app.db.prepare('SELECT full_name FROM clerks WHERE id = ?').get(id) as { full_name: string } | undefined)?.full_name ?? '';
  const counterName = `${app.counter.branchName} — ${app.counter.name}`;

  function build(kind: PrintKind, id: string, clerkId: string): PrintDocument | null {
    if (kind === 'handover_record' || kind === 'fee_receipt') return null;
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

  return {
    enqueue(kind, id, opts) {
      const doc = build(kind, id, opts.clerkId);
      if (!doc) return { queued: false, jobId: null, message: 'Biên bản và biên lai khổ A4 in từ máy in văn phòng (chưa nối với quầy).' };
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
