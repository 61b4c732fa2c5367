/**
 * Care of the local store beside the clerk's work: WAL checkpoints, the deferred full-text index
 * brought up to date, a full integrity_check and a verified rotating backup once a day. The heavy
 * parts (checkpoints, integrity_check, backup) run in the store worker's thread (store/store-worker.ts)
 * so that they never hold up a commit or freeze the screen; without the worker they run here, on the
 * main connection. Started by the Electron main process and browser mode.
 */
import { join } from 'node:path';
import type { Db } from './store/db';
import { integrityOk, keyOf, newestBackupTime, restartLog, rotatingBackup } from './store/db';
import type { StoreWorker, StoreWorkerOptions } from './store/store-worker';
import { startStoreWorker } from './store/store-worker';
import { catchUpSearchIndex } from './store/search-index';
import type { PurgeCounts } from './services/retention';
import { purgePersonalData } from './services/retention';
import type { Pruned, Retention } from './store/retention';
import { DEFAULT_RETENTION, pruneStoreCopies } from './store/retention';

export interface MaintenanceOptions {
  /** How often the idle work runs. */
  intervalMs?: number;
  /** Minimum time between two backups (and two full integrity checks). */
  backupEveryMs?: number;
  /** Reported when the integrity check fails or a backup cannot be written. */
  onProblem?: (message: string) => void;
  now?: () => number;
  /** Minimum time between two purges of personal data past its retention period (default a day). */
  purgeEveryMs?: number;
  /** Told the counts (never content) of a purge that removed something. */
  onPurge?: (counts: PurgeCounts) => void;
  /** Options of the store worker; `false` keeps everything on the main connection. */
  worker?: StoreWorkerOptions | false;
  /** How long quarantine copies and backups are kept (store/retention.ts); default 30 days each. */
  retention?: Retention;
  /** Told how many copies the daily pruning removed (counts only; for the main log). */
  onPruned?: (pruned: Pruned) => void;
}

export interface MaintenanceResult {
  checkpointed: boolean;
  integrity: boolean | null;
  backup: string | null;
  /** The counts of this round's retention purge, when one ran. */
  purged: PurgeCounts | null;
  /** Copies removed by the retention this round (null when it did not run). */
  pruned: Pruned | null;
}

export function createMaintenance(db: Db, dataDir: string, opts: MaintenanceOptions = {}) {
  const now = opts.now ?? Date.now;
  const backupEveryMs = opts.backupEveryMs ?? 24 * 3600_000;
  // A restart does not start the day's backup and full check over: they are due a day after the
  // newest verified backup on disk (one dated in the future, after the clock was set back, counts as none).
  const onDisk = newestBackupTime(join(dataDir, 'backups'));
  let lastBackup = onDisk <= now() ? onDisk : 0;
  let lastIntegrity = lastBackup;
  const purgeEveryMs = opts.purgeEveryMs ?? 24 * 3600_000;
  let lastPurge = 0;
  // Pruning runs in the first round after a start, then daily with the backup.
  let lastPrune = -Infinity;

  function prune(): Pruned | null {
    try {
      const pruned = pruneStoreCopies(dataDir, now(), opts.retention ?? DEFAULT_RETENTION);
      opts.onPruned?.(pruned);
      return pruned;
    } catch (err) {
      opts.onProblem?.(`Không dọn được bản sao cũ của cơ sở dữ liệu: ${(err as Error).message}`);
      return null;
    }
  }
  let timer: NodeJS.Timeout | undefined;
  let worker: StoreWorker | undefined;
  let running: Promise<MaintenanceResult> | undefined;

  const live = () => (worker?.running ? worker : undefined);

  /** restartLog, whose failure costs nothing but the fsync it would have saved (the next commit restarts the log). */
  function restartQuietly(): void {
    try {
      restartLog(db, now);
    } catch {
      // A store that cannot take one meta row is reported by the next integrity check or commit.
    }
  }

  async function integrity(): Promise<boolean> {
    const w = live();
    if (!w) return integrityOk(db);
    return (await w.integrityCheck()) === 'ok';
  }

  async function once(): Promise<MaintenanceResult> {
    const result: MaintenanceResult = { checkpointed: false, integrity: null, backup: null, purged: null, pruned: null };
    if (!db.open) return result;
    const w = live();
    if (w) w.nudge();
    else db.pragma('wal_checkpoint(PASSIVE)');
    result.checkpointed = true;
    catchUpSearchIndex(db);
    if (now() - lastPurge >= purgeEveryMs) result.purged = purge();
    if (now() - lastIntegrity >= backupEveryMs) {
      lastIntegrity = now();
      try {
        result.integrity = await integrity();
      } catch (err) {
        result.integrity = null;
        opts.onProblem?.(`Không kiểm tra được cơ sở dữ liệu: ${(err as Error).message}`);
      }
      if (result.integrity === false) opts.onProblem?.('Kiểm tra toàn vẹn cơ sở dữ liệu phát hiện lỗi. Hãy báo bộ phận CNTT.');
    }
    if (result.integrity !== false && now() - lastBackup >= backupEveryMs) {
      try {
        const ww = live();
        result.backup = await rotatingBackup(db, join(dataDir, 'backups'), 7, now, ww ? (tmp) => ww.backupTo(tmp) : undefined);
        lastBackup = now();
      } catch (err) {
        opts.onProblem?.(`Không sao lưu được cơ sở dữ liệu: ${(err as Error).message}`);
      }
    }
    if (now() - lastPrune >= backupEveryMs) {
      lastPrune = now();
      result.pruned = prune();
    }
    return result;
  }

  function purge(): PurgeCounts | null {
    lastPurge = now();
    try {
      const { more, ...counts } = purgePersonalData(db, { now }, { maxBatches: 4 });
      // A backlog continues at the next round instead of holding the main thread.
      if (more) lastPurge = 0;
      if (counts.dossiers + counts.cases + counts.printJobs > 0) opts.onPurge?.(counts);
      return counts;
    } catch (err) {
      opts.onProblem?.(`Không xoá được dữ liệu cá nhân đã hết thời hạn lưu: ${(err as Error).message}`);
      return null;
    }
  }

  /** One round of upkeep; a round asked for while one is running waits for it instead of overlapping. */
  function runOnce(): Promise<MaintenanceResult> {
    if (!running) running = once().finally(() => (running = undefined));
    return running;
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      if (opts.worker !== false && db.name !== ':memory:') {
        const key = keyOf(db);
        worker = startStoreWorker(db.name, {
          ...opts.worker,
          onProblem: opts.worker?.onProblem ?? opts.onProblem,
          // The log restarts with a commit of its own, in the quiet moment of the checkpoint.
          onCopied: opts.worker?.onCopied ?? (() => setImmediate(restartQuietly)),
          ...(key ? { key } : {}),
        });
      }
      timer = setInterval(() => void runOnce(), opts.intervalMs ?? 30_000);
      timer.unref();
    },
    /** The store worker, while running. */
    get worker(): StoreWorker | undefined {
      return live();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      const w = worker;
      worker = undefined;
      await w?.stop();
    },
  };
}
