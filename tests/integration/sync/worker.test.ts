/**
 * The sync worker against the real hub over loopback and real SQLite stores: enrollment, the hub down
 * for a long time and back (nothing lost, nothing twice), an answer lost after the hub committed,
 * parked rejections that do not block, a malformed op, backoff with jitter, the online signal, and
 * the pull's all-or-nothing page + cursor transaction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { publishReference } from '../../../src/hub/reference';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { enrollCounter } from '../../../src/main/sync/enroll';
import type { FetchFn } from '../../../src/main/sync/client';
import { SyncWorker, type OnlineSignal, type SyncState } from '../../../src/main/sync/worker';
import { osSecretBox } from '../../../src/main/sync/secrets';
import { createTestDatabase, describePg, type TestDatabase } from '../../helpers/pg';
import { lltpInput } from '../../helpers/app';
import { startHub, type TestHub } from '../hub/harness';
import { counter, recordingTimers, type TestCounter } from './setup';

function fakeOnline(initial = true): OnlineSignal & { set(up: boolean): void } {
  let up = initial;
  const fns = new Set<(u: boolean) => void>();
  return {
    isOnline: () => up,
    subscribe(fn) {
      fns.add(fn);
      return () => fns.delete(fn);
    },
    set(v) {
      up = v;
      for (const f of fns) f(v);
    },
  };
}

function waitFor(worker: SyncWorker, pred: (s: SyncState) => boolean, ms = 20_000): Promise<SyncState> {
  return new Promise((resolve, reject) => {
    const now = worker.getState();
    if (pred(now)) return resolve(now);
    const t = setTimeout(() => {
      off();
      reject(new Error(`timed out; state ${JSON.stringify(worker.getState())}`));
    }, ms);
    const off = worker.subscribe((s) => {
      if (pred(s)) {
        clearTimeout(t);
        off();
        resolve(s);
      }
    });
  });
}

describePg('sync worker', () => {
  let tdb: TestDatabase;
  let hub: TestHub;
  const live: TestCounter[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    hub = await startHub(tdb.url);
  });
  afterEach(async () => {
    for (const c of live.splice(0)) {
      await c.worker.stop();
      c.dispose();
    }
  });
  afterAll(async () => {
    await hub?.close();
    await tdb?.drop();
  });

  const make = (id: string, opts: Parameters<typeof counter>[1] = {}) => {
    const c = counter(id, opts);
    live.push(c);
    return c;
  };
  const hubCount = async (sql: string, params: unknown[] = []) => Number((await hub.db.query<{ n: string }>(sql, params)).rows[0]!.n);
  const outboxCount = (c: TestCounter, where = '1') => (c.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE ${where}`).get() as { n: number }).n;
  const intake = (c: TestCounter, n: number) => {
    for (let i = 0; i < n; i++) c.services.intake.accept(lltpInput(), c.clerk);
  };

  it('is not enrolled until a code is exchanged; a code for another counter is refused and not used up', async () => {
    const c = make('W-ENR-1');
    expect(c.worker.getState()).toMatchObject({ status: 'error', enrolled: false });
    expect(c.worker.getState().lastError).toContain('chưa đăng ký');
    const { code } = await createEnrollmentCode(hub.db, { branchCode: 'SL-TP', counterId: 'W-ENR-OTHER' }, Date.now());
    await expect(enrollCounter(c.db, { clock: c.clock }, hub.url, code)).rejects.toThrow(/dành cho quầy W-ENR-OTHER/);
    const other = make('W-ENR-OTHER');
    await expect(enrollCounter(other.db, { clock: other.clock }, hub.url, code)).resolves.toMatchObject({ counterId: 'W-ENR-OTHER', branchCode: 'SL-TP' });
    await expect(enrollCounter(c.db, { clock: c.clock }, 'ftp://x', code)).rejects.toThrow(/không hợp lệ/);
    await c.enroll(hub);
    expect(c.worker.getState()).toMatchObject({ status: 'pending', enrolled: true });
    // The first sync brings the counter's own serial range and retires the provisional one.
    expect((await c.worker.syncNow()).status).toBe('synced');
    const ranges = c.db.prepare('SELECT prefix, status FROM serial_ranges ORDER BY id').all();
    expect(ranges).toEqual([
      { prefix: 'EA', status: 'retired' },
      { prefix: 'RR', status: 'active' },
    ]);
    expect(c.services.intake.accept(lltpInput(), c.clerk).itemNumber).toMatch(/^RR/);
  });

  it('keeps the token sealed at rest; a copy of the store on another machine cannot use it', async () => {
    // Stand-in for the OS protection (DPAPI): a per-machine key; another machine's key cannot open it.
    const machine = (key: number) =>
      osSecretBox({
        encrypt: (t) => Buffer.from([key, ...Buffer.from(t, 'utf8').map((b) => b ^ key)]),
        decrypt: (b) => {
          if (b[0] !== key) throw new Error('cannot decrypt on this machine');
          return Buffer.from(b.subarray(1).map((x) => x ^ key)).toString('utf8');
        },
      });
    const c = make('W-SEAL', { worker: { secrets: machine(0x5a) } });
    const { code } = await createEnrollmentCode(hub.db, { branchCode: 'SL-TP', counterId: 'W-SEAL' }, Date.now());
    await enrollCounter(c.db, { clock: c.clock, secrets: machine(0x5a) }, hub.url, code);
    const stored = (c.db.prepare('SELECT token FROM sync_state').get() as { token: string }).token;
    expect(stored).toMatch(/^os:/);
    intake(c, 1);
    expect((await c.worker.syncNow()).status).toBe('synced');
    const token = machine(0x5a).open(stored)!;
    expect(stored).not.toContain(token);
    // The same file opened with another machine's protection: not enrolled, told why, nothing sent.
    const elsewhere = new SyncWorker({ ctx: c.ctx, secrets: machine(0x33), timers: recordingTimers([]) });
    intake(c, 1);
    const s = await elsewhere.syncNow();
    expect(s).toMatchObject({ enrolled: false, status: 'error', pending: 3 });
    expect(s.lastError).toContain('Không đọc được khoá truy cập');
    await elsewhere.stop();
    // A token stored plainly by an earlier version is sealed when the worker starts with the OS box.
    c.db.prepare('UPDATE sync_state SET token = ?').run(token);
    const upgraded = new SyncWorker({ ctx: c.ctx, secrets: machine(0x5a), timers: recordingTimers([]) });
    expect((c.db.prepare('SELECT token FROM sync_state').get() as { token: string }).token).toBe(stored);
    expect((await upgraded.syncNow()).status).toBe('synced');
    await upgraded.stop();
  });

  it('starts syncing on its own at start (real timers)', async () => {
    const c = counter('W-START');
    live.push(c);
    await c.enroll(hub);
    intake(c, 2);
    const w = new SyncWorker({ ctx: c.ctx, pollIntervalMs: 60_000 });
    c.worker = w;
    w.start();
    const s = await waitFor(w, (x) => x.status === 'synced');
    expect(s.pending).toBe(0);
    expect(s.lastSyncAt).not.toBeNull();
  });

  it('the hub down for a long time, then back: offline with backoff, nothing lost, nothing applied twice', async () => {
    const online = fakeOnline(true);
    const c = make('W-DOWN', { worker: { online } });
    await c.enroll(hub);
    c.worker.start();
    intake(c, 3);
    await c.worker.syncNow();
    const port = hub.port;
    await hub.close({ keepDb: true });
    try {
      intake(c, 5);
      const seen: SyncState[] = [];
      c.worker.subscribe((s) => seen.push(s));
      let s: SyncState | undefined;
      for (let i = 0; i < 12; i++) {
        s = await c.worker.syncNow();
        c.clock.advance(60 * 60_000); // an hour passes between attempts
      }
      expect(s).toMatchObject({ status: 'offline', pending: expect.any(Number) });
      expect(s!.pending).toBeGreaterThan(5);
      expect(s!.offlineSince).toBe(seen.find((x) => x.status === 'offline')!.offlineSince);
      expect(s!.lastError).toContain('Không kết nối được máy chủ tỉnh');
      // Backoff doubles from 1 s (×0.75 with random 0.5) up to the 5-minute cap.
      const delays = c.scheduled.slice(-12);
      expect(delays.slice(0, 6)).toEqual([750, 1500, 3000, 6000, 12000, 24000]);
      expect(delays.at(-1)).toBe(225_000);
      // The network goes away, then comes back: the worker tries at once.
      online.set(false);
      expect(c.worker.getState().status).toBe('offline');
    } finally {
      hub = await startHub(tdb.url, { port, db: hub.db });
    }
    online.set(true);
    const back = await waitFor(c.worker, (x) => x.status === 'synced');
    expect(back).toMatchObject({ pending: 0, offlineSince: null, lastError: null });
    const local = outboxCount(c);
    expect(await hubCount('SELECT count(*)::text AS n FROM op_log WHERE counter_id = $1', ['W-DOWN'])).toBe(local);
    expect(await hubCount('SELECT count(*)::text AS n FROM dossiers WHERE origin_counter_id = $1', ['W-DOWN'])).toBe(8);
    expect(await hubCount('SELECT count(*)::text AS n FROM ledger_entries WHERE counter_id = $1', ['W-DOWN'])).toBe(outboxCount(c, "kind = 'ledger.entry'"));
  });

  it('an answer lost after the hub committed: the retry is answered from storage, applied once', async () => {
    let drop = true;
    const lossy: FetchFn = async (url, init) => {
      const r = await fetch(url, init);
      if (drop && url.endsWith('/push')) {
        drop = false;
        await r.text();
        throw new TypeError('fetch failed: other side closed');
      }
      return r;
    };
    const c = make('W-LOST', { worker: { fetch: lossy } });
    await c.enroll(hub);
    intake(c, 4);
    const first = await c.worker.syncNow();
    expect(first.status).toBe('offline');
    const n = outboxCount(c);
    expect(await hubCount('SELECT count(*)::text AS n FROM op_log WHERE counter_id = $1', ['W-LOST'])).toBe(n); // the hub did commit
    const second = await c.worker.syncNow();
    expect(second).toMatchObject({ status: 'synced', pending: 0 });
    expect(outboxCount(c, "status = 'acked'")).toBe(n);
    expect(await hubCount('SELECT count(*)::text AS n FROM op_log WHERE counter_id = $1', ['W-LOST'])).toBe(n);
    expect(await hubCount('SELECT count(*)::text AS n FROM dossiers WHERE origin_counter_id = $1', ['W-LOST'])).toBe(4);
  });

  it('a rejected op and an unreadable op are parked without blocking the ops after them', async () => {
    const c = make('W-PARK', { worker: { batchSize: 50 } });
    await c.enroll(hub);
    intake(c, 2);
    // A ledger entry claiming another counter (a bug, or tampering): the hub refuses it.
    const bad = { opId: v7(), kind: 'ledger.entry', entry: { at: c.clock.now(), businessDate: '2026-03-02', clerkId: 'clerk-1', counterId: 'SOMEONE-ELSE', dossierId: null, kind: 'postage', amount: 1000, paymentMethod: 'cash', agencyCode: null, reversesOpId: null, note: null } };
    c.db.prepare('INSERT INTO outbox (op_id, kind, dossier_id, payload, created_at) VALUES (?, ?, NULL, ?, ?)').run(bad.opId, bad.kind, JSON.stringify(bad), c.clock.now());
    // An op the hub cannot even read (an unknown field): it answers 400 for the whole batch.
    const unreadable = { ...bad, opId: v7(), entry: { ...bad.entry, counterId: 'W-PARK' }, extra: 'x' };
    c.db.prepare('INSERT INTO outbox (op_id, kind, dossier_id, payload, created_at) VALUES (?, ?, NULL, ?, ?)').run(unreadable.opId, unreadable.kind, JSON.stringify(unreadable), c.clock.now());
    intake(c, 2);
    const s = await c.worker.syncNow();
    expect(s).toMatchObject({ status: 'synced', pending: 0, rejected: 2 });
    const parked = c.worker.rejectedOps();
    expect(parked.map((p) => p.code)).toEqual(['WRONG_COUNTER', 'INVALID_OP']);
    expect(parked[0]!.reason).toContain('quầy khác');
    expect(parked[1]!.reason).toContain('Máy chủ không đọc được thao tác này');
    // Everything after them reached the hub; the unreadable op's seq was consumed by a void op.
    expect(await hubCount('SELECT count(*)::text AS n FROM dossiers WHERE origin_counter_id = $1', ['W-PARK'])).toBe(4);
    const voided = await hub.db.query<{ code: string }>(`SELECT answer->>'code' AS code FROM ops WHERE op_id = $1`, [unreadable.opId]);
    expect(voided.rows).toEqual([{ code: 'VOIDED' }]);
    expect(await hubCount('SELECT count(*)::text AS n FROM op_log WHERE counter_id = $1', ['W-PARK'])).toBe(outboxCount(c));
  });

  it('a pulled page and its cursor are applied together or not at all', async () => {
    const a = make('W-ATOM-A', { branchCode: 'W-ATOM' });
    const b = make('W-ATOM-B', { branchCode: 'W-ATOM', worker: { pullLimit: 1000 } });
    await a.enroll(hub);
    await b.enroll(hub);
    await b.worker.syncNow();
    intake(a, 6);
    await a.worker.syncNow();
    const cursorBefore = (b.db.prepare('SELECT cursor FROM sync_state').get() as { cursor: string }).cursor;
    // The disk "fills up" while the 4th remote dossier is written.
    b.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON dossier_events WHEN NEW.origin = 'remote' AND (SELECT COUNT(*) FROM dossier_events WHERE origin = 'remote') >= 3
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const failed = await b.worker.syncNow();
    expect(failed.status).toBe('error');
    expect(failed.lastError).toContain('disk is full');
    // The failed page's relaxed commit setting did not stay on the connection.
    expect(b.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(b.db.prepare("SELECT COUNT(*) AS n FROM dossier_events WHERE origin = 'remote'").get()).toEqual({ n: 0 });
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get()).toEqual({ n: 0 });
    expect((b.db.prepare('SELECT cursor FROM sync_state').get() as { cursor: string }).cursor).toBe(cursorBefore);
    b.db.exec('DROP TRIGGER boom');
    const ok = await b.worker.syncNow();
    expect(ok.status).toBe('synced');
    expect(b.db.prepare("SELECT COUNT(*) AS n FROM dossier_events WHERE origin = 'remote'").get()).toEqual({ n: 6 });
    // Pulling again from scratch changes nothing (idempotent application).
    b.db.prepare("UPDATE sync_state SET cursor = ''").run();
    await b.worker.syncNow();
    expect(b.db.prepare("SELECT COUNT(*) AS n FROM dossier_events WHERE origin = 'remote'").get()).toEqual({ n: 6 });
  });

  it('reference data published at the hub reaches the counter and refreshes its caches', async () => {
    let refreshed = 0;
    const c = make('W-REF', { branchCode: 'W-REF', worker: { onReferenceChanged: () => void refreshed++ } });
    await c.enroll(hub);
    const dir = join(__dirname, '../../../resources/reference');
    const calendar = JSON.parse(readFileSync(join(dir, 'calendar-overrides.json'), 'utf8')) as unknown;
    const catalogue = JSON.parse(readFileSync(join(dir, 'catalogue-son-la.sample.json'), 'utf8')) as { procedures: { code: string; name: string }[] };
    catalogue.procedures[0]!.name = `${catalogue.procedures[0]!.name} (bản tỉnh gửi)`;
    await publishReference(hub.db, 'calendar', 'tinh-2026.3', calendar, Date.now());
    await publishReference(hub.db, 'catalogue', 'tinh-2026.3', catalogue, Date.now());
    expect((await c.worker.syncNow()).status).toBe('synced');
    expect(refreshed).toBe(1);
    expect(c.db.prepare("SELECT name, version FROM reference_docs WHERE name IN ('calendar', 'catalogue') ORDER BY name").all()).toEqual([
      { name: 'calendar', version: 'tinh-2026.3' },
      { name: 'catalogue', version: 'tinh-2026.3' },
    ]);
    expect(c.services.catalogue.get(catalogue.procedures[0]!.code)!.name).toContain('(bản tỉnh gửi)');
    await c.worker.syncNow();
    expect(refreshed).toBe(1); // nothing new, no refresh
  });

  it('backoff has jitter within [d/2, d] and nudges do not bypass it', async () => {
    const randoms = [0, 1, 0.25];
    const scheduled: number[] = [];
    const c = make('W-JITTER');
    await c.enroll(hub);
    c.db.prepare("UPDATE sync_state SET hub_url = 'http://127.0.0.1:1/'").run(); // nothing listens there
    const w = new SyncWorker({ ctx: c.ctx, timers: recordingTimers(scheduled), random: () => randoms.shift() ?? 0.5, baseDelayMs: 1000 });
    c.worker = w;
    w.start(); // schedules the start attempt (0 ms); the recording timers never fire it
    await w.syncNow();
    await w.syncNow();
    await w.syncNow();
    expect(scheduled).toEqual([0, 500, 2000, 2500]); // d = 1 s, 2 s, 4 s; random 0, 1, 0.25
    expect(w.getState()).toMatchObject({ status: 'offline', nextAttemptAt: c.clock.now() + 2500 });
    w.nudge();
    expect(scheduled).toHaveLength(4); // a local write does not bypass the backoff
  });
});
