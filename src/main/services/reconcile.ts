/**
 * After a restore from a backup (scripts/restore-backup.ts) the store is marked: until the sync worker
 * has taken back from the hub what the counter did after that backup (sync/recover.ts), intake is
 * refused, because the restored serial ranges would issue item numbers already given to citizens.
 * Everything else (look-ups, handing over what is on the shelf) goes on.
 */
import { prep } from '../store/stmt';
import type { Db } from '../store/db';
import { DomainError } from '../../shared/errors';

export const RECONCILE_KEY = 'reconcile_required';

export interface ReconcileMark {
  /** The first outbox sequence number the restored store did not have. */
  fromSeq: number;
  restoredAt: number;
  backup: string;
}

export function reconcileMark(db: Db): ReconcileMark | null {
  const r = prep(db, 'SELECT value FROM meta WHERE key = ?').get(RECONCILE_KEY) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as ReconcileMark) : null;
}

export function markReconcileRequired(db: Db, mark: ReconcileMark): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(RECONCILE_KEY, JSON.stringify(mark));
}

/** The counter's work is back from the hub (or there was none to take back). */
export function clearReconcileMark(db: Db): void {
  prep(db, 'DELETE FROM meta WHERE key = ?').run(RECONCILE_KEY);
}

export const RECONCILE_MESSAGE =
  'Dữ liệu của quầy vừa được khôi phục từ bản sao lưu. Hãy đồng bộ với máy chủ tỉnh (Ctrl+K) trước khi tiếp nhận hồ sơ mới, để không cấp trùng số hiệu bưu gửi.';

export function assertNotReconciling(db: Db): void {
  if (prep(db, 'SELECT 1 FROM meta WHERE key = ?').get(RECONCILE_KEY)) throw new DomainError('RECONCILE_REQUIRED', RECONCILE_MESSAGE);
}
