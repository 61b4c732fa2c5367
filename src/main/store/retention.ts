/**
 * Copies of the store are kept only as long as needed: quarantine copies (a corrupt store moved
 * aside, a store replaced by a restore, with their -wal/-shm and sealed keys) and backups
 * (the daily ones and those made before a migration) older than the retention are removed; the
 * newest daily backup is always kept, whatever its age. Run by maintenance with the daily backup.
 * Reports counts only, never names or content.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Retention {
  /** Quarantine copies older than this many days are removed. Default 30. */
  quarantineDays: number;
  /** Backups older than this many days are removed (the newest daily one is always kept). Default 30. */
  backupDays: number;
}

export const DEFAULT_RETENTION: Retention = { quarantineDays: 30, backupDays: 30 };

export interface Pruned {
  quarantine: number;
  backups: number;
}

const DAY = 24 * 3600_000;

/** When a copy was made: the UTC stamp in its name (the application's clock), else the file's time. */
function madeAt(file: string, name: string): number {
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(name);
  if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return statSync(file).mtimeMs;
}

/** The copy a companion file belongs to (-wal, -shm, -journal, a sealed key beside it). */
const copyOf = (name: string): string => name.replace(/(-wal|-shm|-journal|\.store-key\.json)$/, '');

function prune(dir: string, olderThan: number, keep: Set<string>): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const base = copyOf(name);
    if (keep.has(base) || /\.(part|encrypting|tmp)$/.test(name)) continue;
    const file = join(dir, name);
    if (madeAt(file, base) >= olderThan) continue;
    rmSync(file, { force: true });
    if (base === name) removed++;
  }
  return removed;
}

export function pruneStoreCopies(dataDir: string, now: number, retention: Retention = DEFAULT_RETENTION): Pruned {
  const backups = join(dataDir, 'backups');
  const daily = existsSync(backups) ? readdirSync(backups).filter((f) => /^backup-\d{8}T\d{6}\.sqlite$/.test(f)).sort() : [];
  const newest = new Set(daily.slice(-1));
  return {
    quarantine: prune(join(dataDir, 'quarantine'), now - retention.quarantineDays * DAY, new Set()),
    backups: prune(backups, now - retention.backupDays * DAY, newest),
  };
}
