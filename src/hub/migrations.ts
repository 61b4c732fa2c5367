/**
 * The hub's schema as ordered SQL migrations, recorded in `hub_migrations`. Each runs in its own
 * transaction; an advisory lock keeps two hub processes starting at once from racing. A database
 * migrated by a newer hub is refused.
 */
import type { HubDb } from './db';

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

/** Rebuilds the report's daily summary from the rows (migration 14; a bulk load with triggers off). */
export const REPORT_SUMMARY_BACKFILL = `
TRUNCATE report_dossier_days, report_ledger_days;
INSERT INTO report_dossier_days (day, branch_code, service_type, agency_code, procedure_code, dossiers, compacted)
  SELECT accepted_date, branch_code, coalesce(service_type, ''), coalesce(agency_code, ''), coalesce(procedure_code, ''), count(*), true
    FROM dossiers WHERE accepted_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_ledger_days (day, branch_code, kind, entries, amount, compacted)
  SELECT business_date, branch_code, coalesce(kind, ''), count(*), coalesce(sum(amount), 0), true
    FROM ledger_entries WHERE business_date IS NOT NULL GROUP BY 1, 2, 3;
ANALYZE report_dossier_days;
ANALYZE report_ledger_days;`;

export const HUB_MIGRATIONS: HubMigration[] = [
  {
    version: 1,
    name: 'core',
    sql: `
CREATE TABLE branches (
  code text PRIMARY KEY,
  name text NOT NULL,
  province_code text NOT NULL DEFAULT '14'
);

CREATE TABLE counters (
  id text PRIMARY KEY,
  branch_code text NOT NULL REFERENCES branches(code),
  name text NOT NULL,
  -- sha256 of the bearer token; the token itself is never stored.
  token_hash bytea UNIQUE,
  device_name text,
  enrolled_at bigint,
  -- The next operation number the hub expects from this counter (its outbox seq).
  next_seq bigint NOT NULL DEFAULT 1 CHECK (next_seq >= 1)
);

CREATE TABLE enrollment_codes (
  code_hash bytea PRIMARY KEY,
  counter_id text NOT NULL REFERENCES counters(id),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint
);

-- Every answered operation is stored under (counter, seq), so a replay gets the same answer back:
-- an accepted dossier event in dossier_events, an accepted ledger entry in ledger_entries (their
-- answers are rebuilt identically from those rows), and everything refused here in ops, with its
-- payload as evidence. The view op_log is the union. Documents the hub stores but never searches
-- inside are 'json' (cheaper to write than jsonb).
CREATE TABLE ops (
  counter_id text NOT NULL REFERENCES counters(id),
  seq bigint NOT NULL,
  op_id uuid NOT NULL,
  kind text NOT NULL,
  payload json NOT NULL,
  received_at bigint NOT NULL,
  answer json NOT NULL,
  PRIMARY KEY (counter_id, seq)
);

CREATE TABLE dossiers (
  id uuid PRIMARY KEY,
  branch_code text NOT NULL REFERENCES branches(code),
  item_number text NOT NULL UNIQUE,
  origin_counter_id text NOT NULL,
  record json NOT NULL,
  snapshot json NOT NULL,
  hub_seq int NOT NULL,
  last_event_id uuid NOT NULL,
  -- The ordering key of the change that last touched this dossier (see pull.ts).
  change_key xid8 NOT NULL,
  updated_at bigint NOT NULL
);

CREATE TABLE dossier_events (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers(id),
  hub_seq int NOT NULL,
  counter_id text NOT NULL,
  seq bigint NOT NULL,
  op_id uuid NOT NULL,
  type text NOT NULL,
  event json NOT NULL,
  hub_at bigint NOT NULL,
  UNIQUE (counter_id, seq)
);

CREATE TABLE ledger_entries (
  op_id uuid PRIMARY KEY,
  counter_id text NOT NULL,
  seq bigint NOT NULL,
  branch_code text NOT NULL,
  entry json NOT NULL,
  hub_at bigint NOT NULL,
  UNIQUE (counter_id, seq)
);

CREATE VIEW op_log AS
  SELECT counter_id, seq, op_id, 'accepted' AS status, 'dossier.event' AS kind FROM dossier_events
  UNION ALL SELECT counter_id, seq, op_id, 'accepted', 'ledger.entry' FROM ledger_entries
  UNION ALL SELECT counter_id, seq, op_id, answer->>'status', kind FROM ops;

CREATE TABLE reference_docs (
  name text PRIMARY KEY,
  version text NOT NULL,
  payload jsonb NOT NULL,
  updated_at bigint NOT NULL
);

-- Non-overlapping S10 serial blocks: the primary key (prefix, block_no) makes an overlap impossible.
CREATE TABLE serial_prefixes (prefix text PRIMARY KEY, next_block int NOT NULL);
CREATE TABLE serial_blocks (
  id bigserial UNIQUE,
  prefix text NOT NULL,
  block_no int NOT NULL,
  counter_id text NOT NULL REFERENCES counters(id),
  allocated_at bigint NOT NULL,
  PRIMARY KEY (prefix, block_no)
);

-- The change feed counters pull. See pull.ts for why the cursor is (change_key, change_id).
CREATE SEQUENCE change_seq;
CREATE TABLE changes (
  change_id bigint NOT NULL DEFAULT nextval('change_seq'),
  -- max(writer's xid, keys of the dossiers it touched): see pull.ts.
  change_key xid8 NOT NULL,
  -- NULL: every branch (reference data).
  branch_code text,
  kind text NOT NULL CHECK (kind IN ('dossier.event', 'reference', 'serial_range')),
  -- dossier.event: the counter it came from (not sent back to it).
  origin_counter_id text,
  -- serial_range: the only counter that receives it.
  target_counter_id text,
  -- dossier.event: the event (its content is read from dossier_events at pull time).
  event_id uuid,
  hub_at bigint NOT NULL,
  -- reference / serial_range: the document or the range.
  payload jsonb,
  -- The cursor order; change_id alone is unique too (a sequence).
  PRIMARY KEY (change_key, change_id)
);
`,
  },
  {
    version: 2,
    name: 'feed-epoch',
    sql: `
CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);
-- See pull.ts (parseCursor): bumped by \`reset-feed\` after a restore from backup.
INSERT INTO hub_meta (key, value) VALUES ('feed_epoch', substr(md5(random()::text || clock_timestamp()::text), 1, 8));
`,
  },
  {
    version: 3,
    name: 'counter-contact',
    sql: `
-- What provincial IT needs to see which counters are silent or run an old version, and to cut off
-- a lost or stolen counter (counters.ts).
ALTER TABLE counters ADD COLUMN last_seen_at bigint, ADD COLUMN last_push_at bigint, ADD COLUMN app_version text,
  ADD COLUMN clock_skew_ms bigint, ADD COLUMN revoked_at bigint;
`,
  },
  {
    version: 5,
    name: 'updates',
    sql: `
-- Update channels provincial IT puts counters on (updates.ts). url NULL: the hub serves the
-- channel's files itself at /updates/<name>/; staging_percentage NULL: the channel file decides.
CREATE TABLE update_channels (
  name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{0,31}$'),
  url text,
  staging_percentage int CHECK (staging_percentage BETWEEN 0 AND 100),
  updated_at bigint NOT NULL
);
INSERT INTO update_channels (name, updated_at) VALUES ('stable', 0);
-- Each counter's channel, and whether IT allowed it to go back to an older version (a move to a
-- channel never downgrades otherwise). The minimum supported version is hub_meta 'min_app_version'.
ALTER TABLE counters ADD COLUMN update_channel text NOT NULL DEFAULT 'stable' REFERENCES update_channels(name),
  ADD COLUMN update_allow_downgrade boolean NOT NULL DEFAULT false;
`,
  },
  {
    version: 7,
    name: 'unattended',
    sql: `
-- Wrong enrollment codes and admin tokens per client address (rate-limit.ts): in the database so
-- that every worker and every hub host counts the same attempts.
CREATE TABLE attempt_failures (scope text NOT NULL, key text NOT NULL, at bigint NOT NULL);
CREATE INDEX attempt_failures_key ON attempt_failures (scope, key, at);
CREATE INDEX attempt_failures_at ON attempt_failures (at);
`,
  },
  {
    version: 9,
    name: 'cases-and-report',
    sql: `
-- Complaints, losses and compensation (issue 13): one row per case with its state (the shared state
-- machine's snapshot) and the typed columns the periodic report reads, and each case's events as the
-- counters pushed them. Cases are few next to dossiers; their columns are set at ingest.
CREATE TABLE cases (
  id uuid PRIMARY KEY,
  branch_code text NOT NULL REFERENCES branches(code),
  kind text NOT NULL CHECK (kind IN ('complaint', 'loss', 'compensation')),
  dossier_id uuid,
  origin_counter_id text NOT NULL,
  snapshot json NOT NULL,
  state text NOT NULL,
  hub_seq int NOT NULL,
  last_event_id uuid NOT NULL,
  change_key xid8 NOT NULL,
  -- Local dates (Asia/Ho_Chi_Minh) as the counter recorded them: the report's period boundaries.
  opened_date date NOT NULL,
  deadline date,
  done_date date,
  in_time boolean,
  amount bigint,
  loss_subject text,
  loss_kind text,
  updated_at bigint NOT NULL
);
CREATE INDEX cases_report ON cases (opened_date, branch_code, kind);
CREATE INDEX cases_done ON cases (done_date, branch_code, kind) WHERE done_date IS NOT NULL;
CREATE INDEX cases_open_deadline ON cases (deadline) WHERE kind = 'complaint' AND state IN ('received', 'handling');

CREATE TABLE case_events (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  dossier_id uuid,
  hub_seq int NOT NULL,
  counter_id text NOT NULL,
  seq bigint NOT NULL,
  op_id uuid NOT NULL,
  type text NOT NULL,
  event json NOT NULL,
  hub_at bigint NOT NULL,
  UNIQUE (counter_id, seq)
);

ALTER TABLE changes DROP CONSTRAINT changes_kind_check;
ALTER TABLE changes ADD CONSTRAINT changes_kind_check CHECK (kind IN ('dossier.event', 'reference', 'serial_range', 'case.event'));

CREATE OR REPLACE VIEW op_log AS
  SELECT counter_id, seq, op_id, 'accepted' AS status, 'dossier.event' AS kind FROM dossier_events
  UNION ALL SELECT counter_id, seq, op_id, 'accepted', 'ledger.entry' FROM ledger_entries
  UNION ALL SELECT counter_id, seq, op_id, answer->>'status', kind FROM ops
  UNION ALL SELECT counter_id, seq, op_id, 'accepted', 'case.event' FROM case_events;

-- The periodic report (report.ts) reads typed columns, computed by PostgreSQL from the stored
-- documents when a row is written (generated columns: no change to the ingest code, never stale),
-- with an index on the local date each period is cut on.
ALTER TABLE dossiers
  ADD COLUMN accepted_date text GENERATED ALWAYS AS (record->>'acceptedDate') STORED,
  ADD COLUMN service_type text GENERATED ALWAYS AS (record->>'serviceType') STORED,
  ADD COLUMN agency_code text GENERATED ALWAYS AS (record->>'agencyCode') STORED,
  ADD COLUMN procedure_code text GENERATED ALWAYS AS (record->>'procedureCode') STORED;
CREATE INDEX dossiers_report ON dossiers (accepted_date, branch_code) INCLUDE (service_type, agency_code, procedure_code);

ALTER TABLE ledger_entries
  ADD COLUMN business_date text GENERATED ALWAYS AS (entry->>'businessDate') STORED,
  ADD COLUMN kind text GENERATED ALWAYS AS (entry->>'kind') STORED,
  ADD COLUMN amount bigint GENERATED ALWAYS AS ((entry->>'amount')::bigint) STORED;
CREATE INDEX ledger_report ON ledger_entries (business_date, branch_code) INCLUDE (kind, amount);
`,
  },
  {
    version: 11,
    name: 'console-accounts',
    sql: `
-- People who open the provincial console (/console/, src/hub/console-api/accounts.ts): their role,
-- a scrypt hash of their password, and the count of wrong passwords that locks the account for a
-- while (kept here so every worker and hub host counts the same attempts).
CREATE TABLE hub_users (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('it_admin', 'province_manager', 'branch_manager')),
  branch_code text,
  password_hash text NOT NULL,
  failed_count int NOT NULL DEFAULT 0,
  locked_until bigint,
  disabled_at bigint,
  created_at bigint NOT NULL,
  CHECK ((role = 'branch_manager') = (branch_code IS NOT NULL))
);
-- Server-side sessions: the cookie carries a random id, the table its sha256; expired rows are swept.
CREATE TABLE hub_sessions (
  id_hash bytea PRIMARY KEY,
  username text NOT NULL REFERENCES hub_users(username) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  last_seen_at bigint NOT NULL
);
CREATE INDEX hub_sessions_expiry ON hub_sessions (expires_at);
-- A catalogue spreadsheet that passed every check, waiting for the administrator to publish it
-- (check and publish may reach different workers).
CREATE TABLE hub_catalogue_drafts (
  id text PRIMARY KEY,
  username text NOT NULL,
  payload jsonb NOT NULL,
  created_at bigint NOT NULL
);
`,
  },
  {
    version: 14,
    name: 'report-daily-summary',
    sql: `
-- The periodic report's daily summary (issue 13; report.ts): per branch × local day × service type ×
-- agency × procedure (the field is the procedure's, read from the catalogue when the report is made),
-- the dossiers taken in; per branch × business day × ledger kind, the entries and their sum. Kept by
-- statement-level triggers in the transaction that writes the rows, so every writer — the push, a
-- bulk load, a test's INSERT — keeps it right; dossiers' typed columns and ledger entries never change
-- after insert. The triggers only append (one row per key in a push, no upsert): two counters of a
-- branch pushing the same day never wait on each other's summary row, and the change feed's order
-- of commits is not bent by a lock held until another push commits. The daily upkeep
-- (compactReportSummary, report.ts) folds the appended rows of past days into one row per key. A
-- quarter or a year then reads a few thousand summary rows instead of every dossier. Cases stay read
-- from their table (a case changes state; few rows).
CREATE TABLE report_dossier_days (
  day text NOT NULL,
  branch_code text NOT NULL,
  service_type text NOT NULL,
  agency_code text NOT NULL,
  procedure_code text NOT NULL,
  dossiers int NOT NULL,
  compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX report_dossier_days_by_day ON report_dossier_days (day, branch_code);
CREATE INDEX report_dossier_days_appended ON report_dossier_days (day) WHERE NOT compacted;
CREATE TABLE report_ledger_days (
  day text NOT NULL,
  branch_code text NOT NULL,
  kind text NOT NULL,
  entries int NOT NULL,
  amount bigint NOT NULL,
  compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX report_ledger_days_by_day ON report_ledger_days (day, branch_code);
CREATE INDEX report_ledger_days_appended ON report_ledger_days (day) WHERE NOT compacted;

CREATE FUNCTION report_dossier_days_add() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO report_dossier_days (day, branch_code, service_type, agency_code, procedure_code, dossiers)
  SELECT accepted_date, branch_code, coalesce(service_type, ''), coalesce(agency_code, ''), coalesce(procedure_code, ''), count(*)
    FROM added WHERE accepted_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
  RETURN NULL;
END $fn$;
CREATE TRIGGER dossiers_report_days AFTER INSERT ON dossiers REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_dossier_days_add();

CREATE FUNCTION report_ledger_days_add() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO report_ledger_days (day, branch_code, kind, entries, amount)
  SELECT business_date, branch_code, coalesce(kind, ''), count(*), coalesce(sum(amount), 0)
    FROM added WHERE business_date IS NOT NULL GROUP BY 1, 2, 3;
  RETURN NULL;
END $fn$;
CREATE TRIGGER ledger_report_days AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_ledger_days_add();

-- What was there before this version (also the bench's bulk load, which loads with triggers off).
${REPORT_SUMMARY_BACKFILL}

-- Overdue complaints (overdue-complaints.ts) read each complaint's opening event.
CREATE INDEX case_events_by_case ON case_events (case_id, hub_seq);
`,
  },
  {
    version: 13,
    name: 'retention',
    sql: `
-- The 5-year purge (retention.ts) deletes each purged event's change-feed row by its event id.
CREATE INDEX IF NOT EXISTS changes_by_event ON changes (event_id) WHERE event_id IS NOT NULL;
-- Cases opened before the cut-off, oldest first.
CREATE INDEX IF NOT EXISTS cases_by_opened ON cases (opened_date);
`,
  },
  {
    version: 15,
    name: 'settings-audit',
    sql: `
-- Who changed which hub setting, when, from what to what (updates.ts: a channel's update URL, its
-- rollout, the minimum version). \`actor\` is a console user name, 'cli' or 'admin-api'. No
-- citizen's data is ever a setting.
CREATE TABLE hub_audit (
  id bigserial PRIMARY KEY,
  at bigint NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  before text,
  after text
);
CREATE INDEX hub_audit_by_action ON hub_audit (action, at DESC);
`,
  },
  {
    version: 10,
    name: 'tracking',
    sql: `
-- The public tracking page reads one dossier's events in order (tracking/query.ts).
CREATE INDEX dossier_events_by_dossier ON dossier_events (dossier_id, hub_seq);
`,
  },
];

export async function migrateHub(db: HubDb, list: HubMigration[] = HUB_MIGRATIONS): Promise<number> {
  await db.query(`CREATE TABLE IF NOT EXISTS hub_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const latest = Math.max(...list.map((m) => m.version));
  let applied = 0;
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    const did = await db.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(7311001)');
      const { rows } = await c.query<{ v: number | null; done: boolean }>('SELECT max(version) AS v, bool_or(version = $1) AS done FROM hub_migrations', [m.version]);
      const current = rows[0]?.v ?? 0;
      if (current > latest) throw new Error(`hub database is at migration ${current}, newer than this hub (${latest}); refusing to start`);
      // Each version is applied once, whatever the order it arrived in (a branch's lower number can
      // land after a higher one): what counts is whether THIS version is recorded, not the maximum.
      if (rows[0]?.done) return false;
      await c.exec(m.sql);
      await c.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (did) applied++;
  }
  return applied;
}
