/**
 * A hub that runs unattended (issue 18), as IT runs it: `npm run hub` in its own process on the real
 * PostgreSQL. Every worker killed at once is replaced and /health answers again, first from the
 * primary's stand-in server, then from the new workers, within 5 s (measured more finely by
 * `npm run bench -- hub-recovery`); with one
 * worker, PostgreSQL backends terminated in the middle of pushes fail those requests (503), the
 * counters retry, the worker never dies and nothing acknowledged is lost; a port already taken is a
 * fatal start-up error (exit 1).
 */
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openPostgres, type HubDb } from '../../../src/hub/db';
import { DEFAULT_SERIALS } from '../../../src/hub/serials';
import type { PushResponse } from '../../../src/shared/sync-protocol';
import { freePort, healthy, runHub, until, workersOf, type HubProcess } from '../../helpers/hub-process';
import { createTestDatabase, describePg, type TestDatabase } from '../../helpers/pg';
import { acceptOp, enroll, ledgerOp, numbered, type TestHub } from './harness';

describePg('hub processes: the primary never walks away', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });
  const start = async (workers: number): Promise<{ tdb: TestDatabase; hub: HubProcess; url: string; db: HubDb }> => {
    const tdb = await createTestDatabase();
    cleanups.push(() => tdb.drop());
    const port = await freePort();
    const hub = runHub(['serve'], { DATABASE_URL: tdb.url, HUB_PORT: String(port), HUB_WORKERS: String(workers) });
    cleanups.push(async () => {
      if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
    });
    const url = `http://127.0.0.1:${port}`;
    await until(() => healthy(url), 'the hub to answer /health', 120_000, hub);
    await until(() => workersOf(hub.child.pid!).length === workers, `${workers} workers`, 60_000, hub);
    const db = openPostgres(tdb.url, { max: 3, applicationName: 'quayhcc-test' });
    cleanups.push(() => db.close());
    return { tdb, hub, url, db };
  };

  it('prints one human start-up line; every worker killed at once is replaced and /health answers again', async () => {
    const { tdb, hub, url } = await start(2);
    const line = hub.stderr().split('\n').find((l) => l.startsWith('Máy chủ tỉnh Quầy HCC'));
    expect(line).toBe(
      `Máy chủ tỉnh Quầy HCC đang chạy tại ${url} — cơ sở dữ liệu: PostgreSQL 127.0.0.1:5432/${tdb.name} — 2 tiến trình xử lý. ` +
        'Tạo mã đăng ký cho quầy đầu tiên: npm run hub -- create-code --branch <mã bưu cục> --counter <mã quầy>',
    );
    // The database URL's secrets never reach the output.
    expect(hub.output()).not.toContain('postgres://');

    for (let round = 0; round < 2; round++) {
      // Both workers up (the second round's may still be starting after /health came back).
      await until(() => workersOf(hub.child.pid!).length === 2, 'both workers up', 60_000, hub);
      const victims = workersOf(hub.child.pid!);
      expect(victims).toHaveLength(2);
      const killedAt = performance.now();
      for (const v of victims) process.kill(v, 'SIGKILL');
      await until(() => workersOf(hub.child.pid!).every((p) => !victims.includes(p)), 'the dead workers to be gone', 30_000, hub);
      // The primary is still there, replaces them, and the hub answers again within the 5 s
      // (the primary's stand-in answers at once: well under a second even on a loaded machine;
      // `npm run bench -- hub-recovery` measures it).
      expect(hub.child.exitCode).toBeNull();
      await until(() => healthy(url), '/health again', 120_000, hub);
      expect(performance.now() - killedAt).toBeLessThan(5_000);
      expect(hub.child.exitCode).toBeNull();
    }
    await until(() => workersOf(hub.child.pid!).length === 2, 'both workers back', 30_000, hub);
    // The primary answered while none served, and each time gave the port back to a new worker.
    const count = (re: RegExp) => (hub.output().match(re) ?? []).length;
    const standIns = count(/no worker is serving: the primary answers until one is back/g);
    expect(standIns).toBeGreaterThanOrEqual(1);
    await until(() => count(/a worker takes the port back from the primary/g) === count(/no worker is serving: the primary answers until one is back/g), 'the workers to take the port back', 120_000, hub);
    // Between the stand-in closing and the worker listening the port is shut for a moment (a counter retries).
    await until(() => healthy(url), 'the workers to answer', 60_000, hub);
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 240_000);

  it('one worker: backends terminated in the middle of pushes fail those requests (503), the worker lives on, nothing acknowledged is lost', async () => {
    const { tdb, hub, url, db } = await start(1);
    const [worker] = workersOf(hub.child.pid!);
    const testHub = { url, db, serials: DEFAULT_SERIALS } as unknown as TestHub;
    const counters = await Promise.all(Array.from({ length: 3 }, (_, i) => enroll(testHub, 'PGT-1', `PGT-1-Q${i}`)));

    let stop = false;
    let terminated = 0;
    // Every 200 ms, every hub connection that is in the middle of something is terminated (pushes in
    // between get through, as they would after a real restart).
    const killing = (async () => {
      while (!stop) {
        const killer = new pg.Client({ connectionString: tdb.url });
        killer.on('error', () => undefined);
        try {
          await killer.connect();
          const r = await killer.query<{ ok: boolean }>(
            "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'quayhcc-hub' AND state <> 'idle' AND pid <> pg_backend_pid()",
          );
          terminated += r.rows.filter((x) => x.ok).length;
        } catch {
          /* the killer's own connection cut by something else: try again */
        } finally {
          await killer.end().catch(() => undefined);
        }
        await new Promise((res) => setTimeout(res, 200));
      }
    })();

    const statuses = new Map<number, number>();
    const acknowledged: string[] = [];
    const ROUNDS = 12;
    const BATCH = 20;
    await Promise.all(
      counters.map(async (k) => {
        for (let r = 0; r < ROUNDS; r++) {
          const ops = numbered(1 + r * BATCH, Array.from({ length: BATCH }, (_, j) => (j % 2 === 0 ? acceptOp(k.counterId) : ledgerOp(k.counterId))));
          // As the counter's worker does: the same batch again until the hub answers it.
          for (let attempt = 0; ; attempt++) {
            let status = 0;
            let body: PushResponse | undefined;
            try {
              const res = await fetch(`${url}/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${k.token}` }, body: JSON.stringify({ ops }) });
              status = res.status;
              body = (await res.json()) as PushResponse;
            } catch {
              status = -1;
            }
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 200) {
              expect(body!.results.every((x) => x.status === 'accepted')).toBe(true);
              acknowledged.push(...body!.results.map((x) => x.opId));
              break;
            }
            expect(status === 503 || status === -1, `status ${status}`).toBe(true);
            if (attempt > 500) throw new Error('the hub never answered the push');
            await new Promise((res) => setTimeout(res, 20));
          }
        }
      }),
    );
    stop = true;
    await killing;

    expect(terminated).toBeGreaterThan(0);
    // Some pushes lost their connection mid-transaction and were refused as such, not as crashes.
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(-1) ?? 0).toBe(0);
    expect(hub.output()).not.toMatch(/hub worker died/);
    expect(workersOf(hub.child.pid!)).toEqual([worker]);
    expect(await healthy(url)).toBe(true);
    // Everything acknowledged is there, once.
    expect(acknowledged).toHaveLength(counters.length * ROUNDS * BATCH);
    const stored = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM (SELECT op_id FROM dossier_events UNION ALL SELECT op_id FROM ledger_entries) x WHERE op_id = ANY($1::uuid[])',
      [acknowledged],
    );
    expect(Number(stored.rows[0]!.n)).toBe(acknowledged.length);
    const seqs = await db.query<{ next_seq: string }>("SELECT next_seq FROM counters WHERE id LIKE 'PGT-1-%' ORDER BY id");
    expect(seqs.rows.map((r) => Number(r.next_seq))).toEqual(counters.map(() => ROUNDS * BATCH + 1));
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 240_000);

  it('a database unreachable at start is a fatal start-up error: exit 1, for the supervisor to start it again', async () => {
    const closed = await freePort();
    const hub = runHub(['serve'], { DATABASE_URL: `postgres://postgres:s3cret-pw@127.0.0.1:${closed}/quayhcc`, HUB_PORT: String(await freePort()), HUB_WORKERS: '1' });
    expect(await hub.exited).toBe(1);
    expect(hub.stderr()).toContain('ECONNREFUSED');
    // Never the database's password.
    expect(hub.output()).not.toContain('s3cret-pw');
  }, 180_000);

  it('a port already taken is a fatal start-up error: exit 1, not a loop', async () => {
    const tdb = await createTestDatabase();
    cleanups.push(() => tdb.drop());
    const taken = createServer();
    await new Promise<void>((res) => taken.listen(0, '127.0.0.1', () => res()));
    const addr = taken.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      const hub = runHub(['serve'], { DATABASE_URL: tdb.url, HUB_PORT: String(port), HUB_WORKERS: '1' });
      expect(await hub.exited).toBe(1);
      expect(hub.stderr()).toContain('Máy chủ tỉnh không khởi động được');
    } finally {
      taken.close();
    }
  }, 180_000);
});
