/**
 * Restoring a counter's store from one of its backups (scripts/restore-backup.ts, run by IT with the
 * application closed). The backup is checked first; the store it replaces is moved aside into
 * `quarantine/`, never deleted; the restored store is brought to this version's schema and marked
 * "reconcile before intake" (store/reconcile.ts): the first sync takes back from the hub what the
 * counter did after the backup, and only then are item numbers issued again.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
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

/**
 * What a restore is doing, for IT watching it (a store of a million dossiers takes minutes): the
 * step, how far the whole restore is (0–100) and a Vietnamese line to print.
 */
export interface RestoreProgress {
  step: 'check' | 'copy' | 'open' | 'done';
  percent: number;
  message: string;
}

/** Share of the whole restore each step ends at (the check and the copy dominate). */
const CHECKED = 40;
const COPIED = 90;

/** Copies in 8 MB chunks, reporting each tenth, then flushes the copy to disk. */
function copyWithProgress(from: string, to: string, onProgress: (done: number, total: number) => void): void {
  const src = openSync(from, 'r');
  const dst = openSync(to, 'w');
  try {
    const total = fstatSync(src).size;
    const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
    let done = 0;
    let reported = -1;
    for (;;) {
      const n = readSync(src, buf, 0, buf.length, done);
      if (n === 0) break;
      writeSync(dst, buf, 0, n);
      done += n;
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth > reported) {
        reported = tenth;
        onProgress(done, total);
      }
    }
    fsyncSync(dst);
  } finally {
    closeSync(src);
    closeSync(dst);
  }
}

const mb = (n: number): string => (n / 1_048_576).toFixed(1);

/** Item numbers skipped after restoring a counter that has no hub to ask. */
export const UNENROLLED_SKIP = 10_000;

export function restoreFromBackup(dataDir: string, backupFile: string, now: () => number = Date.now, onProgress: (p: RestoreProgress) => void = () => undefined): RestoreResult {
  if (!existsSync(backupFile)) throw new StoreError('BACKUP_MISSING', `Không tìm thấy tệp sao lưu ${backupFile}.`);
  let check: Database.Database | undefined;
  onProgress({ step: 'check', percent: 0, message: 'Đang kiểm tra tệp sao lưu (cơ sở dữ liệu lớn có thể mất vài phút)…' });
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
  onProgress({ step: 'copy', percent: CHECKED, message: 'Tệp sao lưu toàn vẹn. Đang chép vào thư mục dữ liệu…' });
  copyWithProgress(backupFile, file, (done, total) =>
    onProgress({ step: 'copy', percent: CHECKED + Math.floor(((COPIED - CHECKED) * done) / Math.max(total, 1)), message: `Đang chép: ${mb(done)} / ${mb(total)} MB` }),
  );
  onProgress({ step: 'open', percent: COPIED, message: 'Đang mở và nâng cấp dữ liệu đã khôi phục…' });
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
    onProgress({ step: 'done', percent: 100, message: `Đã khôi phục ${dossiers} hồ sơ.` });
    return { replacedTo, fromSeq, dossiers, reconcile: enrolled };
  } finally {
    db.close();
  }
}
