import type { Migration } from './types';

/**
 * The branch manager's day (issue 12):
 * - shift_closes: one row per close of a clerk's business date (kết ca), with the count by
 *   denomination, what the ledger expected, the difference and the ledger entry that records it, and
 *   who confirmed. A reopen fills the reopen columns of the standing close (never deletes it), so the
 *   history of closes and reopens stays readable; only one standing close per clerk and date.
 * - transfer_confirmations: the bank's reference recorded for a VietQR payment (ledger rows).
 * - fee_receipts: biên lai thu phí, lệ phí, numbered without gaps within a series (the number is taken
 *   in the transaction that writes the ledger row, so a rolled-back intake leaves no hole); a
 *   cancelled receipt keeps its number. Receipts printed before this migration kept their old number
 *   and are not renumbered.
 * - day_closes and report_prints: the branch's day close and every print of a day's report (the
 *   first is the original, later ones are marked reprints).
 * Indexes for the day's report, the dashboard and the audit viewer (see reports/). Written with IF NOT
 * EXISTS so a store whose version number was set back (a test of an older step) migrates forward again.
 */
export const m006ManagerDay: Migration = {
  version: 6,
  name: 'manager-day',
  up(db) {
    db.exec(`
CREATE TABLE IF NOT EXISTS shift_closes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  clerk_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  closed_at INTEGER NOT NULL,
  confirmed_by TEXT NOT NULL,
  expected_cash INTEGER NOT NULL,
  counted_cash INTEGER NOT NULL CHECK (counted_cash >= 0),
  difference INTEGER NOT NULL,
  transfer_total INTEGER NOT NULL,
  unconfirmed_transfers INTEGER NOT NULL CHECK (unconfirmed_transfers >= 0),
  counts TEXT NOT NULL,
  difference_reason TEXT,
  difference_ledger_id INTEGER REFERENCES ledger(id),
  reopened_at INTEGER,
  reopened_by TEXT,
  reopen_reason TEXT,
  CHECK (difference = 0 OR (difference_reason IS NOT NULL AND difference_ledger_id IS NOT NULL)),
  CHECK ((reopened_at IS NULL) = (reopened_by IS NULL) AND (reopened_at IS NULL) = (reopen_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS shift_closes_standing ON shift_closes(clerk_id, business_date) WHERE reopened_at IS NULL;
CREATE INDEX IF NOT EXISTS shift_closes_by_date ON shift_closes(business_date);
-- A close is never edited or deleted; the only change is its reopening, once.
CREATE TRIGGER IF NOT EXISTS shift_closes_no_delete BEFORE DELETE ON shift_closes BEGIN
  SELECT RAISE(ABORT, 'shift closes are kept');
END;
CREATE TRIGGER IF NOT EXISTS shift_closes_reopen_only BEFORE UPDATE ON shift_closes
WHEN old.reopened_at IS NOT NULL OR new.id IS NOT old.id OR new.clerk_id IS NOT old.clerk_id OR new.business_date IS NOT old.business_date
  OR new.expected_cash IS NOT old.expected_cash OR new.counted_cash IS NOT old.counted_cash OR new.difference IS NOT old.difference
  OR new.counts IS NOT old.counts OR new.closed_at IS NOT old.closed_at OR new.confirmed_by IS NOT old.confirmed_by
BEGIN
  SELECT RAISE(ABORT, 'a shift close can only be reopened, once');
END;

CREATE TABLE IF NOT EXISTS transfer_confirmations (
  ledger_id INTEGER PRIMARY KEY REFERENCES ledger(id),
  bank_ref TEXT NOT NULL,
  confirmed_at INTEGER NOT NULL,
  confirmed_by TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS transfer_confirmations_by_ref ON transfer_confirmations(bank_ref);

CREATE TABLE IF NOT EXISTS fee_receipts (
  series TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number >= 1),
  ledger_id INTEGER NOT NULL REFERENCES ledger(id),
  dossier_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  issued_at INTEGER NOT NULL,
  issued_by TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  cancelled_at INTEGER,
  cancelled_by TEXT,
  cancel_reason TEXT,
  PRIMARY KEY (series, number)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS fee_receipts_valid_per_entry ON fee_receipts(ledger_id) WHERE cancelled_at IS NULL;
CREATE INDEX IF NOT EXISTS fee_receipts_by_dossier ON fee_receipts(dossier_id);
CREATE INDEX IF NOT EXISTS fee_receipts_by_day ON fee_receipts(business_date, issued_by);
CREATE TRIGGER IF NOT EXISTS fee_receipts_no_delete BEFORE DELETE ON fee_receipts BEGIN
  SELECT RAISE(ABORT, 'fee receipts are kept, cancelled ones too');
END;
CREATE TRIGGER IF NOT EXISTS fee_receipts_cancel_only BEFORE UPDATE ON fee_receipts
WHEN old.cancelled_at IS NOT NULL OR new.series IS NOT old.series OR new.number IS NOT old.number OR new.ledger_id IS NOT old.ledger_id OR new.amount IS NOT old.amount
BEGIN
  SELECT RAISE(ABORT, 'a fee receipt can only be cancelled, once');
END;

CREATE TABLE IF NOT EXISTS day_closes (
  business_date TEXT PRIMARY KEY,
  closed_at INTEGER NOT NULL,
  closed_by TEXT NOT NULL,
  open_shifts TEXT NOT NULL,
  totals TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS report_prints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  business_date TEXT NOT NULL,
  printed_at INTEGER NOT NULL,
  printed_by TEXT NOT NULL,
  copy_no INTEGER NOT NULL CHECK (copy_no >= 0),
  UNIQUE (business_date, copy_no)
) STRICT;

-- The reports read these covering indexes only, never the history's rows:
-- intakes per day; events of a kind in a time range; handovers to the agency and their limit; the
-- ledger's totals per day, clerk, kind and method (also the shift close's prefix: date, clerk);
-- open dossiers by state and service (the overdue list skips send-only dossiers the agency has).
CREATE INDEX IF NOT EXISTS dossiers_by_accepted_date ON dossiers(accepted_date);
CREATE INDEX IF NOT EXISTS dossier_events_by_type_at ON dossier_events(type, at, superseded, dossier_id);
CREATE INDEX IF NOT EXISTS dossiers_by_filed_at ON dossiers(filed_at, transit_deadline) WHERE filed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS ledger_day_totals ON ledger(business_date, clerk_id, kind, payment_method, amount);
CREATE INDEX IF NOT EXISTS dossiers_by_state_service ON dossiers(state, service_type);
CREATE INDEX IF NOT EXISTS audit_by_at ON audit_log(at);
CREATE INDEX IF NOT EXISTS audit_by_actor ON audit_log(actor_id, at);
CREATE INDEX IF NOT EXISTS audit_by_action ON audit_log(action, at);
CREATE INDEX IF NOT EXISTS print_jobs_copies_by_time ON print_jobs(created_at) WHERE copy_no > 0;
`);
  },
};
