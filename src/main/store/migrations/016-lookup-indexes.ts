import type { Migration } from './types';

/**
 * Covering indexes for the counter's lookups (issue 15 §1: the cipher's cost). With the store
 * encrypted every page read from the file is decrypted, so a lookup costs what it touches: these let
 * the lookups read only index pages until the ~50 dossiers shown are fetched.
 * - A party found by ID number, phone or name gives its dossier from the index itself
 *   (`(key, dossier_id)`) instead of reading the party's row.
 * - The sender's name shown on each summary comes from `parties(dossier_id, role, full_name)`, which
 *   also serves everything `parties_by_dossier` served (its first column), so that one goes.
 * - The candidates are ranked newest first from `dossiers(id, accepted_at)` without reading their rows
 *   (a common name matches a few hundred parties; only the ~50 shown are read in full).
 * The old single-column indexes are replaced, not kept beside: each index is one more write per
 * intake. Written to run again harmlessly on a store whose version number was set back.
 */
export const m016LookupIndexes: Migration = {
  version: 16,
  name: 'lookup-indexes',
  up(db) {
    db.exec(`
DROP INDEX IF EXISTS parties_by_dossier;
CREATE INDEX IF NOT EXISTS parties_by_dossier_role ON parties(dossier_id, role, full_name);
DROP INDEX IF EXISTS parties_by_id_number;
CREATE INDEX IF NOT EXISTS parties_by_id_number_dossier ON parties(id_number, dossier_id) WHERE id_number IS NOT NULL;
DROP INDEX IF EXISTS parties_by_phone;
CREATE INDEX IF NOT EXISTS parties_by_phone_dossier ON parties(phone, dossier_id) WHERE phone IS NOT NULL;
DROP INDEX IF EXISTS parties_by_name;
CREATE INDEX IF NOT EXISTS parties_by_name_dossier ON parties(name_folded, dossier_id);
CREATE INDEX IF NOT EXISTS dossiers_by_id_accepted ON dossiers(id, accepted_at);
`);
  },
};
