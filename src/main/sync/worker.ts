/**
 * The counter's sync worker: when to sync, and what the status bar shows. It pushes the outbox to the
 * provincial hub (push.ts), pulls the branch's changes (pull.ts), takes back its own work after a
 * restore (recover.ts), and keeps refused operations for a manager (refused.ts).
 *
 * - When: at start, after every local write (`nudge()`), every `pollIntervalMs`, at once when the
 *   `online` signal comes back, and after a failure with exponential backoff and jitter
 *   (delay = d/2 + random·d/2, d = min(max, base·2^(n-1))).
 * - State: offline (the hub cannot be reached: retried), error (a definite refusal), pending, synced.
 * - Clocks: the hub's clock is read from every answer; the skew is reported, never used to order.
 *
 * Every outer edge (fetch, clock, timers, randomness, the online signal) is injected.
 */
import type { SyncStateDto } from '../../shared/ipc/dto';
import type { Clock, SecretBox } from '../../shared/ports';
import type { Actor, ServiceContext } from '../services/context';
import { HubRefused, HubUnreachable, type Answer, type FetchFn } from './client';
import { nodeGet, type NodeGetFn } from './node-get';
import { plainSecretBox, UNREADABLE_TOKEN_MESSAGE } from './secrets';
import { pullAll, type PullProgress } from './pull';
import { markLostForResend, pushAll } from './push';
import { recoverFromHub, type RecoverOutcome } from './recover';
import { acknowledgeRejected, listRejectedOps, type RejectedOp } from './refused';
import { emptyStats, isEnrolled, lastLocalSeq, markError, markOffline, markSynced, noteSkew, noteTrackingBase, noteUpdatePolicy, outboxCounts, readSyncRow, resealToken, type EnrolledRow, type HubLink, type SyncRow } from './sync-state';
import { RECONCILE_MESSAGE } from '../services/reconcile';
import { reconcileMark } from '../store/reconcile';

export type { RejectedOp } from './refused';

/** The worker's state as the status bar and the sync screen show it (the contract's type). */
export type SyncState = SyncStateDto;
export type SyncStatus = SyncState['status'];

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
  /** Every request to the hub; injected (tests), it also carries the pull's pages, else node:http does. */
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

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const OFFLINE_MESSAGE = 'Máy tính đang mất kết nối mạng.';

export class SyncWorker {
  private readonly ctx: ServiceContext;
  private readonly fetchFn: FetchFn;
  private readonly pageGet: NodeGetFn | undefined;
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
  private readonly stats = emptyStats();
  /** The pull under way, while it takes several pages. */
  private pullProgress: PullProgress | null = null;

  constructor(opts: SyncWorkerOptions) {
    this.ctx = opts.ctx;
    this.fetchFn = opts.fetch ?? ((url, init) => fetch(url, init));
    this.pageGet = opts.fetch ? undefined : nodeGet;
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
    resealToken(this.ctx.db, this.secrets);
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
          this.markOffline(OFFLINE_MESSAGE);
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
    const { pending, rejected } = outboxCounts(this.ctx.db);
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
      pullProgress: this.pullProgress,
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

  // ------------------------------------------------------------------ parked operations (refused.ts)

  rejectedOps(opts: { includeReviewed?: boolean } = {}): RejectedOp[] {
    return listRejectedOps(this.ctx.db, opts);
  }

  /** A manager has seen a parked operation (the op itself is kept, as evidence). */
  acknowledgeRejected(seq: number, actor: Actor): void {
    acknowledgeRejected(this.ctx.db, this.clock.now(), seq, actor);
    this.emit();
  }

  // ------------------------------------------------------------------ schedule and back-off

  /** Backoff before attempt n+1 after n consecutive failures. */
  backoffMs(failures: number): number {
    const d = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, failures - 1));
    return Math.round(d / 2 + this.random() * (d / 2));
  }

  private row(): SyncRow {
    return readSyncRow(this.ctx.db, this.secrets);
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

  private markOffline(message: string): void {
    markOffline(this.ctx.db, this.clock.now(), message);
    this.failure = 'offline';
    this.emit();
  }

  /** One attempt: exchange with the hub, then either the poll interval or the back-off. */
  private async cycle(): Promise<void> {
    const row = this.row();
    if (!isEnrolled(row)) {
      this.emit();
      return;
    }
    if (this.online && !this.online.isOnline()) {
      this.markOffline(OFFLINE_MESSAGE);
      this.failures++;
      this.schedule(this.backoffMs(this.failures));
      return;
    }
    try {
      await this.exchange(row);
      markSynced(this.ctx.db, this.clock.now());
      this.failure = null;
      this.failures = 0;
      this.schedule(this.pollIntervalMs);
    } catch (err) {
      const now = this.clock.now();
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof HubUnreachable) {
        markOffline(this.ctx.db, now, message);
        this.failure = 'offline';
      } else {
        const text = err instanceof HubRefused && err.status === 401 && !/đăng ký lại/i.test(message) ? `${message} (Quầy cần được đăng ký lại.)` : message;
        markError(this.ctx.db, now, text);
        this.failure = 'error';
      }
      this.failures++;
      this.schedule(this.backoffMs(this.failures));
    }
    this.emit();
  }

  /** Push, pull, and whatever the hub's expected seq says is still owed (after a restore on either side). */
  private async exchange(row: EnrolledRow): Promise<void> {
    const link: HubLink = {
      client: { baseUrl: row.hub_url, token: row.token, fetch: this.fetchFn, pageGet: this.pageGet, clock: this.clock, timeoutMs: this.requestTimeoutMs },
      onAnswer: (a: Answer<unknown>) => {
        noteSkew(this.ctx.db, a);
        noteUpdatePolicy(this.ctx.db, a.update, this.clock.now());
        noteTrackingBase(this.ctx.db, a.headers);
      },
    };
    const recover = async (fromSeq: number): Promise<RecoverOutcome | null> => {
      const out = await recoverFromHub({ ...link, ctx: this.ctx, pageLimit: this.pullLimit }, fromSeq);
      if (out !== null) {
        this.lastRecovery = out;
        this.emit();
      }
      return out;
    };
    const push = () => pushAll({ ...link, ctx: this.ctx, batchSize: this.batchSize, stats: this.stats, onProgress: () => this.emit(), recover });
    const pull = async (): Promise<number> => {
      try {
        return await pullAll({ ...link, ctx: this.ctx, pullLimit: this.pullLimit, stats: this.stats, onReferenceChanged: this.onReferenceChanged }, row.counter_id, (p) => {
          this.pullProgress = p;
          this.emit();
        });
      } finally {
        this.pullProgress = null;
      }
    };

    // A store restored from a backup first takes back what the counter did after it.
    const mark = reconcileMark(this.ctx.db);
    if (mark) await recover(mark.fromSeq);
    await push();
    this.emit();
    let expectedSeq = await pull();
    const localMax = lastLocalSeq(this.ctx.db);
    if (expectedSeq > localMax + 1) {
      // The hub holds operations of ours this store never had (restored without the script).
      await recover(localMax + 1);
      await push();
      expectedSeq = await pull();
    }
    if (markLostForResend(this.ctx.db, expectedSeq) > 0) {
      await push();
      await pull();
    }
  }
}
