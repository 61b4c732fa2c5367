import type { Migration } from './types';

/**
 * The full-text index over parties' folded names and addresses leaves the commit path. It is derived
 * data: an intake no longer writes its FTS5 segments (and, every few intakes, an FTS5 merge) inside
 * the clerk's transaction; `search_index_state.parties_upto` says up to which party the index is
 * built, and store/search-index.ts brings it up to date before every full-text query and at idle
 * time. Exact lookups (item number, ID number, phone) and the folded-name prefix index stay ordinary
 * B-tree indexes, current at commit.
 *
 * The triggers keep the covered part exact: a party at or below the watermark is indexed, updated or
 * removed at once; one above it is left to the catch-up (it was never indexed, so nothing to remove).
 */
export const m004DeferredSearch: Migration = {
  version: 4,
  name: 'deferred-search',
  up(db) {
    db.exec(`
CREATE TABLE search_index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  parties_upto INTEGER NOT NULL
) STRICT;
INSERT INTO search_index_state (id, parties_upto) VALUES (1, (SELECT coalesce(max(id), 0) FROM parties));

DROP TRIGGER parties_ai;
DROP TRIGGER parties_ad;
DROP TRIGGER parties_au;
CREATE TRIGGER parties_ad AFTER DELETE ON parties
WHEN old.id <= (SELECT parties_upto FROM search_index_state WHERE id = 1) BEGIN
  INSERT INTO parties_fts(parties_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER parties_au AFTER UPDATE OF search_text ON parties
WHEN old.id <= (SELECT parties_upto FROM search_index_state WHERE id = 1) BEGIN
  INSERT INTO parties_fts(parties_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO parties_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
-- A party that takes an id the index already covers (only possible after the newest party was
-- deleted) is indexed at once.
CREATE TRIGGER parties_ai AFTER INSERT ON parties
WHEN new.id <= (SELECT parties_upto FROM search_index_state WHERE id = 1) BEGIN
  INSERT INTO parties_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
`);
  },
};
