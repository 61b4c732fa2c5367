import type { Migration } from './types';

/**
 * Local sync state: the enrollment (hub URL, bearer token, counter and branch), the pull cursor, the
 * last error, when the counter went offline and the clock skew to the hub; which serial ranges came
 * from the hub; pulled changes that could not be applied yet (e.g. a dossier whose procedure is not
 * in the local catalogue) so they are retried instead of lost; and the manager's review of parked
 * (rejected) outbox operations.
 *
 * The token sits in this file, readable by the Windows account that runs the counter; the hub can
 * revoke it by re-enrolling the counter.
 */
export const m003Sync: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT,
  token TEXT,
  counter_id TEXT,
  branch_code TEXT,
  enrolled_at INTEGER,
  cursor TEXT NOT NULL DEFAULT '',
  last_sync_at INTEGER,
  last_error TEXT,
  last_error_at INTEGER,
  offline_since INTEGER,
  clock_skew_ms INTEGER
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

-- Ranges handed down by the hub (hub-wide id → local serial_ranges row).
CREATE TABLE sync_serial_ranges (
  hub_range_id INTEGER PRIMARY KEY,
  range_id INTEGER NOT NULL UNIQUE REFERENCES serial_ranges(id)
) STRICT;

CREATE TABLE sync_deferred (
  change_id TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  reason TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
) STRICT;

ALTER TABLE outbox ADD COLUMN winning_event_id TEXT;
ALTER TABLE outbox ADD COLUMN reviewed_at INTEGER;
ALTER TABLE outbox ADD COLUMN reviewed_by TEXT;
CREATE INDEX outbox_unreviewed ON outbox(status, reviewed_at) WHERE status = 'rejected';
`);
  },
};
