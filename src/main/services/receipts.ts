/**
 * Use cases that commit and then print. The work is committed first; a print problem is reported in
 * the answer (or shown by the status bar and the print queue screen), never undoes the work.
 * - accept a dossier, then queue its intake receipt and, when the agency fee was paid now, the fee
 *   receipt (biên lai thu phí, lệ phí);
 * - hand over a result, then queue the fee receipt when a fee still due was collected.
 */
import type { AcceptOutput, DossierView, PrintResult } from '../../shared/ipc/dto';
import type { AcceptDossierInput, HandOverInput } from '../../shared/schemas';
import type { PrintKind, PrintPort } from '../printing/port';
import type { Actor } from './context';
import type { ReissueReceiptInput, ReissueReceiptResult } from '../../shared/ipc/channels/manager';
import { formatReceiptNo } from './fee-receipts';
import type { Services } from './index';

/** Queues a document after the use case committed; a print problem is not the use case's failure. */
async function printQuietly(printer: PrintPort, kind: PrintKind, id: string, actor: Actor): Promise<void> {
  try {
    await printer.enqueue(kind, id, { copy: false, clerkId: actor.clerkId, counterId: actor.counterId });
  } catch {
    // The status bar and the print queue screen show the printer's problems.
  }
}

export type ReceiptUseCases = ReturnType<typeof createReceiptUseCases>;

export function createReceiptUseCases(s: Pick<Services, 'intake' | 'handover' | 'lookup' | 'shifts'>, printer: PrintPort) {
  return {
    async acceptAndPrint(input: AcceptDossierInput, actor: Actor): Promise<AcceptOutput> {
      const r = s.intake.accept(input, actor);
      // The dossier is committed; a print problem must not undo it, only be reported.
      const print: PrintResult = await Promise.resolve()
        .then(() => printer.enqueue('intake_receipt', r.dossierId, { copy: false, clerkId: actor.clerkId, counterId: actor.counterId }))
        .catch((err: unknown) => ({ queued: false, jobId: null, message: `Hồ sơ đã lưu nhưng chưa xếp hàng in được: ${err instanceof Error ? err.message : String(err)}` }));
      if (input.feeCollectedNow && input.feeAmount > 0) await printQuietly(printer, 'fee_receipt', r.dossierId, actor);
      return { ...r, view: s.lookup.get(r.dossierId), print };
    },

    /**
     * A fee receipt cancelled and issued again: the cancelled one printed marked HỦY (to staple to the
     * spoiled paper), then the new one. Print id `<dossier>#<number>` names one receipt of the dossier.
     */
    async reissueAndPrint(input: ReissueReceiptInput, actor: Actor): Promise<ReissueReceiptResult> {
      const r = await s.shifts.reissueReceipt(input, actor);
      const cancelled = formatReceiptNo(r.cancelled.series, r.cancelled.number);
      const issued = formatReceiptNo(r.cancelled.series, r.issued);
      await printQuietly(printer, 'fee_receipt', `${r.dossierId}#${r.cancelled.number}`, actor);
      await printQuietly(printer, 'fee_receipt', `${r.dossierId}#${r.issued}`, actor);
      return { cancelled, issued, message: `Đã hủy biên lai ${cancelled} (giữ số, đánh dấu HỦY) và cấp biên lai mới ${issued}.` };
    },

    async handOverAndPrint(input: HandOverInput, actor: Actor): Promise<DossierView> {
      s.handover.handOver(input, actor);
      if ((input.feeDueCollected ?? 0) > 0) await printQuietly(printer, 'fee_receipt', input.dossierId, actor);
      return s.lookup.get(input.dossierId);
    },
  };
}
