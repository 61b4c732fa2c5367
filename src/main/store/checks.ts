/**
 * The store's full integrity check and its verified backup: one copy, used on the main connection
 * (db.ts, when the store worker is not running) and on the store worker's own connection
 * (worker/store-thread.ts). The worker opens files with the driver it loaded itself, so the way to
 * open the copy is passed in.
 */
import type { Db } from './driver';

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
 * A consistent copy of `db` at `target` (VACUUM INTO: one read transaction, so the writer goes on;
 * the copy is written with the connection's cipher and key — SQLite's online backup API cannot copy
 * between encrypted files), then the integrity check of the copy, switched to a rollback journal
 * first so that it stands alone (no -wal/-shm files travel with it). `open` opens the copy keyed.
 * Returns the copy's check result.
 */
export async function backupAndCheck(db: Db, target: string, open: OpenFile): Promise<string> {
  db.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
  const copy = open(target);
  try {
    copy.pragma('journal_mode = DELETE');
    return integrityReport(copy);
  } finally {
    copy.close();
  }
}
