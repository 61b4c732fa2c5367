import type { Migration } from './types';

/**
 * A foreign citizen's passport is read with its nationality (ICAO 9303 code, e.g. 'LAO', 'DEU'):
 * the number alone does not say which country's rules it follows. NULL for Vietnamese documents.
 */
export const m008PartyNationality: Migration = {
  version: 8,
  name: 'party-nationality',
  up(db) {
    // Idempotent: a store rewound to an earlier user_version (tests of older migrations do this) keeps the column.
    const cols = db.prepare('PRAGMA table_info(parties)').all() as { name: string }[];
    if (!cols.some((c) => c.name === 'nationality')) db.exec('ALTER TABLE parties ADD COLUMN nationality TEXT;');
  },
};
