/**
 * Applying dossier operations that other counters of the branch made, as pulled from the hub, to the
 * local store (inside the caller's transaction). The hub is authoritative: when a remote event cannot
 * follow the local state (two counters acted on the same dossier while offline), the dossier is
 * rebuilt from the events the hub has confirmed plus the remote one, and the local events that lost
 * are marked superseded so the timeline shows them clearly.
 */
import { insertEach, prep } from '../store/stmt';
import type { DossierEvent, DossierSnapshot } from '../../shared/dossier';
import { applyEvent, initialSnapshot, replay } from '../../shared/dossier';
import type { DossierRecord, SyncOp } from '../../shared/sync-ops';
import type { ServiceContext } from '../services/context';
import type { DossierRow } from '../services/journal';
import { snapshotOf } from '../services/journal';
import { insertDossierRows, type DossierRowExtra } from '../services/intake';

export type RemoteApplyResult =
  | { status: 'applied' }
  | { status: 'duplicate' }
  | { status: 'rebuilt'; superseded: string[] }
  | { status: 'missing_dossier' }
  | { status: 'refused'; code: string; message: string };

function writeSnapshot(ctx: ServiceContext, id: string, s: DossierSnapshot, at: number): void {
  prep(ctx.db, 
      `UPDATE dossiers SET state = ?, complete = ?, batch_id = ?, delivery_attempts = ?, next_invitation_date = ?, appointment_date = ?, filed_at = ?,
       event_count = (SELECT COUNT(*) FROM dossier_events WHERE dossier_id = ?), updated_at = ? WHERE id = ?`,
    )
    .run(s.state, s.complete ? 1 : 0, s.batchId, s.deliveryAttempts, s.nextInvitationDate, s.appointmentDate, s.filedAt, id, at, id);
}

const EVENT_COLUMNS = ['id', 'dossier_id', 'seq', 'type', 'at', 'actor_id', 'counter_id', 'payload', 'origin'] as const;

const pushRemoteEvent = (params: unknown[], eventId: string, dossierId: string, seq: number, ev: DossierEvent): void => {
  params.push(eventId, dossierId, seq, ev.type, ev.at, ev.actorId, ev.counterId, JSON.stringify(ev), 'remote');
};

function insertRemoteEvent(ctx: ServiceContext, eventId: string, dossierId: string, ev: DossierEvent): void {
  const next = (prep(ctx.db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM dossier_events WHERE dossier_id = ?').get(dossierId) as { n: number }).n;
  insertEach(ctx.db, 'dossier_events', EVENT_COLUMNS, 1, (params) => pushRemoteEvent(params, eventId, dossierId, next, ev));
}

/** Side columns that follow from particular events (beyond the state machine's snapshot). */
function applySideColumns(ctx: ServiceContext, dossierId: string, ev: DossierEvent): void {
  switch (ev.type) {
    case 'appointment_recorded':
      if (ev.agencyDossierCode) prep(ctx.db, 'UPDATE dossiers SET agency_dossier_code = ? WHERE id = ?').run(ev.agencyDossierCode, dossierId);
      break;
    case 'result_collected':
      prep(ctx.db, 'UPDATE dossiers SET result_collected_at = ?, result_collected_date = ? WHERE id = ?').run(ev.at, ev.date, dossierId);
      break;
    case 'handed_over':
    case 'returned_to_agency':
    case 'cancelled':
      prep(ctx.db, 'UPDATE dossiers SET closed_at = ?, close_reason = ? WHERE id = ?').run(ev.at, 'reason' in ev ? ev.reason : null, dossierId);
      break;
    default:
      break;
  }
}

type DossierOp = Extract<SyncOp, { kind: 'dossier.event' }>;
type Refused = Extract<RemoteApplyResult, { status: 'refused' }>;

/**
 * Whether a pulled acceptance is new here and can be stored, and how; the lookups are the caller's
 * (one by one, or for a whole page at once).
 */
function decideAcceptance(op: DossierOp, ev: Extract<DossierEvent, { type: 'accepted' }>, procedureKnown: boolean): Refused | { status: 'insert'; extra: DossierRowExtra } {
  if (!op.dossier) return { status: 'refused', code: 'NO_RECORD', message: 'Thiếu dữ liệu hồ sơ đi kèm sự kiện tiếp nhận.' };
  const snap = initialSnapshot(ev);
  if (!snap.ok) return { status: 'refused', code: snap.code, message: snap.message };
  if (!procedureKnown) return { status: 'refused', code: 'UNKNOWN_PROCEDURE', message: 'Thủ tục của hồ sơ chưa có trong danh mục của quầy.' };
  return { status: 'insert', extra: { state: snap.value.state, reclaimOldPapers: ev.reclaimOldPapers, agencyDossierCode: null, at: ev.at, eventCount: 1 } };
}

/** The ids of `ids` that the table has (one query for a whole page). */
function present(ctx: ServiceContext, sql: string, ids: string[]): Set<string> {
  return new Set(prep(ctx.db, sql).pluck().all(JSON.stringify(ids)) as string[]);
}

/**
 * Applies a run of pulled acceptances (`ev.type === 'accepted'`) at once, with the same outcome for
 * each as applyRemoteDossierOp: three lookups for the whole run instead of three per dossier, and the
 * new dossiers, their parties, documents and events written with multi-row statements. A new
 * counter's first pull is almost only this.
 */
export function applyRemoteAcceptances(ctx: ServiceContext, ops: DossierOp[]): RemoteApplyResult[] {
  const events = present(ctx, 'SELECT id FROM dossier_events WHERE id IN (SELECT value FROM json_each(?))', ops.map((o) => o.eventId));
  const dossiers = present(ctx, 'SELECT id FROM dossiers WHERE id IN (SELECT value FROM json_each(?))', ops.map((o) => o.dossierId));
  const procedures = present(ctx, 'SELECT code FROM procedures WHERE code IN (SELECT value FROM json_each(?))', [...new Set(ops.map((o) => o.dossier?.procedureCode ?? ''))]);
  const rows: { rec: DossierRecord; extra: DossierRowExtra }[] = [];
  const applied: DossierOp[] = [];
  const results = ops.map((op): RemoteApplyResult => {
    const ev = op.event;
    if (ev.type !== 'accepted') throw new Error('applyRemoteAcceptances: not an acceptance');
    if (events.has(op.eventId) || dossiers.has(op.dossierId)) return { status: 'duplicate' };
    const d = decideAcceptance(op, ev, procedures.has(op.dossier?.procedureCode ?? ''));
    if (d.status === 'refused') return d;
    events.add(op.eventId);
    dossiers.add(op.dossierId);
    rows.push({ rec: op.dossier!, extra: d.extra });
    applied.push(op);
    return { status: 'applied' };
  });
  insertDossierRows(ctx, rows);
  let k = 0;
  insertEach(ctx.db, 'dossier_events', EVENT_COLUMNS, applied.length, (params) => {
    const op = applied[k++]!;
    pushRemoteEvent(params, op.eventId, op.dossierId, 1, op.event);
  });
  return results;
}

export function applyRemoteDossierOp(ctx: ServiceContext, op: DossierOp): RemoteApplyResult {
  if (prep(ctx.db, 'SELECT 1 FROM dossier_events WHERE id = ?').get(op.eventId)) return { status: 'duplicate' };
  const ev = op.event;
  if (ev.type === 'accepted') return applyRemoteAcceptances(ctx, [op])[0]!;
  const row = prep(ctx.db, 'SELECT * FROM dossiers WHERE id = ?').get(op.dossierId) as DossierRow | undefined;

  if (!row) return { status: 'missing_dossier' };
  const direct = applyEvent(snapshotOf(row), ev);
  if (direct.ok) {
    insertRemoteEvent(ctx, op.eventId, op.dossierId, ev);
    writeSnapshot(ctx, row.id, direct.value, ev.at);
    applySideColumns(ctx, row.id, ev);
    return { status: 'applied' };
  }

  // Conflict: rebuild from what the hub has confirmed (remote events and acknowledged local ones).
  const history = prep(ctx.db, 
      `SELECT e.id, e.payload, e.origin,
         (SELECT o.status FROM outbox o WHERE o.seq = e.op_seq) AS op_status
       FROM dossier_events e WHERE e.dossier_id = ? AND e.superseded = 0 ORDER BY e.seq`,
    )
    .all(row.id) as { id: string; payload: string; origin: 'local' | 'remote'; op_status: string | null }[];
  const confirmed = history.filter((h) => h.origin === 'remote' || h.op_status === 'acked');
  const losers = history.filter((h) => !(h.origin === 'remote' || h.op_status === 'acked')).map((h) => h.id);
  const rebuilt = replay([...confirmed.map((h) => JSON.parse(h.payload) as DossierEvent), ev]);
  if (!rebuilt.ok) return { status: 'refused', code: rebuilt.code, message: rebuilt.message };
  const mark = prep(ctx.db, 'UPDATE dossier_events SET superseded = 1 WHERE id = ?');
  for (const id of losers) mark.run(id);
  insertRemoteEvent(ctx, op.eventId, op.dossierId, ev);
  writeSnapshot(ctx, row.id, rebuilt.value, ev.at);
  applySideColumns(ctx, row.id, ev);
  return { status: 'rebuilt', superseded: losers };
}
