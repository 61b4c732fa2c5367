/**
 * `npm run hub` with HUB_WORKERS=2 on PostgreSQL: two HTTP worker processes on one port serve many
 * counters at once (their pushes meet only in PostgreSQL), a dead worker is replaced, and SIGTERM
 * stops everything cleanly.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openPostgres, type HubDb } from '../../../src/hub/db';
import type { PushResponse } from '../../../src/shared/sync-protocol';
import { createTestDatabase, describePg, type TestDatabase } from '../../helpers/pg';
import { acceptOp, call, enroll, ledgerOp, numbered, type TestHub } from './harness';

const root = join(__dirname, '../../..');
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The primary's cluster workers: its children running the hub (not, say, the esbuild service tsx may start). */
const workersOf = (pid: number): number[] => {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((line) => line.includes('src/hub/main.ts'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return [];
  }
};

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the hub said: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describePg('hub with several worker processes', () => {
  let tdb: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  let db: HubDb | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.close();
    await tdb?.drop();
  });

  it('serves many counters at once, replaces a dead worker, and stops on SIGTERM', async () => {
    tdb = await createTestDatabase();
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/main.ts', 'serve'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: tdb.url, HUB_PORT: String(port), HUB_WORKERS: '2', HUB_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    const url = `http://127.0.0.1:${port}`;
    await until(async () => {
      try {
        return (await fetch(`${url}/health`)).ok;
      } catch {
        return false;
      }
    }, 'the hub to answer /health');
    await until(() => workersOf(child!.pid!).length === 2, 'two workers');
    db = openPostgres(tdb.url);
    const hub = { url, db } as unknown as TestHub;

    const counters = await Promise.all(Array.from({ length: 6 }, (_, i) => enroll(hub, 'CL-1', `CL-1-Q${i}`)));
    // After a worker is killed, a kept-alive connection to it may still be in the client's pool: the
    // request on it fails ("other side closed"), and a counter pushes the same operations again at its
    // next attempt (the hub takes them once). `again` does that once, on a failed connection only.
    const push = async (k: (typeof counters)[number], ops: unknown[], again: boolean) => {
      try {
        return await call<PushResponse>(hub, '/push', { token: k.token, body: { ops } });
      } catch (err) {
        if (!again || !(err instanceof TypeError) || err.message !== 'fetch failed') throw err;
        return call<PushResponse>(hub, '/push', { token: k.token, body: { ops } });
      }
    };
    const pushAll = async (rounds: number, from: number, again = false) =>
      Promise.all(
        counters.map(async (k) => {
          for (let r = 0; r < rounds; r++) {
            const ops = numbered(from + r * 20, Array.from({ length: 20 }, (_, j) => (j % 2 === 0 ? acceptOp(k.counterId) : ledgerOp(k.counterId))));
            const res = await push(k, ops, again);
            expect(res.status).toBe(200);
            expect(res.body.results.every((x) => x.status === 'accepted')).toBe(true);
          }
        }),
      );
    await pushAll(3, 1);
    const n = await db.query<{ n: string }>("SELECT count(*) AS n FROM dossier_events WHERE counter_id LIKE 'CL-1-%'");
    expect(Number(n.rows[0]!.n)).toBe(6 * 3 * 10);
    const seqs = await db.query<{ id: string; next_seq: string }>("SELECT id, next_seq FROM counters WHERE id LIKE 'CL-1-%' ORDER BY id");
    expect(seqs.rows.map((r) => Number(r.next_seq))).toEqual(counters.map(() => 61));

    // A worker dies: the primary starts another, and the counters carry on.
    const [victim] = workersOf(child.pid!);
    process.kill(victim!, 'SIGKILL');
    await until(() => {
      const now = workersOf(child!.pid!);
      return now.length === 2 && !now.includes(victim!);
    }, 'a replacement worker');
    await pushAll(1, 61, true);
    const after = await db.query<{ id: string; next_seq: string }>("SELECT id, next_seq FROM counters WHERE id LIKE 'CL-1-%' ORDER BY id");
    expect(after.rows.map((r) => Number(r.next_seq))).toEqual(counters.map(() => 81));

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 240_000);
});
