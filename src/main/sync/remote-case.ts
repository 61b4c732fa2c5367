/**
 * A complaint, loss or compensation event of another counter of the branch, pulled from the hub,
 * applied to the local store (inside the caller's transaction): stored with its place in the hub's
 * history, and the case's state rebuilt in that order (services/cases.ts rebuildCase). An event of a
 * case whose opening event has not arrived yet is deferred and retried, never dropped.
 */
import type { CaseOp } from '../../shared/sync-ops';
import type { ServiceContext } from '../services/context';
import { storeRemoteCaseEvent } from '../services/cases';

export type RemoteCaseOutcome = { status: 'applied' | 'duplicate' } | { status: 'refused'; code: string; message: string };

export function applyRemoteCaseOp(ctx: ServiceContext, op: CaseOp, hubSeq: number): RemoteCaseOutcome {
  if (ctx.db.prepare('SELECT 1 FROM case_events WHERE id = ?').get(op.eventId)) return { status: 'duplicate' };
  const s = storeRemoteCaseEvent(ctx, op.caseId, op.eventId, op.event, hubSeq);
  if (s === null) return { status: 'refused', code: 'MISSING_CASE', message: 'Chưa có khiếu nại/khai báo gốc trên quầy.' };
  return { status: 'applied' };
}
