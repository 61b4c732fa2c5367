/**
 * The "reconcile before intake" mark, a fact about the store: a store restored from a backup
 * (store/restore.ts) is marked with the first outbox sequence number it lacks; the sync worker clears
 * the mark once it has taken back from the hub what the counter did after that backup
 * (sync/recover.ts). While the mark is there, intake is refused (services/reconcile.ts).
 */
import type { Db } from './db';
import { prep } from './stmt';

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

export function isReconciling(db: Db): boolean {
  return prep(db, 'SELECT 1 FROM meta WHERE key = ?').get(RECONCILE_KEY) !== undefined;
}
