import type { Migration } from './types';

/**
 * Complaints, losses and compensation (issue 13), and the ledger category they need.
 *
 * - `cases`: one row per complaint, loss or compensation, its state folded from its events
 *   (src/shared/cases.ts); `record` is the opening event's record (JSON); `deadline` and `state`
 *   are columns so the open-and-overdue list is an index range, however many complaints there are.
 *   Cases of the branch's other counters arrive by pull (origin 'remote').
 * - `case_events`: each case's history, with the outbox operation that carries a local one.
 * - The ledger gains the kind `compensation_paid` (a compensation paid out, a negative amount).
 *   SQLite cannot change a CHECK in place, so the ledger is rebuilt: same columns, same ids, same
 *   indexes and append-only triggers. The new table's `reverses` names the new table itself (rows go
 *   in id order, a reversal always after what it reverses), and the rename rewrites that reference
 *   to `ledger`, so no foreign key ever points at the dropped table (foreign keys cannot be switched
 *   off inside the migration's transaction).
 * - Written to run again harmlessly on a store whose version number was set back (the tables exist).
 */
export const m012Cases: Migration = {
  version: 12,
  name: 'cases',
  // The manager's day (006) points fee receipts, shift closes and transfer confirmations at ledger rows.
  rebuildsReferencedTable: true,
  up(db) {
    db.exec(`
CREATE TABLE ledger_v12 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  clerk_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  dossier_id TEXT REFERENCES dossiers(id),
  kind TEXT NOT NULL CHECK (kind IN ('agency_fee', 'postage', 'fee_due_collected', 'fee_remitted', 'cash_difference', 'compensation_paid')),
  amount INTEGER NOT NULL,
  payment_method TEXT NOT NULL CHECK (payment_method IN ('cash', 'transfer')),
  agency_code TEXT,
  reverses INTEGER REFERENCES ledger_v12(id),
  note TEXT
) STRICT;
INSERT INTO ledger_v12 (id, at, business_date, clerk_id, counter_id, dossier_id, kind, amount, payment_method, agency_code, reverses, note)
  SELECT id, at, business_date, clerk_id, counter_id, dossier_id, kind, amount, payment_method, agency_code, reverses, note FROM ledger ORDER BY id;
DROP TABLE ledger;
ALTER TABLE ledger_v12 RENAME TO ledger;
CREATE INDEX ledger_by_day ON ledger(business_date, clerk_id);
CREATE INDEX ledger_by_dossier ON ledger(dossier_id) WHERE dossier_id IS NOT NULL;
-- The manager's day's covering index (migration 006), dropped with the old table.
CREATE INDEX IF NOT EXISTS ledger_day_totals ON ledger(business_date, clerk_id, kind, payment_method, amount);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN
  SELECT RAISE(ABORT, 'ledger is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN
  SELECT RAISE(ABORT, 'ledger is append-only');
END;

CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'loss', 'compensation')),
  -- Complaint: its KN-… number; otherwise NULL.
  number TEXT,
  -- The dossier it is about (a complaint may be about none). No foreign key: a remote case may
  -- arrive before its dossier.
  dossier_id TEXT,
  item_number TEXT,
  -- Compensation: the loss it compensates.
  loss_id TEXT,
  state TEXT NOT NULL,
  deadline TEXT,
  done_date TEXT,
  amount INTEGER,
  -- Compensation paid at this counter: its ledger entry (the receipt's number).
  ledger_id INTEGER REFERENCES ledger(id),
  record TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  opened_date TEXT NOT NULL,
  origin_counter_id TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'remote')),
  event_count INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS cases_open ON cases(kind, state, deadline);
CREATE INDEX IF NOT EXISTS cases_by_dossier ON cases(dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_by_loss ON cases(loss_id) WHERE loss_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_by_opened ON cases(opened_date, kind);

CREATE TABLE IF NOT EXISTS case_events (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  date TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'remote')),
  op_seq INTEGER,
  -- The event's place in the case's history at the hub (from the push answer or the pull); the
  -- case's state is the fold in this order, so two counters acting offline end up agreeing.
  hub_seq INTEGER,
  -- 1 when the hub refused this local event (another counter acted first).
  superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
  UNIQUE (case_id, seq)
) STRICT;
`);
  },
};
