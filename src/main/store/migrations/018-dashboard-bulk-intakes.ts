import type { Migration } from './types';

/** Adds `value` to one metric of one day of the dashboard's summary (as in migration 015). */
const bump = (day: string, metric: string, value: string, when = '1') =>
  `INSERT INTO dashboard_days (date, metric, value) SELECT ${day}, ${metric}, ${value} WHERE ${when} ON CONFLICT (date, metric) DO UPDATE SET value = value + excluded.value;`;
const FILED_DAY = `date((new.filed_at + 25200000) / 1000, 'unixepoch')`;
const NOT_PAUSED = 'NOT EXISTS (SELECT 1 FROM dashboard_paused)';

/**
 * The dashboard's intake count of a dossier written in bulk (issue 18: a new counter's first pull
 * writes 100,000 dossiers) is added once per page and date instead of once per row: the per-row
 * upsert into `dashboard_days` was about 0.2 s of CPU in such a pull.
 *
 * `dashboard_dossier_in` (migration 015) counts the intake unless `dashboard_paused` holds its row.
 * That row exists only inside the transaction of a bulk write (services/intake.ts insertDossierRows),
 * which adds the same counts with one statement per date before the row goes, so no other write and
 * no committed state ever sees it (a crash rolls both back). The filing counts of a dossier inserted
 * with its filing time are never paused. The WHEN skips the trigger's body altogether for a paused
 * dossier without a filing time (every dossier a pull writes).
 */
export const m018DashboardBulkIntakes: Migration = {
  version: 18,
  name: 'dashboard-bulk-intakes',
  up(db) {
    db.exec(`
CREATE TABLE IF NOT EXISTS dashboard_paused (
  id INTEGER PRIMARY KEY CHECK (id = 1)
) STRICT;
DELETE FROM dashboard_paused;

DROP TRIGGER IF EXISTS dashboard_dossier_in;
DROP TRIGGER IF EXISTS dashboard_dossier_filed_in;
CREATE TRIGGER dashboard_dossier_in AFTER INSERT ON dossiers
WHEN new.filed_at IS NOT NULL OR ${NOT_PAUSED} BEGIN
  ${bump('new.accepted_date', "'intakes'", '1', `new.accepted_date IS NOT NULL AND ${NOT_PAUSED}`)}
  ${bump(FILED_DAY, "'filed'", '1', 'new.filed_at IS NOT NULL')}
  ${bump(FILED_DAY, "'filed_on_time'", '1', `new.filed_at IS NOT NULL AND (new.transit_deadline IS NULL OR ${FILED_DAY} <= new.transit_deadline)`)}
END;
`);
  },
};
