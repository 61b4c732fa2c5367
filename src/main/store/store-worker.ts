/**
 * The store's heavy upkeep, off the main process's thread: a worker thread holds its own connection
 * to the store and
 * - copies the write-ahead log back into the database file (PRAGMA wal_checkpoint(PASSIVE)) when the
 *   log holds more than a threshold not yet copied back (read from the wal-index, worker/wal-index.ts)
 *   and the writer has been quiet for a moment (between citizens), or at once when it passes a hard
 *   cap. PASSIVE never blocks the writer; the writer restarts the log from its beginning once
 *   everything in it has been copied, which costs its next commit one more fsync (the new log
 *   header), so the threshold keeps that to about one commit in thirty intakes;
 * - runs the full integrity_check and the online backup (with the copy's own integrity_check), which
 *   on a store of a million dossiers take minutes — on the main thread they would freeze the counter.
 *
 * Without it, every few hundred commits one clerk's commit would pay for copying thousands of pages
 * and syncing the database file. The main connection keeps a large wal_autocheckpoint as a backstop
 * (db.ts), used only if this worker is not running.
 */
import { Worker } from 'node:worker_threads';
import type { StoreKey } from './cipher';
import { driverEntry } from './driver';
import { locateStoreWorker, unpackedPath } from './worker/locate';
import type { CheckpointStats, CopiedNotice, Reply, Request, StoreWorkerData } from './worker/protocol';

export type { CheckpointStats } from './worker/protocol';
export { unpackedPath } from './worker/locate';

export interface StoreWorkerOptions {
  /** Checkpoint in a quiet moment once the log holds this much not yet copied back (the wal-index
   * says; not the WAL file's size, which stays at its largest). Default 4 MiB (~1,000 pages, some
   * thirty intakes). */
  thresholdBytes?: number;
  /** Checkpoint even while the writer is busy once the log holds this much. Default 32 MiB. */
  hardCapBytes?: number;
  /** How often the worker looks at the WAL. Default 100 ms. */
  intervalMs?: number;
  /** The writer counts as quiet when the WAL has not changed for this long. Default 300 ms. */
  quietMs?: number;
  /** Called with a Vietnamese message when the worker fails. */
  onProblem?: (message: string) => void;
  /**
   * Called when a checkpoint copied the whole log back: the next commit restarts the log, with one
   * more fsync (its new header). Maintenance makes that commit at once (store/db.ts restartLog), in
   * the quiet moment the checkpoint ran in, rather than leave it to the clerk's next intake.
   */
  onCopied?: () => void;
  /** The store's key (store/db.ts keyOf); absent for a plain database. */
  key?: StoreKey;
}

export interface StoreWorker {
  /** Look at the WAL now. */
  nudge(): void;
  stats(): Promise<CheckpointStats>;
  /** `PRAGMA integrity_check` on the worker's connection: 'ok' or the problems found. */
  integrityCheck(): Promise<string>;
  /** Online backup to `target`, then integrity_check of the copy (switched to a rollback journal so
   * it stands alone). Resolves with the copy's check result. */
  backupTo(target: string): Promise<string>;
  readonly running: boolean;
  stop(): Promise<void>;
}

/** A request that is answered, before it gets its id. */
type Question = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function startStoreWorker(file: string, opts: StoreWorkerOptions = {}): StoreWorker {
  const workerData: StoreWorkerData = {
    file,
    driver: unpackedPath(driverEntry()),
    ...(opts.key ? { key: opts.key.toString('hex') } : {}),
    thresholdBytes: opts.thresholdBytes ?? 4 * 1024 * 1024,
    hardCapBytes: opts.hardCapBytes ?? 32 * 1024 * 1024,
    intervalMs: opts.intervalMs ?? 100,
    quietMs: opts.quietMs ?? 300,
  };
  const worker = new Worker(locateStoreWorker(), { workerData });
  worker.unref();
  let alive = true;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: Reply | CopiedNotice) => {
    if ('notice' in m) {
      opts.onCopied?.();
      return;
    }
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (waiting.size === 0) worker.unref();
    if (m.error !== undefined) w.reject(new Error(m.error));
    else w.resolve(m.value as never);
  });
  worker.on('error', (err) => {
    alive = false;
    opts.onProblem?.(`Tiến trình bảo trì cơ sở dữ liệu gặp lỗi: ${err.message}`);
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      alive = false;
      for (const w of waiting.values()) w.reject(new Error('Tiến trình bảo trì cơ sở dữ liệu đã dừng.'));
      waiting.clear();
      resolve();
    }),
  );
  const send = (msg: Request) => worker.postMessage(msg);
  function ask<T>(msg: Question): Promise<T> {
    if (!alive) return Promise.reject(new Error('Tiến trình bảo trì cơ sở dữ liệu không chạy.'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: never) => void, reject });
      // Keep the process alive while an answer is owed (the worker itself never does).
      worker.ref();
      send({ ...msg, id } as Request);
    });
  }
  return {
    nudge() {
      if (alive) send({ type: 'nudge' });
    },
    stats: () => ask<CheckpointStats>({ type: 'stats' }),
    integrityCheck: () => ask<string>({ type: 'integrity' }),
    backupTo: (target) => ask<string>({ type: 'backup', target }),
    get running() {
      return alive;
    },
    async stop() {
      if (alive) {
        worker.ref();
        send({ type: 'stop' });
      }
      await exited;
    },
  };
}
