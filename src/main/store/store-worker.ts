/**
 * The store's heavy upkeep, off the main process's thread: a worker thread holds its own connection
 * to the store and
 * - copies the write-ahead log back into the database file (PRAGMA wal_checkpoint(PASSIVE)) when the
 *   log has grown past a threshold and the writer has been quiet for a moment (between citizens), or
 *   at once when the log passes a hard cap. PASSIVE never blocks the writer; the writer restarts the
 *   log from its beginning once everything in it has been copied;
 * - runs the full integrity_check and the online backup (with the copy's own integrity_check), which
 *   on a store of a million dossiers take minutes — on the main thread they would freeze the counter.
 *
 * Without it, every few hundred commits one clerk's commit would pay for copying thousands of pages
 * and syncing the database file. The main connection keeps a large wal_autocheckpoint as a backstop
 * (db.ts), used only if this worker is not running.
 */
import { Worker } from 'node:worker_threads';

export interface StoreWorkerOptions {
  /** Checkpoint in a quiet moment once the WAL file is at least this big. Default 4 MiB (~1,000 pages). */
  thresholdBytes?: number;
  /** Checkpoint even while the writer is busy once the WAL is this big. Default 32 MiB. */
  hardCapBytes?: number;
  /** How often the worker looks at the WAL. Default 100 ms. */
  intervalMs?: number;
  /** The writer counts as quiet when the WAL has not changed for this long. Default 300 ms. */
  quietMs?: number;
  /** Called with a Vietnamese message when the worker fails. */
  onProblem?: (message: string) => void;
}

export interface CheckpointStats {
  checkpoints: number;
  /** Frames in the WAL, and frames copied back, at the last checkpoint. */
  lastLogFrames: number;
  lastCopiedFrames: number;
  /** Checkpoints that could not copy everything (a reader held an older snapshot). */
  busy: number;
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

// Plain CommonJS run by the worker (eval), so that it needs no separate bundle entry in electron-vite.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const walFile = workerData.file + '-wal';
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 50');
const stats = { checkpoints: 0, lastLogFrames: 0, lastCopiedFrames: 0, busy: 0 };
let last = '';
let changedAt = Date.now();
let copiedKey = '';
let heavy = false;
function checkpoint() {
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    stats.checkpoints++;
    stats.lastLogFrames = r.log;
    stats.lastCopiedFrames = r.checkpointed;
    if (r.busy) stats.busy++;
    return r.busy === 0 && r.checkpointed === r.log;
  } catch (err) {
    if (err && (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED')) stats.busy++;
    else throw err;
    return false;
  }
}
function tick(force) {
  if (heavy) return;
  let st;
  try { st = statSync(walFile); } catch { return; }
  const key = st.size + ':' + st.mtimeMs;
  if (key !== last) { last = key; changedAt = Date.now(); }
  // Nothing written since the last checkpoint: the log is already copied (the file keeps its size
  // until the writer restarts it).
  if (key === copiedKey) return;
  const quiet = Date.now() - changedAt >= workerData.quietMs;
  if (st.size >= workerData.hardCapBytes || (st.size >= workerData.thresholdBytes && (quiet || force))) {
    if (checkpoint()) {
      try { const after = statSync(walFile); copiedKey = after.size + ':' + after.mtimeMs; } catch { copiedKey = ''; }
    }
  }
}
const timer = setInterval(() => tick(false), workerData.intervalMs);
parentPort.on('message', async (m) => {
  if (m.type === 'nudge') tick(true);
  else if (m.type === 'stats') parentPort.postMessage({ id: m.id, value: stats });
  else if (m.type === 'integrity') {
    heavy = true;
    try {
      const rows = db.pragma('integrity_check').map((r) => r.integrity_check);
      parentPort.postMessage({ id: m.id, value: rows.join('; ') });
    } catch (err) { parentPort.postMessage({ id: m.id, error: String(err && err.message || err) }); }
    finally { heavy = false; }
  } else if (m.type === 'backup') {
    heavy = true;
    try {
      await db.backup(m.target);
      const copy = new Database(m.target);
      try {
        copy.pragma('journal_mode = DELETE');
        const rows = copy.pragma('integrity_check').map((r) => r.integrity_check);
        parentPort.postMessage({ id: m.id, value: rows.join('; ') });
      } finally { copy.close(); }
    } catch (err) { parentPort.postMessage({ id: m.id, error: String(err && err.message || err) }); }
    finally { heavy = false; }
  } else if (m.type === 'stop') { clearInterval(timer); db.close(); parentPort.close(); }
});
`;

/**
 * In the packaged app the driver sits in app.asar.unpacked (electron-builder.yml, asarUnpack); a
 * worker thread loads it from there with plain file access rather than through the asar shim.
 */
export function unpackedPath(p: string): string {
  return p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

export function startStoreWorker(file: string, opts: StoreWorkerOptions = {}): StoreWorker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: unpackedPath(require.resolve('better-sqlite3')),
      thresholdBytes: opts.thresholdBytes ?? 4 * 1024 * 1024,
      hardCapBytes: opts.hardCapBytes ?? 32 * 1024 * 1024,
      intervalMs: opts.intervalMs ?? 100,
      quietMs: opts.quietMs ?? 300,
    },
  });
  worker.unref();
  let alive = true;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
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
  function ask<T>(msg: Record<string, unknown>): Promise<T> {
    if (!alive) return Promise.reject(new Error('Tiến trình bảo trì cơ sở dữ liệu không chạy.'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: never) => void, reject });
      // Keep the process alive while an answer is owed (the worker itself never does).
      worker.ref();
      worker.postMessage({ ...msg, id });
    });
  }
  return {
    nudge() {
      if (alive) worker.postMessage({ type: 'nudge' });
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
        worker.postMessage({ type: 'stop' });
      }
      await exited;
    },
  };
}
