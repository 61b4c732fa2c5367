/**
 * Attempt limits that hold across workers (issue 18): two hub instances on one database (two workers,
 * or two hosts behind a load balancer) count the same wrong enrollment codes and admin tokens; the
 * client address comes from X-Forwarded-For only when IT named the proxy. And the order of checks: a
 * counter's token is checked before its body is read.
 */
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configFromEnv } from '../../../src/hub/config';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { openPostgres, type HubDb } from '../../../src/hub/db';
import { migrateHub } from '../../../src/hub/migrations';
import { buildHub, type HubOptions } from '../../../src/hub/server';
import { DEFAULT_SERIALS } from '../../../src/hub/serials';
import { MAX_BODY_BYTES } from '../../../src/shared/sync-protocol';
import { createTestDatabase, describePg, type TestDatabase } from '../../helpers/pg';
import { ADMIN_TOKEN, call } from './harness';

describePg('attempt limits shared by every worker', () => {
  let tdb: TestDatabase;
  let db: HubDb;
  const apps: FastifyInstance[] = [];
  const now = Date.parse('2026-03-02T02:00:00Z');
  const start = async (extra: Partial<HubOptions> = {}): Promise<{ url: string }> => {
    const app = buildHub({
      db,
      serials: DEFAULT_SERIALS,
      adminToken: ADMIN_TOKEN,
      clock: { now: () => now },
      logLevel: 'warn',
      enrollLimit: { max: 4, windowMs: 10 * 60_000 },
      adminLimit: { max: 3, windowMs: 10 * 60_000 },
      ...extra,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    apps.push(app);
    const addr = app.server.address();
    return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
  };
  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = openPostgres(tdb.url, { max: 4 });
    await migrateHub(db);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await db?.close();
    await tdb?.drop();
  });

  it('wrong enrollment codes sent to two workers in turn are counted together', async () => {
    const [a, b] = [await start(), await start()];
    const { code } = await createEnrollmentCode(db, { branchCode: 'LM-1', counterId: 'LM-1-Q1' }, now);
    const wrong = { body: { code: 'ABCD-EFGH-JKMN' } };
    for (const w of [a, b, a, b]) expect((await call(w, '/enroll', wrong)).status).toBe(401);
    // The fifth attempt, on either worker, is refused even with the right code.
    for (const w of [a, b]) {
      const r = await call<{ error: string; message: string }>(w, '/enroll', { body: { code } });
      expect(r.status).toBe(429);
      expect(r.body).toMatchObject({ error: 'TOO_MANY_ATTEMPTS', message: 'Máy này đã nhập sai mã đăng ký quá nhiều lần; hãy thử lại sau 10 phút.' });
      expect(r.headers.get('retry-after')).toBe('600');
    }
    const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM attempt_failures WHERE scope = 'enroll'");
    expect(Number(rows.rows[0]!.n)).toBe(4);
  });

  it('wrong admin tokens too; a proxy named by IT tells clients apart, an unnamed one cannot', async () => {
    const trusting = await start({ trustedProxies: ['127.0.0.1'] });
    const trusting2 = await start({ trustedProxies: ['127.0.0.1'] });
    const plain = await start();
    const from = (ip: string, token: string) => ({ token, headers: { 'x-forwarded-for': ip } });
    for (const w of [trusting, trusting2, trusting]) expect((await call(w, '/admin/counters', from('203.0.113.7', 'wrong-admin-token-xxxxxxxx'))).status).toBe(401);
    const blocked = await call<{ error: string; message: string }>(trusting2, '/admin/counters', from('203.0.113.7', ADMIN_TOKEN));
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: 'TOO_MANY_ATTEMPTS', message: 'Máy này đã gửi sai mã quản trị quá nhiều lần; hãy thử lại sau 10 phút.' });
    // Another client behind the same proxy is not blocked by the first one's mistakes.
    expect((await call(trusting, '/admin/counters', from('203.0.113.8', ADMIN_TOKEN))).status).toBe(200);
    // Where no proxy was named, the header is ignored: the TCP peer (127.0.0.1) is the client, so
    // a forged header does not escape the limit…
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await call(plain, '/admin/counters', from(ip, 'wrong-admin-token-xxxxxxxx'))).status).toBe(401);
    expect((await call(plain, '/admin/counters', from('198.51.100.4', ADMIN_TOKEN))).status).toBe(429);
    // …and the failures were keyed by the peer, not by the forged addresses.
    const keys = await db.query<{ key: string }>("SELECT DISTINCT key FROM attempt_failures WHERE scope = 'admin' ORDER BY key");
    expect(keys.rows.map((r) => r.key)).toEqual(['127.0.0.1', '203.0.113.7']);
  });

  it('HUB_TRUSTED_PROXIES: a list of addresses or CIDRs, anything else refused', () => {
    expect(configFromEnv({ HUB_TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16' }).trustedProxies).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(configFromEnv({}).trustedProxies).toEqual([]);
    expect(() => configFromEnv({ HUB_TRUSTED_PROXIES: 'proxy.example' })).toThrow(/HUB_TRUSTED_PROXIES/);
  });

  it('a wrong token is answered before a large body is read', async () => {
    const { url } = await start();
    const u = new URL(url);
    const answer = await new Promise<string>((resolve, reject) => {
      const sock = connect(Number(u.port), u.hostname);
      let text = '';
      sock.on('data', (b: Buffer) => {
        text += b.toString('utf8');
        if (text.includes('\r\n\r\n')) {
          sock.destroy();
          resolve(text);
        }
      });
      sock.on('error', reject);
      const timer = setTimeout(() => reject(new Error(`no answer while the body was still coming: ${text}`)), 10_000);
      sock.on('close', () => clearTimeout(timer));
      // Announce almost the largest body allowed, send only its first bytes, and wait.
      sock.write(`POST /push HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${'x'.repeat(43)}\r\nContent-Length: ${MAX_BODY_BYTES - 1}\r\n\r\n{"ops":[`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
  });
});
