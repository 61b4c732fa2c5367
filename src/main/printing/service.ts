/**
 * The durable print queue and its worker.
 *
 * Rules (issue 4): a job is committed before the clerk is told "đã xếp hàng in"; one job at a time
 * per printer, in order; an automatic retry only when not a byte of the job was offered to the link;
 * after a partial or unknown send the job waits for the clerk (print a marked copy, or mark as
 * printed); every repeat is a new job printed "BẢN IN LẠI – lần n" with the time, so an original is
 * never printed twice unmarked; jobs survive restarts (one found 'sending' at start needs attention);
 * every attempt is a print_attempts row and an audit_log row.
 */
import type { PrintJobDto, PrinterStatusDto } from '../../shared/ipc/dto';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/ports';
import { testPage as testPageDoc, type PrintDocument } from '../../shared/print-model';
import type { Db } from '../store/db';
import { buildJobBytes } from './build';
import { createTransport, type PrinterProfile } from './profiles';
import { PRINTER_STATE_VI, type PrinterState } from './status';
import type { SendResult, Transport } from './transports/types';

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

export interface RetryPolicy {
  /** First backoff; doubled per attempt with ±20 % jitter, capped at maxMs. */
  baseMs: number;
  maxMs: number;
  /** Automatic attempts (each one sent nothing) before the job is 'failed' for the clerk to retry. */
  maxAuto: number;
}

export interface PrintServiceDeps {
  db: Db;
  clock: Clock;
  profiles: PrinterProfile[];
  /** Transports by profile id; missing ones are built from the profile. */
  transports?: Record<string, Transport>;
  retry?: Partial<RetryPolicy>;
  /** Worker poll interval (ms). */
  pollMs?: number;
  /** Printer status poll interval when idle (ms); 0 turns polling off. */
  statusPollMs?: number;
  random?: () => number;
  log?: (msg: string, err?: unknown) => void;
}

interface JobRow {
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

const SYSTEM_ACTOR = 'system:print-worker';

function view(r: JobRow): JobView {
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

export type PrintService = ReturnType<typeof createPrintService>;

export function createPrintService(deps: PrintServiceDeps) {
  const { db, clock } = deps;
  const retryPolicy: RetryPolicy = { baseMs: 1000, maxMs: 30_000, maxAuto: 6, ...deps.retry };
  const pollMs = deps.pollMs ?? 250;
  const statusPollMs = deps.statusPollMs ?? 30_000;
  const random = deps.random ?? Math.random;
  const log = deps.log ?? ((m: string, e?: unknown) => console.error(`[print] ${m}`, e ?? ''));
  if (deps.profiles.length === 0) throw new Error('no printer profiles');
  const profiles = new Map(deps.profiles.map((p) => [p.id, p]));
  const transports = new Map<string, Transport>();
  for (const p of deps.profiles) transports.set(p.id, deps.transports?.[p.id] ?? createTransport(p));
  const defaultPrinter = (deps.profiles.find((p) => p.isDefault) ?? deps.profiles[0]!).id;
  const status = new Map<string, { state: PrinterState; at: number | null }>(deps.profiles.map((p) => [p.id, { state: 'unknown', at: null }]));
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let lastStatusPoll = 0;

  const q = {
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

  function audit(actorId: string, counterId: string, action: string, jobId: string, detail: Record<string, unknown>): void {
    q.audit.run(clock.now(), actorId, counterId, action, 'print_job', jobId, JSON.stringify(detail));
  }

  function getJob(id: string): JobRow {
    const r = q.job.get(id) as JobRow | undefined;
    if (!r) throw new DomainError('PRINT_JOB_NOT_FOUND', 'Không tìm thấy lệnh in.');
    return r;
  }

  function insertJob(doc: PrintDocument, actor: PrintActor, printerId: string, original: { id: string; copyNo: number } | null): string {
    if (!profiles.has(printerId)) throw new DomainError('PRINTER_UNKNOWN', 'Máy in không có trong cấu hình.');
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

  /** Stores the job (committed before this returns) and wakes the worker. */
  function enqueue(doc: PrintDocument, actor: PrintActor, opts: { printerId?: string } = {}): { jobId: string; message: string } {
    if (doc.copy) throw new DomainError('PRINT_COPY_VIA_REPRINT', 'Bản in lại phải tạo bằng chức năng In lại.');
    const printerId = opts.printerId ?? defaultPrinter;
    const jobId = db.transaction(() => {
      const id = insertJob(doc, actor, printerId, null);
      audit(actor.clerkId, actor.counterId, 'print.enqueue', id, { printerId, kind: doc.kind, ref: doc.ref ?? null });
      return id;
    }).immediate();
    kick();
    return { jobId, message: 'Đã xếp hàng in' };
  }

  /** Ctrl+P from history, or "print again" after a doubtful send: always a new, marked copy. */
  function reprint(jobId: string, actor: PrintActor, opts: { printerId?: string } = {}): { jobId: string; copyNo: number; message: string } {
    const out = db.transaction(() => {
      const src = getJob(jobId);
      const rootId = src.original_id ?? src.id;
      const root = getJob(rootId);
      // Copies are always made from the original; it must have been sent (or given up) first.
      if (root.state === 'queued' || root.state === 'sending') throw new DomainError('PRINT_JOB_PENDING', 'Lệnh in này đang chờ in; chưa thể in lại.');
      if (root.state === 'failed' && (q.offered.get(root.id) as { n: number }).n === 0) {
        throw new DomainError('PRINT_NEVER_PRINTED', 'Phiếu này chưa in được trang nào; hãy chọn "Thử in lại" để in bản gốc.');
      }
      const copyNo = (q.maxCopy.get(rootId) as { n: number }).n + 1;
      const doc = JSON.parse(root.doc) as PrintDocument;
      const copyDoc: PrintDocument = { ...doc, copy: { n: copyNo, at: clock.now() }, drawer: false };
      const id = insertJob(copyDoc, actor, opts.printerId ?? src.printer_id, { id: rootId, copyNo });
      if (src.state === 'needs_attention' && src.resolution === null) q.resolve.run('reprinted', actor.clerkId, clock.now(), 'needs_attention', clock.now(), src.id);
      audit(actor.clerkId, actor.counterId, 'print.reprint', id, { from: src.id, original: rootId, copyNo });
      return { jobId: id, copyNo };
    }).immediate();
    kick();
    return { ...out, message: `Đã xếp hàng in lại (bản in lại lần ${out.copyNo})` };
  }

  /** The clerk saw the paper and confirms it printed completely. */
  function markPrinted(jobId: string, actor: PrintActor): JobView {
    db.transaction(() => {
      const j = getJob(jobId);
      if (!((j.state === 'needs_attention' && j.resolution === null) || j.state === 'sent_unconfirmed')) {
        throw new DomainError('PRINT_NOT_DOUBTFUL', 'Chỉ xác nhận đã in cho lệnh in cần kiểm tra hoặc chưa được máy in xác nhận.');
      }
      q.resolve.run('marked_printed', actor.clerkId, clock.now(), 'done', clock.now(), j.id);
      audit(actor.clerkId, actor.counterId, 'print.mark_printed', j.id, { from: j.state });
    }).immediate();
    return view(getJob(jobId));
  }

  /** Sends a job again as it is: allowed only when not a byte of it ever left (failed, or waiting for backoff). */
  function retry(jobId: string, actor: PrintActor): JobView {
    db.transaction(() => {
      const j = getJob(jobId);
      const offered = (q.offered.get(j.id) as { n: number }).n;
      if (!(j.state === 'failed' || j.state === 'queued') || offered > 0) {
        throw new DomainError('PRINT_RETRY_UNSAFE', 'Phiếu có thể đã in một phần. Hãy kiểm tra giấy rồi chọn "In lại" (bản có đánh dấu) hoặc "Đã in xong".');
      }
      q.setState.run({ id: j.id, state: 'queued', auto: 0, next: clock.now(), now: clock.now(), error: j.last_error, pstate: j.printer_state });
      audit(actor.clerkId, actor.counterId, 'print.retry', j.id, { from: j.state });
    }).immediate();
    kick();
    return view(getJob(jobId));
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
    return (db.prepare(sql).all(...args, filter.limit ?? 200) as JobRow[]).map(view);
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

  function printerStatus(): PrinterStatusView[] {
    const counts = db
      .prepare(
        `SELECT printer_id, SUM(state = 'queued' OR state = 'sending') AS queued,
         SUM((state = 'needs_attention' AND resolution IS NULL) OR state = 'failed') AS attention FROM print_jobs GROUP BY printer_id`,
      )
      .all() as { printer_id: string; queued: number; attention: number }[];
    return deps.profiles.map((p) => {
      const s = status.get(p.id)!;
      const c = counts.find((x) => x.printer_id === p.id);
      return {
        printerId: p.id,
        name: p.name,
        widthMm: p.widthMm,
        state: s.state,
        label: PRINTER_STATE_VI[s.state],
        busy: busy.has(p.id),
        queued: c?.queued ?? 0,
        needsAction: c?.attention ?? 0,
        checkedAt: s.at,
      };
    });
  }

  /** Reads each idle printer's state now (a printer busy with a job keeps the state its job reported). */
  async function refreshStatus(printerId?: string): Promise<PrinterStatusView[]> {
    const ids = printerId ? [printerId] : [...profiles.keys()];
    await Promise.all(
      ids
        .filter((id) => !busy.has(id))
        .map(async (id) => {
          busy.add(id);
          try {
            const st = await transports.get(id)!.status();
            status.set(id, { state: st, at: clock.now() });
          } catch (e) {
            log(`status ${id}`, e);
          } finally {
            busy.delete(id);
          }
        }),
    );
    return printerStatus();
  }

  function testPage(actor: PrintActor, printerId: string = defaultPrinter): { jobId: string; message: string } {
    const p = profiles.get(printerId);
    if (!p) throw new DomainError('PRINTER_UNKNOWN', 'Máy in không có trong cấu hình.');
    return enqueue(testPageDoc({ printerName: p.name, profileId: p.id, widthMm: p.widthMm, dots: p.dots, at: clock.now() }), actor, { printerId });
  }

  /** At start: a job left 'sending' by a crash may have printed partly: the clerk decides. */
  function recover(): number {
    return db.transaction(() => {
      const stuck = db.prepare("SELECT * FROM print_jobs WHERE state = 'sending'").all() as JobRow[];
      for (const j of stuck) {
        db.prepare("UPDATE print_attempts SET finished_at = ?, outcome = 'interrupted', error = 'the application stopped during the send' WHERE job_id = ? AND finished_at IS NULL").run(clock.now(), j.id);
        q.setState.run({ id: j.id, state: 'needs_attention', auto: j.auto_attempts, next: j.next_attempt_at, now: clock.now(), error: 'Ứng dụng dừng khi đang in', pstate: j.printer_state });
        audit(SYSTEM_ACTOR, j.counter_id, 'print.interrupted', j.id, { reason: 'found sending at start' });
      }
      return stuck.length;
    }).immediate();
  }

  function backoff(n: number): number {
    const base = Math.min(retryPolicy.maxMs, retryPolicy.baseMs * 2 ** Math.max(0, n - 1));
    return Math.round(base * (0.8 + 0.4 * random()));
  }

  async function processJob(printerId: string): Promise<boolean> {
    const job = q.nextForPrinter.get(printerId) as JobRow | undefined;
    if (!job || job.next_attempt_at > clock.now()) return false;
    const profile = profiles.get(printerId)!;
    let bytes: Uint8Array;
    try {
      bytes = buildJobBytes(JSON.parse(job.doc) as PrintDocument, profile);
    } catch (e) {
      db.transaction(() => {
        q.startAttempt.run(job.id, printerId, clock.now(), 0, '');
        const attemptId = (db.prepare('SELECT last_insert_rowid() AS id').get() as { id: number }).id;
        q.finishAttempt.run({ id: attemptId, at: clock.now(), outcome: 'render_error', offered: 0, written: 0, confirmed: 0, state: null, error: String(e) });
        q.setState.run({ id: job.id, state: 'failed', auto: job.auto_attempts, next: job.next_attempt_at, now: clock.now(), error: 'Không dựng được nội dung in', pstate: job.printer_state });
        audit(SYSTEM_ACTOR, job.counter_id, 'print.attempt', job.id, { outcome: 'render_error' });
      }).immediate();
      return true;
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    // Claim the job: re-check its state and the no-byte-ever-offered invariant in the same transaction.
    const attemptId = db.transaction((): number | null => {
      const cur = getJob(job.id);
      if (cur.state !== 'queued') return null;
      if ((q.offered.get(job.id) as { n: number }).n > 0) {
        q.setState.run({ id: job.id, state: 'needs_attention', auto: cur.auto_attempts, next: cur.next_attempt_at, now: clock.now(), error: 'Đã từng gửi dữ liệu; cần kiểm tra', pstate: cur.printer_state });
        return null;
      }
      q.setState.run({ id: job.id, state: 'sending', auto: cur.auto_attempts, next: cur.next_attempt_at, now: clock.now(), error: cur.last_error, pstate: cur.printer_state });
      return Number(q.startAttempt.run(job.id, printerId, clock.now(), bytes.length, sha).lastInsertRowid);
    }).immediate();
    if (attemptId === null) return true;

    let res: SendResult;
    try {
      res = await transports.get(printerId)!.send(bytes);
    } catch (e) {
      // A transport that throws cannot say what it sent: treat it as a doubtful send.
      res = { outcome: 'partial', bytesTotal: bytes.length, bytesOffered: bytes.length, bytesWritten: 0, bytesConfirmed: 0, state: 'unknown', error: String(e) };
    }
    status.set(printerId, { state: res.state, at: clock.now() });
    const now = clock.now();
    let next: JobState;
    let auto = job.auto_attempts;
    let nextAt = job.next_attempt_at;
    let err: string | null = null;
    switch (res.outcome) {
      case 'confirmed':
        next = 'done';
        break;
      case 'unconfirmed':
        next = 'sent_unconfirmed';
        break;
      case 'partial':
        next = 'needs_attention';
        err = `Có thể đã in một phần (${PRINTER_STATE_VI[res.state]}).`;
        break;
      case 'not_sent':
        auto += 1;
        next = auto >= retryPolicy.maxAuto ? 'failed' : 'queued';
        nextAt = now + backoff(auto);
        err = `Chưa in: ${PRINTER_STATE_VI[res.state]}.`;
        break;
    }
    db.transaction(() => {
      q.finishAttempt.run({ id: attemptId, at: now, outcome: res.outcome, offered: res.bytesOffered, written: res.bytesWritten, confirmed: res.bytesConfirmed, state: res.state, error: res.error ?? null });
      q.setState.run({ id: job.id, state: next, auto, next: nextAt, now, error: err, pstate: res.state });
      audit(SYSTEM_ACTOR, job.counter_id, 'print.attempt', job.id, {
        attemptId,
        outcome: res.outcome,
        state: next,
        bytesTotal: res.bytesTotal,
        bytesOffered: res.bytesOffered,
        bytesWritten: res.bytesWritten,
        bytesConfirmed: res.bytesConfirmed,
        printerState: res.state,
        copyNo: job.copy_no,
      });
    }).immediate();
    return true;
  }

  function runPrinter(printerId: string): void {
    if (busy.has(printerId)) return;
    busy.add(printerId);
    const p = (async () => {
      try {
        while (running || draining) {
          if (!(await processJob(printerId))) break;
        }
      } catch (e) {
        log(`worker ${printerId}`, e);
      } finally {
        busy.delete(printerId);
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  let draining = false;
  function tick(): void {
    if (!running) return;
    for (const id of profiles.keys()) runPrinter(id);
    if (statusPollMs > 0 && clock.now() - lastStatusPoll >= statusPollMs) {
      lastStatusPoll = clock.now();
      void refreshStatus().catch((e) => log('status poll', e));
    }
  }

  function kick(): void {
    if (running) setImmediate(tick);
  }

  function start(): { recovered: number } {
    if (running) return { recovered: 0 };
    const recovered = recover();
    running = true;
    timer = setInterval(tick, pollMs);
    kick();
    return { recovered };
  }

  /** Stops taking new jobs and waits for the sends in progress to end. */
  async function stop(): Promise<void> {
    running = false;
    if (timer) clearInterval(timer);
    timer = null;
    await Promise.allSettled([...inFlight]);
  }

  /** Processes every due job once, without the timer (tests, and a manual "print now"). */
  async function drain(): Promise<void> {
    draining = true;
    try {
      for (const id of profiles.keys()) runPrinter(id);
      await Promise.allSettled([...inFlight]);
    } finally {
      draining = false;
    }
  }

  return { enqueue, reprint, markPrinted, retry, jobs, attempts, printerStatus, refreshStatus, testPage, start, stop, drain, recover, job: (id: string) => view(getJob(id)) };
}
