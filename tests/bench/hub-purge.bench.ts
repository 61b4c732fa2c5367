/**
 * The hub's 5-year purge (issue 15 §2, src/hub/retention.ts) on the real PostgreSQL
 * (127.0.0.1:5432 or PG_TEST_URL) in a fresh database: six years of one province's dossiers spread
 * evenly (400,000 ≈ 5,500 a month, Sơn La's volume; 60,000 with --quick), each with 4 events and
 * their change-feed rows, generated inside PostgreSQL. The clock is set so that exactly one month is
 * past the retention period, and that month is purged in batches of 2,000 by `purgeExpired`.
 *
 * Figures: hub_purge_month_s (wall) and hub_purge_month_cpu_s (this process's CPU: the work is the
 * database's), beside the baseline hub_read_month_s, reading the same month's rows through the same
 * indexes without deleting them, in the same run; purge_vs_read is their ratio.
 */
import pg from 'pg';
import type { Bench, BenchRow } from './run';
import { withDatabase } from './pg-database';
import { openPostgres } from '../../src/hub/db';
import { migrateHub } from '../../src/hub/migrations';
import { purgeExpired } from '../../src/hub/retention';

const DAYS = 6 * 365;
const FIRST = '2020-12-01';


async function generate(url: string, dossiers: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    await c.query('SET session_replication_role = replica');
    await c.query("INSERT INTO branches (code, name) VALUES ('BC01', 'Bưu cục 1')");
    await c.query("INSERT INTO counters (id, branch_code, name) VALUES ('BC01-Q1', 'BC01', 'Quầy 1')");
    await c.query(
      `INSERT INTO dossiers (id, branch_code, item_number, origin_counter_id, record, snapshot, hub_seq, last_event_id, change_key, updated_at)
       SELECT md5('d' || i)::uuid, 'BC01', 'EA' || lpad(i::text, 9, '0') || 'VN', 'BC01-Q1',
              json_build_object('acceptedDate', to_char(date '${FIRST}' + (i % ${DAYS}), 'YYYY-MM-DD'), 'serviceType', 'both', 'agencyCode', 'STP', 'procedureCode', 'TP-LLTP-01',
                'parties', json_build_array(json_build_object('role', 'sender', 'fullName', 'Lò Văn Pình', 'idNumber', '014085001234', 'phone', '0912345678', 'address', 'Tổ 5, phường Tô Hiệu'))),
              '{"state":"handed_over"}'::json, 4, md5('e4-' || i)::uuid, '1'::xid8, 0
         FROM generate_series(1, $1) i`,
      [dossiers],
    );
    await c.query(
      `INSERT INTO dossier_events (id, dossier_id, hub_seq, counter_id, seq, op_id, type, event, hub_at)
       SELECT md5('e' || k || '-' || i)::uuid, md5('d' || i)::uuid, k, 'BC01-Q1', (i - 1) * 4 + k, md5('o' || k || '-' || i)::uuid,
              (ARRAY['accepted', 'batched', 'filed', 'handed_over'])[k], '{"type":"x","recipientName":"Lò Văn Pình"}'::json, 0
         FROM generate_series(1, $1) i, generate_series(1, 4) k`,
      [dossiers],
    );
    await c.query(
      `INSERT INTO changes (change_key, branch_code, kind, origin_counter_id, event_id, hub_at)
       SELECT '1'::xid8, 'BC01', 'dossier.event', 'BC01-Q1', id, 0 FROM dossier_events`,
    );
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
  return (performance.now() - t0) / 1000;
}

const READ_MONTH = `SELECT count(*)::int AS d, (SELECT count(*) FROM dossier_events e JOIN dossiers x ON x.id = e.dossier_id WHERE x.accepted_date < $1)::int AS e,
  (SELECT count(*) FROM changes c JOIN dossier_events e ON e.id = c.event_id JOIN dossiers x ON x.id = e.dossier_id WHERE x.accepted_date < $1)::int AS c
  FROM dossiers WHERE accepted_date < $1`;

const bench: Bench = async ({ quick }) => {
  const dossiers = quick ? 60_000 : 400_000;
  return withDatabase('purge', async (url) => {
    const db = openPostgres(url, { max: 4 });
    try {
      await migrateHub(db);
      const generateS = await generate(url, dossiers);
      // One month past 5 years: records accepted before 2020-12-31 go.
      const now = Date.parse('2025-12-31T10:00:00+07:00');
      const r0 = performance.now();
      const read = (await db.query<{ d: number; e: number; c: number }>(READ_MONTH, ['2020-12-31'])).rows[0]!;
      const readS = (performance.now() - r0) / 1000;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const counts = await purgeExpired(db, { now, batch: 2000 });
      const purgeS = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      if (counts.dossiers !== read.d || counts.events !== read.e || counts.changes !== read.c) throw new Error(`purge counts ${JSON.stringify(counts)} differ from the month read ${JSON.stringify(read)}`);
      const row: BenchRow = {
        dossiers_total: dossiers,
        month_dossiers: counts.dossiers,
        month_events: counts.events,
        month_changes: counts.changes,
        generate_s: Number(generateS.toFixed(1)),
        hub_purge_month_s: Number(purgeS.toFixed(3)),
        hub_purge_month_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
        hub_read_month_s: Number(readS.toFixed(3)),
        purge_vs_read: Number((purgeS / readS).toFixed(1)),
        load_average_1m: Number((await import('node:os')).loadavg()[0]!.toFixed(1)),
      };
      return [row];
    } finally {
      await db.close();
    }
  });
};

export default bench;
