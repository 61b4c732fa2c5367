/**
 * Periodic report benchmark (issue 13), on the real PostgreSQL (127.0.0.1:5432 or PG_TEST_URL) in a
 * fresh database: a province's events generated inside PostgreSQL (generate_series, one statement per
 * table, so 10 million rows take minutes, not hours), then the report of a quarter and of a year.
 *
 * The mix, per dossier: 4 dossier events (accepted, batched, filed, handed over), 1.7 ledger entries
 * (postage always, the agency fee 70% of the time), and cases for 1% of dossiers: complaints (0.6%),
 * losses (0.25%), compensations (0.15%, two thirds paid). So N events ≈ N / 5.9 dossiers. 12 branches,
 * every procedure and agency of the sample catalogue, accepted dates spread over 2026.
 *
 * Figures: hub_quarter_report_s and hub_year_report_s (median of 5 runs of `periodicReport`, the same
 * function the CLI calls) at 1M and 10M events (100k and 1M with --quick), and what the planner does
 * for the largest query (EXPLAIN ANALYZE of the dossier aggregate: scan type, rows, buffers).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Bench, BenchRow } from './run';
import { withDatabase } from './pg-database';
import { openPostgres, type HubDb } from '../../src/hub/db';
import { migrateHub, REPORT_SUMMARY_BACKFILL } from '../../src/hub/migrations';
import { publishReference } from '../../src/hub/reference';
import { CASES_SQL, DOSSIER_SQL, LEDGER_SQL, periodicReport } from '../../src/hub/report';
import { parsePeriod, type ReportPeriod } from '../../src/shared/report/period';

const ROOT = join(__dirname, '../..');

const period = (s: string): ReportPeriod => {
  const p = parsePeriod(s);
  if (!p.ok) throw new Error(p.message);
  return p.value;
};


/**
 * Generates `events` events of a province; returns the seconds it took and the row counts. On its
 * own connection, without the hub pool's statement timeout, and with foreign-key triggers off for the
 * session (session_replication_role = replica, the bulk-load setting): the rows are consistent by
 * construction, and a per-row key check would triple the time.
 */
async function generate(url: string, hubDb: HubDb, events: number): Promise<{ generateS: number; backfillS: number; dossiers: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET session_replication_role = replica");
  await client.query("SET maintenance_work_mem = '256MB'");
  const db = { query: (sql: string, args?: unknown[]) => client.query(sql, args) };
  try {
    return await generateWith(db, hubDb, events);
  } finally {
    await client.end();
  }
}

async function generateWith(db: { query: (sql: string, args?: unknown[]) => Promise<unknown> }, hubDb: HubDb, events: number): Promise<{ generateS: number; backfillS: number; dossiers: number }> {
  const catalogue = JSON.parse(readFileSync(join(ROOT, 'resources/reference/catalogue-son-la.sample.json'), 'utf8')) as { procedures: { code: string; agencyCode: string }[] };
  await publishReference(hubDb, 'catalogue', 'bench', catalogue, Date.now());
  const t0 = performance.now();
  const D = Math.round(events / 5.9);
  await db.query(`INSERT INTO branches (code, name) SELECT 'BC' || lpad(b::text, 2, '0'), 'Bưu cục ' || b FROM generate_series(1, 12) b`);
  await db.query(`INSERT INTO counters (id, branch_code, name) SELECT 'BC' || lpad(b::text, 2, '0') || '-Q1', 'BC' || lpad(b::text, 2, '0'), 'Quầy 1' FROM generate_series(1, 12) b`);
  const procs = catalogue.procedures.map((p) => p.code);
  const agencies = catalogue.procedures.map((p) => p.agencyCode);
  // Dossiers: the record as a counter pushes it (the fields the report reads and the usual others).
  await db.query(
    `INSERT INTO dossiers (id, branch_code, item_number, origin_counter_id, record, snapshot, hub_seq, last_event_id, change_key, updated_at)
     SELECT lpad(to_hex(i), 32, '0')::uuid, br, 'EA' || lpad(i::text, 9, '0') || 'VN', br || '-Q1',
            json_build_object('id', lpad(to_hex(i), 32, '0')::uuid, 'itemNumber', 'EA' || lpad(i::text, 9, '0') || 'VN',
              'serviceType', (ARRAY['send', 'return', 'both'])[1 + i % 3], 'procedureCode', ($1::text[])[1 + p], 'agencyCode', ($2::text[])[1 + p],
              'originCounterId', br || '-Q1', 'acceptedDate', to_char(date '2026-01-01' + (i % 365), 'YYYY-MM-DD'), 'complete', true,
              'returnMethod', 'pickup', 'feeAmount', 200000, 'postageAmount', 28000, 'parties', json_build_array(), 'documents', json_build_array()),
            json_build_object('state', 'handed_over'), 4, lpad(to_hex(i), 32, '0')::uuid, '1'::xid8, 0
       FROM (SELECT i, 'BC' || lpad((1 + i % 12)::text, 2, '0') AS br, (i * 7) % $3 AS p FROM generate_series(1, $4::int) i) g`,
    [procs, agencies, procs.length, D],
  );
  // Dossier events: four per dossier.
  await db.query(
    `INSERT INTO dossier_events (id, dossier_id, hub_seq, counter_id, seq, op_id, type, event, hub_at)
     SELECT lpad(to_hex(i * 4 + k), 32, '0')::uuid, lpad(to_hex(i), 32, '0')::uuid, k + 1, 'BC' || lpad((1 + i % 12)::text, 2, '0') || '-Q1', i * 4 + k,
            lpad(to_hex(i * 4 + k), 32, '0')::uuid, (ARRAY['accepted', 'batched', 'filed', 'handed_over'])[k + 1],
            json_build_object('type', (ARRAY['accepted', 'batched', 'filed', 'handed_over'])[k + 1], 'date', to_char(date '2026-01-01' + (i % 365) + k * 3, 'YYYY-MM-DD'), 'actorId', 'c1', 'actorRole', 'clerk'),
            0
       FROM generate_series(1, $1::int) i, generate_series(0, 3) k`,
    [D],
  );
  // Ledger: postage for every dossier, the agency fee for 70%.
  await db.query(
    `INSERT INTO ledger_entries (op_id, counter_id, seq, branch_code, entry, hub_at)
     SELECT lpad(to_hex(1e9::bigint + i * 2 + k), 32, '0')::uuid, br || '-Q1', 1e9::bigint + i * 2 + k, br,
            json_build_object('at', 0, 'businessDate', to_char(date '2026-01-01' + (i % 365), 'YYYY-MM-DD'), 'clerkId', 'c1', 'counterId', br || '-Q1',
              'dossierId', lpad(to_hex(i), 32, '0')::uuid, 'kind', CASE k WHEN 0 THEN 'postage' ELSE 'agency_fee' END,
              'amount', CASE k WHEN 0 THEN 20000 + (i % 20) * 1000 ELSE 200000 END, 'paymentMethod', 'cash'), 0
       FROM (SELECT i, 'BC' || lpad((1 + i % 12)::text, 2, '0') AS br FROM generate_series(1, $1::int) i) g, generate_series(0, 1) k
      WHERE k = 0 OR i % 10 < 7`,
    [D],
  );
  // Cases for 1% of dossiers.
  await db.query(
    `INSERT INTO cases (id, branch_code, kind, dossier_id, origin_counter_id, snapshot, state, hub_seq, last_event_id, change_key, opened_date, deadline, done_date, in_time, amount, loss_subject, loss_kind, updated_at)
     SELECT lpad(to_hex(2e9::bigint + i), 32, '0')::uuid, 'BC' || lpad((1 + i % 12)::text, 2, '0'), kind, lpad(to_hex(i), 32, '0')::uuid, 'BC' || lpad((1 + i % 12)::text, 2, '0') || '-Q1',
            '{}'::json, CASE kind WHEN 'complaint' THEN (ARRAY['received', 'handling', 'answered', 'closed'])[1 + i % 4] WHEN 'loss' THEN 'declared' ELSE CASE WHEN i % 3 = 0 THEN 'decided' ELSE 'paid' END END,
            1, lpad(to_hex(2e9::bigint + i), 32, '0')::uuid, '1'::xid8, date '2026-01-01' + (i % 365),
            CASE WHEN kind = 'complaint' THEN date '2026-01-01' + (i % 365) + 7 END,
            CASE WHEN kind = 'complaint' AND i % 4 >= 2 THEN date '2026-01-01' + (i % 365) + (i % 10) WHEN kind = 'compensation' AND i % 3 <> 0 THEN date '2026-01-01' + (i % 365) + 2 END,
            CASE WHEN kind = 'complaint' THEN i % 20 <> 0 END, CASE WHEN kind = 'compensation' THEN 100000 + (i % 5) * 50000 END,
            CASE WHEN kind = 'loss' THEN (ARRAY['dossier', 'result'])[1 + i % 2] END, CASE WHEN kind = 'loss' THEN (ARRAY['lost', 'damaged'])[1 + (i / 2) % 2] END, 0
       FROM (SELECT i, CASE WHEN i % 1000 < 6 THEN 'complaint' WHEN i % 1000 < 8 THEN 'loss' WHEN i % 1000 < 10 THEN 'compensation' END AS kind FROM generate_series(1, $1::int) i) g
      WHERE kind IS NOT NULL`,
    [D],
  );
  await db.query('VACUUM ANALYZE dossiers');
  await db.query('VACUUM ANALYZE ledger_entries');
  await db.query('VACUUM ANALYZE cases');
  await db.query('ANALYZE dossier_events');
  const generateS = (performance.now() - t0) / 1000;
  // Loaded with triggers off (replica role): the daily summary is built as migration 14 builds it.
  const t1 = performance.now();
  await db.query(REPORT_SUMMARY_BACKFILL);
  return { generateS, backfillS: (performance.now() - t1) / 1000, dossiers: D };
}

/** The same aggregates over the raw rows (the report before migration 14): the baseline. */
const RAW_DOSSIER_SQL = `SELECT branch_code, service_type, agency_code, procedure_code, count(*)::int AS n
  FROM dossiers WHERE accepted_date >= $1 AND accepted_date < $2 AND ($3::text IS NULL OR branch_code = $3) GROUP BY 1, 2, 3, 4`;
const RAW_LEDGER_SQL = `SELECT branch_code, kind, sum(amount)::float8 AS total
  FROM ledger_entries WHERE business_date >= $1 AND business_date < $2 AND ($3::text IS NULL OR branch_code = $3) GROUP BY 1, 2`;

/**
 * What the summary's triggers add to a push: a push-sized batch (100 dossiers and 170 ledger entries,
 * one statement each, as push-write.ts writes them) in its own transaction, rolled back, with the
 * triggers on and, as the baseline in the same run, off (replica role). Median ms per batch.
 */
async function ingestCost(url: string): Promise<{ withTriggersMs: number; withoutMs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const batch = async (replica: boolean, k: number): Promise<number> => {
    await client.query('BEGIN');
    if (replica) await client.query('SET LOCAL session_replication_role = replica');
    const t = performance.now();
    await client.query(
      `INSERT INTO dossiers (id, branch_code, item_number, origin_counter_id, record, snapshot, hub_seq, last_event_id, change_key, updated_at)
       SELECT gen_random_uuid(), 'BC01', 'ZZ' || lpad((${k} * 1000 + i)::text, 9, '0') || 'VN', 'BC01-Q1',
              json_build_object('serviceType', 'both', 'procedureCode', 'P' || (i % 7), 'agencyCode', 'A' || (i % 3), 'acceptedDate', '2026-06-0' || (1 + i % 5)),
              '{}'::json, 1, gen_random_uuid(), '1'::xid8, 0
         FROM generate_series(1, 100) i`,
    );
    await client.query(
      `INSERT INTO ledger_entries (op_id, counter_id, seq, branch_code, entry, hub_at)
       SELECT gen_random_uuid(), 'BC01-Q1', 9e12::bigint + ${k} * 1000 + i, 'BC01', json_build_object('businessDate', '2026-06-0' || (1 + i % 5), 'kind', 'postage', 'amount', 20000), 0
         FROM generate_series(1, 170) i`,
    );
    const ms = performance.now() - t;
    await client.query('ROLLBACK');
    return ms;
  };
  const med = (xs: number[]) => Number([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2));
  try {
    const on: number[] = [];
    const off: number[] = [];
    for (let k = 0; k < 40; k++) {
      on.push(await batch(false, k));
      off.push(await batch(true, k));
    }
    return { withTriggersMs: med(on.slice(5)), withoutMs: med(off.slice(5)) };
  } finally {
    await client.end();
  }
}

async function median(fn: () => Promise<unknown>, n = 5): Promise<number> {
  await fn(); // warm the cache and the plans
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push((performance.now() - t) / 1000);
  }
  xs.sort((a, b) => a - b);
  return Number(xs[Math.floor(n / 2)]!.toFixed(3));
}

/** The plan's main nodes in one line: node type (relation, index), rows, time, buffers. */
async function explain(db: HubDb, sql: string, args: unknown[]): Promise<string> {
  const r = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, args);
  const plan = (r.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown>; 'Execution Time': number }[])[0]!;
  const parts: string[] = [];
  const walk = (n: Record<string, unknown>) => {
    const name = [n['Node Type'], n['Relation Name'] ? `on ${String(n['Relation Name'])}` : '', n['Index Name'] ? `using ${String(n['Index Name'])}` : ''].filter(Boolean).join(' ');
    parts.push(`${name} rows=${String(n['Actual Rows'])}${n['Heap Fetches'] !== undefined ? ` heap_fetches=${String(n['Heap Fetches'])}` : ''}${n['Workers Launched'] !== undefined ? ` workers=${String(n['Workers Launched'])}` : ''}`);
    for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
  };
  walk(plan.Plan);
  return `${parts.join(' > ')}; ${plan['Execution Time'].toFixed(1)} ms; shared hit=${String(plan.Plan['Shared Hit Blocks'])} read=${String(plan.Plan['Shared Read Blocks'])}`;
}

const bench: Bench = async ({ quick }) => {
  const rows: BenchRow[] = [];
  // BENCH_REPORT_EVENTS=10000000 runs one size only (the 10M generation alone takes many minutes).
  const only = process.env.BENCH_REPORT_EVENTS ? [Number(process.env.BENCH_REPORT_EVENTS)] : null;
  for (const events of only ?? (quick ? [100_000, 1_000_000] : [1_000_000, 10_000_000])) {
    await withDatabase('report', async (url) => {
      const db = openPostgres(url, { max: 4 });
      try {
        await migrateHub(db);
        const g = await generate(url, db, events);
        const now = Date.parse('2027-01-05T09:00:00+07:00');
        const q = period('2026-Q2');
        const y = period('2026');
        const quarterS = await median(() => periodicReport(db, q, null, now));
        const yearS = await median(() => periodicReport(db, y, null, now));
        const branchYearS = await median(() => periodicReport(db, y, 'BC05', now));
        // Baseline in the same run: the year's two big aggregates over the raw rows.
        const rawYearS = await median(() => Promise.all([db.query(RAW_DOSSIER_SQL, [y.from, y.to, null]), db.query(RAW_LEDGER_SQL, [y.from, y.to, null])]), 3);
        const ingest = await ingestCost(url);
        const summaryRows = (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM report_dossier_days)::int + (SELECT count(*) FROM report_ledger_days)::int AS n')).rows[0]!.n;
        const counts = (await db.query<{ e: number; l: number; c: number }>('SELECT (SELECT count(*)::int FROM dossier_events) AS e, (SELECT count(*)::int FROM ledger_entries) AS l, (SELECT count(*)::int FROM cases) AS c')).rows[0]!;
        rows.push({
          events: g.dossiers + counts.e + counts.l + counts.c,
          dossiers: g.dossiers,
          dossier_events: counts.e,
          ledger_entries: counts.l,
          cases: counts.c,
          generate_s: Number(g.generateS.toFixed(1)),
          summary_backfill_s: Number(g.backfillS.toFixed(1)),
          summary_rows: summaryRows,
          push_batch_insert_with_summary_ms: ingest.withTriggersMs,
          baseline_push_batch_insert_without_summary_ms: ingest.withoutMs,
          hub_quarter_report_s: quarterS,
          hub_year_report_s: yearS,
          hub_year_branch_report_s: branchYearS,
          baseline_year_raw_aggregates_s: rawYearS,
          load_avg_1m: Math.round(loadavg()[0]! * 10) / 10,
          explain_year_dossiers: await explain(db, DOSSIER_SQL, [y.from, y.to, null]),
          explain_quarter_dossiers: await explain(db, DOSSIER_SQL, [q.from, q.to, null]),
          explain_year_ledger: await explain(db, LEDGER_SQL, [y.from, y.to, null]),
          explain_year_cases: await explain(db, CASES_SQL, [y.from, y.to, null, '2027-01-05']),
        });
      } finally {
        await db.close();
      }
    });
  }
  return rows;
};

export default bench;
