/**
 * The write side shared by every use case: apply an event through the state machine, update the
 * dossier row, append the event, the audit entry, the ledger rows and the outbox operation — all
 * inside the caller's transaction.
 */
import { prep } from '../store/stmt';
import type { Db } from '../store/db';
import type { DossierEvent, DossierEventBody, DossierSnapshot, DossierState } from '../../shared/dossier';
import { applyEvent } from '../../shared/dossier';
import { DomainError } from '../../shared/errors';
import { localDateOf } from '../../shared/calendar';
import type { DossierRecord, LedgerRecord, SyncOp } from '../../shared/sync-ops';
import type { Actor, ServiceContext } from './context';
import { openBusinessDate } from './business-date';
import { issueFeeReceipt } from './fee-receipts';

export interface DossierRow {
  id: string;
  item_number: string;
  service_type: 'send' | 'return' | 'both';
  state: DossierState;
  procedure_code: string;
  agency_code: string;
  origin_counter_id: string;
  accepted_at: number;
  accepted_by: string;
  accepted_date: string;
  complete: number;
  return_method: 'pickup' | 'home' | 'none';
  return_address: string | null;
  return_province_code: string | null;
  return_commune_code: string | null;
  pickup_branch_code: string | null;
  fee_category: string | null;
  fee_amount: number;
  postage_amount: number;
  fee_due_on_delivery: number;
  reclaim_old_papers: number;
  payment_method: 'cash' | 'transfer' | null;
  route: string;
  transit_deadline: string | null;
  appointment_estimate: string | null;
  appointment_date: string | null;
  agency_dossier_code: string | null;
  batch_id: string | null;
  filed_at: number | null;
  result_collected_at: number | null;
  result_collected_date: string | null;
  return_deadline: string | null;
  delivery_attempts: number;
  next_invitation_date: string | null;
  closed_at: number | null;
  close_reason: string | null;
  event_count: number;
  updated_at: number;
}

export function snapshotOf(row: DossierRow): DossierSnapshot {
  return {
    state: row.state,
    serviceType: row.service_type,
    returnMethod: row.return_method,
    complete: row.complete === 1,
    reclaimOldPapers: row.reclaim_old_papers === 1,
    feeDueOnDelivery: row.fee_due_on_delivery,
    batchId: row.batch_id,
    deliveryAttempts: row.delivery_attempts,
    nextInvitationDate: row.next_invitation_date,
    appointmentDate: row.appointment_date,
    filedAt: row.filed_at,
  };
}

export function getDossierRow(db: Db, id: string): DossierRow {
  const row = prep(db, 'SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
  return row;
}

export function metaFor(ctx: ServiceContext, actor: Actor): Pick<DossierEvent, 'at' | 'date' | 'actorId' | 'actorRole' | 'counterId'> {
  const at = ctx.clock.now();
  return { at, date: localDateOf(at), actorId: actor.clerkId, actorRole: actor.role, counterId: actor.counterId };
}

export function audit(db: Db, actor: Actor, at: number, action: string, entity: string, entityId: string | null, detail: object = {}): void {
  prep(db, 'INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    at,
    actor.clerkId,
    actor.counterId,
    action,
    entity,
    entityId,
    JSON.stringify(detail),
  );
}

/** Queues an operation for the hub; returns its outbox sequence number. */
export function enqueueOp(db: Db, op: SyncOp, at: number): number {
  const dossierId = op.kind === 'ledger.entry' ? op.entry.dossierId : op.dossierId;
  return Number(prep(db, 'INSERT INTO outbox (op_id, kind, dossier_id, payload, created_at) VALUES (?, ?, ?, ?, ?)').run(op.opId, op.kind, dossierId, JSON.stringify(op), at).lastInsertRowid);
}

/**
 * Appends a ledger row (and its outbox op). Returns the ledger id. The entry's business date is the
 * clerk's open business date (business-date.ts): after that clerk's shift close it is the next date.
 * An agency fee taken (not a reversal) gets the next fee receipt number of the counter's series.
 */
export function postLedger(ctx: ServiceContext, given: LedgerRecord, reversesId: number | null = null): number {
  return writeLedgerRow(ctx, { ...given, businessDate: openBusinessDate(ctx.db, given.clerkId, given.businessDate) }, reversesId);
}

/**
 * Appends ledger rows taken together by one clerk on one date (an intake's fee and postage), as
 * postLedger each: their open business date is looked up once for all of them.
 */
export function postLedgerRows(ctx: ServiceContext, given: readonly LedgerRecord[]): number[] {
  const first = given[0];
  if (first === undefined) return [];
  if (given.some((e) => e.clerkId !== first.clerkId || e.businessDate !== first.businessDate)) throw new Error('postLedgerRows: rows of one clerk and one date only');
  const businessDate = openBusinessDate(ctx.db, first.clerkId, first.businessDate);
  return given.map((e) => writeLedgerRow(ctx, { ...e, businessDate }, null));
}

/** Writes a ledger row whose business date is open, its fee receipt if it gets one, and its outbox op. */
function writeLedgerRow(ctx: ServiceContext, entry: LedgerRecord, reversesId: number | null): number {
  const r = prep(ctx.db,
      `INSERT INTO ledger (at, business_date, clerk_id, counter_id, dossier_id, kind, amount, payment_method, agency_code, reverses, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(entry.at, entry.businessDate, entry.clerkId, entry.counterId, entry.dossierId, entry.kind, entry.amount, entry.paymentMethod, entry.agencyCode, reversesId, entry.note);
  const id = Number(r.lastInsertRowid);
  if ((entry.kind === 'agency_fee' || entry.kind === 'fee_due_collected') && entry.amount > 0 && reversesId === null && entry.dossierId) {
    issueFeeReceipt(ctx.db, { series: entry.counterId, ledgerId: id, dossierId: entry.dossierId, amount: entry.amount, at: entry.at, clerkId: entry.clerkId, counterId: entry.counterId, businessDate: entry.businessDate });
  }
  enqueueOp(ctx.db, { opId: ctx.ids.uuid(), kind: 'ledger.entry', entry }, entry.at);
  return id;
}

const SNAPSHOT_UPDATE = `UPDATE dossiers SET state = @state, complete = @complete, batch_id = @batchId, delivery_attempts = @deliveryAttempts,
  next_invitation_date = @nextInvitationDate, appointment_date = @appointmentDate, filed_at = @filedAt,
  event_count = event_count + 1, updated_at = @at WHERE id = @id`;

/**
 * Applies `body` to the dossier through the state machine, or throws the machine's refusal.
 * Writes the snapshot, the event row and the outbox op. Returns the new snapshot.
 */
export function recordEvent(
  ctx: ServiceContext,
  row: DossierRow,
  body: Exclude<DossierEventBody, { type: 'accepted' }>,
  meta: Pick<DossierEvent, 'at' | 'date' | 'actorId' | 'actorRole' | 'counterId'>,
): DossierSnapshot {
  const event = { ...body, ...meta } as DossierEvent;
  // A new event is checked against the calendar in force here (a next invitation's working-day gap).
  const next = applyEvent(snapshotOf(row), event, { calendar: ctx.reference().calendar });
  if (!next.ok) throw new DomainError(next.code, next.message);
  const s = next.value;
  prep(ctx.db, SNAPSHOT_UPDATE).run({
    id: row.id,
    state: s.state,
    complete: s.complete ? 1 : 0,
    batchId: s.batchId,
    deliveryAttempts: s.deliveryAttempts,
    nextInvitationDate: s.nextInvitationDate,
    appointmentDate: s.appointmentDate,
    filedAt: s.filedAt,
    at: meta.at,
  });
  appendEvent(ctx, row.id, row.item_number, row.event_count + 1, event);
  return s;
}

export function appendEvent(ctx: ServiceContext, dossierId: string, itemNumber: string, seq: number, event: DossierEvent, dossier?: DossierRecord): void {
  const eventId = ctx.ids.uuid();
  const op: SyncOp = { opId: ctx.ids.uuid(), kind: 'dossier.event', dossierId, itemNumber, eventId, event, ...(dossier ? { dossier } : {}) };
  const opSeq = enqueueOp(ctx.db, op, event.at);
  prep(ctx.db, 'INSERT INTO dossier_events (id, dossier_id, seq, type, at, actor_id, counter_id, payload, op_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(eventId, dossierId, seq, event.type, event.at, event.actorId, event.counterId, JSON.stringify(event), opSeq);
}
