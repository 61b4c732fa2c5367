/**
 * The durable print queue's tables (print_jobs, print_attempts) and what the screens see of them.
 * Every statement the queue runs is here; the decisions (queue-decisions.ts), the sender
 * (queue-sender.ts) and the printer states (queue-status.ts) go through it.
 */
import type { PrintJobDto, PrinterStatusDto } from '../../shared/ipc/dto';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/ports';
import type { PrintDocument } from '../../shared/print-model';
import type { Db } from '../store/db';
import type { PrinterState } from './status';

export type JobState = 'queued' | 'sending' | 'done' | 'sent_unconfirmed' | 'failed' | 'needs_attention';

export const JOB_STATE_VI: Record<JobState, string> = {
  queued: 'Đang chờ in',
  sending: 'Đang in',
  done: 'Đã in',
  sent_unconfirmed: 'Đã gửi, máy in không xác nhận được',
  failed: 'Chưa in được',
  needs_attention: 'Cần kiểm tra: có thể đã in một phần',
};

/** Who asks: the logged-in clerk at a counter (same shape as the services' Actor). */
export interface PrintActor {
  clerkId: string;
  counterId: string;
}

/** What the queue screen shows of a job: the contract's type (src/shared/ipc/dto.ts). */
export type JobView = PrintJobDto;

/** A printer's state for the status bar and the printer screen (the contract's type, state narrowed). */
export type PrinterStatusView = Omit<PrinterStatusDto, 'state'> & { state: PrinterState };

export interface AttemptView {
  id: number;
  jobId: string;
  startedAt: number;
  finishedAt: number | null;
  outcome: string | null;
  bytesTotal: number;
  bytesOffered: number;
  bytesWritten: number;
  bytesConfirmed: number;
  printerState: string | null;
  error: string | null;
}

export interface JobRow {
  seq: number;
  id: string;
  printer_id: string;
  kind: string;
  title: string;
  ref: string | null;
  doc: string;
  state: JobState;
  original_id: string | null;
  copy_no: number;
  auto_attempts: number;
  next_attempt_at: number;
  created_at: number;
  created_by: string;
  counter_id: string;
  updated_at: number;
  last_error: string | null;
  printer_state: string | null;
  resolution: 'reprinted' | 'marked_printed' | null;
  resolved_by: string | null;
  resolved_at: number | null;
}

/** The actor of what the queue's worker does on its own (attempts, recovery at start). */
export const SYSTEM_ACTOR = 'system:print-worker';

export function jobView(r: JobRow): JobView {
  return {
    id: r.id,
    seq: r.seq,
    printerId: r.printer_id,
    kind: r.kind,
    title: r.title,
    ref: r.ref,
    state: r.state,
    stateLabel: r.resolution === 'reprinted' ? 'Đã in lại bản đánh dấu' : r.resolution === 'marked_printed' ? 'Đã xác nhận là đã in' : JOB_STATE_VI[r.state],
    copyNo: r.copy_no,
    originalId: r.original_id,
    autoAttempts: r.auto_attempts,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    lastError: r.last_error,
    resolution: r.resolution,
    needsAction: (r.state === 'needs_attention' && r.resolution === null) || r.state === 'failed',
  };
}

function statements(db: Db) {
  return {
    insertJob: db.prepare(`INSERT INTO print_jobs (id, printer_id, kind, title, ref, doc, state, original_id, copy_no, next_attempt_at, created_at, created_by, counter_id, updated_at)
      VALUES (@id, @printer_id, @kind, @title, @ref, @doc, 'queued', @original_id, @copy_no, @now, @now, @created_by, @counter_id, @now)`),
    job: db.prepare('SELECT * FROM print_jobs WHERE id = ?'),
    nextForPrinter: db.prepare("SELECT * FROM print_jobs WHERE printer_id = ? AND state = 'queued' ORDER BY seq LIMIT 1"),
    audit: db.prepare('INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    offered: db.prepare('SELECT COALESCE(SUM(bytes_offered), 0) AS n, COUNT(*) AS c FROM print_attempts WHERE job_id = ?'),
    startAttempt: db.prepare('INSERT INTO print_attempts (job_id, printer_id, started_at, bytes_total, sha256) VALUES (?, ?, ?, ?, ?)'),
    finishAttempt: db.prepare(`UPDATE print_attempts SET finished_at = @at, outcome = @outcome, bytes_offered = @offered, bytes_written = @written,
      bytes_confirmed = @confirmed, printer_state = @state, error = @error WHERE id = @id`),
    setState: db.prepare(`UPDATE print_jobs SET state = @state, auto_attempts = @auto, next_attempt_at = @next, updated_at = @now, last_error = @error,
      printer_state = @pstate WHERE id = @id`),
    maxCopy: db.prepare('SELECT COALESCE(MAX(copy_no), 0) AS n FROM print_jobs WHERE original_id = ?'),
    resolve: db.prepare('UPDATE print_jobs SET resolution = ?, resolved_by = ?, resolved_at = ?, state = ?, updated_at = ? WHERE id = ?'),
  };
}

export type QueueStore = ReturnType<typeof createQueueStore>;

export function createQueueStore(db: Db, clock: Clock) {
  const q = statements(db);

  function audit(actorId: string, counterId: string, action: string, jobId: string, detail: Record<string, unknown>): void {
    q.audit.run(clock.now(), actorId, counterId, action, 'print_job', jobId, JSON.stringify(detail));
  }

  function getJob(id: string): JobRow {
    const r = q.job.get(id) as JobRow | undefined;
    if (!r) throw new DomainError('PRINT_JOB_NOT_FOUND', 'Không tìm thấy lệnh in.');
    return r;
  }

  /** Bytes of the job ever offered to a printer link (0: not a byte ever left). */
  function offeredBytes(jobId: string): number {
    return (q.offered.get(jobId) as { n: number }).n;
  }

  function insertJob(doc: PrintDocument, actor: PrintActor, printerId: string, original: { id: string; copyNo: number } | null): string {
    const id = uuidv7();
    const now = clock.now();
    q.insertJob.run({
      id,
      printer_id: printerId,
      kind: doc.kind,
      title: doc.copy ? `${doc.title} (bản in lại lần ${doc.copy.n})` : doc.title,
      ref: doc.ref ?? null,
      doc: JSON.stringify(doc),
      original_id: original?.id ?? null,
      copy_no: original?.copyNo ?? 0,
      now,
      created_by: actor.clerkId,
      counter_id: actor.counterId,
    });
    return id;
  }

  function jobs(filter: { printerId?: string; ref?: string; limit?: number; needsAction?: boolean } = {}): JobView[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.printerId) {
      where.push('printer_id = ?');
      args.push(filter.printerId);
    }
    if (filter.ref) {
      where.push('ref = ?');
      args.push(filter.ref);
    }
    if (filter.needsAction) where.push("((state = 'needs_attention' AND resolution IS NULL) OR state = 'failed')");
    const sql = `SELECT * FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return (db.prepare(sql).all(...args, filter.limit ?? 200) as JobRow[]).map(jobView);
  }

  function attempts(jobId: string): AttemptView[] {
    return (db.prepare('SELECT * FROM print_attempts WHERE job_id = ? ORDER BY id').all(jobId) as Record<string, unknown>[]).map((a) => ({
      id: a.id as number,
      jobId: a.job_id as string,
      startedAt: a.started_at as number,
      finishedAt: a.finished_at as number | null,
      outcome: a.outcome as string | null,
      bytesTotal: a.bytes_total as number,
      bytesOffered: a.bytes_offered as number,
      bytesWritten: a.bytes_written as number,
      bytesConfirmed: a.bytes_confirmed as number,
      printerState: a.printer_state as string | null,
      error: a.error as string | null,
    }));
  }

  /** Jobs waiting and jobs needing the clerk, per printer. */
  function countsByPrinter(): { printer_id: string; queued: number; attention: number }[] {
    return db
      .prepare(
        `SELECT printer_id, SUM(state = 'queued' OR state = 'sending') AS queued,
         SUM((state = 'needs_attention' AND resolution IS NULL) OR state = 'failed') AS attention FROM print_jobs GROUP BY printer_id`,
      )
      .all() as { printer_id: string; queued: number; attention: number }[];
  }

  /** Jobs a crash left 'sending'. */
  function sending(): JobRow[] {
    return db.prepare("SELECT * FROM print_jobs WHERE state = 'sending'").all() as JobRow[];
  }

  function interruptAttempts(jobId: string): void {
    db.prepare("UPDATE print_attempts SET finished_at = ?, outcome = 'interrupted', error = 'the application stopped during the send' WHERE job_id = ? AND finished_at IS NULL").run(clock.now(), jobId);
  }

  function lastInsertRowid(): number {
    return (db.prepare('SELECT last_insert_rowid() AS id').get() as { id: number }).id;
  }

  return { q, audit, getJob, offeredBytes, insertJob, jobs, attempts, countsByPrinter, sending, interruptAttempts, lastInsertRowid };
}
