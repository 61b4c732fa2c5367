/**
 * POST /push: a counter's operations, in its own sequence order, applied exactly once.
 *
 * One PostgreSQL transaction per batch (not per op), because:
 * - a counter's operations are strictly sequential, so the batch is the natural unit: the counter
 *   row is locked (FOR UPDATE) for the whole batch, which also serialises two pushes of the same
 *   counter racing each other (e.g. a retry overtaking a slow request);
 * - all reads and writes are set-based: one round trip locks and reads everything the checks need
 *   (push-read.ts), the decisions are made in memory (push-decide.ts), one statement writes
 *   everything (push-write.ts), and one commit per 500 ops instead of 500 commits is what makes
 *   ingest fast;
 * - a business refusal is not an error: it is a stored answer, written in the same transaction, so a
 *   batch never half-applies. A database error (deadlock, unique race on an item number, crash)
 *   rolls back the whole batch and the counter's retry replays it from the start — harmless.
 *
 * Idempotence: every answered op is stored under (counter, seq) — an accepted dossier event in
 * dossier_events, an accepted ledger entry in ledger_entries, a refusal with its answer in ops (no
 * separate log row per accepted op: writes are most of the ingest cost). An op whose seq is below
 * the counter's `next_seq` is a replay and gets the same answer back, changing nothing. An op whose
 * seq is above `next_seq` is a gap: it and every op after it are answered `gap` (not applied, not
 * stored) and the response carries `expectedSeq`.
 */
import type { PushOp, PushResult } from '../shared/sync-protocol';
import type { Conn, HubDb } from './db';
import { decideOps, type Caller } from './push-decide';
import { lockCounter, loadTouched, splitBatch, storedAnswers, type SplitBatch, type StoredAnswers } from './push-read';
import { writeBatch } from './push-write';
import type { RawBody } from './raw-json';
import { allocateBlock, type SerialConfig } from './serials';

export type { Caller } from './push-decide';
export { UnknownCounterError } from './push-read';

export interface PushOutcome {
  results: PushResult[];
  expectedSeq: number;
  applied: number;
  replayed: number;
}

export async function pushOps(db: HubDb, serials: SerialConfig, who: Caller, ops: PushOp[], now: () => number, raw?: RawBody): Promise<PushOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.tx((c) => pushInTx(c, serials, who, ops, now(), raw));
    } catch (err) {
      // Two counters taking in the same item number at the same moment: the unique index refuses the
      // second insert; retry so that the loser sees the winner's row and gets a proper rejection.
      if ((err as { code?: string }).code === '23505' && attempt < 3) continue;
      throw err;
    }
  }
}

/** The push of one batch inside the caller's transaction (exported for the late-commit test). */
export async function pushInTx(c: Conn, serials: SerialConfig, who: Caller, ops: PushOp[], hubAt: number, raw?: RawBody): Promise<PushOutcome> {
  const { startSeq, counterName } = await lockCounter(c, who.counterId);
  const batch = splitBatch(ops, startSeq, raw);
  const stored = await storedAnswers(c, who.counterId, batch.replays);
  const touched = await loadTouched(c, serials, who.counterId, batch.fresh);
  const decided = decideOps({ who, counterName, hubAt, serials, raw }, batch.fresh, batch.freshRaw, touched);
  const expectedSeq = startSeq + batch.fresh.length;
  if (batch.fresh.length > 0) await writeBatch(c, { who, hubAt, changeKey: touched.changeKey, nextSeq: expectedSeq, working: touched.working, cases: touched.cases, decided });
  if (decided.topUp) await allocateBlock(c, serials, who.counterId, hubAt, touched.changeKey);
  return { results: answersInOrder(ops, startSeq, batch, stored, decided.results), expectedSeq, applied: batch.fresh.length, replayed: batch.replays.length };
}

/** The answers in request order: replays' stored answers, the fresh ops' decisions, then `gap`s. */
function answersInOrder(ops: PushOp[], startSeq: number, batch: SplitBatch, stored: StoredAnswers, fresh: PushResult[]): PushResult[] {
  const out: PushResult[] = [];
  let freshIdx = 0;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (batch.gapAt >= 0 && i >= batch.gapAt) {
      out.push({ opId: o.opId, seq: o.seq, status: 'gap', code: 'GAP', reason: `Thiếu thao tác: máy chủ đang chờ số thứ tự ${startSeq + batch.fresh.length}.` });
    } else if (o.seq < startSeq) {
      const s = stored.get(o.seq);
      if (s && s.opId === o.opId) out.push(s.answer);
      else out.push({ opId: o.opId, seq: o.seq, status: 'rejected', code: 'SEQ_CONFLICT', reason: `Số thứ tự ${o.seq} của quầy đã được dùng cho một thao tác khác; cần kiểm tra dữ liệu của quầy.` });
    } else {
      out.push(fresh[freshIdx++]!);
    }
  }
  return out;
}
