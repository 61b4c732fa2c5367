/**
 * The store worker's thread (started by ../store-worker.ts; built by electron-vite as its own bundle,
 * see locate.ts). It holds its own connection to the store and
 * - copies the write-ahead log back into the database file (PRAGMA wal_checkpoint(PASSIVE)) when the
 *   log has grown past a threshold and the writer has been quiet for a moment, or at once past a hard
 *   cap. PASSIVE never blocks the writer;
 * - runs the full integrity check and the verified backup (../checks.ts) on request, which on a
 *   store of a million dossiers take minutes.
 *
 * The driver is loaded from the path the main thread gives (in the packaged app: app.asar.unpacked),
 * with plain file access.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type DriverModule from '../driver';
import type { Db } from '../driver';
import { backupAndCheck, integrityReport } from '../checks';
import { keyConnection } from '../cipher';
import type { CheckpointStats, CopiedNotice, Reply, Request, StoreWorkerData } from './protocol';
import { WAL_INDEX_HEADER, walStateOf, type WalState } from './wal-index';

type Driver = typeof DriverModule;

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Decides when to checkpoint, from what the wal-index says the log holds and when it last changed. */
class Checkpointer {
  readonly stats: CheckpointStats = { checkpoints: 0, lastLogFrames: 0, lastCopiedFrames: 0, busy: 0 };
  /** True while an integrity check or a backup runs: no checkpoint then. */
  heavy = false;
  private last = '';
  private changedAt = Date.now();
  private readonly shmFile: string;
  private shm: number | null = null;
  private readonly header = Buffer.alloc(WAL_INDEX_HEADER);

  constructor(
    private readonly db: Db,
    private readonly data: StoreWorkerData,
    /** Called when a checkpoint copied the whole log back. */
    private readonly onCopied: () => void,
  ) {
    this.shmFile = `${data.file}-shm`;
  }

  tick(force: boolean): void {
    if (this.heavy) return;
    const state = this.walState();
    if (state === null) return;
    if (state.key !== this.last) {
      this.last = state.key;
      this.changedAt = Date.now();
    }
    // Nothing waiting: the log was copied back (the writer restarts it at its next commit).
    if (state.pendingBytes === 0) return;
    const quiet = Date.now() - this.changedAt >= this.data.quietMs;
    const due = state.pendingBytes >= this.data.hardCapBytes || (state.pendingBytes >= this.data.thresholdBytes && (quiet || force));
    if (due && this.checkpoint()) this.onCopied();
  }

  private walState(): WalState | null {
    try {
      this.shm ??= openSync(this.shmFile, 'r');
      const n = readSync(this.shm, this.header, 0, WAL_INDEX_HEADER, 0);
      return n === WAL_INDEX_HEADER ? walStateOf(this.header) : null;
    } catch {
      // No -shm yet (the store is not in WAL mode yet, or the main connection has not opened it).
      this.close();
      return null;
    }
  }

  close(): void {
    if (this.shm !== null) closeSync(this.shm);
    this.shm = null;
  }

  /** True when everything in the log was copied back. */
  private checkpoint(): boolean {
    try {
      const r = (this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[])[0]!;
      this.stats.checkpoints++;
      this.stats.lastLogFrames = r.log;
      this.stats.lastCopiedFrames = r.checkpointed;
      if (r.busy) this.stats.busy++;
      return r.busy === 0 && r.checkpointed === r.log;
    } catch (err) {
      const code = (err as { code?: string } | null)?.code;
      if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw err;
      this.stats.busy++;
      return false;
    }
  }
}

/** Runs the worker on `port` until asked to stop. Exported for the thread's entry below. */
export function runStoreWorker(port: MessagePort, data: StoreWorkerData): void {
  const Database = createRequire(__filename)(data.driver) as Driver;
  const key = data.key !== undefined ? Buffer.from(data.key, 'hex') : undefined;
  /** Opens the store or a copy of it, keyed like the main connection. */
  const open = (file: string, options?: { fileMustExist?: boolean }): Db => {
    const d = new Database(file, options);
    try {
      if (key) keyConnection(d, key);
      return d;
    } catch (err) {
      d.close();
      throw err;
    }
  };
  let db: Db;
  try {
    db = open(data.file, { fileMustExist: true });
  } catch (err) {
    // The driver's own error class does not survive the trip to the main thread; its message does.
    throw new Error(`cannot open ${data.file}: ${errorText(err)}`);
  }
  db.pragma('busy_timeout = 50');
  const cp = new Checkpointer(db, data, () => port.postMessage({ notice: 'copied' } satisfies CopiedNotice));
  const timer = setInterval(() => cp.tick(false), data.intervalMs);

  /** Heavy work: answered with its value or its error; no checkpoint meanwhile. */
  async function answer(id: number, work: () => Promise<unknown> | unknown): Promise<void> {
    cp.heavy = true;
    let reply: Reply;
    try {
      reply = { id, value: await work() };
    } catch (err) {
      reply = { id, error: errorText(err) };
    } finally {
      cp.heavy = false;
    }
    port.postMessage(reply);
  }

  port.on('message', (m: Request) => {
    if (m.type === 'nudge') cp.tick(true);
    else if (m.type === 'stats') port.postMessage({ id: m.id, value: cp.stats } satisfies Reply);
    else if (m.type === 'integrity') void answer(m.id, () => integrityReport(db));
    else if (m.type === 'backup') void answer(m.id, () => backupAndCheck(db, m.target, (f) => open(f)));
    else if (m.type === 'stop') {
      clearInterval(timer);
      cp.close();
      db.close();
      port.close();
    }
  });
}

if (parentPort) runStoreWorker(parentPort, workerData as StoreWorkerData);
