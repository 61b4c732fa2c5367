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
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type DriverModule from '../driver';
import type { Db } from '../driver';
import { backupAndCheck, integrityReport } from '../checks';
import { keyConnection } from '../cipher';
import type { CheckpointStats, Reply, Request, StoreWorkerData } from './protocol';

type Driver = typeof DriverModule;

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Decides when to checkpoint, from what the WAL file's size and time say. */
class Checkpointer {
  readonly stats: CheckpointStats = { checkpoints: 0, lastLogFrames: 0, lastCopiedFrames: 0, busy: 0 };
  /** True while an integrity check or a backup runs: no checkpoint then. */
  heavy = false;
  private last = '';
  private changedAt = Date.now();
  private copiedKey = '';
  private readonly walFile: string;

  constructor(
    private readonly db: Db,
    private readonly data: StoreWorkerData,
  ) {
    this.walFile = `${data.file}-wal`;
  }

  tick(force: boolean): void {
    if (this.heavy) return;
    const key = this.walKey();
    if (key === null) return;
    if (key.text !== this.last) {
      this.last = key.text;
      this.changedAt = Date.now();
    }
    // Nothing written since the last checkpoint: the log is already copied (the file keeps its size
    // until the writer restarts it).
    if (key.text === this.copiedKey) return;
    const quiet = Date.now() - this.changedAt >= this.data.quietMs;
    const due = key.size >= this.data.hardCapBytes || (key.size >= this.data.thresholdBytes && (quiet || force));
    if (due && this.checkpoint()) this.copiedKey = this.walKey()?.text ?? '';
  }

  private walKey(): { size: number; text: string } | null {
    try {
      const st = statSync(this.walFile);
      return { size: st.size, text: `${st.size}:${st.mtimeMs}` };
    } catch {
      return null;
    }
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
  const cp = new Checkpointer(db, data);
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
      db.close();
      port.close();
    }
  });
}

if (parentPort) runStoreWorker(parentPort, workerData as StoreWorkerData);
