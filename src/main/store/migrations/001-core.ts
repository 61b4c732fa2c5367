import type { Migration } from './types';

/**
 * The core schema: reference data, people at the counter, dossiers with their events, documents and
 * parties, the append-only money ledger, the audit log and the sync outbox. All tables STRICT.
 */
export const m001Core: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- Validated reference documents as they arrived (catalogue, calendar, transit limits), for audit and re-sync.
CREATE TABLE reference_docs (
  name TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  payload TEXT NOT NULL,
  loaded_at INTEGER NOT NULL
) STRICT;

CREATE TABLE provinces (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  full_name TEXT NOT NULL,
  kind TEXT NOT NULL
) STRICT;

CREATE TABLE communes (
  code TEXT PRIMARY KEY,
  province_code TEXT NOT NULL REFERENCES provinces(code),
  name TEXT NOT NULL,
  full_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  name_folded TEXT NOT NULL
) STRICT;
CREATE INDEX communes_by_province ON communes(province_code, name_folded);

-- Pre-2025 districts, for reading older three-level addresses.
CREATE TABLE legacy_districts (
  code TEXT PRIMARY KEY,
  province_code TEXT NOT NULL,
  name TEXT NOT NULL
) STRICT;

CREATE TABLE agencies (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  level TEXT NOT NULL,
  address TEXT NOT NULL,
  province_code TEXT NOT NULL,
  commune_code TEXT,
  phone TEXT,
  verified INTEGER NOT NULL CHECK (verified IN (0, 1))
) STRICT;

CREATE TABLE procedures (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  field TEXT NOT NULL,
  agency_code TEXT NOT NULL REFERENCES agencies(code),
  aliases TEXT NOT NULL,
  search_text TEXT NOT NULL,
  processing_days INTEGER NOT NULL CHECK (processing_days >= 0),
  processing_unit TEXT NOT NULL CHECK (processing_unit IN ('working', 'calendar')),
  processing_note TEXT,
  in_person_only INTEGER NOT NULL CHECK (in_person_only IN (0, 1)),
  in_person_reason TEXT,
  reclaim_old_papers INTEGER NOT NULL CHECK (reclaim_old_papers IN (0, 1)),
  reclaim_note TEXT,
  verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
  source TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE procedure_documents (
  procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
  code TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  form TEXT NOT NULL CHECK (form IN ('original', 'copy', 'original_or_copy', 'certified_copy')),
  count INTEGER NOT NULL CHECK (count >= 1),
  required INTEGER NOT NULL CHECK (required IN (0, 1)),
  note TEXT,
  PRIMARY KEY (procedure_code, code)
) STRICT;

CREATE TABLE procedure_fees (
  procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
  category TEXT NOT NULL,
  label TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  position INTEGER NOT NULL,
  PRIMARY KEY (procedure_code, category)
) STRICT;

CREATE TABLE calendar_overrides (
  date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  kind TEXT NOT NULL CHECK (kind IN ('closed', 'working')),
  name TEXT NOT NULL,
  verified INTEGER NOT NULL CHECK (verified IN (0, 1))
) STRICT;

CREATE TABLE transit_limits (
  route TEXT NOT NULL CHECK (route IN ('intra_district', 'intra_province', 'major_cities', 'inter_province')),
  scope TEXT NOT NULL DEFAULT '*',
  days INTEGER NOT NULL CHECK (days >= 0),
  days_with_slip INTEGER NOT NULL CHECK (days_with_slip >= 0),
  PRIMARY KEY (route, scope)
) STRICT;

CREATE TABLE clerks (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
  password_hash TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  branch_code TEXT NOT NULL,
  branch_name TEXT NOT NULL,
  name TEXT NOT NULL,
  province_code TEXT NOT NULL,
  commune_code TEXT,
  is_self INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX counters_one_self ON counters(is_self) WHERE is_self = 1;

-- S10 serial ranges that belong to one counter, so offline counters never issue the same number.
CREATE TABLE serial_ranges (
  id INTEGER PRIMARY KEY,
  counter_id TEXT NOT NULL REFERENCES counters(id),
  prefix TEXT NOT NULL CHECK (length(prefix) = 2),
  country TEXT NOT NULL DEFAULT 'VN',
  first_serial INTEGER NOT NULL CHECK (first_serial BETWEEN 0 AND 99999999),
  last_serial INTEGER NOT NULL CHECK (last_serial BETWEEN first_serial AND 99999999),
  next_serial INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exhausted', 'retired')),
  CHECK (next_serial BETWEEN first_serial AND last_serial + 1)
) STRICT;
CREATE INDEX serial_ranges_by_counter ON serial_ranges(counter_id, status, id);

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  agency_code TEXT NOT NULL REFERENCES agencies(code),
  counter_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'filed')),
  filed_at INTEGER,
  receiving_officer TEXT,
  filed_recorded_by TEXT
) STRICT;

CREATE TABLE dossiers (
  id TEXT PRIMARY KEY,
  item_number TEXT NOT NULL UNIQUE,
  service_type TEXT NOT NULL CHECK (service_type IN ('send', 'return', 'both')),
  state TEXT NOT NULL,
  procedure_code TEXT NOT NULL REFERENCES procedures(code),
  agency_code TEXT NOT NULL REFERENCES agencies(code),
  origin_counter_id TEXT NOT NULL,
  accepted_at INTEGER NOT NULL,
  accepted_by TEXT NOT NULL,
  accepted_date TEXT NOT NULL,
  complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
  return_method TEXT NOT NULL CHECK (return_method IN ('pickup', 'home', 'none')),
  return_address TEXT,
  return_province_code TEXT,
  return_commune_code TEXT,
  pickup_branch_code TEXT,
  fee_category TEXT,
  fee_amount INTEGER NOT NULL CHECK (fee_amount >= 0),
  postage_amount INTEGER NOT NULL CHECK (postage_amount >= 0),
  fee_due_on_delivery INTEGER NOT NULL DEFAULT 0 CHECK (fee_due_on_delivery >= 0),
  reclaim_old_papers INTEGER NOT NULL DEFAULT 0 CHECK (reclaim_old_papers IN (0, 1)),
  payment_method TEXT CHECK (payment_method IN ('cash', 'transfer')),
  route TEXT NOT NULL,
  transit_deadline TEXT,
  appointment_estimate TEXT,
  appointment_date TEXT,
  agency_dossier_code TEXT,
  -- The batch may belong to another counter of the branch (synced events), so no foreign key.
  batch_id TEXT,
  filed_at INTEGER,
  result_collected_at INTEGER,
  result_collected_date TEXT,
  return_deadline TEXT,
  delivery_attempts INTEGER NOT NULL DEFAULT 0,
  next_invitation_date TEXT,
  closed_at INTEGER,
  close_reason TEXT,
  event_count INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX dossiers_by_state ON dossiers(state, agency_code);
CREATE INDEX dossiers_by_batch ON dossiers(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE parties (
  id INTEGER PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  role TEXT NOT NULL CHECK (role IN ('sender', 'proxy', 'recipient')),
  full_name TEXT NOT NULL,
  id_kind TEXT CHECK (id_kind IN ('cccd', 'cmnd', 'passport')),
  id_number TEXT,
  phone TEXT,
  email TEXT,
  address TEXT,
  province_code TEXT,
  commune_code TEXT,
  organisation TEXT,
  authorisation_ref TEXT,
  -- The full name folded (no tone marks, đ→d, lower case): prefix search on an ordinary index.
  name_folded TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL
) STRICT;
CREATE INDEX parties_by_dossier ON parties(dossier_id);
CREATE INDEX parties_by_id_number ON parties(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX parties_by_phone ON parties(phone) WHERE phone IS NOT NULL;
CREATE INDEX parties_by_name ON parties(name_folded);

-- Folded (no tone marks, đ→d, lower case) names, organisations and addresses for search.
CREATE VIRTUAL TABLE parties_fts USING fts5(search_text, content='parties', content_rowid='id', tokenize='unicode61', prefix='2 3');
CREATE TRIGGER parties_ai AFTER INSERT ON parties BEGIN
  INSERT INTO parties_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER parties_ad AFTER DELETE ON parties BEGIN
  INSERT INTO parties_fts(parties_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER parties_au AFTER UPDATE OF search_text ON parties BEGIN
  INSERT INTO parties_fts(parties_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO parties_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE dossier_documents (
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  position INTEGER NOT NULL,
  code TEXT,
  name TEXT NOT NULL,
  form TEXT NOT NULL CHECK (form IN ('original', 'copy', 'original_or_copy', 'certified_copy')),
  required_count INTEGER NOT NULL CHECK (required_count >= 0),
  provided_count INTEGER NOT NULL CHECK (provided_count >= 0),
  provided_form TEXT CHECK (provided_form IN ('original', 'copy', 'certified_copy')),
  required INTEGER NOT NULL CHECK (required IN (0, 1)),
  PRIMARY KEY (dossier_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE dossier_events (
  id TEXT PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'remote')),
  -- 1 when the hub decided against this local event (another counter acted first).
  superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
  UNIQUE (dossier_id, seq)
) STRICT;

-- Append-only money ledger in whole đồng. A correction is a reversing entry.
CREATE TABLE ledger (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  clerk_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  dossier_id TEXT REFERENCES dossiers(id),
  kind TEXT NOT NULL CHECK (kind IN ('agency_fee', 'postage', 'fee_due_collected', 'fee_remitted', 'cash_difference')),
  amount INTEGER NOT NULL,
  payment_method TEXT NOT NULL CHECK (payment_method IN ('cash', 'transfer')),
  agency_code TEXT,
  reverses INTEGER REFERENCES ledger(id),
  note TEXT
) STRICT;
CREATE INDEX ledger_by_day ON ledger(business_date, clerk_id);
CREATE INDEX ledger_by_dossier ON ledger(dossier_id) WHERE dossier_id IS NOT NULL;
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN
  SELECT RAISE(ABORT, 'ledger is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN
  SELECT RAISE(ABORT, 'ledger is append-only');
END;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;

-- Operations for the hub, written in the same transaction as the change they record. seq is this
-- counter's own gapless operation number (AUTOINCREMENT: never reused, rolled back with its transaction).
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  dossier_id TEXT,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acked', 'rejected')),
  acked_at INTEGER,
  reject_code TEXT,
  reject_reason TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox(status, seq);
`);
  },
};
