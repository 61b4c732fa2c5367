/**
 * A new counter's first pull (issue 18), on the real PostgreSQL (127.0.0.1:5432 or PG_TEST_URL) in a
 * fresh database, the real hub in its own process (`npm run hub`, one worker: the hub is another
 * machine, so its work is not the counter's process's) over loopback HTTP, and a real counter store:
 *
 * - pull_100k_s: a freshly enrolled counter pulling and applying exactly 100,000 dossier changes of
 *   another counter of its branch (each a full acceptance: dossier, parties, documents, event) through
 *   its sync worker with its default settings, page + cursor per local transaction. Target ≤ 5 s.
 *   With --quick: pull_5k_s, the same on 5,000 changes (named for that size, not scaled).
 *
 * The seeded changes are stored as the hub stores a real push: from the request's own bytes, which a
 * counter writes in ASCII (wireJson), through the same byte walk as the /push route (locateOps).
 *
 * Beside the wall time, the CPU time of each party, read from /proc (the machine is shared, so wall
 * time is mostly waiting for a core): counter_cpu_s (this process), hub_cpu_s (the hub's worker
 * process) and pg_cpu_s (the PostgreSQL backends serving the bench's database).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { v7 } from 'uuid';
import type { Bench, BenchRow } from './run';
import { openPostgres } from '../../src/hub/db';
import { migrateHub } from '../../src/hub/migrations';
import { DEFAULT_SERIALS } from '../../src/hub/serials';
import { createEnrollmentCode, enrollWithCode } from '../../src/hub/enroll';
import { pushOps } from '../../src/hub/push';
import { locateOps } from '../../src/hub/raw-json';
import { wireJson } from '../../src/shared/sync-protocol';
import { DEFAULT_COUNTER } from '../../src/main/app';
import { enrollCounter } from '../../src/main/sync/enroll';
import { SyncWorker } from '../../src/main/sync/worker';
import type { SyncOp } from '../../src/shared/sync-ops';
import { createTestApp, lltpInput, type TestApp } from '../helpers/app';
import { issuedNumbers } from '../helpers/serials';
import { freePort, healthy, runHub, until, workersOf, type HubProcess } from '../helpers/hub-process';

const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
type DossierOp = Extract<SyncOp, { kind: 'dossier.event' }>;

/** CPU seconds (user + system) a process of this machine has used so far; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

const bench: Bench = async ({ quick }) => {
  // PULL_BENCH_CHANGES only to profile on another size; the figures are named for 100,000 and 5,000.
  const PULL = Number(process.env.PULL_BENCH_CHANGES ?? (quick ? 5_000 : 100_000));
  const figure = PULL === 100_000 ? 'pull_100k_s' : PULL === 5_000 ? 'pull_5k_s' : 'pull_s';
  const BATCH = 500;
  const name = `quayhcc_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const hubDb = openPostgres(u.toString(), { max: 4 });
  const apps: TestApp[] = [];
  let hub: HubProcess | undefined;
  const rows: BenchRow[] = [];
  try {
    await migrateHub(hubDb);
    const port = await freePort();
    hub = runHub(['serve'], { DATABASE_URL: u.toString(), HUB_PORT: String(port), HUB_WORKERS: '1' });
    const url = `http://127.0.0.1:${port}`;
    await until(() => healthy(url), 'the hub', 180_000, hub);

    // A real intake gives the shape of a real acceptance.
    const seed = createTestApp();
    apps.push(seed);
    seed.services.intake.accept(lltpInput(), seed.clerk);
    const acc = (seed.db.prepare("SELECT payload FROM outbox WHERE kind = 'dossier.event' ORDER BY seq LIMIT 1").get() as { payload: string }).payload;
    const template = JSON.parse(acc) as DossierOp;

    // Another counter of the branch pushed PULL acceptances (through the hub's own push code).
    const writer = 'BENCH-PULL-W';
    const { code } = await createEnrollmentCode(hubDb, { branchCode: 'BENCH-PULL', counterId: writer }, Date.now());
    await enrollWithCode(hubDb, DEFAULT_SERIALS, code, undefined, Date.now());
    const nextNumber = await issuedNumbers(hubDb, writer, DEFAULT_SERIALS, PULL);
    const who = { counterId: writer, branchCode: 'BENCH-PULL' };
    for (let done = 0; done < PULL; done += BATCH) {
      const ops = Array.from({ length: Math.min(BATCH, PULL - done) }, (_, i) => {
        const dossierId = v7();
        const itemNumber = nextNumber();
        const op: DossierOp = {
          ...template,
          opId: v7(),
          dossierId,
          itemNumber,
          eventId: v7(),
          event: { ...template.event, counterId: writer },
          dossier: { ...template.dossier!, id: dossierId, itemNumber, originCounterId: writer },
        };
        return { opId: op.opId, seq: done + i + 1, payload: op };
      });
      const bytes = Buffer.from(wireJson({ ops }));
      const located = locateOps(bytes);
      if (!located || located.length !== ops.length) throw new Error('seeding: the push body was not located');
      const out = await pushOps(hubDb, DEFAULT_SERIALS, who, ops, () => Date.now(), { bytes, ops: located });
      if (out.results.some((r) => r.status !== 'accepted')) throw new Error(`seeding refused: ${JSON.stringify(out.results.find((r) => r.status !== 'accepted'))}`);
    }

    // What autovacuum does on a real hub within a minute of so many new rows (a new counter's first
    // pull comes long after; the test server runs with autovacuum off): without statistics, the
    // planner reads the rest of the feed and sorts it for every page (measured: 50,000 rows read and
    // sorted for a page in the middle of 100,000), with them it walks the (change_key, change_id) index.
    await hubDb.exec('ANALYZE');

    const puller = createTestApp({ counter: { ...DEFAULT_COUNTER, id: 'BENCH-PULL-R', branchCode: 'BENCH-PULL', name: 'BENCH-PULL-R' } });
    apps.push(puller);
    const c2 = await createEnrollmentCode(hubDb, { branchCode: 'BENCH-PULL', counterId: 'BENCH-PULL-R' }, Date.now());
    await enrollCounter(puller.db, { clock: { now: () => Date.now() } }, url, c2.code);
    const pw = new SyncWorker({ ctx: puller.ctx, clock: { now: () => Date.now() } });
    const workers = [hub.child.pid!, ...workersOf(hub.child.pid!)];
    const backends = async (): Promise<number[]> =>
      (await hubDb.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows.map((r) => r.pid);
    const pg0 = new Map((await backends()).map((p) => [p, cpuSeconds(p)]));
    const hub0 = workers.map(cpuSeconds);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const ps = await pw.syncNow();
    const pullS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const hubCpu = workers.reduce((sum, p, i) => sum + cpuSeconds(p) - hub0[i]!, 0);
    // Backends the hub opened during the pull count from zero.
    let pgCpu = 0;
    for (const p of await backends()) pgCpu += cpuSeconds(p) - (pg0.get(p) ?? 0);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
    const applied = (puller.db.prepare("SELECT COUNT(*) AS n FROM dossier_events WHERE origin = 'remote'").get() as { n: number }).n;
    if (ps.status !== 'synced' || applied !== PULL) throw new Error(`pull incomplete: ${applied}/${PULL} ${JSON.stringify(ps)}`);
    const m = pw.metrics();
    rows.push({
      metric: 'pull',
      pull_changes: PULL,
      [figure]: Number(pullS.toFixed(3)),
      // CPU times (the hub: its primary and worker processes): a machine shared with other jobs inflates them far less than the wall time.
      counter_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
      hub_cpu_s: Number(hubCpu.toFixed(2)),
      pg_cpu_s: Number(pgCpu.toFixed(2)),
      load_avg_1m: Number(load),
      pull_changes_per_s: Math.round(PULL / pullS),
      pull_pages: m.pullPages,
      pull_http_s: Number((m.pullHttpMs / 1000).toFixed(3)),
      pull_local_apply_s: Number((m.pullApplyMs / 1000).toFixed(3)),
      // The target is for 100,000 changes only.
      ...(PULL === 100_000 ? { target_s: 5, meets_target: pullS <= 5 } : {}),
    });
  } finally {
    for (const a of apps) a.dispose();
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
    await hubDb.close();
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
  return rows;
};

export default bench;
