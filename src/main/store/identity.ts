/**
 * This counter's identity as the store holds it (the `counters` row marked `is_self`): the one source
 * the status bar, receipts, records and audit entries read. It comes from the embedded default, from
 * what was typed at first run (checked against the administrative units), or from the hub at
 * enrollment.
 */
import type { Db } from './db';

export type IdentitySource = 'default' | 'local' | 'hub';

export interface SelfIdentity {
  counterId: string;
  counterName: string;
  branchCode: string;
  branchName: string;
  provinceCode: string;
  provinceName: string | null;
  communeCode: string | null;
  communeName: string | null;
  source: IdentitySource;
}

export function readSelf(db: Db): SelfIdentity | null {
  const r = db
    .prepare(
      `SELECT k.id, k.name, k.branch_code, k.branch_name, k.province_code, p.full_name AS province_name, k.commune_code, c.full_name AS commune_name, k.identity_source
         FROM counters k LEFT JOIN provinces p ON p.code = k.province_code LEFT JOIN communes c ON c.code = k.commune_code
        WHERE k.is_self = 1`,
    )
    .get() as
    | { id: string; name: string; branch_code: string; branch_name: string; province_code: string; province_name: string | null; commune_code: string | null; commune_name: string | null; identity_source: IdentitySource }
    | undefined;
  if (!r) return null;
  return {
    counterId: r.id,
    counterName: r.name,
    branchCode: r.branch_code,
    branchName: r.branch_name,
    provinceCode: r.province_code,
    provinceName: r.province_name,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    source: r.identity_source,
  };
}

/** Nothing was ever issued under this counter's id: no dossier, no operation for the hub. */
export function issuedNothing(db: Db): boolean {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return n('SELECT count(*) AS n FROM dossiers') === 0 && n('SELECT count(*) AS n FROM outbox') === 0 && n('SELECT count(*) AS n FROM ledger') === 0;
}

/**
 * Gives this counter another id (the one the hub's code was made for, or the one typed at first
 * run). Only while it has issued nothing: ids are stamped on dossiers, events and item numbers. Its
 * unused provisional serial range follows it. Call inside a transaction.
 */
export function renameSelf(db: Db, newId: string): void {
  const self = db.prepare('SELECT id FROM counters WHERE is_self = 1').get() as { id: string } | undefined;
  if (!self || self.id === newId) return;
  if (!issuedNothing(db)) throw new Error('renameSelf: this counter has issued dossiers; its id cannot change');
  // The serial range row references the counter: both change in the one transaction.
  db.pragma('defer_foreign_keys = ON');
  db.prepare('DELETE FROM counters WHERE id = ? AND is_self = 0').run(newId);
  db.prepare('UPDATE counters SET id = ? WHERE is_self = 1').run(newId);
  db.prepare('UPDATE serial_ranges SET counter_id = ? WHERE counter_id = ?').run(newId, self.id);
}
