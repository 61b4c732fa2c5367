/**
 * What provincial IT sees of its counters (src/hub/counters.ts): last contact and last push on the
 * hub's clock, the version each counter runs, how many operations were received and refused —
 * through `GET /admin/counters` and `npm run hub -- counters`.
 */
import { expect, it, vi } from 'vitest';
import { createEnrollmentCode, CONTACT_RESOLUTION_MS } from '../../../src/hub/enroll';
import { main } from '../../../src/hub/main';
import { callHub } from '../../../src/main/sync/client';
import { APP_VERSION } from '../../../src/main/version';
import { COUNTER_TIME_HEADER, COUNTER_VERSION_HEADER, CountersResponseSchema, PullResponseSchema, RevokeResponseSchema, type CounterStatus } from '../../../src/shared/sync-protocol';
import { describePg, type TestDatabase } from '../../helpers/pg';
import { acceptOp, ADMIN_TOKEN, call, enroll, eventOp, freshHub, numbered, type Enrolled, type TestHub } from './harness';

describePg('hub: the counters as provincial IT sees them', () => {
  const DAY = 86_400_000;
  // The hub's clock: three days ago at first, then now.
  let now = Date.now() - 3 * DAY;
  const clock = { now: () => now };
  let hub: TestHub;
  let tdb: TestDatabase;
  freshHub(
    (h, t) => {
      hub = h;
      tdb = t;
    },
    { clock },
  );

  const counters = async (): Promise<Map<string, CounterStatus>> => {
    const r = await call(hub, '/admin/counters', { token: ADMIN_TOKEN });
    expect(r.status).toBe(200);
    const body = CountersResponseSchema.parse(r.body);
    return new Map(body.counters.map((c) => [c.counterId, c]));
  };
  const pullAs = (who: Enrolled, version?: string) => call(hub, '/pull', { token: who.token, headers: version === undefined ? {} : { [COUNTER_VERSION_HEADER]: version } });

  let a: Enrolled;
  let b: Enrolled;
  const enrolledAt = now;

  it('lists every counter: enrolled or not, with its last contact, push, version and operations', async () => {
    a = await enroll(hub, 'IT-1', 'IT-1-A');
    b = await enroll(hub, 'IT-1', 'IT-1-B');
    await createEnrollmentCode(hub.db, { branchCode: 'IT-2', counterId: 'IT-2-C', counterName: 'Quầy C', branchName: 'Bưu cục Mộc Châu' }, Date.now());

    now = Date.now();
    const ok = acceptOp(a.counterId);
    // The second refers to a dossier the hub does not have: refused (and stored as refused).
    const lost = eventOp(a.counterId, { dossierId: acceptOp(a.counterId).dossierId, itemNumber: ok.itemNumber }, { type: 'cancelled', reason: 'Thử' }, 'manager');
    const pushed = await call<{ results: { status: string }[] }>(hub, '/push', { token: a.token, body: { ops: numbered(1, [ok, lost]) }, headers: { [COUNTER_VERSION_HEADER]: '1.4.2', [COUNTER_TIME_HEADER]: String(now + 5 * 60_000) } });
    expect(pushed.body.results.map((x) => x.status)).toEqual(['accepted', 'rejected']);

    const list = await counters();
    expect([...list.keys()]).toEqual(['IT-1-A', 'IT-1-B', 'IT-2-C']);
    expect(list.get('IT-1-A')).toMatchObject({ branchName: 'Bưu cục IT-1', counterName: 'Quầy IT-1-A', enrolledAt, lastSeenAt: now, lastPushAt: now, appVersion: '1.4.2', clockSkewMs: 5 * 60_000, opsReceived: 2, opsRefused: 1 });
    expect(list.get('IT-1-B')).toMatchObject({ enrolledAt, lastSeenAt: enrolledAt, lastPushAt: null, appVersion: null, clockSkewMs: null, opsReceived: 0, opsRefused: 0 });
    expect(list.get('IT-2-C')).toMatchObject({ branchName: 'Bưu cục Mộc Châu', enrolledAt: null, lastSeenAt: null, lastPushAt: null, appVersion: null });
  });

  it('writes the contact at most once a minute, a new version at once, and ignores a malformed version', async () => {
    const seenAt = now;
    now += CONTACT_RESOLUTION_MS / 2;
    expect((await pullAs(a, '1.4.2')).status).toBe(200);
    expect((await counters()).get('IT-1-A')).toMatchObject({ lastSeenAt: seenAt, appVersion: '1.4.2' });

    // Updated within the minute: the version (and the time with it) is written at once.
    expect((await pullAs(a, '1.5.0')).status).toBe(200);
    expect((await counters()).get('IT-1-A')).toMatchObject({ lastSeenAt: now, appVersion: '1.5.0' });

    now += CONTACT_RESOLUTION_MS;
    for (const bad of ["1.0'; DROP TABLE counters; --", 'x'.repeat(41), '']) expect((await pullAs(a, bad)).status).toBe(200);
    expect((await counters()).get('IT-1-A')).toMatchObject({ lastSeenAt: now, appVersion: '1.5.0' });
    // A pull carries no operations: the last push stays where it was.
    expect((await counters()).get('IT-1-A')!.lastPushAt).toBe(seenAt);
  });

  it('the counter’s own client reports the application’s version', async () => {
    now += CONTACT_RESOLUTION_MS;
    // The counter's clock runs 42 minutes behind the hub's.
    const counterClock = { now: () => now - 42 * 60_000 };
    await callHub({ baseUrl: hub.url, token: b.token, fetch, clock: counterClock }, 'GET', '/pull', PullResponseSchema);
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect((await counters()).get('IT-1-B')).toMatchObject({ lastSeenAt: now, appVersion: APP_VERSION, clockSkewMs: -42 * 60_000 });
  });

  it('is for the admin only', async () => {
    expect((await call(hub, '/admin/counters')).status).toBe(401);
    expect((await call(hub, '/admin/counters', { token: a.token })).status).toBe(401);
  });

  it('the CLI prints a table in Vietnamese, silent counters and wrong clocks marked, JSON on request, exit 1 with --check', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    try {
      // B's last contact is now (hub clock = real time); A's too. Make A silent for two days.
      await hub.db.query("UPDATE counters SET last_seen_at = $1 WHERE id = 'IT-1-A'", [Date.now() - 2 * DAY]);
      // For a monitoring job: exit 1 while a counter is silent or its clock is off (the table is the same).
      expect(await main(['counters', '--check'], { DATABASE_URL: tdb.url })).toBe(1);
      const checked = out.splice(0);
      expect(await main(['counters', '--silent-hours', '24'], { DATABASE_URL: tdb.url })).toBe(0);
      expect(out.length).toBe(checked.length);
      expect(out.at(-1)).toBe(checked.at(-1));
      expect(await main(['counters', '--json'], { DATABASE_URL: tdb.url })).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const table = out.slice(0, -1);
    expect(table[0]).toMatch(/^Bưu cục\s+Quầy\s+Tên quầy\s+Phiên bản\s+Kênh\s+Liên lạc gần nhất\s+Gửi dữ liệu gần nhất\s+Lệch giờ\s+Đã nhận\s+Bị từ chối$/);
    const row = (id: string) => table.find((l) => l.includes(` ${id} `))!;
    expect(row('IT-1-A')).toMatch(/1\.5\.0 +stable .*\(2 ngày trước\).* \+5 phút .*⚠ im lặng, ⚠ sai giờ$/);
    expect(row('IT-1-B')).toMatch(/ −42 phút .*⚠ sai giờ$/);
    expect(row('IT-1-B')).not.toContain('im lặng');
    expect(row('IT-2-C')).toMatch(/chưa đăng ký/);
    expect(row('IT-2-C')).not.toContain('im lặng');
    expect(out.at(-2)).toBe('3 quầy; 1 quầy im lặng quá 24 giờ; 2 quầy lệch giờ quá 2 phút; 0 quầy dưới phiên bản tối thiểu.');
    const json = CountersResponseSchema.parse(JSON.parse(out.at(-1)!));
    expect(json.counters.map((c) => c.counterId)).toEqual(['IT-1-A', 'IT-1-B', 'IT-2-C']);

    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['counters', '--silent-hours', 'nhiều'], { DATABASE_URL: tdb.url })).toBe(2);
    } finally {
      err.mockRestore();
    }
  });

  it('a lost machine: revoking voids its token and its unused codes at once; a new code enrolls the replacement', async () => {
    const spare = await createEnrollmentCode(hub.db, { branchCode: 'IT-1', counterId: 'IT-1-B' }, Date.now());
    expect((await call(hub, '/admin/counters/IT-1-B/revoke', { method: 'POST', token: a.token })).status).toBe(401);
    expect((await call(hub, '/admin/counters/IT-9-Z/revoke', { method: 'POST', token: ADMIN_TOKEN })).status).toBe(404);
    expect((await call(hub, `/admin/counters/${encodeURIComponent("x' OR 1=1")}/revoke`, { method: 'POST', token: ADMIN_TOKEN })).status).toBe(404);

    const r = await call(hub, '/admin/counters/IT-1-B/revoke', { method: 'POST', token: ADMIN_TOKEN });
    expect(r.status).toBe(200);
    expect(RevokeResponseSchema.parse(r.body)).toMatchObject({ counterId: 'IT-1-B', revokedAt: now, codesCancelled: 1 });
    expect(hub.logs.some((l) => l.includes('"counter revoked"') && l.includes('IT-1-B'))).toBe(true);

    const refused = await pullAs(b);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/đăng ký lại/);
    expect((await counters()).get('IT-1-B')).toMatchObject({ revokedAt: now });
    // The code made before the revocation is void too.
    expect((await call(hub, '/enroll', { body: { code: spare.code } })).status).toBe(401);
    // Counter A is untouched.
    expect((await pullAs(a)).status).toBe(200);

    const again = await enroll(hub, 'IT-1', 'IT-1-B');
    expect((await pullAs(again)).status).toBe(200);
    expect((await counters()).get('IT-1-B')).toMatchObject({ revokedAt: null, enrolledAt: now });
  });

  it('the CLI revokes too, and says so in Vietnamese', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const err = vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
    try {
      expect(await main(['revoke', '--counter', 'IT-1-A'], { DATABASE_URL: tdb.url })).toBe(0);
      expect(await main(['revoke', '--counter', 'IT-9-Z'], { DATABASE_URL: tdb.url })).toBe(1);
      expect(await main(['revoke'], { DATABASE_URL: tdb.url })).toBe(2);
      expect(await main(['counters'], { DATABASE_URL: tdb.url })).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    expect(out[0]).toMatch(/^Đã thu hồi khoá truy cập của quầy IT-1-A; 0 mã đăng ký chưa dùng đã bị huỷ\./);
    expect(out[1]).toBe('Không có quầy IT-9-Z trên máy chủ.');
    expect(out[2]).toMatch(/^Cần --counter/);
    expect(out.find((l) => l.includes(' IT-1-A '))).toMatch(/đã thu hồi \d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    expect((await pullAs(a)).status).toBe(401);
  });
});
