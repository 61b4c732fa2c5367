/**
 * The store's full integrity check and its verified backup: one copy, used on the main connection
 * (db.ts, when the store worker is not running) and on the store worker's own connection
 * (worker/store-thread.ts). The worker opens files with the driver it loaded itself, so the way to
 * open the copy is passed in.
 */
import type { Database as Db } from 'better-sqlite3';

/** Opens a database file with the caller's driver. */
export type OpenFile = (file: string) => Db;

/**
 * `PRAGMA integrity_check`: 'ok', or every problem found, joined. Damage bad enough that SQLite
 * cannot even walk the file (SQLITE_CORRUPT, SQLITE_NOTADB) is a finding too, not a crash of the check.
 */
export function integrityReport(db: Db): string {
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) return `${code}: ${(err as Error).message}`;
    throw err;
  }
}

/**
 * Online backup of `db` to `target`, then the integrity check of the copy, switched to a rollback
 * journal first so that it stands alone (no -wal/-shm files travel with it). Returns the copy's
 * check result.
 */
export async function backupAndCheck(db: Db, target: string, open: OpenFile): Promise<string> {
  await db.backup(target);
  const copy = open(target);
  try {
    copy.pragma('journal_mode = DELETE');
    return integrityReport(copy);
  } finally {
    copy.close();
  }
}
