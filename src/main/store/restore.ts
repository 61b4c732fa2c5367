/**
 * Restoring a counter's store from one of its backups (scripts/restore-backup.ts, run by IT with the
 * application closed). The backup is checked first; the store it replaces is moved aside into
 * `quarantine/`, never deleted; the restored store is brought to this version's schema and marked
 * "reconcile before intake" (store/reconcile.ts): the first sync takes back from the hub what the
 * counter did after the backup, and only then are item numbers issued again.
 */
import { closeSync, copyFileSync, existsSync, fstatSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './driver';
import { isPlainDatabase, type StoreKey } from './cipher';
import { latestVersion, moveToQuarantine, openCopy, openStore, StoreError, storeFile } from './db';
import type { OsKeyStore } from './key-store';
import { fileKeyStore } from './key-store';
import { ensurePrivateDir, PRIVATE_FILE } from './private-files';
import { markReconcileRequired } from './reconcile';
import { fromRecoveryCode } from './recovery-code';
import { keyFilePath, prepareStoreKey, readStoreKey, writeStoreKey } from './store-key';

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
  const dst = openSync(to, 'w', PRIVATE_FILE);
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

/** What opens an encrypted backup: this machine's sealed key, or the counter's recovery code. */
export interface RestoreAccess {
  /** This machine's OS key store (default: the stand-in of browser mode and scripts). */
  keyStore?: OsKeyStore;
  /** The recovery code of the counter the backup comes from (a new machine has no key of its own). */
  recoveryCode?: string;
}

export const BACKUP_KEY_NEEDED_MESSAGE =
  'Không đọc được tệp sao lưu: tệp được mã hoá bằng khoá mà máy này không có (hoặc tệp đã hỏng). Hãy nhập mã khôi phục của quầy (in khi cài đặt, trưởng bưu cục giữ): npm run restore -- <tệp sao lưu> --recovery-code <mã>. Không có gì bị thay đổi.';
export const BACKUP_KEY_WRONG_MESSAGE =
  'Không đọc được tệp sao lưu bằng mã khôi phục (hoặc khoá trên máy này): đó là mã của quầy khác, hoặc tệp đã hỏng. Không có gì bị thay đổi.';

/** The key to try: the recovery code's when given (checked before anything else), else this machine's sealed one. */
function candidateKey(dataDir: string, keyStore: OsKeyStore, access: RestoreAccess): StoreKey | null {
  if (access.recoveryCode !== undefined) return fromRecoveryCode(access.recoveryCode);
  try {
    return readStoreKey(dataDir, keyStore);
  } catch {
    return null;
  }
}

/**
 * Opens the backup for its check: plain as it is, encrypted with the key. Refusals say which: no
 * key of its own on this machine (BACKUP_KEY_NEEDED: enter the recovery code), or a code that does
 * not open it (BACKUP_KEY_WRONG).
 */
function openBackup(backupFile: string, key: StoreKey | null, fromCode: boolean): { db: Db; encrypted: boolean } {
  if (isPlainDatabase(backupFile)) return { db: openCopy(backupFile, undefined, { readonly: true, fileMustExist: true }), encrypted: false };
  if (!key) throw new StoreError('BACKUP_KEY_NEEDED', BACKUP_KEY_NEEDED_MESSAGE);
  try {
    return { db: openCopy(backupFile, key, { readonly: true, fileMustExist: true }), encrypted: true };
  } catch (err) {
    if ((err as { code?: string }).code !== 'STORE_KEY_WRONG') throw err;
    throw fromCode ? new StoreError('BACKUP_KEY_WRONG', BACKUP_KEY_WRONG_MESSAGE) : new StoreError('BACKUP_KEY_NEEDED', BACKUP_KEY_NEEDED_MESSAGE);
  }
}

/** Checks the backup; returns whether it is encrypted (with `key`). Throws StoreError with the reason. */
function checkBackup(backupFile: string, key: StoreKey | null, fromCode: boolean): boolean {
  let check: Db | undefined;
  try {
    const opened = openBackup(backupFile, key, fromCode);
    check = opened.db;
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new StoreError('BACKUP_BAD', `Tệp sao lưu không toàn vẹn (${String(ok)}); hãy chọn bản sao lưu khác.`);
    const v = check.pragma('user_version', { simple: true }) as number;
    if (v < 1 || v > latestVersion()) throw new StoreError('BACKUP_BAD', `Tệp sao lưu có phiên bản dữ liệu ${v}, phần mềm này không mở được.`);
    return opened.encrypted;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError('BACKUP_BAD', `Không đọc được tệp sao lưu: ${(err as Error).message}`);
  } finally {
    check?.close();
  }
}

/**
 * Moves the store and its sealed key aside into quarantine (the key goes with it: the old store
 * may have been encrypted with another key than the backup's).
 */
function setAside(dataDir: string, now: () => number): string | null {
  const file = storeFile(dataDir);
  if (!existsSync(file)) return null;
  const target = moveToQuarantine(file, 'replaced', now);
  if (existsSync(keyFilePath(dataDir))) {
    copyFileSync(keyFilePath(dataDir), join(dirname(target), `${basename(target)}.store-key.json`));
    rmSync(keyFilePath(dataDir));
  }
  return target;
}

export function restoreFromBackup(
  dataDir: string,
  backupFile: string,
  now: () => number = Date.now,
  onProgress: (p: RestoreProgress) => void = () => undefined,
  access: RestoreAccess = {},
): RestoreResult {
  if (!existsSync(backupFile)) throw new StoreError('BACKUP_MISSING', `Không tìm thấy tệp sao lưu ${backupFile}.`);
  const keyStore = access.keyStore ?? fileKeyStore();
  const key = candidateKey(dataDir, keyStore, access);
  onProgress({ step: 'check', percent: 0, message: 'Đang kiểm tra tệp sao lưu (cơ sở dữ liệu lớn có thể mất vài phút)…' });
  const encrypted = checkBackup(backupFile, key, access.recoveryCode !== undefined);

  ensurePrivateDir(dataDir);
  const file = storeFile(dataDir);
  const replacedTo = setAside(dataDir, now);
  onProgress({ step: 'copy', percent: CHECKED, message: 'Tệp sao lưu toàn vẹn. Đang chép vào thư mục dữ liệu…' });
  copyWithProgress(backupFile, file, (done, total) =>
    onProgress({ step: 'copy', percent: CHECKED + Math.floor(((COPIED - CHECKED) * done) / Math.max(total, 1)), message: `Đang chép: ${mb(done)} / ${mb(total)} MB` }),
  );
  // The backup's key, sealed again with this machine's protection (a plain backup of an earlier
  // version gets a new key and is converted when opened).
  if (encrypted && key) writeStoreKey(dataDir, keyStore, key, now);
  onProgress({ step: 'open', percent: COPIED, message: 'Đang mở và nâng cấp dữ liệu đã khôi phục…' });
  const db = openStore(file, { now, key: prepareStoreKey(dataDir, keyStore, { now }) });
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

/**
 * A data folder whose store is intact but whose sealed key is missing or from another machine (the
 * folder was copied to a new PC): the recovery code is checked against the store, then sealed here.
 * Nothing is written when it does not open the store.
 */
export function restoreKey(dataDir: string, recoveryCode: string, keyStore: OsKeyStore = fileKeyStore(), now: () => number = Date.now): void {
  const key = fromRecoveryCode(recoveryCode);
  const file = storeFile(dataDir);
  if (!existsSync(file)) throw new StoreError('STORE_MISSING', `Không có cơ sở dữ liệu trong ${dataDir}.`);
  try {
    openCopy(file, key, { fileMustExist: true }).close();
  } catch (err) {
    if ((err as { code?: string }).code === 'STORE_KEY_WRONG') throw new StoreError('BACKUP_KEY_WRONG', BACKUP_KEY_WRONG_MESSAGE);
    throw err;
  }
  writeStoreKey(dataDir, keyStore, key, now);
}
