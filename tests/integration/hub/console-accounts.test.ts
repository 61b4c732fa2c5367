/**
 * The console's accounts (src/hub/console-api/): scrypt passwords, a lock after repeated wrong
 * passwords (in the database), server-side sessions in an HttpOnly SameSite=Strict cookie, the CSRF
 * header on every state-changing request, and roles (a branch manager sees only their branch).
 */
import { expect, it } from 'vitest';
import { createUser, hashPassword, MAX_FAILURES, verifyPassword } from '../../../src/hub/console-api/accounts';
import { CONSOLE_CSRF_HEADER, SESSION_COOKIE } from '../../../src/hub/console-api/routes';
import { main } from '../../../src/hub/main';
import { describePg, type TestDatabase } from '../../helpers/pg';
import { call, enroll, freshHub, type TestHub } from './harness';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

describePg('hub console: accounts, sessions, roles', () => {
  let hub: TestHub;
  let tdb: TestDatabase;
  freshHub((h, t) => {
    hub = h;
    tdb = t;
  });
  const csrf = { [CONSOLE_CSRF_HEADER]: '1' };
  const loginAs = async (username: string, password: string) => {
    const r = await call(hub, '/console/api/login', { body: { username, password }, headers: csrf });
    const setCookie = r.headers.get('set-cookie') ?? '';
    return { ...r, setCookie, cookie: setCookie.split(';')[0] ?? '' };
  };

  it('hashes with scrypt and a salt', async () => {
    const a = await hashPassword('mật khẩu dài đủ');
    const b = await hashPassword('mật khẩu dài đủ');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài đủ', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dài đủ!', a)).toBe(false);
  });

  it('the CLI creates the first IT administrator from a password file, never from argv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'h14c-'));
    writeFileSync(join(dir, 'pw'), 'Quan-tri-0123\n');
    const env = { DATABASE_URL: tdb.url };
    expect(await main(['create-admin', '--username', 'it.admin', '--password-file', join(dir, 'pw')], env)).toBe(0);
    expect(await main(['create-admin', '--username', 'it.admin', '--password-file', join(dir, 'pw')], env)).toBe(1);
    writeFileSync(join(dir, 'short'), 'ngan\n');
    expect(await main(['create-admin', '--username', 'other', '--password-file', join(dir, 'short')], env)).toBe(1);
    // Never a password on the command line: a bad-arguments refusal (exit 2), nothing created.
    expect(await main(['create-admin', '--username', 'pw.arg', '--password', 'Quan-tri-0123'], env)).toBe(2);
    expect(await main(['create-admin', '--password-file', join(dir, 'pw')], env)).toBe(2);
    expect((await hub.db.query("SELECT 1 FROM hub_users WHERE username = 'pw.arg'")).rowCount).toBe(0);
  });

  it('a refused login logs what was typed as the user name without its digits (an ID number typed in the wrong box)', async () => {
    const cccd = '001099012345';
    expect((await loginAs(cccd, 'Quan-tri-0123')).status).toBe(401);
    expect((await loginAs(`it.${cccd}`, 'Quan-tri-0123')).status).toBe(401);
    const refused = hub.logs.filter((l) => l.includes('console login refused'));
    expect(refused).toHaveLength(2);
    expect(refused.join('')).toContain('"username":"it.[số]"');
    expect(hub.logs.join('').includes(cccd.slice(0, 9))).toBe(false);
  });

  it('logs in with an HttpOnly SameSite=Strict cookie scoped to /console; needs the CSRF header', async () => {
    const noHeader = await call(hub, '/console/api/login', { body: { username: 'it.admin', password: 'Quan-tri-0123' } });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error).toBe('CSRF');
    const ok = await loginAs('it.admin', 'Quan-tri-0123');
    expect(ok.status).toBe(200);
    expect(ok.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=1800`));
    const me = await call(hub, '/console/api/me', { headers: { cookie: ok.cookie } });
    expect(me.status).toBe(200);
    expect((me.body.user as { role: string }).role).toBe('it_admin');
    // A state-changing request with the cookie but without the header (what a foreign site can send).
    const forged = await call(hub, '/console/api/codes', { body: { branchCode: 'BC1', counterId: 'Q1', hubUrl: '10.0.0.5:8787' }, headers: { cookie: ok.cookie } });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('CSRF');
    const none = await call(hub, '/console/api/counters');
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('NO_SESSION');
    // Logging out ends the session on the server.
    expect((await call(hub, '/console/api/logout', { method: 'POST', body: {}, headers: { cookie: ok.cookie, ...csrf } })).status).toBe(200);
    expect((await call(hub, '/console/api/me', { headers: { cookie: ok.cookie } })).body.error).toBe('NO_SESSION');
  });

  it(`locks the account after ${MAX_FAILURES} wrong passwords, even for the right one`, async () => {
    await createUser(hub.db, { username: 'le.lan', role: 'province_manager', password: 'Lanh-dao-2026' }, Date.now());
    for (let i = 1; i < MAX_FAILURES; i++) {
      const r = await loginAs('le.lan', 'sai-mat-khau');
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('BAD_LOGIN');
    }
    const last = await loginAs('le.lan', 'sai-mat-khau');
    expect(last.status).toBe(429);
    expect(last.body.error).toBe('LOCKED');
    const right = await loginAs('le.lan', 'Lanh-dao-2026');
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(/tạm khoá/);
    const unknown = await loginAs('khong.co', 'bat-ky-mat-khau');
    expect(unknown.body.error).toBe('BAD_LOGIN');
  });

  it('a branch manager sees only their branch and cannot revoke or make codes', async () => {
    await enroll(hub, 'BC-A', 'QA1');
    await enroll(hub, 'BC-B', 'QB1');
    await createUser(hub.db, { username: 'tb.a', role: 'branch_manager', branchCode: 'BC-A', password: 'Truong-buu-cuc-A' }, Date.now());
    const s = await loginAs('tb.a', 'Truong-buu-cuc-A');
    const list = await call<{ counters: { counterId: string }[] }>(hub, '/console/api/counters', { headers: { cookie: s.cookie } });
    expect(list.body.counters.map((c) => c.counterId)).toEqual(['QA1']);
    const revoke = await call(hub, '/console/api/counters/QA1/revoke', { method: 'POST', body: {}, headers: { cookie: s.cookie, ...csrf } });
    expect(revoke.status).toBe(403);
    expect(revoke.body.error).toBe('FORBIDDEN');
    const admin = await loginAs('it.admin', 'Quan-tri-0123');
    const all = await call<{ counters: { counterId: string }[] }>(hub, '/console/api/counters', { headers: { cookie: admin.cookie } });
    expect(all.body.counters.map((c) => c.counterId)).toEqual(['QA1', 'QB1']);
    const code = await call<{ code: string; qrText: string; qrSvg: string }>(hub, '/console/api/codes', { body: { branchCode: 'BC-A', counterId: 'QA2', hubUrl: '10.0.0.5:8787' }, headers: { cookie: admin.cookie, ...csrf } });
    expect(code.status).toBe(200);
    expect(code.body.qrText).toBe(`QUAYHCC:1;HUB=http://10.0.0.5:8787;CODE=${code.body.code};COUNTER=QA2`);
    expect(code.body.qrSvg).toMatch(/^<svg/);
  });
});
