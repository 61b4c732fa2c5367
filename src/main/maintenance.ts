/**
 * Idle-time care of the local store: WAL checkpoints between citizens, a full integrity_check, and a
 * verified rotating backup once a day. Started by the Electron main process and browser mode.
 */
import { join } from 'node:path';
import type { Db } from './store/db';
import { integrityOk, rotatingBackup } from './store/db';

export interface MaintenanceOptions {
  /** How often the idle work runs. */
  intervalMs?: number;
  /** Minimum time between two backups. */
  backupEveryMs?: number;
  /** Reported when the integrity check fails or a backup cannot be written. */
  onProblem?: (message: string) => void;
  now?: () => number;
}

export interface MaintenanceResult {
  checkpointed: boolean;
  integrity: boolean | null;
  backup: string | null;
}

export function createMaintenance(db: Db, dataDir: string, opts: MaintenanceOptions = {}) {
  const now = opts.now ?? Date.now;
  const backupEveryMs = opts.backupEveryMs ?? 24 * 3600_000;
  let lastBackup = 0;
  let lastIntegrity = 0;
  let timer: NodeJS.Timeout | undefined;

  async function runOnce(): Promise<MaintenanceResult> {
    const result: MaintenanceResult = { checkpointed: false, integrity: null, backup: null };
    if (!db.open) return result;
    db.pragma('wal_checkpoint(PASSIVE)');
    result.checkpointed = true;
    if (now() - lastIntegrity >= backupEveryMs) {
      lastIntegrity = now();
      result.integrity = integrityOk(db);
      if (!result.integrity) opts.onProblem?.('Kiểm tra toàn vẹn cơ sở dữ liệu phát hiện lỗi. Hãy báo bộ phận CNTT.');
    }
    if (result.integrity !== false && now() - lastBackup >= backupEveryMs) {
      try {
        result.backup = await rotatingBackup(db, join(dataDir, 'backups'), 7, now);
        lastBackup = now();
      } catch (err) {
        opts.onProblem?.(`Không sao lưu được cơ sở dữ liệu: ${(err as Error).message}`);
      }
    }
    return result;
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => void runOnce(), opts.intervalMs ?? 30_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
