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
    // IF NOT EXISTS: a store rewound to an older user_version (tests of earlier migrations do this)
    // still holds the table; nothing else of it depends on the version.
    db.exec(`
CREATE TABLE IF NOT EXISTS update_policy (
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
