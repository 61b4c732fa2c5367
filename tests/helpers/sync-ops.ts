/**
 * Builders for well-formed sync operations (as a counter pushes them), for the hub and sync tests
 * and for the wire's unit tests. Pure: no database, no hub.
 */
import { v7 } from 'uuid';
import type { DossierEvent, DossierEventBody } from '../../src/shared/dossier';
import type { DossierRecord, SyncOp } from '../../src/shared/sync-ops';
import { makeItemNumber } from '../../src/shared/s10';
import type { PushOp } from '../../src/shared/sync-protocol';

let serialCounter = 10_000 + Math.floor(Math.random() * 1_000_000);
/** A well-formed item number of no counter's block (the hub refuses it for an intake). */
export const nextItemNumber = (prefix = 'EA'): string => makeItemNumber(prefix, serialCounter++);

/**
 * Where acceptOp takes a counter's item numbers: the serials the hub issued to it, registered when
 * the test enrolls it (tests/integration/hub/harness.ts, tests/helpers/serials.ts).
 */
const numberSources = new Map<string, () => string>();
export function useItemNumbers(counterId: string, next: () => string): void {
  numberSources.set(counterId, next);
}

const meta = (counterId: string, at = Date.now(), role: DossierEvent['actorRole'] = 'clerk') => ({
  at,
  date: new Date(at + 7 * 3600_000).toISOString().slice(0, 10),
  actorId: `clerk-${counterId}`,
  actorRole: role,
  counterId,
});

export const CCCD = '014099012345';

export function dossierRecord(counterId: string, id: string, itemNumber: string, over: Partial<DossierRecord> = {}): DossierRecord {
  const at = Date.now();
  return {
    id,
    itemNumber,
    serviceType: 'both',
    procedureCode: 'TP-LLTP-01',
    agencyCode: 'STP',
    originCounterId: counterId,
    acceptedAt: at,
    acceptedBy: `clerk-${counterId}`,
    acceptedDate: new Date(at + 7 * 3600_000).toISOString().slice(0, 10),
    complete: true,
    returnMethod: 'pickup',
    returnAddress: null,
    returnProvinceCode: null,
    returnCommuneCode: null,
    pickupBranchCode: null,
    feeCategory: 'standard',
    feeAmount: 200_000,
    postageAmount: 25_000,
    feeDueOnDelivery: 0,
    paymentMethod: 'cash',
    route: 'intra_province',
    transitDeadline: null,
    appointmentEstimate: null,
    parties: [
      {
        role: 'sender',
        fullName: 'Lò Thị Hoa',
        idKind: 'cccd',
        idNumber: CCCD,
        phone: '0912345678',
        email: null,
        address: 'Bản Hụm, xã Chiềng Đen',
        provinceCode: '14',
        communeCode: null,
        organisation: null,
        authorisationRef: null,
      },
    ],
    documents: [{ position: 1, code: 'TK', name: 'Tờ khai', form: 'original', requiredCount: 1, providedCount: 1, providedForm: 'original', required: true }],
    ...over,
  };
}

export function acceptOp(counterId: string, over: Partial<DossierRecord> = {}): Extract<SyncOp, { kind: 'dossier.event' }> {
  const id = v7();
  const itemNumber = over.itemNumber ?? numberSources.get(counterId)?.() ?? nextItemNumber();
  const record = dossierRecord(counterId, id, itemNumber, over);
  const event: DossierEvent = {
    type: 'accepted',
    serviceType: record.serviceType,
    returnMethod: record.returnMethod,
    complete: record.complete,
    missing: [],
    reclaimOldPapers: false,
    feeDueOnDelivery: record.feeDueOnDelivery,
    ...meta(counterId, record.acceptedAt),
  };
  return { opId: v7(), kind: 'dossier.event', dossierId: id, itemNumber, eventId: v7(), event, dossier: record };
}

export function eventOp(
  counterId: string,
  dossier: { dossierId: string; itemNumber: string },
  body: Exclude<DossierEventBody, { type: 'accepted' }>,
  role: DossierEvent['actorRole'] = 'clerk',
): Extract<SyncOp, { kind: 'dossier.event' }> {
  const event = { ...body, ...meta(counterId, Date.now(), role) } as DossierEvent;
  return { opId: v7(), kind: 'dossier.event', dossierId: dossier.dossierId, itemNumber: dossier.itemNumber, eventId: v7(), event };
}

export function ledgerOp(counterId: string, amount = 200_000): SyncOp {
  const at = Date.now();
  return {
    opId: v7(),
    kind: 'ledger.entry',
    entry: { at, businessDate: '2026-11-29', clerkId: `clerk-${counterId}`, counterId, dossierId: null, kind: 'agency_fee', amount, paymentMethod: 'cash', agencyCode: 'STP', reversesOpId: null, note: null },
  };
}

/** Wraps payloads as push ops numbered from `firstSeq`. */
export const numbered = (firstSeq: number, payloads: SyncOp[]): PushOp[] => payloads.map((p, i) => ({ opId: p.opId, seq: firstSeq + i, payload: p }));

/** The lifecycle steps from accepted to ready for pickup. */
export function toReadyForPickup(counterId: string, d: { dossierId: string; itemNumber: string }): SyncOp[] {
  const batchId = v7();
  return [
    eventOp(counterId, d, { type: 'batched', batchId, agencyCode: 'STP' }),
    eventOp(counterId, d, { type: 'filed', batchId, filedAt: Date.now(), receivingOfficer: 'Cầm Văn Nam' }),
    eventOp(counterId, d, { type: 'result_collected', originalsReturned: [] }),
  ];
}

export function handOverOp(counterId: string, d: { dossierId: string; itemNumber: string }): Extract<SyncOp, { kind: 'dossier.event' }> {
  return eventOp(counterId, d, { type: 'handed_over', recipientName: 'Lò Thị Hoa', idKind: 'cccd', byProxy: false, authorisationRef: null, reclaimed: [], feeDueCollected: 0 });
}
