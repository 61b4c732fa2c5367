/**
 * Handlers for the counter's use cases: each is a thin call into the services built by createApp,
 * with the actor taken from the session, returning the plain DTOs of the contract.
 */
import { DomainError } from '../../shared/errors';
import type { Contract, PrintResult } from '../../shared/ipc/contract';
import type { Services } from '../services';
import type { Registry } from './registry';

export type PrintKind = 'intake_receipt' | 'fee_receipt' | 'missing_documents' | 'handover_slip' | 'handover_record';

/** The print queue as the screens see it. Until src/main/printing's queue is wired, nothing is queued. */
export interface PrintPort {
  enqueue(kind: PrintKind, id: string, opts: { copy: boolean; clerkId: string; counterId: string }): PrintResult | Promise<PrintResult>;
  state(): { state: 'ready' | 'busy' | 'error' | 'none'; label: string };
}

export const noPrinter: PrintPort = {
  enqueue: () => ({ queued: false, jobId: null, message: 'Chưa cấu hình máy in: chưa in được. Hồ sơ đã được lưu.' }),
  state: () => ({ state: 'none', label: 'Chưa có máy in' }),
};

/** Queues a document after the use case committed; a print problem is logged, never undoes the work. */
async function printQuietly(printer: PrintPort, kind: PrintKind, id: string, actor: { clerkId: string; counterId: string }): Promise<void> {
  try {
    await printer.enqueue(kind, id, { copy: false, clerkId: actor.clerkId, counterId: actor.counterId });
  } catch {
    // The status bar and the print queue screen show the printer's problems.
  }
}

export function registerServiceHandlers(reg: Registry<Contract>, s: Services, printer: PrintPort): void {
  const view = (id: string) => s.lookup.get(id);
  reg
    .register('catalogue.search', (i) => s.catalogue.search(i.query, i.limit ?? 10))
    .register('catalogue.get', (i) => {
      const p = s.catalogue.get(i.code);
      if (!p) throw new DomainError('UNKNOWN_PROCEDURE', 'Thủ tục không có trong danh mục.', 'code');
      return p;
    })
    .register('catalogue.agencies', () => s.catalogue.agencies())
    .register('reference.provinces', () => s.reference.provinces())
    .register('reference.communes', (i) => s.reference.communes(i.provinceCode))
    .register('reference.tariff', () => s.reference.tariff())
    .register('intake.accept', async (i, { actor }) => {
      const r = s.intake.accept(i, actor);
      // The dossier is committed; a print problem must not undo it, only be reported.
      const print = await Promise.resolve()
        .then(() => printer.enqueue('intake_receipt', r.dossierId, { copy: false, clerkId: actor.clerkId, counterId: actor.counterId }))
        .catch((err: unknown) => ({ queued: false, jobId: null, message: `Hồ sơ đã lưu nhưng chưa xếp hàng in được: ${err instanceof Error ? err.message : String(err)}` }));
      // The fee collected for the agency gets its own receipt (biên lai thu phí, lệ phí).
      if (i.feeCollectedNow && i.feeAmount > 0) await printQuietly(printer, 'fee_receipt', r.dossierId, actor);
      return { ...r, view: view(r.dossierId), print };
    })
    .register('intake.supplement', (i, { actor }) => {
      s.intake.supplement(i, actor);
      return view(i.dossierId);
    })
    .register('dispatch.pending', () => s.dispatch.pendingByAgency())
    .register('dispatch.openBatches', () => s.dispatch.openBatches())
    .register('dispatch.createBatch', (i, { actor }) => s.dispatch.createBatch(i, actor))
    .register('dispatch.removeFromBatch', (i, { actor }) => {
      s.dispatch.removeFromBatch(i, actor);
      return s.dispatch.getBatch(i.batchId);
    })
    .register('dispatch.recordFiling', (i, { actor }) => s.dispatch.recordFiling(i, actor))
    .register('dispatch.awaitingAppointment', () => s.dispatch.awaitingAppointment())
    .register('dispatch.recordAppointment', (i, { actor }) => {
      s.dispatch.recordAppointment(i, actor);
      return view(i.dossierId);
    })
    .register('results.collect', (i, { actor }) => view(s.results.collect(i, actor).dossierId))
    .register('results.lists', () => ({ pickup: s.results.pickupShelf(), delivery: s.results.deliveryList(), toReturn: s.results.toReturn() }))
    .register('handover.handOver', async (i, { actor }) => {
      s.handover.handOver(i, actor);
      if ((i.feeDueCollected ?? 0) > 0) await printQuietly(printer, 'fee_receipt', i.dossierId, actor);
      return view(i.dossierId);
    })
    .register('handover.deliveryAttempt', (i, { actor }) => {
      s.handover.recordDeliveryAttempt(i, actor);
      return view(i.dossierId);
    })
    .register('handover.returnToAgency', (i, { actor }) => {
      s.handover.returnToAgency(i, actor);
      return view(i.dossierId);
    })
    .register('admin.cancel', (i, { actor }) => {
      s.admin.cancel(i, actor);
      return view(i.dossierId);
    })
    .register('lookup.search', (i) => s.lookup.search(i))
    .register('lookup.item', (i) => s.lookup.byItemNumber(i.itemNumber))
    .register('lookup.get', (i) => view(i.dossierId))
    .register('print.document', (i, { actor }) => printer.enqueue(i.kind, i.id, { copy: i.copy ?? true, clerkId: actor.clerkId, counterId: actor.counterId }));
}
