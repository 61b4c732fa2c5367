/**
 * A complaint, loss or compensation event of another counter of the branch, pulled from the hub,
 * applied to the local store (inside the caller's transaction). The hub accepted it through the same
 * state machine (src/shared/cases.ts), so a refusal here means the case's earlier events have not
 * arrived yet: the change is deferred and retried, never dropped.
 */
import { DomainError } from '../../shared/errors';
import type { CaseOp } from '../../shared/sync-ops';
import type { ServiceContext } from '../services/context';
import { writeCaseEvent, type CaseRow } from '../services/cases';

export type RemoteCaseOutcome = { status: 'applied' | 'duplicate' } | { status: 'refused'; code: string; message: string };

export function applyRemoteCaseOp(ctx: ServiceContext, op: CaseOp): RemoteCaseOutcome {
  if (ctx.db.prepare('SELECT 1 FROM case_events WHERE id = ?').get(op.eventId)) return { status: 'duplicate' };
  const row = (ctx.db.prepare('SELECT * FROM cases WHERE id = ?').get(op.caseId) as CaseRow | undefined) ?? null;
  try {
    writeCaseEvent(ctx, op.caseId, row, op.event, { kind: 'remote', eventId: op.eventId });
    return { status: 'applied' };
  } catch (err) {
    if (err instanceof DomainError) return { status: 'refused', code: err.code, message: err.message };
    throw err;
  }
}
