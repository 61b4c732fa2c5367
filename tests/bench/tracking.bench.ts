/**
 * The citizens' tracking page (issue 14) on the real PostgreSQL, one hub worker in its own process:
 *
 * - tracking_p99_ms / tracking_p50_ms: one look-up of an existing item number (JSON, the same read as
 *   the HTML page) over a keep-alive loopback connection, one at a time, on a province holding
 *   `events` dossier events (10,000,000; 1,000,000 with --quick) of `dossiers` dossiers.
 *   tracking_unknown_p50_ms: the same for numbers the hub does not hold (same statement).
 * - tracking_rps: look-ups per second with 32 concurrent keep-alive connections for a few seconds,
 *   the look-up limit lifted (one client), cycling through 3,000 existing numbers. Goal ≥ 2,000 with
 *   one worker. The client runs in this process and shares the machine's two cores with the hub and
 *   PostgreSQL; it is a bare keep-alive client (keepalive-client.ts), not Node's http module, which
 *   cost about as much CPU per request as the hub itself.
 * - Where the CPU of the throughput run went (Linux, from /proc): tracking_rps_hub_cpu_ms_per_req (the
 *   worker process), tracking_rps_pg_cpu_ms_per_req (the PostgreSQL backends serving it),
 *   tracking_rps_client_cpu_ms_per_req (this process), and tracking_rps_hub_core_bound: the look-ups a
 *   second the worker would answer with a whole core to itself (1000 / its ms per look-up). On a
 *   busy machine wall-clock rps falls with the others' load; the CPU per look-up much less so.
 * - tracking_html_rps (and its CPU figures alike): the same with the HTML page citizens' phones ask for.
 *
 * The hub worker logs as deployed (level info) into /dev/null (tracking-hub.ts).
 *
 * The province is generated in SQL (generate_series) into a database kept between runs
 * (quayhcc_bench_tracking_<events>), as a counter's pushes would have left it: branches, counters,
 * dossiers with a realistic record and snapshot, 3–7 events each in hub order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { KeepAliveClient } from './keepalive-client';
import type { Bench, BenchRow } from './run';
import { openPostgres } from '../../src/hub/db';
import { migrateHub } from '../../src/hub/migrations';

const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const dbUrl = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Item number of dossier i (prefix EB, serial i, its S10 check digit), computed in SQL. */
const ITEM_SQL = `CREATE OR REPLACE FUNCTION bench_item(i bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'EB' || s || (CASE WHEN c = 10 THEN 0 WHEN c = 11 THEN 5 ELSE c END)::text || 'VN'
    FROM (SELECT s, 11 - ((substr(s,1,1)::int*8 + substr(s,2,1)::int*6 + substr(s,3,1)::int*4 + substr(s,4,1)::int*2
          + substr(s,5,1)::int*3 + substr(s,6,1)::int*5 + substr(s,7,1)::int*9 + substr(s,8,1)::int*7) % 11) AS c
            FROM (SELECT lpad(i::text, 8, '0') AS s) a) b
$$`;

/** The province's data, generated once and kept. Returns the number of dossiers. */
async function province(events: number): Promise<{ url: string; dossiers: number }> {
  const name = `quayhcc_bench_tracking_${events}`;
  const dossiers = Math.round(events / 5);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (exists) {
    const c = new pg.Client({ connectionString: dbUrl(name) });
    await c.connect();
    const done = await c.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'bench_done'").then((r) => r.rowCount === 1);
    await c.end();
    if (done) {
      await admin.end();
      const hub = openPostgres(dbUrl(name));
      await migrateHub(hub); // a newer schema's migrations, if any
      await hub.close();
      return { url: dbUrl(name), dossiers };
    }
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const t0 = performance.now();
  const hub = openPostgres(dbUrl(name));
  await migrateHub(hub);
  await hub.close();
  const c = new pg.Client({ connectionString: dbUrl(name) });
  await c.connect();
  await c.query('SET synchronous_commit = off');
  await c.query(ITEM_SQL);
  await c.query(`INSERT INTO branches (code, name) SELECT 'SL-' || b, 'Bưu điện số ' || b FROM generate_series(1, 12) b`);
  await c.query(`INSERT INTO counters (id, branch_code, name) SELECT 'SL-' || b || '-0' || k, 'SL-' || b, 'Quầy ' || k FROM generate_series(1, 12) b, generate_series(1, 4) k`);
  // Dossiers in chunks (one transaction each) so a slow machine shows progress and WAL stays bounded.
  const chunk = 200_000;
  for (let lo = 1; lo <= dossiers; lo += chunk) {
    const hi = Math.min(dossiers, lo + chunk - 1);
    await c.query(
      `INSERT INTO dossiers (id, branch_code, item_number, origin_counter_id, record, snapshot, hub_seq, last_event_id, change_key, updated_at)
       SELECT md5('d' || i)::uuid, 'SL-' || (1 + i % 12), bench_item(i), 'SL-' || (1 + i % 12) || '-0' || (1 + i % 4),
              json_build_object('id', md5('d' || i)::uuid, 'procedureCode', 'TP-LLTP-01', 'agencyCode', 'STP',
                'parties', json_build_array(json_build_object('role', 'sender', 'fullName', 'Lò Thị Hoa', 'idKind', 'cccd', 'idNumber', lpad((14000000000 + i)::text, 12, '0'),
                  'phone', '09' || lpad((i % 100000000)::text, 8, '0'), 'address', 'Bản Hụm, xã Chiềng Đen')),
                'documents', json_build_array(json_build_object('position', 1, 'code', 'TK', 'name', 'Tờ khai', 'form', 'original')),
                'feeAmount', 200000, 'postageAmount', 25000),
              json_build_object('state', (ARRAY['accepted','filed','awaiting_result','ready_for_pickup','handed_over'])[1 + i % 5],
                'serviceType', 'both', 'returnMethod', CASE WHEN i % 3 = 0 THEN 'home' ELSE 'pickup' END, 'complete', true,
                'reclaimOldPapers', false, 'feeDueOnDelivery', 0, 'batchId', null, 'deliveryAttempts', 0, 'nextInvitationDate', null,
                'appointmentDate', '2027-01-15', 'filedAt', null),
              3 + i % 5, md5('e' || i || '-1')::uuid, pg_current_xact_id(), 1780000000000 + i * 1000
         FROM generate_series(${lo}::bigint, ${hi}::bigint) i`,
    );
    await c.query(
      `INSERT INTO dossier_events (id, dossier_id, hub_seq, counter_id, seq, op_id, type, event, hub_at)
       SELECT md5('e' || i || '-' || k)::uuid, md5('d' || i)::uuid, k, 'SL-' || (1 + i % 12) || '-0' || (1 + i % 4), i * 8 + k, md5('o' || i || '-' || k)::uuid,
              t.type,
              json_build_object('type', t.type, 'at', 1780000000000 + i * 1000 + k * 86400000, 'date', '2026-06-01', 'actorId', 'clerk-1', 'actorRole', 'clerk',
                'counterId', 'SL-' || (1 + i % 12) || '-0' || (1 + i % 4), 'agencyCode', CASE WHEN t.type = 'batched' THEN 'STP' END,
                'appointmentDate', CASE WHEN t.type = 'appointment_recorded' THEN '2027-01-15' END,
                'receivingOfficer', CASE WHEN t.type = 'filed' THEN 'Cầm Văn Nam' END),
              1780000000000 + i * 1000 + k * 86400000
         FROM generate_series(${lo}::bigint, ${hi}::bigint) i
         CROSS JOIN LATERAL generate_series(1, 3 + (i % 5)::int) k
         JOIN LATERAL (SELECT (ARRAY['accepted','batched','filed','appointment_recorded','result_collected','delivery_failed','handed_over'])[k] AS type) t ON true`,
    );
    process.stderr.write(`tracking bench: ${hi} / ${dossiers} dossiers (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  await c.query('ANALYZE');
  await c.query('CREATE TABLE bench_done (at timestamptz DEFAULT now())');
  const n = Number((await c.query('SELECT count(*) AS n FROM dossier_events')).rows[0].n);
  await c.end();
  process.stderr.write(`tracking bench: province of ${n} events built in ${((performance.now() - t0) / 1000).toFixed(0)} s, kept as ${name}\n`);
  return { url: dbUrl(name), dossiers };
}

function startHub(url: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'tracking-hub.ts'), url], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`hub exited ${code}`)));
  });
}

/** The hub worker's PostgreSQL connections name themselves so (tracking-hub.ts). */
export const TRACKING_BENCH_APP = 'quayhcc-bench-tracking';

/** CPU ms a process has used (user + system), from /proc; null where there is none (not Linux). */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

const bench: Bench = async ({ quick }) => {
  const events = quick ? 1_000_000 : 10_000_000;
  const { url, dossiers } = await province(events);
  const { child, port } = await startHub(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const clients = await Promise.all(Array.from({ length: 32 }, () => KeepAliveClient.connect(port)));
  try {
    const sample = async (n: number) => (await c.query(`SELECT bench_item(1 + (random() * ${dossiers - 1})::bigint) AS item FROM generate_series(1, ${n})`)).rows.map((r) => r.item as string);
    const known = await sample(3000);
    const unknown = (await c.query(`SELECT bench_item(${dossiers} + 1 + (random() * 1000000)::bigint) AS item FROM generate_series(1, 1000)`)).rows.map((r) => r.item as string);
    // Warm-up on every connection at once, so that the worker's pool has all its PostgreSQL
    // connections (each prepares the look-up once) before anything is timed.
    let w = 0;
    await Promise.all(clients.map(async (k) => {
      while (w < 300) expectStatus(await k.get(`/tra-cuu/${known[w++]}`), 200);
    }));
    const one = clients[0]!;
    const time = async (items: string[], status: number) => {
      const ms: number[] = [];
      for (const item of items) {
        const t = performance.now();
        expectStatus(await one.get(`/tra-cuu/${item}`), status);
        ms.push(performance.now() - t);
      }
      return ms;
    };
    const found = await time(known.slice(300), 200);
    const missing = await time(unknown, 404);
    // Throughput: 32 connections, each asking for the next number in turn; JSON (the goal), then
    // the HTML page the citizens' phones get.
    const seconds = quick ? 4 : 10;
    const backends = async () =>
      (await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [TRACKING_BENCH_APP])).rows.map((r) => r.pid as number);
    const throughput = async (conns: KeepAliveClient[], prefix: string): Promise<BenchRow> => {
      const pgBefore = new Map((await backends()).map((pid) => [pid, processCpuMs(pid)]));
      const hubBefore = processCpuMs(child.pid!);
      const clientBefore = process.cpuUsage();
      let done = 0;
      let i = 0;
      const until = performance.now() + seconds * 1000;
      const t0 = performance.now();
      await Promise.all(
        conns.map(async (k) => {
          while (performance.now() < until) {
            expectStatus(await k.get(`/tra-cuu/${known[i++ % known.length]}`), 200);
            done++;
          }
        }),
      );
      const wall = (performance.now() - t0) / 1000;
      const clientCpu = process.cpuUsage(clientBefore);
      const hubAfter = processCpuMs(child.pid!);
      let pgCpu: number | null = 0;
      for (const pid of await backends()) {
        const after = processCpuMs(pid);
        const before = pgBefore.has(pid) ? pgBefore.get(pid)! : 0; // a connection opened during the run
        pgCpu = after === null || before === null || pgCpu === null ? null : pgCpu + after - before;
      }
      const out: BenchRow = { [`${prefix}_rps`]: Math.round(done / wall) };
      if (hubBefore !== null && hubAfter !== null) {
        out[`${prefix}_rps_hub_cpu_ms_per_req`] = r3((hubAfter - hubBefore) / done);
        out[`${prefix}_rps_hub_core_bound`] = Math.round(done / ((hubAfter - hubBefore) / 1000));
      }
      if (pgCpu !== null) out[`${prefix}_rps_pg_cpu_ms_per_req`] = r3(pgCpu / done);
      out[`${prefix}_rps_client_cpu_ms_per_req`] = r3((clientCpu.user + clientCpu.system) / 1000 / done);
      return out;
    };
    const json = await throughput(clients, 'tracking');
    const pages = await Promise.all(Array.from({ length: 32 }, () => KeepAliveClient.connect(port, 'text/html')));
    clients.push(...pages); // closed with the others
    const html = await throughput(pages, 'tracking_html');
    const row: BenchRow = {
      metric: 'tracking',
      events,
      dossiers,
      tracking_p50_ms: r2(pct(found, 50)),
      tracking_p99_ms: r2(pct(found, 99)),
      tracking_unknown_p50_ms: r2(pct(missing, 50)),
      tracking_unknown_p99_ms: r2(pct(missing, 99)),
      ...json,
      ...html,
      hub_workers: 1,
      goal_p99_ms: 20,
      goal_rps: 2000,
    };
    return [row];
  } finally {
    for (const k of clients) k.close();
    await c.end();
    child.kill('SIGTERM');
  }
};

function expectStatus(got: number, want: number): void {
  if (got !== want) throw new Error(`tracking answered ${got}, expected ${want}`);
}

export default bench;
