/**
 * PostgreSQL lost under a running hub (a database restart, a network cut between the hub and its
 * database): the hub stays up and says so (health 503, a retryable 503 with a Vietnamese message),
 * counters keep their work pending and retry; once the database is back, everything goes through
 * exactly once. The cut is made by a TCP relay between the hub and the real PostgreSQL that drops
 * every connection and refuses new ones, as a restarting server or a broken link does.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres } from '../../../src/hub/db';
import { createTestDatabase, describePg, type TestDatabase } from '../../helpers/pg';
import { lltpInput } from '../../helpers/app';
import { call, startHub, type TestHub } from '../hub/harness';
import { counter, type TestCounter } from './setup';

/**
 * A TCP relay to `target` that can fail as a link to a database fails: `refuse` drops every
 * connection and refuses new ones (a restarting server); `blackhole` keeps connections open but
 * delivers nothing more, either way (a cut network, a frozen server: no error ever comes back);
 * `open` works again (connections hit by the black hole stay dead, as after a real outage).
 */
async function relay(target: { host: string; port: number }): Promise<{ port: number; set(mode: 'open' | 'refuse' | 'blackhole'): void; close(): Promise<void> }> {
  let mode: 'open' | 'refuse' | 'blackhole' = 'open';
  const open = new Set<net.Socket>();
  const dead = new WeakSet<net.Socket>();
  const server = net.createServer((inbound) => {
    if (mode === 'refuse') return inbound.destroy();
    const outbound = net.connect(target.port, target.host);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (mode === 'blackhole') dead.add(inbound);
        if (!dead.has(inbound)) to.write(chunk);
      });
    forward(inbound, outbound);
    forward(outbound, inbound);
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    set(m) {
      mode = m;
      if (m === 'refuse') for (const s of open) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describePg('the hub when PostgreSQL goes away and comes back', () => {
  let tdb: TestDatabase;
  let link: Awaited<ReturnType<typeof relay>>;
  let hub: TestHub;
  let c: TestCounter;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const u = new URL(tdb.url);
    link = await relay({ host: u.hostname, port: Number(u.port || 5432) });
    u.host = `127.0.0.1:${link.port}`;
    // Short client-side timeouts, so that the black hole is noticed in seconds (defaults: 10 s, 75 s).
    hub = await startHub(tdb.url, { db: openPostgres(u.toString(), { max: 4, connectTimeoutMs: 500, queryTimeoutMs: 1500 }) });
    c = counter('DB-OUT-1');
    await c.enroll(hub);
  });
  afterAll(async () => {
    await c?.worker.stop();
    c?.dispose();
    link?.set('open');
    await hub?.close();
    await link?.close();
    await tdb?.drop();
  });

  const hubCount = async (sql: string): Promise<number> => {
    const direct = openPostgres(tdb.url, { max: 1 });
    try {
      return Number((await direct.query<{ n: string }>(sql, ['DB-OUT-1'])).rows[0]!.n);
    } finally {
      await direct.close();
    }
  };

  it('refused: says it is unwell, keeps the counter’s work pending, takes it exactly once when the database is back', async () => {
    c.services.intake.accept(lltpInput(), c.clerk);
    expect((await c.worker.syncNow()).status).toBe('synced');

    link.set('refuse');
    c.services.intake.accept(lltpInput({ sender: { ...lltpInput().sender, fullName: 'Quàng Văn Dũng' } }), c.clerk);
    const health = await call<{ ok: boolean }>(hub, '/health');
    expect(health.status).toBe(503);
    expect(health.body.ok).toBe(false);

    const during = await c.worker.syncNow();
    expect(during.status).toBe('offline');
    expect(during.pending).toBeGreaterThan(0);
    expect(during.lastError).toMatch(/Máy chủ tỉnh tạm thời không xử lý được \(HTTP 503\)/);
    // The hub process is still there and answers.
    const refused = await call<{ error: string; message: string }>(hub, '/pull', { token: 'x'.repeat(40) });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: 'DB_UNAVAILABLE', message: 'Máy chủ tạm mất kết nối tới cơ sở dữ liệu; quầy sẽ tự thử lại.' });

    link.set('open');
    const after = await c.worker.syncNow();
    expect(after).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });
    expect((await call(hub, '/health')).status).toBe(200);

    const localEvents = (c.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'dossier.event'").get() as { n: number }).n;
    const localLedger = (c.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'ledger.entry'").get() as { n: number }).n;
    expect(await hubCount('SELECT count(*)::text AS n FROM dossier_events WHERE counter_id = $1')).toBe(localEvents);
    expect(await hubCount('SELECT count(*)::text AS n FROM ledger_entries WHERE counter_id = $1')).toBe(localLedger);
    expect(await hubCount('SELECT count(*)::text AS n FROM dossiers WHERE origin_counter_id = $1')).toBe(2);
  });

  it('a black hole (no answer, no error): requests fail in seconds instead of hanging, and nothing is lost', async () => {
    link.set('blackhole');
    c.services.intake.accept(lltpInput({ sender: { ...lltpInput().sender, fullName: 'Lường Thị Xuân' } }), c.clerk);
    const t0 = Date.now();
    const health = await call(hub, '/health');
    expect(health.status).toBe(503);
    const during = await c.worker.syncNow();
    expect(during.status).toBe('offline');
    expect(during.lastError).toMatch(/HTTP 503/);
    // Bounded by the client-side timeouts, not by TCP's retransmissions (minutes).
    expect(Date.now() - t0).toBeLessThan(15_000);

    link.set('open');
    expect(await c.worker.syncNow()).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });
    expect(await hubCount('SELECT count(*)::text AS n FROM dossiers WHERE origin_counter_id = $1')).toBe(3);
    const localLedger = (c.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'ledger.entry'").get() as { n: number }).n;
    expect(await hubCount('SELECT count(*)::text AS n FROM ledger_entries WHERE counter_id = $1')).toBe(localLedger);
  });
});
