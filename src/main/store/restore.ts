/**
 * Restoring a counter's store from one of its backups (scripts/restore-backup.ts, run by IT with the
 * application closed). The backup is checked first; the store it replaces is moved aside into
 * `quarantine/`, never deleted; the restored store is brought to this version's schema and marked
 * "reconcile before intake" (store/reconcile.ts): the first sync takes back from the hub what the
 * counter did after the backup, and only then are item numbers issued again.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, moveToQuarantine, openStore, StoreError, storeFile } from './db';
import { markReconcileRequired } from './reconcile';

export interface RestoreResult {
  /** Where the replaced store went (null when there was none). */
  replacedTo: string | null;
  /** The first operation number the restored store lacks; the hub is asked from there. */
  fromSeq: number;
  dossiers: number;
  /** Whether intake waits for the first sync (only for a counter enrolled with a hub). */
  reconcile: boolean;
}

/** Item numbers skipped after restoring a counter that has no hub to ask. */
export const UNENROLLED_SKIP = 10_000;

export function restoreFromBackup(dataDir: string, backupFile: string, now: () => number = Date.now): RestoreResult {
  if (!existsSync(backupFile)) throw new StoreError('BACKUP_MISSING', `Không tìm thấy tệp sao lưu ${backupFile}.`);
  let check: Database.Database | undefined;
  try {
    check = new Database(backupFile, { readonly: true, fileMustExist: true });
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new StoreError('BACKUP_BAD', `Tệp sao lưu không toàn vẹn (${String(ok)}); hãy chọn bản sao lưu khác.`);
    const v = check.pragma('user_version', { simple: true }) as number;
    if (v < 1 || v > latestVersion()) throw new StoreError('BACKUP_BAD', `Tệp sao lưu có phiên bản dữ liệu ${v}, phần mềm này không mở được.`);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError('BACKUP_BAD', `Không đọc được tệp sao lưu: ${(err as Error).message}`);
  } finally {
    check?.close();
  }

  mkdirSync(dataDir, { recursive: true });
  const file = storeFile(dataDir);
  const replacedTo = existsSync(file) ? moveToQuarantine(file, 'replaced', now) : null;
  copyFileSync(backupFile, file);
  const db = openStore(file, { now });
  try {
    const fromSeq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox').get() as { n: number }).n;
    // A counter never enrolled with a hub has nobody to take its later work back from: no mark, or
    // it could never take in a dossier again.
    const enrolled = (db.prepare('SELECT token IS NOT NULL AS e FROM sync_state WHERE id = 1').get() as { e: number } | undefined)?.e === 1;
    if (enrolled) markReconcileRequired(db, { fromSeq, restoredAt: now(), backup: basename(backupFile) });
    // Nor can it learn which item numbers it issued after the backup: skip well past them (a counter
    // takes in a few hundred dossiers a day; backups are kept a week).
    else db.prepare(`UPDATE serial_ranges SET next_serial = min(next_serial + ${UNENROLLED_SKIP}, last_serial + 1) WHERE status = 'active'`).run();
    const dossiers = (db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
    return { replacedTo, fromSeq, dossiers, reconcile: enrolled };
  } finally {
    db.close();
  }
}
