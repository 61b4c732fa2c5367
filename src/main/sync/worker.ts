/**
 * The counter's sync worker: pushes the outbox to the provincial hub, pulls the branch's changes, and
 * tells the status bar how things stand.
 *
 * - Push: pending outbox rows in seq order, in batches; the hub's answers are written in one local
 *   transaction (acked / rejected with the reason). A rejected op is parked (status 'rejected', kept
 *   for the manager: `rejectedOps()`, `acknowledgeRejected()`) and never blocks the ops after it. If
 *   the hub refuses a batch as malformed (400), the worker retries op by op; the single op the hub
 *   cannot read is parked locally and its seq is consumed with a `void` op, so the rest flow on.
 *   If the hub reports a gap below what the counter sent (the hub was restored from a backup), the
 *   counter sends again from the hub's expected seq; the hub's idempotence makes this harmless.
 * - Pull: pages from the cursor; each page's rows AND the new cursor are written in ONE local
 *   transaction, so a crash can neither lose a row nor apply one twice.
 * - When: at start, after every local write (`nudge()`), every `pollIntervalMs`, at once when the
 *   `online` signal comes back, and after a failure with exponential backoff and jitter
 *   (delay = d/2 + random·d/2, d = min(max, base·2^(n-1))).
 * - Clocks: the hub's clock is read from every answer; the skew is reported, never used to order.
 *
 * Every outer edge (fetch, clock, timers, randomness, the online signal) is injected.
 */
import type { RejectedOpDto, SyncStateDto } from '../../shared/ipc/dto';
import { EVENT_LABELS, type DossierEventType } from '../../shared/dossier';
import { DomainError } from '../../shared/errors';
import type { Clock, SecretBox } from '../../shared/ports';
import { OwnOpsResponseSchema, PullResponseSchema, PushResponseSchema, type OwnOp, type PushOp, type PushResult } from '../../shared/sync-protocol';
import type { SyncOp } from '../../shared/sync-ops';
import type { Actor, ServiceContext } from '../services/context';
import { requireRole } from '../services/context';
import { applyPullPage, rebuildWithoutRefused, recordPushAnswers, retryDeferred, type SentOp } from './apply';
import { callHub, HubRefused, HubUnreachable, skewOf, type Answer, type FetchFn, type HubClientOptions } from './client';
import { plainSecretBox, UNREADABLE_TOKEN_MESSAGE } from './secrets';
import { divergence, localOpsFrom, takeBackOwnOps, type RecoverOutcome } from './recover';
import { RECONCILE_MESSAGE } from '../services/reconcile';
import { clearReconcileMark, reconcileMark } from '../store/reconcile';

/** The worker's state as the status bar and the sync screen show it (the contract's type). */
export type SyncState = SyncStateDto;
export type SyncStatus = SyncState['status'];

/** An operation the hub refused, parked for a manager (the contract's type). */
export type RejectedOp = RejectedOpDto;

export interface OnlineSignal {
  isOnline(): boolean;
  subscribe(fn: (online: boolean) => void): () => void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncWorkerOptions {
  ctx: ServiceContext;
  fetch?: FetchFn;
  clock?: Clock;
  timers?: Timers;
  random?: () => number;
  online?: OnlineSignal;
  batchSize?: number;
  pullLimit?: number;
  pollIntervalMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  /** Called after reference data (catalogue, calendar, transit) changed, outside the transaction. */
  onReferenceChanged?: () => void;
  /** How the hub token is sealed at rest (secrets.ts); by default the context's, else plain. */
  secrets?: SecretBox;
}

interface StateRow {
  hub_url: string | null;
  /** The unsealed token; null when not enrolled or when `tokenUnreadable`. */
  token: string | null;
  tokenUnreadable: boolean;
  counter_id: string | null;
  branch_code: string | null;
  cursor: string;
  last_sync_at: number | null;
  last_error: string | null;
  offline_since: number | null;
  clock_skew_ms: number | null;
}

interface OutboxRow {
  seq: number;
  op_id: string;
  kind: string;
  dossier_id: string | null;
  payload: string;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class SyncWorker {
  private readonly ctx: ServiceContext;
  private readonly fetchFn: FetchFn;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly online: OnlineSignal | undefined;
  private readonly batchSize: number;
  private readonly pullLimit: number;
  private readonly pollIntervalMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly requestTimeoutMs: number;
  private readonly onReferenceChanged: (() => void) | undefined;
  private readonly secrets: SecretBox;

  /** What the last recovery after a restore took back (for the sync screen and tests). */
  lastRecovery: RecoverOutcome | null = null;
  private timer: unknown = null;
  private nextAttemptAt: number | null = null;
  private failures = 0;
  private chain: Promise<void> = Promise.resolve();
  private stopped = true;
  private unsubscribeOnline: (() => void) | null = null;
  private readonly listeners = new Set<(s: SyncState) => void>();
  /** Kind of the last failure: a network problem (offline) or a definite refusal (error). */
  private failure: 'offline' | 'error' | null = null;
  /** Cumulative timings since start, for diagnostics and the benchmark. */
  private readonly stats = { pushBatches: 0, pushHttpMs: 0, pushApplyMs: 0, pullPages: 0, pullHttpMs: 0, pullApplyMs: 0 };

  constructor(opts: SyncWorkerOptions) {
    this.ctx = opts.ctx;
    this.fetchFn = opts.fetch ?? ((url, init) => fetch(url, init));
    this.clock = opts.clock ?? opts.ctx.clock;
    this.timers = opts.timers ?? defaultTimers;
    this.random = opts.random ?? Math.random;
    this.online = opts.online;
    this.batchSize = opts.batchSize ?? 200;
    this.pullLimit = opts.pullLimit ?? 1000;
    this.pollIntervalMs = opts.pollIntervalMs ?? 30_000;
    this.baseDelayMs = opts.baseDelayMs ?? 1_000;
    this.maxDelayMs = opts.maxDelayMs ?? 5 * 60_000;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.onReferenceChanged = opts.onReferenceChanged;
    this.secrets = opts.secrets ?? opts.ctx.secrets ?? plainSecretBox;
    this.resealToken();
    const row = this.row();
    if (row.offline_since !== null) this.failure = 'offline';
    else if (row.last_error !== null) this.failure = 'error';
  }

  // ------------------------------------------------------------------ lifecycle

  /** Starts the schedule; the first attempt runs right away. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.online) {
      this.unsubscribeOnline = this.online.subscribe((up) => {
        if (up) {
          // Reconnected: forget the backoff and try at once.
          this.failures = 0;
          void this.syncNow();
        } else {
          this.markOffline('Máy tính đang mất kết nối mạng.');
        }
      });
    }
    this.schedule(0);
  }

  /** Stops scheduling and waits for a running attempt to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.unsubscribeOnline?.();
    this.unsubscribeOnline = null;
    await this.chain;
  }

  /** Runs one push + pull now (after any attempt in progress) and returns the resulting state. */
  syncNow(): Promise<SyncState> {
    this.clearTimer();
    this.chain = this.chain.then(() => this.cycle());
    return this.chain.then(() => this.getState());
  }

  /** A local write happened: sync soon (coalesced with any attempt already due). */
  nudge(): void {
    if (this.stopped) return;
    if (this.failure !== null && this.failures > 0) return; // keep the backoff
    this.schedule(0);
  }

  // ------------------------------------------------------------------ state for the status bar

  getState(): SyncState {
    const row = this.row();
    const pending = (this.ctx.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
    const rejected = (this.ctx.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'rejected' AND reviewed_at IS NULL").get() as { n: number }).n;
    const enrolled = row.token !== null && row.hub_url !== null;
    const restored = reconcileMark(this.ctx.db) !== null;
    let status: SyncStatus;
    if (!enrolled) status = 'error';
    else if (this.failure === 'offline') status = 'offline';
    else if (this.failure === 'error') status = 'error';
    else status = pending > 0 || restored || row.last_sync_at === null ? 'pending' : 'synced';
    return {
      status,
      pending,
      offlineSince: row.offline_since,
      rejected,
      clockSkewMs: row.clock_skew_ms,
      lastSyncAt: row.last_sync_at,
      lastError: enrolled
        ? row.last_error
        : row.tokenUnreadable
          ? UNREADABLE_TOKEN_MESSAGE
          : 'Quầy chưa đăng ký với máy chủ tỉnh; dữ liệu chỉ lưu trên máy này.',
      enrolled,
      nextAttemptAt: this.nextAttemptAt,
      notice: restored ? RECONCILE_MESSAGE : null,
    };
  }

  /** Time spent waiting for the hub vs writing locally, since the worker was created. */
  metrics(): Readonly<typeof this.stats> {
    return { ...this.stats };
  }

  subscribe(fn: (s: SyncState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ------------------------------------------------------------------ parked operations

  rejectedOps(opts: { includeReviewed?: boolean } = {}): RejectedOp[] {
    const rows = this.ctx.db
      .prepare(
        `SELECT seq, op_id, kind, dossier_id, payload, reject_code, reject_reason, winning_event_id, created_at, acked_at, reviewed_at, reviewed_by
           FROM outbox WHERE status = 'rejected' ${opts.includeReviewed ? '' : 'AND reviewed_at IS NULL'} ORDER BY seq`,
      )
      .all() as (OutboxRow & { reject_code: string | null; reject_reason: string | null; winning_event_id: string | null; created_at: number; acked_at: number | null; reviewed_at: number | null; reviewed_by: string | null })[];
    return rows.map((r) => {
      const op = JSON.parse(r.payload) as SyncOp;
      return {
        seq: r.seq,
        opId: r.op_id,
        kind: r.kind,
        dossierId: r.dossier_id,
        itemNumber: op.kind === 'dossier.event' ? op.itemNumber : null,
        action: op.kind === 'dossier.event' ? EVENT_LABELS[op.event.type as DossierEventType] : 'Bút toán thu, chi tiền',
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

  /** A manager has seen a parked operation (the op itself is kept, as evidence). */
  acknowledgeRejected(seq: number, actor: Actor): void {
    requireRole(actor, ['manager', 'admin'], 'xác nhận thao tác bị máy chủ từ chối');
    const now = this.clock.now();
    this.ctx.db.transaction(() => {
      const r = this.ctx.db.prepare("UPDATE outbox SET reviewed_at = ?, reviewed_by = ? WHERE seq = ? AND status = 'rejected' AND reviewed_at IS NULL").run(now, actor.clerkId, seq);
      if (r.changes !== 1) throw new DomainError('NOT_FOUND', 'Không có thao tác bị từ chối này, hoặc thao tác đã được xác nhận.');
      this.ctx.db
        .prepare('INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(now, actor.clerkId, actor.counterId, 'sync.rejected_reviewed', 'outbox', String(seq), '{}');
    })();
    this.emit();
  }

  // ------------------------------------------------------------------ internals

  /** A token stored before the OS protection was available is sealed now. */
  private resealToken(): void {
    if (this.secrets.kind !== 'os') return;
    const r = this.ctx.db.prepare('SELECT token FROM sync_state WHERE id = 1').get() as { token: string | null };
    if (r.token === null || r.token.startsWith('os:')) return;
    const plain = this.secrets.open(r.token);
    if (plain !== null) this.ctx.db.prepare('UPDATE sync_state SET token = ? WHERE id = 1 AND token = ?').run(this.secrets.seal(plain), r.token);
  }

  private row(): StateRow {
    const r = this.ctx.db.prepare('SELECT hub_url, token, counter_id, branch_code, cursor, last_sync_at, last_error, offline_since, clock_skew_ms FROM sync_state WHERE id = 1').get() as Omit<StateRow, 'tokenUnreadable'>;
    const token = r.token === null ? null : this.secrets.open(r.token);
    return { ...r, token, tokenUnreadable: r.token !== null && token === null };
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.getState();
    for (const fn of this.listeners) {
      try {
        fn(s);
      } catch {
        /* a listener's problem is not the worker's */
      }
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.clearTimer();
    this.nextAttemptAt = this.clock.now() + ms;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.nextAttemptAt = null;
      void this.syncNow();
    }, ms);
  }

  /** Backoff before attempt n+1 after n consecutive failures. */
  backoffMs(failures: number): number {
    const d = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, failures - 1));
    return Math.round(d / 2 + this.random() * (d / 2));
  }

  private markOffline(message: string): void {
    const now = this.clock.now();
    this.ctx.db.prepare('UPDATE sync_state SET offline_since = COALESCE(offline_since, ?), last_error = ?, last_error_at = ? WHERE id = 1').run(now, message, now);
    this.failure = 'offline';
    this.emit();
  }

  private client(row: StateRow): HubClientOptions {
    return { baseUrl: row.hub_url!, token: row.token!, fetch: this.fetchFn, clock: this.clock, timeoutMs: this.requestTimeoutMs };
  }

  private noteSkew(a: Answer<unknown>): void {
    this.ctx.db.prepare('UPDATE sync_state SET clock_skew_ms = ? WHERE id = 1').run(skewOf(a));
  }

  private async cycle(): Promise<void> {
    const row = this.row();
    if (row.token === null || row.hub_url === null || row.counter_id === null) {
      this.emit();
      return;
    }
    if (this.online && !this.online.isOnline()) {
      this.markOffline('Máy tính đang mất kết nối mạng.');
      this.failures++;
      this.schedule(this.backoffMs(this.failures));
      return;
    }
    try {
      // A store restored from a backup first takes back what the counter did after it.
      const mark = reconcileMark(this.ctx.db);
      if (mark) await this.recover(row, mark.fromSeq);
      await this.pushAll(row);
      this.emit();
      let expectedSeq = await this.pullAll(row);
      const localMax = (this.ctx.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM outbox').get() as { n: number }).n;
      if (expectedSeq > localMax + 1) {
        // The hub holds operations of ours this store never had (restored without the script).
        await this.recover(row, localMax + 1);
        await this.pushAll(row);
        expectedSeq = await this.pullAll(row);
      }
      if (this.resendLost(expectedSeq) > 0) {
        await this.pushAll(row);
        await this.pullAll(row);
      }
      const now = this.clock.now();
      this.ctx.db.prepare('UPDATE sync_state SET last_sync_at = ?, last_error = NULL, last_error_at = NULL, offline_since = NULL WHERE id = 1').run(now);
      this.failure = null;
      this.failures = 0;
      this.schedule(this.pollIntervalMs);
    } catch (err) {
      const now = this.clock.now();
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof HubUnreachable) {
        this.ctx.db.prepare('UPDATE sync_state SET offline_since = COALESCE(offline_since, ?), last_error = ?, last_error_at = ? WHERE id = 1').run(now, message, now);
        this.failure = 'offline';
      } else {
        const text = err instanceof HubRefused && err.status === 401 && !/đăng ký lại/i.test(message) ? `${message} (Quầy cần được đăng ký lại.)` : message;
        this.ctx.db.prepare('UPDATE sync_state SET offline_since = NULL, last_error = ?, last_error_at = ? WHERE id = 1').run(text, now);
        this.failure = 'error';
      }
      this.failures++;
      this.schedule(this.backoffMs(this.failures));
    }
    this.emit();
  }

  private pendingRows(limit: number): OutboxRow[] {
    const rows = this.ctx.db.prepare("SELECT seq, op_id, kind, dossier_id, payload FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?").all(limit) as OutboxRow[];
    // The hub needs consecutive seqs within a batch.
    const run: OutboxRow[] = [];
    for (const r of rows) {
      if (run.length > 0 && r.seq !== run[run.length - 1]!.seq + 1) break;
      run.push(r);
    }
    return run;
  }

  private async pushAll(row: StateRow): Promise<void> {
    const client = this.client(row);
    let limit = this.batchSize;
    for (;;) {
      const run = this.pendingRows(limit);
      if (run.length === 0) return;
      const sent: SentOp[] = run.map((r) => ({ seq: r.seq, opId: r.op_id, kind: r.kind, dossierId: r.dossier_id, payload: JSON.parse(r.payload) as SyncOp }));
      const ops: PushOp[] = sent.map((s) => ({ opId: s.opId, seq: s.seq, payload: s.payload }));
      let answer: Answer<{ results: PushResult[]; expectedSeq: number }>;
      const t0 = performance.now();
      try {
        answer = await callHub(client, 'POST', '/push', PushResponseSchema, { ops });
        this.stats.pushHttpMs += performance.now() - t0;
        this.stats.pushBatches++;
      } catch (err) {
        if (err instanceof HubRefused && err.status === 400) {
          if (run.length > 1) {
            limit = 1; // find the op the hub cannot read
            continue;
          }
          await this.parkUnreadable(client, sent[0]!, err.message);
          continue;
        }
        throw err;
      }
      this.noteSkew(answer);
      const { results, expectedSeq } = answer.body;
      const conflict = results.find((r) => r.status === 'rejected' && r.code === 'SEQ_CONFLICT');
      if (conflict) {
        // The hub holds other operations under our numbers: this store was restored from a backup.
        // Keep the answers before that point, take back the hub's operations, and push again.
        const before = results.filter((r) => r.seq < conflict.seq);
        this.ctx.db.transaction(() => recordPushAnswers(this.ctx, sent, before, answer.hubTime))();
        if ((await this.recover(row, conflict.seq)) !== null) continue;
        // The hub reports a conflict it cannot show us: park the ops (below) rather than loop.
      }
      const t1 = performance.now();
      const done = this.ctx.db.transaction(() => recordPushAnswers(this.ctx, sent, results, answer.hubTime))();
      this.stats.pushApplyMs += performance.now() - t1;
      const gap = results.some((r) => r.status === 'gap');
      if (!gap && done.acked + done.rejected === 0) {
        // Never loop on an answer that settles nothing.
        throw new HubRefused(502, 'NO_PROGRESS', 'Máy chủ trả lời nhưng không xác nhận thao tác nào; sẽ thử lại sau.');
      }
      if (gap) {
        const first = run[0]!.seq;
        if (expectedSeq < first) {
          // The hub lost what it had acknowledged (restored from a backup): send it again.
          const n = this.ctx.db.prepare("UPDATE outbox SET status = 'pending' WHERE seq >= ? AND seq < ? AND status <> 'pending'").run(expectedSeq, first).changes;
          if (n === 0) throw new HubRefused(409, 'GAP', `Máy chủ đang chờ thao tác số ${expectedSeq} nhưng quầy không còn thao tác đó; cần bộ phận CNTT kiểm tra.`);
          continue;
        }
        throw new HubRefused(409, 'GAP', `Máy chủ báo thiếu thao tác (chờ số ${expectedSeq}).`);
      }
      limit = this.batchSize;
      this.emit();
    }
  }

  /**
   * Takes back from the hub the operations of this counter that the store lacks from `fromSeq` on
   * (recover.ts). Returns what was done, or null when the hub had nothing more.
   */
  private async recover(row: StateRow, fromSeq: number): Promise<RecoverOutcome | null> {
    const client = this.client(row);
    const hub: OwnOp[] = [];
    let next = fromSeq;
    let hubTime = this.clock.now();
    for (;;) {
      const answer = await callHub(client, 'GET', `/own-ops?fromSeq=${next}&limit=${this.pullLimit}`, OwnOpsResponseSchema);
      this.noteSkew(answer);
      hubTime = answer.hubTime;
      hub.push(...answer.body.ops);
      if (!answer.body.hasMore || answer.body.ops.length === 0) break;
      next = answer.body.ops[answer.body.ops.length - 1]!.seq + 1;
    }
    const from = divergence(localOpsFrom(this.ctx, fromSeq), hub);
    if (from === null) {
      clearReconcileMark(this.ctx.db);
      return null;
    }
    const out = this.ctx.db.transaction(() => takeBackOwnOps(this.ctx, hub.filter((h) => h.seq >= from), from, hubTime))();
    this.lastRecovery = out;
    this.emit();
    return out;
  }

  /** The hub cannot read this op (400): park it here, and consume its seq with a void op. */
  private async parkUnreadable(client: HubClientOptions, op: SentOp, hubMessage: string): Promise<void> {
    const reason = `Máy chủ không đọc được thao tác này: ${hubMessage}`;
    this.ctx.db.transaction(() => {
      this.ctx.db
        .prepare("UPDATE outbox SET status = 'rejected', acked_at = ?, reject_code = 'INVALID_OP', reject_reason = ? WHERE seq = ? AND status = 'pending'")
        .run(this.clock.now(), reason, op.seq);
      if (op.payload.kind === 'dossier.event') {
        this.ctx.db.prepare('UPDATE dossier_events SET superseded = 1 WHERE id = ?').run(op.payload.eventId);
        rebuildWithoutRefused(this.ctx, op.payload.dossierId);
      }
    })();
    const voidOp: PushOp = { opId: op.opId, seq: op.seq, payload: { opId: op.opId, kind: 'void', reason: hubMessage.slice(0, 500) } };
    const answer = await callHub(client, 'POST', '/push', PushResponseSchema, { ops: [voidOp] });
    this.noteSkew(answer);
  }

  /**
   * The hub expects a seq the counter already saw answered: the hub lost those operations (it was
   * restored from a backup). Mark them pending again; the next push sends them. Returns how many.
   */
  private resendLost(expectedSeq: number): number {
    return this.ctx.db.prepare("UPDATE outbox SET status = 'pending' WHERE seq >= ? AND status <> 'pending'").run(expectedSeq).changes;
  }

  /** Pulls every page; returns the hub's expected seq for this counter. */
  private async pullAll(row: StateRow): Promise<number> {
    const client = this.client(row);
    let cursor = row.cursor;
    let referenceChanged = false;
    let expectedSeq = 1;
    for (;;) {
      const t0 = performance.now();
      const answer = await callHub(client, 'GET', `/pull?cursor=${encodeURIComponent(cursor)}&limit=${this.pullLimit}`, PullResponseSchema);
      const t1 = performance.now();
      this.noteSkew(answer);
      const page = answer.body;
      expectedSeq = page.expectedSeq;
      this.ctx.db.transaction(() => {
        const out = applyPullPage(this.ctx, row.counter_id!, page.changes);
        if (out.referenceChanged) referenceChanged = true;
        if ((out.referenceChanged || out.dossierEvents > 0) && this.ctx.db.prepare('SELECT 1 FROM sync_deferred LIMIT 1').get()) retryDeferred(this.ctx);
        this.ctx.db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(page.cursor);
      })();
      this.stats.pullPages++;
      this.stats.pullHttpMs += t1 - t0;
      this.stats.pullApplyMs += performance.now() - t1;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (referenceChanged) this.onReferenceChanged?.();
    return expectedSeq;
  }
}
