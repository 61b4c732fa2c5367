/**
 * Electronic records are kept `hubRetentionYears` (at least 5, TT 17 Art. 14.3) from acceptance,
 * then purged (issue 15 §2): a dossier accepted before the cut-off date goes with its events and
 * their change-feed rows; a complaint, loss or compensation opened before it goes with its events;
 * refused operations received before it go too. Ledger entries stay (accounting records, no
 * citizen's details), so money totals of old periods still add up.
 *
 * How: an indexed delete in batches (dossiers_report on accepted_date; dossier_events_by_dossier;
 * changes_by_event, migration 13), each batch one short transaction, so counters' pushes and pulls
 * are never held up for long. Monthly partitions would make the drop cheaper still, but converting
 * the live tables is a large migration of its own, and a province's month is small: measured with
 * `npm run bench -- hub-purge` (400,000 dossiers over six years, one month of 5,489 dossiers with
 * 21,956 events and feed rows past the cut-off), the month's purge took 4.1 s wall beside 0.8 s to
 * read the same rows through the same indexes (load average 37), once a day.
 *
 * Runs from each hub process's schedule (startRetentionSchedule: hourly check, once a day, one
 * process at a time through an advisory lock) and from `npm run hub -- purge-expired`. It logs and
 * returns counts only, never content.
 */
import { hubPurgeBeforeDate, DEFAULT_PERSONAL_DATA_POLICY } from '../shared/personal-data';
import { localDateOf } from '../shared/calendar';
import type { Conn, HubDb } from './db';
import { compactReportSummary } from './report';

export interface HubPurgeCounts {
  /** Local date (YYYY-MM-DD): records accepted or opened before it were purged. */
  before: string;
  dossiers: number;
  events: number;
  changes: number;
  cases: number;
  caseEvents: number;
  refusedOps: number;
}

const LOCK_KEY = 7311015;
const DAY_MS = 86_400_000;

async function retentionYears(c: Conn): Promise<number> {
  const r = await c.query<{ y: number | null }>("SELECT (payload->>'hubRetentionYears')::int AS y FROM reference_docs WHERE name = 'personal_data'");
  const y = r.rows[0]?.y ?? DEFAULT_PERSONAL_DATA_POLICY.hubRetentionYears;
  // Never below the law's minimum, whatever a document says.
  return Math.max(5, y);
}

const DOSSIER_BATCH = `WITH doomed AS (
    SELECT id FROM dossiers WHERE accepted_date < $1 ORDER BY accepted_date LIMIT $2 FOR UPDATE SKIP LOCKED),
  ev AS (DELETE FROM dossier_events e USING doomed WHERE e.dossier_id = doomed.id RETURNING e.id),
  ch AS (DELETE FROM changes c USING ev WHERE c.event_id = ev.id AND c.kind = 'dossier.event' RETURNING 1),
  d AS (DELETE FROM dossiers x USING doomed WHERE x.id = doomed.id RETURNING 1)
  SELECT (SELECT count(*) FROM d)::int AS dossiers, (SELECT count(*) FROM ev)::int AS events, (SELECT count(*) FROM ch)::int AS changes`;

const CASE_BATCH = `WITH doomed AS (
    SELECT id FROM cases WHERE opened_date < $1::date ORDER BY opened_date LIMIT $2 FOR UPDATE SKIP LOCKED),
  ev AS (DELETE FROM case_events e USING doomed WHERE e.case_id = doomed.id RETURNING e.id),
  ch AS (DELETE FROM changes c USING ev WHERE c.event_id = ev.id AND c.kind = 'case.event' RETURNING 1),
  d AS (DELETE FROM cases x USING doomed WHERE x.id = doomed.id RETURNING 1)
  SELECT (SELECT count(*) FROM d)::int AS cases, (SELECT count(*) FROM ev)::int AS events, (SELECT count(*) FROM ch)::int AS changes`;

/** Purges every record past its retention period, `batch` dossiers (or cases) per transaction. */
export async function purgeExpired(db: HubDb, opts: { now: number; batch?: number }): Promise<HubPurgeCounts> {
  const batch = opts.batch ?? 2000;
  const years = await retentionYears(db);
  const before = hubPurgeBeforeDate(years, localDateOf(opts.now));
  const counts: HubPurgeCounts = { before, dossiers: 0, events: 0, changes: 0, cases: 0, caseEvents: 0, refusedOps: 0 };
  for (;;) {
    const r = (await db.tx((c) => c.query<{ dossiers: number; events: number; changes: number }>(DOSSIER_BATCH, [before, batch]))).rows[0]!;
    counts.dossiers += r.dossiers;
    counts.events += r.events;
    counts.changes += r.changes;
    if (r.dossiers < batch) break;
  }
  for (;;) {
    const r = (await db.tx((c) => c.query<{ cases: number; events: number; changes: number }>(CASE_BATCH, [before, batch]))).rows[0]!;
    counts.cases += r.cases;
    counts.caseEvents += r.events;
    counts.changes += r.changes;
    if (r.cases < batch) break;
  }
  // Refused operations keep their payload as evidence for the counter's manager; that too ends.
  const cutoffMs = Date.parse(`${before}T00:00:00+07:00`);
  const ops = await db.query<{ n: number }>('WITH d AS (DELETE FROM ops WHERE received_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM d', [cutoffMs]);
  counts.refusedOps = ops.rows[0]!.n;
  return counts;
}

/**
 * The purge once a day, from a hub process: every `checkEveryMs` it asks, under an advisory lock (one
 * process of the province at a time), whether a day has passed since the last run (hub_meta
 * 'retention_last_run'), and runs it if so. `log` gets the counts.
 */
export function startRetentionSchedule(
  db: HubDb,
  log: (counts: HubPurgeCounts & { summaryRowsFolded: number; ms: number }) => void,
  opts: { checkEveryMs?: number; now?: () => number; onError?: (err: unknown) => void } = {},
): { stop(): void; runDue(): Promise<HubPurgeCounts | null> } {
  const now = opts.now ?? Date.now;
  async function runDue(): Promise<HubPurgeCounts | null> {
    const claimed = await db.tx(async (c) => {
      const lock = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOCK_KEY]);
      if (!lock.rows[0]?.ok) return false;
      const last = await c.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'retention_last_run'");
      if (last.rows[0] && now() - Number(last.rows[0].value) < DAY_MS) return false;
      await c.query("INSERT INTO hub_meta (key, value) VALUES ('retention_last_run', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(now())]);
      return true;
    });
    if (!claimed) return null;
    const t0 = Date.now();
    const counts = await purgeExpired(db, { now: now() });
    // The same daily upkeep folds the report summary's appended rows of past days (report.ts).
    const summary = await compactReportSummary(db, localDateOf(now()));
    // Fresh statistics for the tables the pull and the reports walk: the plans of their page queries
    // depend on them (without statistics PostgreSQL sorted the rest of the feed for every pull page),
    // and a server with autovacuum turned off, or one just filled by an import, would have none.
    await db.query('ANALYZE changes, dossiers, dossier_events, case_events, cases, ledger_entries');
    log({ ...counts, summaryRowsFolded: summary.dossierRows + summary.ledgerRows, ms: Date.now() - t0 });
    return counts;
  }
  const tick = () => void runDue().catch((err: unknown) => opts.onError?.(err));
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, opts.checkEveryMs ?? 3600_000);
  first.unref();
  timer.unref();
  return {
    runDue,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
