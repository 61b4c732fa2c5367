/**
 * Operations the hub refused. A refused op is parked in the outbox (status 'rejected', with the
 * hub's code, Vietnamese reason and winning event) and kept as evidence: it never blocks the ops after
 * it, and a manager reviews it (`listRejectedOps`, `acknowledgeRejected`). An op the hub cannot even
 * read (400) is parked here by the counter itself (`parkUnreadable`); the push then consumes its seq
 * with a `void` op (push.ts).
 */
import type { RejectedOpDto } from '../../shared/ipc/dto';
import { EVENT_LABELS, type DossierEventType } from '../../shared/dossier';
import { DomainError } from '../../shared/errors';
import { CASE_EVENT_LABELS } from '../../shared/cases';
import type { SyncOp } from '../../shared/sync-ops';
import type { Actor, ServiceContext } from '../services/context';
import { requireRole } from '../services/context';
import type { Db } from '../store/db';
import { rebuildWithoutRefused, type SentOp } from './apply';

/** An operation the hub refused, parked for a manager (the contract's type). */
export type RejectedOp = RejectedOpDto;

interface RejectedRow {
  seq: number;
  op_id: string;
  kind: string;
  dossier_id: string | null;
  payload: string;
  reject_code: string | null;
  reject_reason: string | null;
  winning_event_id: string | null;
  created_at: number;
  acked_at: number | null;
  reviewed_at: number | null;
  reviewed_by: string | null;
}

export function listRejectedOps(db: Db, opts: { includeReviewed?: boolean } = {}): RejectedOp[] {
  const rows = db
    .prepare(
      `SELECT seq, op_id, kind, dossier_id, payload, reject_code, reject_reason, winning_event_id, created_at, acked_at, reviewed_at, reviewed_by
         FROM outbox WHERE status = 'rejected' ${opts.includeReviewed ? '' : 'AND reviewed_at IS NULL'} ORDER BY seq`,
    )
    .all() as RejectedRow[];
  return rows.map((r) => {
    const op = JSON.parse(r.payload) as SyncOp;
    return {
      seq: r.seq,
      opId: r.op_id,
      kind: r.kind,
      dossierId: r.dossier_id,
      itemNumber: op.kind === 'dossier.event' ? op.itemNumber : null,
      action: op.kind === 'dossier.event' ? EVENT_LABELS[op.event.type as DossierEventType] : op.kind === 'case.event' ? CASE_EVENT_LABELS[op.event.type] : 'Bút toán thu, chi tiền',
      code: r.reject_code ?? 'REJECTED',
      reason: r.reject_reason ?? 'Máy chủ không chấp nhận thao tác.',
      winningEventId: r.winning_event_id,
      createdAt: r.created_at,
      answeredAt: r.acked_at,
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by,
    };
  });
}

/** A manager has seen a parked operation (the op itself is kept, as evidence); audited. */
export function acknowledgeRejected(db: Db, now: number, seq: number, actor: Actor): void {
  requireRole(actor, ['manager', 'admin'], 'xác nhận thao tác bị máy chủ từ chối');
  db.transaction(() => {
    const r = db.prepare("UPDATE outbox SET reviewed_at = ?, reviewed_by = ? WHERE seq = ? AND status = 'rejected' AND reviewed_at IS NULL").run(now, actor.clerkId, seq);
    if (r.changes !== 1) throw new DomainError('NOT_FOUND', 'Không có thao tác bị từ chối này, hoặc thao tác đã được xác nhận.');
    db.prepare('INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      now,
      actor.clerkId,
      actor.counterId,
      'sync.rejected_reviewed',
      'outbox',
      String(seq),
      '{}',
    );
  })();
}

/**
 * The hub cannot read this op (400): park it locally with the hub's message, and take a refused
 * dossier event out of the dossier's local state. One local transaction.
 */
export function parkUnreadable(ctx: ServiceContext, now: number, op: SentOp, hubMessage: string): void {
  const reason = `Máy chủ không đọc được thao tác này: ${hubMessage}`;
  ctx.db.transaction(() => {
    ctx.db
      .prepare("UPDATE outbox SET status = 'rejected', acked_at = ?, reject_code = 'INVALID_OP', reject_reason = ? WHERE seq = ? AND status = 'pending'")
      .run(now, reason, op.seq);
    if (op.payload.kind === 'dossier.event') {
      ctx.db.prepare('UPDATE dossier_events SET superseded = 1 WHERE id = ?').run(op.payload.eventId);
      rebuildWithoutRefused(ctx, op.payload.dossierId);
    }
  })();
}
