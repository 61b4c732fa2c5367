import type { Migration } from './types';

/**
 * Citizens' personal data (issue 15 §2-3):
 * - `personal_purged_at` on dossiers and cases: when the retention purge (services/retention.ts)
 *   erased the personal fields of a closed, synced dossier or a settled case. The item number,
 *   dates, procedure, money and events stay, so reports and the ledger still add up.
 * - Partial indexes that list what the purge may take next without reading the history: dossiers
 *   closed (closed_at) or, for send-only, handed to the agency (filed_at); cases settled (done_date).
 * - `data_requests`: a citizen's request for everything held about them (Law 91/2025): who asked
 *   (the ID kind and its last four digits, never the whole number), when it was answered, by whom,
 *   and how many dossiers and cases the answer held.
 * Written to run again harmlessly on a store whose version number was set back.
 */
export const m014PersonalData: Migration = {
  version: 14,
  name: 'personal-data',
  up(db) {
    const has = (table: string, col: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === col);
    if (!has('dossiers', 'personal_purged_at')) db.exec('ALTER TABLE dossiers ADD COLUMN personal_purged_at INTEGER;');
    if (!has('cases', 'personal_purged_at')) db.exec('ALTER TABLE cases ADD COLUMN personal_purged_at INTEGER;');
    db.exec(`
CREATE INDEX IF NOT EXISTS dossiers_purge_closed ON dossiers(closed_at) WHERE personal_purged_at IS NULL AND closed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS dossiers_purge_sent ON dossiers(filed_at) WHERE personal_purged_at IS NULL AND service_type = 'send' AND filed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_purge_done ON cases(done_date) WHERE personal_purged_at IS NULL AND done_date IS NOT NULL;
CREATE INDEX IF NOT EXISTS case_events_by_case ON case_events(case_id);
CREATE INDEX IF NOT EXISTS outbox_by_dossier ON outbox(dossier_id) WHERE dossier_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS data_requests (
  id TEXT PRIMARY KEY,
  requested_at INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  id_kind TEXT NOT NULL CHECK (id_kind IN ('cccd', 'cmnd', 'passport')),
  id_masked TEXT NOT NULL,
  answered_at INTEGER,
  answered_by TEXT,
  dossiers INTEGER,
  cases INTEGER,
  formats TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS data_requests_by_time ON data_requests(requested_at);
`);
  },
};
