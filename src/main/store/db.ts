/**
 * Opening the local SQLite store: durability pragmas, a quick_check at start, migrations on
 * PRAGMA user_version (backed up first, one transaction each, a newer database refused), and
 * rotating verified backups.
 */
import Database from './driver';
import type { Db } from './driver';
import { existsSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../../shared/errors';
import { backupAndCheck, integrityReport } from './checks';
import { keyConnection, type StoreKey } from './cipher';
import { ensurePrivateDir, makePrivate, writePrivateFileOnce } from './private-files';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';

export type { Db };

export interface OpenOptions {
  /** Ordered migrations; defaults to the application's. */
  migrations?: Migration[];
  /** Where pre-migration and rotating backups go; defaults to `<dir>/backups`. */
  backupDir?: string;
  /** Clock for backup file names. */
  now?: () => number;
  /**
   * The store key (store-key.ts): the store, its WAL and every copy are encrypted with it. Absent:
   * a plain database (unit tests of migrations and benches' plain baseline only; the application
   * always passes one).
   */
  key?: StoreKey;
}

export class StoreError extends DomainError {}

export function latestVersion(list: Migration[] = allMigrations): number {
  return list.reduce((m, x) => Math.max(m, x.version), 0);
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted and overwritten content is zeroed in the file, so a citizen's details purged after their
  // retention period (services/retention.ts) cannot be read back from free space (issue 15 §2).
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  // 64 MiB of pages kept decrypted: with the cipher every page read from the OS costs a decryption,
  // and with 32 MiB an exact lookup at 100,000 dossiers spent ~40% more CPU encrypted than plain
  // (82 vs 59 µs by item number, 221 vs 148 by ID); with 128 MiB both were equal. 64 MiB keeps the
  // main process within its memory goal (main_rss_mb ≤ 250 at 1M dossiers, startup.bench.ts).
  db.pragma('cache_size = -65536');
  // Checkpoints run in a worker thread beside the writer (store-worker.ts, started with maintenance);
  // the automatic one is a backstop for when that worker is not running, so that a clerk's commit
  // practically never pays for copying the WAL back. The log is trimmed after a checkpoint.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 67108864');
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

/**
 * When the newest verified backup in `backupDir` was written (from its name, UTC), or 0 when there is
 * none. A backup is only kept after its integrity_check passed, so this is also the last full check.
 */
export function newestBackupTime(backupDir: string): number {
  if (!existsSync(backupDir)) return 0;
  const names = readdirSync(backupDir).filter((f) => /^backup-\d{8}T\d{6}\.sqlite$/.test(f)).sort();
  const m = /^backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(names.at(-1) ?? '');
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : 0;
}

/** The store's file in a data folder. */
export function storeFile(dataDir: string): string {
  return join(dataDir, 'quay-hcc.sqlite');
}

/**
 * Moves a store file aside into `quarantine/` beside it (never deleted), together with its -wal and
 * -shm files so that no stale log is left for a new file of the same name. Returns the new path.
 */
export function moveToQuarantine(file: string, reason: string, now: () => number): string {
  const quarantine = join(dirname(file), 'quarantine');
  ensurePrivateDir(quarantine);
  const target = join(quarantine, `${basename(file)}.${stamp(now())}.${reason}`);
  renameSync(file, target);
  for (const ext of ['-wal', '-shm']) if (existsSync(file + ext)) renameSync(file + ext, target + ext);
  return target;
}

/**
 * Opens (creating if needed) the store at `file`. Throws StoreError with a Vietnamese message if the
 * file is corrupt (it is then moved aside into quarantine, never deleted) or newer than this code.
 */
export function openStore(file: string, opts: OpenOptions = {}): Db {
  const list = [...(opts.migrations ?? allMigrations)].sort((a, b) => a.version - b.version);
  const now = opts.now ?? Date.now;
  const dir = dirname(file);
  ensurePrivateDir(dir);
  const backupDir = opts.backupDir ?? join(dir, 'backups');
  const existed = existsSync(file);
  // Made empty with mode 0600 before SQLite opens it: SQLite gives its -wal and -shm the same mode.
  if (!existed) writePrivateFileOnce(file, Buffer.alloc(0));
  makePrivate(file);

  const db = new Database(file);
  try {
    if (opts.key) {
      keyConnection(db, opts.key);
      keys.set(db, opts.key);
    }
    applyPragmas(db);
    // quick_check reads every page: seconds on a store of a million dossiers, before the counter could
    // show anything. So it runs at open only when the last session did not end in closeStore (a
    // crash or a power cut, when damage is likely) or the store cannot say; after a clean close,
    // the store worker's integrity_check (maintenance: its first round 30 s after start, then daily)
    // covers damage done while the app was closed.
    if (existed && !closedCleanly(db)) {
      const qc = db.pragma('quick_check', { simple: true });
      if (qc !== 'ok') {
        db.close();
        const target = moveToQuarantine(file, 'corrupt', now);
        throw new StoreError('STORE_CORRUPT', `Cơ sở dữ liệu bị hỏng (${String(qc)}). Tệp đã được cách ly tại ${target}; hãy khôi phục từ bản sao lưu.`);
      }
    }
    migrate(db, list, { file, backupDir, now });
    // Open from here on: a session that ends without closeStore leaves no mark. This one commit does
    // not wait for the disk (synchronous = NORMAL: no fsync of the log, two of them at start-up,
    // slow on a busy disk). The log is written in order, so whatever later reaches the disk (a FULL
    // commit syncs the log; a checkpoint syncs it before copying) takes this removal with it; lost
    // in a power cut before any such write, the file is just as the clean close left it.
    commitWithoutWaitingForDisk(db, () => db.prepare('DELETE FROM meta WHERE key = ?').run(CLOSED_CLEANLY));
    return db;
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
}

/**
 * Runs `fn` in one transaction committed without waiting for the disk (WAL with synchronous NORMAL):
 * a crash of the application still keeps it whole, while a power cut may take it back whole; the
 * store is never damaged either way (SQLite's WAL guarantee). For writes that may be lost in a power
 * cut without harm: a pulled page with its cursor (pulled again), the removal of the "closed
 * cleanly" mark (lost, the file is just as the clean close left it). The connection's own
 * setting (FULL: the clerk's work) is back before this returns, in the same tick, so no other write
 * of this connection ever commits without it.
 */
export function commitWithoutWaitingForDisk(db: Db, fn: () => void): void {
  const before = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    db.transaction(fn)();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}

/** The key each open store was keyed with, for the connections that open its copies. */
const keys = new WeakMap<Db, StoreKey>();

/** The key `db` was opened with (undefined for a plain database). */
export function keyOf(db: Db): StoreKey | undefined {
  return keys.get(db);
}

/** Opens a copy of a store (a backup) with the store's key, when it has one. */
export function openCopy(file: string, key: StoreKey | undefined, options?: { readonly?: boolean; fileMustExist?: boolean }): Db {
  const db = new Database(file, options);
  try {
    if (key) keyConnection(db, key);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** meta key written by closeStore as the last thing before closing. */
const CLOSED_CLEANLY = 'closed_cleanly';

function closedCleanly(db: Db): boolean {
  try {
    return db.prepare('SELECT value FROM meta WHERE key = ?').get(CLOSED_CLEANLY) !== undefined;
  } catch {
    return false; // no meta table yet, or a page that cannot be read: the full check decides
  }
}

/** Closes the store, marking it closed cleanly so that the next open can skip the full quick_check. */
export function closeStore(db: Db): void {
  if (!db.open) return;
  try {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(CLOSED_CLEANLY, new Date().toISOString());
  } catch {
    // A store that cannot take the mark is checked in full at the next open.
  }
  db.close();
}

export function migrate(db: Db, list: Migration[], ctx: { file?: string; backupDir?: string; now: () => number }): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(list);
  if (current > latest) {
    throw new StoreError('STORE_TOO_NEW', `Cơ sở dữ liệu (phiên bản ${current}) mới hơn phần mềm (phiên bản ${latest}). Hãy cập nhật phần mềm; không mở để tránh làm hỏng dữ liệu.`);
  }
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (current > 0 && ctx.file && ctx.backupDir) {
    ensurePrivateDir(ctx.backupDir);
    const target = join(ctx.backupDir, `pre-migrate-v${current}-${stamp(ctx.now())}.sqlite`);
    // VACUUM INTO writes the copy with the connection's cipher and key.
    db.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
    makePrivate(target);
  }
  for (const m of pending) {
    // foreign_keys can only change outside a transaction; see Migration.rebuildsReferencedTable.
    const fkWasOn = m.rebuildsReferencedTable === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (fkWasOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsReferencedTable) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new StoreError('MIGRATION_FK', `Bước nâng cấp ${m.version} (${m.name}) làm hỏng ${broken.length} liên kết dữ liệu; đã huỷ bước này, dữ liệu giữ nguyên.`);
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (fkWasOn) db.pragma('foreign_keys = ON');
    }
  }
}

/**
 * Writes a consistent online backup, verifies it with integrity_check, and keeps the newest `keep`.
 * Returns the backup's path. `copy` makes the verified copy at the given temporary path and returns
 * its integrity_check result; by default it runs on this connection (maintenance passes the store
 * worker's, so that a large store's backup does not hold up the counter).
 */
export async function rotatingBackup(
  db: Db,
  backupDir: string,
  keep = 7,
  now: () => number = Date.now,
  copy: (tmp: string) => Promise<string> = (tmp) => backupAndCheck(db, tmp, (f) => openCopy(f, keyOf(db))),
): Promise<string> {
  ensurePrivateDir(backupDir);
  const target = join(backupDir, `backup-${stamp(now())}.sqlite`);
  const tmp = `${target}.part`;
  try {
    const res = await copy(tmp);
    if (res !== 'ok') throw new StoreError('BACKUP_BAD', `Bản sao lưu không toàn vẹn: ${res}`);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw err;
  }
  makePrivate(tmp);
  renameSync(tmp, target);
  const backups = readdirSync(backupDir).filter((f) => /^backup-\d{8}T\d{6}\.sqlite$/.test(f)).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) unlinkSync(join(backupDir, old));
  return target;
}

/** meta key of restartLog's one-row commit. */
const LOG_RESTARTED = 'log_restarted_at';

/**
 * After the store worker copied the whole write-ahead log back (store-worker.ts onCopied): one
 * small commit now, which restarts the log from its beginning. With synchronous=FULL a restarted log
 * costs its first commit one more fsync (the new header, synced before any frame: SQLite's guard
 * against an out-of-order write after a restart); here it is paid in the quiet moment the checkpoint
 * ran in, not by the clerk's next intake. Durability is unchanged: the same pragmas, one more commit.
 * Skipped inside a transaction (the caller's commit restarts the log then).
 */
export function restartLog(db: Db, now: () => number = Date.now): void {
  if (!db.open || db.inTransaction) return;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LOG_RESTARTED, new Date(now()).toISOString());
}

/** Full integrity check, for idle time. */
export function integrityOk(db: Db): boolean {
  return integrityReport(db) === 'ok';
}
