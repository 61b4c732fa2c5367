/**
 * Applying dossier operations that other counters of the branch made, as pulled from the hub, to the
 * local store (inside the caller's transaction). The hub is authoritative: when a remote event cannot
 * follow the local state (two counters acted on the same dossier while offline), the dossier is
 * rebuilt from the events the hub has confirmed plus the remote one, and the local events that lost
 * are marked superseded so the timeline shows them clearly.
 */
import { prep } from '../store/stmt';
import type { DossierEvent, DossierSnapshot } from '../../shared/dossier';
import { applyEvent, initialSnapshot, replay } from '../../shared/dossier';
import type { SyncOp } from '../../shared/sync-ops';
import type { ServiceContext } from '../services/context';
import type { DossierRow } from '../services/journal';
import { snapshotOf } from '../services/journal';
import { insertDossierRow } from '../services/intake';

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

function insertRemoteEvent(ctx: ServiceContext, eventId: string, dossierId: string, ev: DossierEvent, first = false): void {
  // A dossier just created here has no event yet: its acceptance is event 1 (one lookup less per
  // dossier on a new counter's first pull).
  const next = first ? 1 : (prep(ctx.db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM dossier_events WHERE dossier_id = ?').get(dossierId) as { n: number }).n;
  prep(ctx.db, "INSERT INTO dossier_events (id, dossier_id, seq, type, at, actor_id, counter_id, payload, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'remote')")
    .run(eventId, dossierId, next, ev.type, ev.at, ev.actorId, ev.counterId, JSON.stringify(ev));
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

export function applyRemoteDossierOp(ctx: ServiceContext, op: Extract<SyncOp, { kind: 'dossier.event' }>): RemoteApplyResult {
  if (prep(ctx.db, 'SELECT 1 FROM dossier_events WHERE id = ?').get(op.eventId)) return { status: 'duplicate' };
  const ev = op.event;
  const row = prep(ctx.db, 'SELECT * FROM dossiers WHERE id = ?').get(op.dossierId) as DossierRow | undefined;

  if (ev.type === 'accepted') {
    if (row) return { status: 'duplicate' };
    if (!op.dossier) return { status: 'refused', code: 'NO_RECORD', message: 'Thiếu dữ liệu hồ sơ đi kèm sự kiện tiếp nhận.' };
    const snap = initialSnapshot(ev);
    if (!snap.ok) return { status: 'refused', code: snap.code, message: snap.message };
    const procedure = prep(ctx.db, 'SELECT reclaim_old_papers FROM procedures WHERE code = ?').get(op.dossier.procedureCode) as { reclaim_old_papers: number } | undefined;
    if (!procedure) return { status: 'refused', code: 'UNKNOWN_PROCEDURE', message: 'Thủ tục của hồ sơ chưa có trong danh mục của quầy.' };
    insertDossierRow(ctx, op.dossier, { state: snap.value.state, reclaimOldPapers: ev.reclaimOldPapers, agencyDossierCode: null, at: ev.at, eventCount: 1 });
    insertRemoteEvent(ctx, op.eventId, op.dossierId, ev, true);
    return { status: 'applied' };
  }

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
