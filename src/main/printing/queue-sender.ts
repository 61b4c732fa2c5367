/**
 * Sending one queued job to its printer, and the rules that keep a receipt from printing twice
 * unmarked: the job is claimed (re-checking that not a byte of it was ever offered) before a byte
 * leaves; an automatic retry only after a send that offered nothing, with backoff; after a partial or
 * unknown send the job waits for the clerk. Every attempt is a print_attempts row and an audit entry.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../shared/ports';
import type { PrintDocument } from '../../shared/print-model';
import type { Db } from '../store/db';
import { buildJobBytes } from './build';
import type { PrinterProfile } from './profiles';
import type { JobRow, JobState, QueueStore } from './queue-store';
import { SYSTEM_ACTOR } from './queue-store';
import { PRINTER_STATE_VI, type PrinterState } from './status';
import type { SendResult, Transport } from './transports/types';

export interface RetryPolicy {
  /** First backoff; doubled per attempt with ±20 % jitter, capped at maxMs. */
  baseMs: number;
  maxMs: number;
  /** Automatic attempts (each one sent nothing) before the job is 'failed' for the clerk to retry. */
  maxAuto: number;
}

export interface SenderDeps {
  db: Db;
  clock: Clock;
  store: QueueStore;
  profiles: Map<string, PrinterProfile>;
  transports: Map<string, Transport>;
  /** Where the printer's state reported by a send goes (queue-status.ts). */
  reportState(printerId: string, state: PrinterState): void;
  retry: RetryPolicy;
  random: () => number;
}

interface Outcome {
  next: JobState;
  auto: number;
  nextAt: number;
  err: string | null;
}

export function createSender(d: SenderDeps) {
  const { db, clock, store } = d;
  const { q } = store;

  function backoff(n: number): number {
    const base = Math.min(d.retry.maxMs, d.retry.baseMs * 2 ** Math.max(0, n - 1));
    return Math.round(base * (0.8 + 0.4 * d.random()));
  }

  /** A document that cannot be rendered is failed at once: nothing was sent. */
  function recordRenderError(job: JobRow, printerId: string, e: unknown): void {
    db.transaction(() => {
      q.startAttempt.run(job.id, printerId, clock.now(), 0, '');
      const attemptId = store.lastInsertRowid();
      q.finishAttempt.run({ id: attemptId, at: clock.now(), outcome: 'render_error', offered: 0, written: 0, confirmed: 0, state: null, error: String(e) });
      q.setState.run({ id: job.id, state: 'failed', auto: job.auto_attempts, next: job.next_attempt_at, now: clock.now(), error: 'Không dựng được nội dung in', pstate: job.printer_state });
      store.audit(SYSTEM_ACTOR, job.counter_id, 'print.attempt', job.id, { outcome: 'render_error' });
    }).immediate();
  }

  /** Claims the job: re-checks its state and the no-byte-ever-offered invariant in the same transaction. */
  function claim(job: JobRow, printerId: string, bytes: Uint8Array): number | null {
    const sha = createHash('sha256').update(bytes).digest('hex');
    return db.transaction((): number | null => {
      const cur = store.getJob(job.id);
      if (cur.state !== 'queued') return null;
      if (store.offeredBytes(job.id) > 0) {
        q.setState.run({ id: job.id, state: 'needs_attention', auto: cur.auto_attempts, next: cur.next_attempt_at, now: clock.now(), error: 'Đã từng gửi dữ liệu; cần kiểm tra', pstate: cur.printer_state });
        return null;
      }
      q.setState.run({ id: job.id, state: 'sending', auto: cur.auto_attempts, next: cur.next_attempt_at, now: clock.now(), error: cur.last_error, pstate: cur.printer_state });
      return Number(q.startAttempt.run(job.id, printerId, clock.now(), bytes.length, sha).lastInsertRowid);
    }).immediate();
  }

  async function send(printerId: string, bytes: Uint8Array): Promise<SendResult> {
    try {
      return await d.transports.get(printerId)!.send(bytes);
    } catch (e) {
      // A transport that throws cannot say what it sent: treat it as a doubtful send.
      return { outcome: 'partial', bytesTotal: bytes.length, bytesOffered: bytes.length, bytesWritten: 0, bytesConfirmed: 0, state: 'unknown', error: String(e) };
    }
  }

  function outcomeOf(job: JobRow, res: SendResult, now: number): Outcome {
    switch (res.outcome) {
      case 'confirmed':
        return { next: 'done', auto: job.auto_attempts, nextAt: job.next_attempt_at, err: null };
      case 'unconfirmed':
        return { next: 'sent_unconfirmed', auto: job.auto_attempts, nextAt: job.next_attempt_at, err: null };
      case 'partial':
        return { next: 'needs_attention', auto: job.auto_attempts, nextAt: job.next_attempt_at, err: `Có thể đã in một phần (${PRINTER_STATE_VI[res.state]}).` };
      case 'not_sent': {
        const auto = job.auto_attempts + 1;
        return { next: auto >= d.retry.maxAuto ? 'failed' : 'queued', auto, nextAt: now + backoff(auto), err: `Chưa in: ${PRINTER_STATE_VI[res.state]}.` };
      }
    }
  }

  function recordAttempt(job: JobRow, attemptId: number, res: SendResult, now: number): void {
    const o = outcomeOf(job, res, now);
    db.transaction(() => {
      q.finishAttempt.run({ id: attemptId, at: now, outcome: res.outcome, offered: res.bytesOffered, written: res.bytesWritten, confirmed: res.bytesConfirmed, state: res.state, error: res.error ?? null });
      q.setState.run({ id: job.id, state: o.next, auto: o.auto, next: o.nextAt, now, error: o.err, pstate: res.state });
      store.audit(SYSTEM_ACTOR, job.counter_id, 'print.attempt', job.id, {
        attemptId,
        outcome: res.outcome,
        state: o.next,
        bytesTotal: res.bytesTotal,
        bytesOffered: res.bytesOffered,
        bytesWritten: res.bytesWritten,
        bytesConfirmed: res.bytesConfirmed,
        printerState: res.state,
        copyNo: job.copy_no,
      });
    }).immediate();
  }

  /** Sends the printer's next due job, if any; false when there was nothing to do. */
  async function processJob(printerId: string): Promise<boolean> {
    const job = q.nextForPrinter.get(printerId) as JobRow | undefined;
    if (!job || job.next_attempt_at > clock.now()) return false;
    let bytes: Uint8Array;
    try {
      bytes = buildJobBytes(JSON.parse(job.doc) as PrintDocument, d.profiles.get(printerId)!);
    } catch (e) {
      recordRenderError(job, printerId, e);
      return true;
    }
    const attemptId = claim(job, printerId, bytes);
    if (attemptId === null) return true;
    const res = await send(printerId, bytes);
    d.reportState(printerId, res.state);
    recordAttempt(job, attemptId, res, clock.now());
    return true;
  }

  /** At start: a job left 'sending' by a crash may have printed partly: the clerk decides. */
  function recover(): number {
    return db.transaction(() => {
      const stuck = store.sending();
      for (const j of stuck) {
        store.interruptAttempts(j.id);
        q.setState.run({ id: j.id, state: 'needs_attention', auto: j.auto_attempts, next: j.next_attempt_at, now: clock.now(), error: 'Ứng dụng dừng khi đang in', pstate: j.printer_state });
        store.audit(SYSTEM_ACTOR, j.counter_id, 'print.interrupted', j.id, { reason: 'found sending at start' });
      }
      return stuck.length;
    }).immediate();
  }

  return { processJob, recover };
}
