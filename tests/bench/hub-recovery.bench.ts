/**
 * The hub's recovery when every worker dies at once (issue 18), as IT runs it: `npm run hub` in its
 * own process on the real PostgreSQL with two workers, both killed (SIGKILL) at the same moment.
 *
 * - all_workers_killed_health_back_s: from the kill to the first 200 on /health (target ≤ 5 s), for
 *   each of three rounds and their worst; a worker's cold start (node, tsx, the hub's modules) is
 *   most of it, so a machine shared with other jobs shows it much slower.
 */
import type { Bench, BenchRow } from './run';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort, healthy, runHub, until, workersOf } from '../helpers/hub-process';

const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminSql(sql: string): Promise<void> {
  const a = new pg.Client({ connectionString: ADMIN_URL });
  await a.connect();
  try {
    await a.query(sql);
  } finally {
    await a.end();
  }
}

const bench: Bench = async () => {
  const name = `quayhcc_bench_${randomBytes(5).toString('hex')}`;
  await adminSql(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const tdb = { url: u.toString(), drop: () => adminSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  const port = await freePort();
  const hub = runHub(['serve'], { DATABASE_URL: tdb.url, HUB_PORT: String(port), HUB_WORKERS: '2' });
  const url = `http://127.0.0.1:${port}`;
  const rows: BenchRow[] = [];
  try {
    await until(() => healthy(url), 'the hub', 180_000, hub);
    const rounds: number[] = [];
    for (let r = 0; r < 3; r++) {
      await until(() => workersOf(hub.child.pid!).length === 2, 'two workers', 120_000, hub);
      await new Promise((res) => setTimeout(res, 1000));
      const victims = workersOf(hub.child.pid!);
      const t0 = performance.now();
      for (const v of victims) process.kill(v, 'SIGKILL');
      await until(() => workersOf(hub.child.pid!).every((p) => !victims.includes(p)), 'the dead workers gone', 30_000, hub);
      await until(() => healthy(url), '/health again', 180_000, hub);
      rounds.push((performance.now() - t0) / 1000);
    }
    const worst = Math.max(...rounds);
    rows.push({
      metric: 'hub_recovery',
      workers: 2,
      all_workers_killed_health_back_s: Number(worst.toFixed(3)),
      rounds_s: rounds.map((x) => x.toFixed(3)).join(' '),
      target_s: 5,
      meets_target: worst <= 5,
    });
  } finally {
    if (hub.child.exitCode === null) {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
    await tdb.drop();
  }
  return rows;
};

export default bench;
