import type { Migration } from './types';

/**
 * The guided first run (services/setup.ts): when it began and ended, and each step's own commit (a
 * crash resumes at the first step not recorded). And where the counter's identity came from: the
 * embedded default, typed at this counter, or the hub at enrollment (the one source of truth the
 * status bar, receipts and records show).
 *
 * A store that already has an admin with a password was set up before first run existed: its
 * first run is recorded as done, so an upgrade never sends a working counter through it.
 */
export const m011FirstRun: Migration = {
  version: 11,
  name: 'first-run',
  up(db) {
    db.exec(`
CREATE TABLE first_run (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  started_at INTEGER NOT NULL,
  started_by TEXT NOT NULL,
  finished_at INTEGER
) STRICT;

CREATE TABLE first_run_steps (
  step TEXT PRIMARY KEY CHECK (step IN ('hub', 'identity', 'printer', 'people', 'summary')),
  outcome TEXT NOT NULL,
  done_at INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;

ALTER TABLE counters ADD COLUMN identity_source TEXT NOT NULL DEFAULT 'default' CHECK (identity_source IN ('default', 'local', 'hub'));
UPDATE counters SET identity_source = 'hub' WHERE is_self = 1 AND EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND token IS NOT NULL);
INSERT INTO first_run (id, started_at, started_by, finished_at)
  SELECT 1, 0, 'upgrade', 0 WHERE EXISTS (SELECT 1 FROM clerks WHERE role = 'admin' AND password_hash IS NOT NULL);
`);
  },
};
