/**
 * Pushing the outbox to the hub: pending rows in seq order, in batches of consecutive seqs; the hub's
 * answers for a batch are written in one local transaction (apply.ts: acked, or parked with the
 * reason — refused.ts).
 *
 * - A batch the hub refuses as malformed (400) is sent again op by op; the single op the hub cannot
 *   read is parked locally and its seq is consumed with a `void` op, so the rest flow on.
 * - SEQ_CONFLICT (the hub holds other ops under our numbers: this store was restored from a backup):
 *   the answers before it are kept, the hub's ops are taken back (recover.ts), and the push goes on.
 * - A gap below what the counter sent (the hub was restored from a backup): the counter sends again
 *   from the hub's expected seq; the hub's idempotence makes this harmless.
 */
import { PushResponseSchema, type PushOp, type PushResult } from '../../shared/sync-protocol';
import type { SyncOp } from '../../shared/sync-ops';
import type { ServiceContext } from '../services/context';
import type { Db } from '../store/db';
import { recordPushAnswers, type SentOp } from './apply';
import { callHub, HubRefused, type Answer } from './client';
import type { RecoverOutcome } from './recover';
import { parkUnreadable } from './refused';
import type { HubLink, SyncStats } from './sync-state';

export interface PushDeps extends HubLink {
  ctx: ServiceContext;
  batchSize: number;
  stats: SyncStats;
  /** After each batch the hub settled (the pending count changed). */
  onProgress(): void;
  /** Takes back the hub's ops of this counter from `fromSeq` (recover.ts); null when it had none. */
  recover(fromSeq: number): Promise<RecoverOutcome | null>;
}

type PushAnswer = Answer<{ results: PushResult[]; expectedSeq: number }>;

/** What to do after one batch: next batch at full size, try again as is, or narrow to one op. */
type Step = 'settled' | 'again' | 'narrow';

/** Pushes until nothing is pending; throws HubUnreachable / HubRefused when the hub cannot take more. */
export async function pushAll(d: PushDeps): Promise<void> {
  let limit = d.batchSize;
  for (;;) {
    const run = pendingRun(d.ctx.db, limit);
    if (run.length === 0) return;
    const step = await pushRun(d, run);
    if (step === 'narrow') {
      limit = 1; // find the op the hub cannot read
    } else if (step === 'settled') {
      limit = d.batchSize;
      d.onProgress();
    }
  }
}

/**
 * The hub expects a seq the counter already saw answered: the hub lost those operations (it was
 * restored from a backup). Mark them pending again; the next push sends them. Returns how many.
 */
export function markLostForResend(db: Db, expectedSeq: number): number {
  return db.prepare("UPDATE outbox SET status = 'pending' WHERE seq >= ? AND status <> 'pending'").run(expectedSeq).changes;
}

/** Pending outbox rows from the lowest, stopping at the first hole: the hub needs consecutive seqs. */
function pendingRun(db: Db, limit: number): SentOp[] {
  const rows = db.prepare("SELECT seq, op_id, kind, dossier_id, payload FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?").all(limit) as {
    seq: number;
    op_id: string;
    kind: string;
    dossier_id: string | null;
    payload: string;
  }[];
  const run: SentOp[] = [];
  for (const r of rows) {
    if (run.length > 0 && r.seq !== run[run.length - 1]!.seq + 1) break;
    run.push({ seq: r.seq, opId: r.op_id, kind: r.kind, dossierId: r.dossier_id, payload: JSON.parse(r.payload) as SyncOp });
  }
  return run;
}

async function pushRun(d: PushDeps, sent: SentOp[]): Promise<Step> {
  const ops: PushOp[] = sent.map((s) => ({ opId: s.opId, seq: s.seq, payload: s.payload }));
  let answer: PushAnswer;
  const t0 = performance.now();
  try {
    answer = await callHub(d.client, 'POST', '/push', PushResponseSchema, { ops });
    d.stats.pushHttpMs += performance.now() - t0;
    d.stats.pushBatches++;
  } catch (err) {
    if (!(err instanceof HubRefused && err.status === 400)) throw err;
    if (sent.length > 1) return 'narrow';
    await voidUnreadable(d, sent[0]!, err.message);
    return 'again';
  }
  d.onAnswer(answer);
  const { results, expectedSeq } = answer.body;
  const conflict = results.find((r) => r.status === 'rejected' && r.code === 'SEQ_CONFLICT');
  if (conflict) {
    // The hub holds other operations under our numbers: this store was restored from a backup.
    // Keep the answers before that point, take back the hub's operations, and push again.
    const before = results.filter((r) => r.seq < conflict.seq);
    d.ctx.db.transaction(() => recordPushAnswers(d.ctx, sent, before, answer.hubTime))();
    if ((await d.recover(conflict.seq)) !== null) return 'again';
    // The hub reports a conflict it cannot show us: park the ops (below) rather than loop.
  }
  const t1 = performance.now();
  const done = d.ctx.db.transaction(() => recordPushAnswers(d.ctx, sent, results, answer.hubTime))();
  d.stats.pushApplyMs += performance.now() - t1;
  const gap = results.some((r) => r.status === 'gap');
  if (!gap && done.acked + done.rejected === 0) {
    // Never loop on an answer that settles nothing.
    throw new HubRefused(502, 'NO_PROGRESS', 'Máy chủ trả lời nhưng không xác nhận thao tác nào; sẽ thử lại sau.');
  }
  if (!gap) return 'settled';
  const first = sent[0]!.seq;
  if (expectedSeq >= first) throw new HubRefused(409, 'GAP', `Máy chủ báo thiếu thao tác (chờ số ${expectedSeq}).`);
  // The hub lost what it had acknowledged (restored from a backup): send it again.
  const n = d.ctx.db.prepare("UPDATE outbox SET status = 'pending' WHERE seq >= ? AND seq < ? AND status <> 'pending'").run(expectedSeq, first).changes;
  if (n === 0) throw new HubRefused(409, 'GAP', `Máy chủ đang chờ thao tác số ${expectedSeq} nhưng quầy không còn thao tác đó; cần bộ phận CNTT kiểm tra.`);
  return 'again';
}

/** The hub cannot read this op (400): park it here, and consume its seq at the hub with a void op. */
async function voidUnreadable(d: PushDeps, op: SentOp, hubMessage: string): Promise<void> {
  parkUnreadable(d.ctx, d.client.clock.now(), op, hubMessage);
  const voidOp: PushOp = { opId: op.opId, seq: op.seq, payload: { opId: op.opId, kind: 'void', reason: hubMessage.slice(0, 500) } };
  d.onAnswer(await callHub(d.client, 'POST', '/push', PushResponseSchema, { ops: [voidOp] }));
}
