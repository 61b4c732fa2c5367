import type { Migration } from './types';

/**
 * The update policy the hub last sent (src/shared/app-update.ts): the counter's channel, where the
 * channel's files are (null: the hub's own /updates/<channel>/), the province's minimum supported
 * version and whether IT allowed a downgrade. Kept so that a counter that starts offline still knows
 * its channel and that it is below the minimum.
 */
export const m009UpdatePolicy: Migration = {
  version: 9,
  name: 'update-policy',
  up(db) {
    db.exec(`
CREATE TABLE update_policy (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  channel TEXT NOT NULL,
  url TEXT,
  min_version TEXT,
  allow_downgrade INTEGER NOT NULL CHECK (allow_downgrade IN (0, 1)),
  received_at INTEGER NOT NULL
) STRICT;
`);
  },
};
