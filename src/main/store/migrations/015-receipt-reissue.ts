import type { Migration } from './types';

/** The local date (Asia/Ho_Chi_Minh, UTC+7 all year) of an epoch-ms column, in SQL. */
const localDay = (col: string) => `date((${col} + 25200000) / 1000, 'unixepoch')`;
/** Adds `value` to one metric of one day of the dashboard's summary (inside a trigger body). */
const bump = (day: string, metric: string, value: string, when = '1') =>
  `INSERT INTO dashboard_days (date, metric, value) SELECT ${day}, ${metric}, ${value} WHERE ${when} ON CONFLICT (date, metric) DO UPDATE SET value = value + excluded.value;`;
const FILED_DAY = (r: string) => localDay(`${r}.filed_at`);
const ON_TIME = (r: string) => `(${r}.transit_deadline IS NULL OR ${FILED_DAY(r)} <= ${r}.transit_deadline)`;
const EVENT_METRIC = (r: string) => `CASE ${r}.type WHEN 'result_collected' THEN 'results' ELSE 'handovers' END`;

/**
 * Two steps of the manager's day (issue 12), one version:
 * - A fee receipt reissued: the spoiled or wrong receipt is cancelled and keeps its number; the new
 *   one takes the next number of the series and names the one it replaces (`replaces_number`), so
 *   both prints and the day's list say "thay cho biên lai số …". Existing receipts replace nothing.
 * - The dashboard's daily summary (`dashboard_days`: per local date, the intakes, results received,
 *   handovers, handovers to the agency and those within their transit limit, money taken in cash and
 *   by transfer), kept by triggers in the same transaction as the row that changes it — a dossier
 *   taken in or pulled, an event recorded or superseded, a filing time set or corrected by the hub, a
 *   ledger entry — and filled here from the history. The 30-day dashboard then reads at most 210
 *   rows, whatever the branch's age (reports/dashboard.ts).
 */
export const m015ReceiptReissue: Migration = {
  version: 15,
  name: 'receipt-reissue-dashboard-days',
  up(db) {
    const cols = db.prepare("SELECT name FROM pragma_table_info('fee_receipts')").all() as { name: string }[];
    if (!cols.some((c) => c.name === 'replaces_number')) db.exec('ALTER TABLE fee_receipts ADD COLUMN replaces_number INTEGER CHECK (replaces_number IS NULL OR replaces_number >= 1)');
    db.exec(`
DROP TABLE IF EXISTS dashboard_days;
CREATE TABLE dashboard_days (
  date TEXT NOT NULL,
  metric TEXT NOT NULL CHECK (metric IN ('intakes', 'results', 'handovers', 'filed', 'filed_on_time', 'cash', 'transfer')),
  value INTEGER NOT NULL,
  PRIMARY KEY (date, metric)
) STRICT, WITHOUT ROWID;

DROP TRIGGER IF EXISTS dashboard_dossier_in;
CREATE TRIGGER dashboard_dossier_in AFTER INSERT ON dossiers BEGIN
  ${bump('new.accepted_date', "'intakes'", '1', 'new.accepted_date IS NOT NULL')}
  ${bump(FILED_DAY('new'), "'filed'", '1', 'new.filed_at IS NOT NULL')}
  ${bump(FILED_DAY('new'), "'filed_on_time'", '1', `new.filed_at IS NOT NULL AND ${ON_TIME('new')}`)}
END;
DROP TRIGGER IF EXISTS dashboard_dossier_filed;
CREATE TRIGGER dashboard_dossier_filed AFTER UPDATE OF filed_at, transit_deadline ON dossiers
WHEN old.filed_at IS NOT new.filed_at OR old.transit_deadline IS NOT new.transit_deadline BEGIN
  ${bump(FILED_DAY('old'), "'filed'", '-1', 'old.filed_at IS NOT NULL')}
  ${bump(FILED_DAY('old'), "'filed_on_time'", '-1', `old.filed_at IS NOT NULL AND ${ON_TIME('old')}`)}
  ${bump(FILED_DAY('new'), "'filed'", '1', 'new.filed_at IS NOT NULL')}
  ${bump(FILED_DAY('new'), "'filed_on_time'", '1', `new.filed_at IS NOT NULL AND ${ON_TIME('new')}`)}
END;
DROP TRIGGER IF EXISTS dashboard_event_in;
CREATE TRIGGER dashboard_event_in AFTER INSERT ON dossier_events WHEN new.type IN ('result_collected', 'handed_over') AND new.superseded = 0 BEGIN
  ${bump(localDay('new.at'), EVENT_METRIC('new'), '1')}
END;
DROP TRIGGER IF EXISTS dashboard_event_superseded;
CREATE TRIGGER dashboard_event_superseded AFTER UPDATE OF superseded ON dossier_events
WHEN new.type IN ('result_collected', 'handed_over') AND old.superseded IS NOT new.superseded BEGIN
  ${bump(localDay('new.at'), EVENT_METRIC('new'), 'CASE new.superseded WHEN 0 THEN 1 ELSE -1 END')}
END;
DROP TRIGGER IF EXISTS dashboard_ledger_in;
CREATE TRIGGER dashboard_ledger_in AFTER INSERT ON ledger WHEN new.kind IN ('agency_fee', 'fee_due_collected', 'postage') BEGIN
  ${bump('new.business_date', 'new.payment_method', 'new.amount')}
END;

INSERT INTO dashboard_days (date, metric, value)
  SELECT accepted_date, 'intakes', count(*) FROM dossiers WHERE accepted_date IS NOT NULL GROUP BY accepted_date;
INSERT INTO dashboard_days (date, metric, value)
  SELECT ${FILED_DAY('d')}, 'filed', count(*) FROM dossiers d WHERE filed_at IS NOT NULL GROUP BY 1;
INSERT INTO dashboard_days (date, metric, value)
  SELECT ${FILED_DAY('d')}, 'filed_on_time', count(*) FROM dossiers d WHERE filed_at IS NOT NULL AND ${ON_TIME('d')} GROUP BY 1;
INSERT INTO dashboard_days (date, metric, value)
  SELECT ${localDay('e.at')}, ${EVENT_METRIC('e')}, count(*) FROM dossier_events e WHERE e.type IN ('result_collected', 'handed_over') AND e.superseded = 0 GROUP BY 1, 2;
INSERT INTO dashboard_days (date, metric, value)
  SELECT business_date, payment_method, sum(amount) FROM ledger WHERE kind IN ('agency_fee', 'fee_due_collected', 'postage') GROUP BY 1, 2;
`);
  },
};
