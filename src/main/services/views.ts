/** Plain DTOs for the screens and receipts: never DB rows. */
import { missingDocuments } from '../../shared/checklist';
import { prep } from '../store/stmt';
import type { Db } from '../store/db';
import type { DossierEventType } from '../../shared/dossier';
import { DEADLINE_LABELS, EVENT_LABELS, SERVICE_LABELS, STATE_LABELS, deadlineStatus } from '../../shared/dossier';
import { formatItemNumber } from '../../shared/s10';
import type { DocumentRecord, PartyRecord } from '../../shared/sync-ops';
import type { DossierSummary, DossierView, TimelineEntry } from '../../shared/ipc/dto';
import type { DossierRow } from './journal';
import { getDossierRow } from './journal';
import { dossierCaseEvents } from './cases';

export type { DossierSummary, DossierView, TimelineEntry };

/**
 * Which date the dossier is currently held to, and what it is. `postBound` is false where the date is
 * shown for information only: a send-only dossier's result does not come back through the post, so
 * once the agency has it the agency's appointment never makes it overdue here.
 */
export function currentDeadline(row: DossierRow): { date: string | null; what: string; postBound?: false } {
  switch (row.state) {
    case 'incomplete':
    case 'accepted':
    case 'batched':
      return { date: row.transit_deadline, what: 'Hạn chuyển hồ sơ đến cơ quan' };
    case 'filed':
    case 'awaiting_result':
      if (row.service_type === 'send') return { date: row.appointment_date ?? row.appointment_estimate, what: row.appointment_date ? 'Ngày hẹn trả kết quả' : 'Ngày hẹn dự kiến', postBound: false };
      return { date: row.appointment_date ?? row.appointment_estimate, what: row.appointment_date ? 'Ngày hẹn trả kết quả' : 'Ngày hẹn dự kiến' };
    case 'out_for_delivery':
      return { date: row.return_deadline, what: 'Hạn phát kết quả' };
    case 'delivery_failed':
      return { date: row.next_invitation_date, what: 'Ngày mời lần sau' };
    default:
      return { date: null, what: '' };
  }
}

/** currentDeadline's date as SQL over alias `d`, for filtering in the store (kept equal by a test). */
export const DEADLINE_SQL = `CASE
  WHEN d.state IN ('incomplete', 'accepted', 'batched') THEN d.transit_deadline
  WHEN d.state IN ('filed', 'awaiting_result') AND d.service_type <> 'send' THEN coalesce(d.appointment_date, d.appointment_estimate)
  WHEN d.state = 'out_for_delivery' THEN d.return_deadline
  WHEN d.state = 'delivery_failed' THEN d.next_invitation_date
  END`;

/** Every dossier past its current deadline, however many are open. */
export function overdueSummaries(db: Db, today: string, limit = 5000): DossierSummary[] {
  return summariesWhere(db, `(${DEADLINE_SQL}) < ?`, [today], today, limit);
}

type SummaryRow = DossierRow & { procedure_name: string; agency_name: string; sender_name: string | null };

export const SUMMARY_SELECT = `SELECT d.*, p.name AS procedure_name, a.name AS agency_name,
  (SELECT full_name FROM parties WHERE dossier_id = d.id AND role = 'sender' LIMIT 1) AS sender_name
  FROM dossiers d JOIN procedures p ON p.code = d.procedure_code JOIN agencies a ON a.code = d.agency_code`;

export function toSummary(r: SummaryRow, today: string): DossierSummary {
  const dl = currentDeadline(r);
  const shown = deadlineStatus(dl.date, today);
  const status = dl.postBound === false && shown === 'overdue' ? 'none' : shown;
  return {
    id: r.id,
    itemNumber: r.item_number,
    itemNumberDisplay: formatItemNumber(r.item_number),
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    serviceType: r.service_type,
    procedureName: r.procedure_name,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    senderName: r.sender_name ?? '',
    acceptedAt: r.accepted_at,
    complete: r.complete === 1,
    deadline: { date: dl.date, status, label: DEADLINE_LABELS[status], what: dl.what },
  };
}

/**
 * The newest `limit` dossiers matching `where` (on alias `d`). The matches are ranked on the dossier
 * row alone first, and only the ones kept are joined and given their sender's name: a broad search
 * (a common family name) does not build a thousand full rows to show fifty. The ones kept are
 * fetched by rowid, not looked up again through the primary-key index.
 */
export function summariesWhere(db: Db, where: string, params: unknown[], today: string, limit = 200): DossierSummary[] {
  const n = Math.trunc(limit);
  const sql = `${SUMMARY_SELECT} WHERE d.rowid IN (SELECT d.rowid FROM dossiers d WHERE ${where} ORDER BY d.accepted_at DESC LIMIT ${n}) ORDER BY d.accepted_at DESC LIMIT ${n}`;
  const rows = prep(db, sql).all(...params) as SummaryRow[];
  return rows.map((r) => toSummary(r, today));
}

/** summariesOfIds' statement (its query plan is checked by a test). */
export function summariesOfIdsSql(idsSql: string, limit: number): string {
  const n = Math.trunc(limit);
  return `${SUMMARY_SELECT} WHERE d.rowid IN (SELECT k.rowid FROM dossiers k INDEXED BY dossiers_by_id_accepted WHERE k.id IN (${idsSql}) ORDER BY k.accepted_at DESC LIMIT ${n}) ORDER BY d.accepted_at DESC LIMIT ${n}`;
}

/**
 * The newest `limit` dossiers among those whose ids `idsSql` selects (a subquery, such as the parties
 * with an ID number). The candidates are ranked on `dossiers(id, accepted_at)` alone (migration
 * 016), so a name that matches a few hundred parties reads index pages only, and just the dossiers
 * shown are read in full. The index is named because the planner prefers the primary key's (unique,
 * so it looks as good), which would read every candidate's row for its date: on the encrypted store
 * each of those pages is one more decryption.
 */
export function summariesOfIds(db: Db, idsSql: string, params: unknown[], today: string, limit = 200): DossierSummary[] {
  const rows = prep(db, summariesOfIdsSql(idsSql, limit)).all(...params) as SummaryRow[];
  return rows.map((r) => toSummary(r, today));
}

export function getDossierView(db: Db, id: string, today: string): DossierView {
  getDossierRow(db, id);
  const r = prep(db, `${SUMMARY_SELECT} WHERE d.id = ?`).get(id) as SummaryRow;
  const parties = (
    prep(db, 'SELECT role, full_name, id_kind, id_number, phone, email, address, province_code, commune_code, organisation, authorisation_ref FROM parties WHERE dossier_id = ? ORDER BY id').all(id) as Record<string, string | null>[]
  ).map(
    (p): PartyRecord => ({
      role: p.role as PartyRecord['role'],
      fullName: p.full_name ?? '',
      idKind: p.id_kind as PartyRecord['idKind'],
      idNumber: p.id_number ?? null,
      phone: p.phone ?? null,
      email: p.email ?? null,
      address: p.address ?? null,
      provinceCode: p.province_code ?? null,
      communeCode: p.commune_code ?? null,
      organisation: p.organisation ?? null,
      authorisationRef: p.authorisation_ref ?? null,
    }),
  );
  const documents = (
    prep(db, 'SELECT position, code, name, form, required_count, provided_count, provided_form, required FROM dossier_documents WHERE dossier_id = ? ORDER BY position').all(id) as {
      position: number;
      code: string | null;
      name: string;
      form: DocumentRecord['form'];
      required_count: number;
      provided_count: number;
      provided_form: DocumentRecord['providedForm'];
      required: number;
    }[]
  ).map((d) => ({
    position: d.position,
    code: d.code,
    name: d.name,
    form: d.form,
    requiredCount: d.required_count,
    providedCount: d.provided_count,
    providedForm: d.provided_form,
    required: d.required === 1,
  }));
  const timeline = (
    prep(db, 
        `SELECT e.seq, e.type, e.at, e.actor_id, e.counter_id, e.payload, e.origin, e.superseded, c.full_name AS actor_name
         FROM dossier_events e LEFT JOIN clerks c ON c.id = e.actor_id WHERE e.dossier_id = ? ORDER BY e.seq`,
      )
      .all(id) as { seq: number; type: DossierEventType; at: number; actor_id: string; counter_id: string; payload: string; origin: 'local' | 'remote'; superseded: number; actor_name: string | null }[]
  ).map((e) => {
    const detail = JSON.parse(e.payload) as Record<string, unknown>;
    for (const k of ['type', 'at', 'date', 'actorId', 'actorRole', 'counterId']) delete detail[k];
    return { seq: e.seq, type: e.type, label: EVENT_LABELS[e.type], at: e.at, actorId: e.actor_id, actorName: e.actor_name, counterId: e.counter_id, detail, origin: e.origin, superseded: e.superseded === 1 };
  });
  return {
    ...toSummary(r, today),
    procedureCode: r.procedure_code,
    serviceLabel: SERVICE_LABELS[r.service_type],
    originCounterId: r.origin_counter_id,
    acceptedBy: r.accepted_by,
    acceptedDate: r.accepted_date,
    returnMethod: r.return_method,
    returnAddress: r.return_address,
    pickupBranchCode: r.pickup_branch_code,
    parties,
    documents,
    missing: missingDocuments(documents),
    feeCategory: r.fee_category,
    feeAmount: r.fee_amount,
    postageAmount: r.postage_amount,
    total: r.fee_amount + r.postage_amount,
    feeDueOnDelivery: r.fee_due_on_delivery,
    paymentMethod: r.payment_method,
    reclaimOldPapers: r.reclaim_old_papers === 1,
    route: r.route,
    transitDeadline: r.transit_deadline,
    appointmentEstimate: r.appointment_estimate,
    appointmentDate: r.appointment_date,
    agencyDossierCode: r.agency_dossier_code,
    batchId: r.batch_id,
    filedAt: r.filed_at,
    resultCollectedAt: r.result_collected_at,
    returnDeadline: r.return_deadline,
    deliveryAttempts: r.delivery_attempts,
    nextInvitationDate: r.next_invitation_date,
    closeReason: r.close_reason,
    timeline,
    caseEvents: dossierCaseEvents(db, id),
  };
}

/**
 * The agency fee payments of a dossier (at intake, or collected at handover), oldest first: what a fee
 * receipt records: one row per receipt issued for it (a reissued one after the one it replaces), with
 * the receipt's number (series and number; null for receipts printed before receipts were numbered
 * per series), whether it was cancelled and what replaced what.
 */
export function agencyFeePayments(db: Db, dossierId: string): FeePaymentRow[] {
  return prep(
    db,
    `SELECT l.id, l.kind, l.amount, l.payment_method AS paymentMethod, coalesce(r.issued_at, l.at) AS at, r.series, r.number, r.cancelled_at AS cancelledAt,
            r.cancel_reason AS cancelReason, r.replaces_number AS replacesNumber,
            (SELECT x.number FROM fee_receipts x WHERE x.series = r.series AND x.replaces_number = r.number) AS replacedBy
       FROM ledger l
       LEFT JOIN fee_receipts r ON r.ledger_id = l.id
      WHERE l.dossier_id = ? AND l.kind IN ('agency_fee', 'fee_due_collected') AND l.amount > 0 AND l.reverses IS NULL ORDER BY l.id, r.number`,
  ).all(dossierId) as FeePaymentRow[];
}

export interface FeePaymentRow {
  id: number;
  kind: 'agency_fee' | 'fee_due_collected';
  amount: number;
  paymentMethod: 'cash' | 'transfer';
  at: number;
  series: string | null;
  number: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  /** A reissued receipt: the number it replaces; a cancelled one: the number that replaced it. */
  replacesNumber: number | null;
  replacedBy: number | null;
}
