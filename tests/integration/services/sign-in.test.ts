/**
 * Sign-in that resists guessing (issue #15 §4), through the real counter (createCounter on a SQLite
 * file, the one handler registry) with a test clock: the wait after wrong passwords (which refusal,
 * how long, how it grows, that a restart does not end it), every failure audited without the password,
 * unlocks included, a manager's unlock, and the first password enforced at the IPC boundary.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';
import type { Session } from '../../../src/main/ipc/registry';
import { loadReference } from '../../../src/main/reference/load';
import { lockoutMs, waitVi } from '../../../src/shared/sign-in-policy';
import { tempDir, testClock } from '../../helpers/app';

const ROOT = join(__dirname, '../../..');
const MIN = 60_000;
const clock = testClock('2026-03-02T09:00');
let tmp: ReturnType<typeof tempDir>;
let counter: Counter;

const start = () => createCounter({ dataDir: join(tmp.dir, 'data'), resourcesDir: join(ROOT, 'resources'), clock });
const call = (s: Session, channel: string, input: unknown = {}) => counter.registry.invoke(channel, input, s);
const audit = () => counter.app.db.prepare('SELECT actor_id, action, entity_id, detail FROM audit_log ORDER BY id').all() as { actor_id: string; action: string; entity_id: string | null; detail: string }[];
const actions = (from = 0) => audit().slice(from).map((r) => r.action);

async function clerk(username: string, role: 'clerk' | 'manager' = 'clerk', password = '246810'): Promise<string> {
  const c = await counter.auth.createClerk({ username, fullName: `Người ${username}`, role, password: 'tam-thoi-1' }, { clerkId: 'test', counterId: counter.counter.id });
  await counter.auth.changePassword({ oldPassword: 'tam-thoi-1', newPassword: password }, { clerkId: c.id, counterId: counter.counter.id });
  return c.id;
}

async function wrongLogins(s: Session, username: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await call(s, 'session.login', { username, password: `sai-${i}-mat-khau` }));
  return out;
}

beforeEach(() => {
  tmp = tempDir('quay-signin-');
  clock.set('2026-03-02T09:00');
  counter = start();
});
afterEach(async () => {
  await counter.close();
  tmp.cleanup();
});

describe('the wait after wrong passwords', () => {
  it('five wrong log-ins make the account wait 5 minutes; during the wait even the right password is refused, unchecked', async () => {
    await clerk('lan');
    const s = counter.newSession();
    const tries = await wrongLogins(s, 'lan', 5);
    expect(tries.slice(0, 2)).toEqual(Array(2).fill({ ok: false, error: { code: 'bad_credentials', message: 'Sai tên đăng nhập hoặc mật khẩu.', field: 'password' } }));
    expect(tries[3]).toEqual({ ok: false, error: { code: 'bad_credentials', message: 'Sai tên đăng nhập hoặc mật khẩu. Còn 1 lần thử trước khi tài khoản tạm khoá.', field: 'password' } });
    // The fifth starts the wait and says so, with the time it ends (09:05 in Vietnam).
    expect(tries[4]).toEqual({
      ok: false,
      error: { code: 'account_locked', message: 'Tài khoản đang tạm khoá vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau 5 phút (lúc 09:05), hoặc nhờ trưởng bưu cục.', field: 'password' },
    });
    clock.advance(2 * MIN + 30_000);
    const during = await call(s, 'session.login', { username: 'lan', password: '246810' });
    expect(during).toMatchObject({ ok: false, error: { code: 'account_locked', message: expect.stringContaining('sau 2 phút 30 giây (lúc 09:05)') } });
    expect(s.actor()).toBeNull();
    clock.advance(2 * MIN + 30_000);
    expect(await call(s, 'session.login', { username: 'lan', password: '246810' })).toMatchObject({ ok: true, value: { clerk: { username: 'lan' } } });
    // Audited: five failures (numbered, never the password), the wait, the refusal during it, the log-in.
    const rows = audit().filter((r) => r.action !== 'clerk.create' && r.action !== 'clerk.change_password');
    expect(rows.map((r) => r.action)).toEqual([...Array(5).fill('clerk.login_failed'), 'clerk.locked_out', 'clerk.refused_while_locked', 'clerk.login']);
    expect(rows.slice(0, 5).map((r) => JSON.parse(r.detail) as unknown)).toEqual([1, 2, 3, 4, 5].map((attempt) => ({ attempt, of: 5 })));
    expect(JSON.parse(rows[5]!.detail)).toEqual({ minutes: 5, lockouts: 1 });
    const text = JSON.stringify(audit());
    for (const p of ['sai-0-mat-khau', 'sai-4-mat-khau', '246810']) expect(text).not.toContain(p);
  });

  it('the wait doubles after each further round, up to the cap, and a right password starts afresh', async () => {
    await clerk('lan');
    const s = counter.newSession();
    const waits: number[] = [];
    for (let round = 1; round <= 6; round++) {
      const last = (await wrongLogins(s, 'lan', 5))[4]!;
      expect(last).toMatchObject({ ok: false, error: { code: 'account_locked' } });
      const left = counter.app.db.prepare('SELECT locked_until FROM sign_in_failures').get() as { locked_until: number };
      waits.push((left.locked_until - clock.now()) / MIN);
      clock.advance(left.locked_until - clock.now());
    }
    expect(waits).toEqual([5, 10, 20, 40, 60, 60]);
    expect(waitVi(lockoutMs(5, { lockoutMinutes: 5, maxLockoutMinutes: 60 }))).toBe('1 giờ');
    expect(await call(s, 'session.login', { username: 'lan', password: '246810' })).toMatchObject({ ok: true });
    expect(counter.app.db.prepare('SELECT count(*) AS n FROM sign_in_failures').get()).toEqual({ n: 0 });
    await call(s, 'session.logout');
    expect((await wrongLogins(s, 'lan', 5))[4]).toMatchObject({ error: { code: 'account_locked', message: expect.stringContaining('sau 5 phút') } });
  });

  it('a restart does not end the wait', async () => {
    await clerk('lan');
    await wrongLogins(counter.newSession(), 'lan', 5);
    await counter.close();
    clock.advance(MIN);
    counter = start();
    const s = counter.newSession();
    expect(await call(s, 'session.login', { username: 'lan', password: '246810' })).toMatchObject({ ok: false, error: { code: 'account_locked', message: expect.stringContaining('sau 4 phút (lúc 09:05)') } });
  });

  it('wrong unlocks count like wrong log-ins and are audited; a manager unlocks with their own name and the counter becomes theirs', async () => {
    const lan = await clerk('lan');
    const mai = await clerk('mai', 'manager', 'truong-1');
    await clerk('hung');
    const s = counter.newSession();
    await call(s, 'session.login', { username: 'lan', password: '246810' });
    expect(await call(s, 'session.lock', { idle: true })).toMatchObject({ ok: true, value: { locked: true } });
    const from = audit().length;
    const unlocks = [];
    for (let i = 0; i < 5; i++) unlocks.push(await call(s, 'session.unlock', { password: `doan-${i}` }));
    expect(unlocks[0]).toEqual({ ok: false, error: { code: 'bad_credentials', message: 'Mật khẩu không đúng.', field: 'password' } });
    expect(unlocks[4]).toMatchObject({ ok: false, error: { code: 'account_locked' } });
    expect(await call(s, 'session.unlock', { password: '246810' })).toMatchObject({ ok: false, error: { code: 'account_locked' } });
    expect(actions(from)).toEqual([...Array(5).fill('clerk.unlock_failed'), 'clerk.locked_out', 'clerk.refused_while_locked']);
    expect(audit().slice(from).every((r) => r.entity_id === lan)).toBe(true);
    // Another clerk cannot unlock; a manager can, and what follows is theirs.
    expect(await call(s, 'session.unlock', { username: 'hung', password: '246810' })).toMatchObject({ ok: false, error: { code: 'NOT_MANAGER', field: 'username' } });
    expect(audit().at(-1)).toMatchObject({ action: 'clerk.unlock_failed', entity_id: lan, detail: '{"notManager":true}' });
    expect(s.actor()).toBeNull();
    expect(await call(s, 'session.unlock', { username: 'mai', password: 'truong-1' })).toMatchObject({ ok: true, value: { locked: false, clerk: { username: 'mai', role: 'manager' } } });
    expect(s.actor()).toMatchObject({ clerkId: mai, role: 'manager' });
    expect(audit().at(-1)).toMatchObject({ actor_id: mai, action: 'clerk.unlock_by_manager', entity_id: lan });
    expect(audit().find((r) => r.action === 'clerk.lock')).toMatchObject({ actor_id: lan, detail: '{"idle":true}' });
  });

  it('the province sets the number of tries and the waits in reference data; an unknown user name is audited without what was typed', async () => {
    loadReference(counter.app.db, 'counter_security', { version: 't', sample: false, idleLockMinutes: 2, maxFailedAttempts: 3, lockoutMinutes: 15, maxLockoutMinutes: 30 }, clock.now());
    await clerk('lan');
    const s = counter.newSession();
    expect((await call(s, 'session.get')) as unknown).toMatchObject({ ok: true, value: { idleLockMinutes: 2 } });
    const tries = await wrongLogins(s, 'lan', 3);
    expect(tries[2]).toMatchObject({ error: { code: 'account_locked', message: expect.stringContaining('sau 15 phút (lúc 09:15)') } });
    const from = audit().length;
    expect(await call(s, 'session.login', { username: 'khong-co-ai', password: 'abcdef' })).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(audit().slice(from)).toEqual([{ actor_id: 'unknown-account', action: 'clerk.login_failed', entity_id: null, detail: '{"unknownAccount":true}' }]);
    expect(JSON.stringify(audit())).not.toContain('khong-co-ai');
  });

  it("a manager's confirmation and a password change count too", async () => {
    await clerk('lan');
    await clerk('mai', 'manager', 'truong-1');
    const actor = { clerkId: 'x', counterId: counter.counter.id };
    for (let i = 0; i < 4; i++) await expect(counter.auth.confirmManager({ username: 'mai', password: `x${i}xxxx` }, actor, 'shift.close')).rejects.toMatchObject({ code: 'MANAGER_PASSWORD' });
    await expect(counter.auth.confirmManager({ username: 'mai', password: 'x4xxxx' }, actor, 'shift.close')).rejects.toMatchObject({ code: 'account_locked', field: 'managerPassword' });
    await expect(counter.auth.confirmManager({ username: 'mai', password: 'truong-1' }, actor, 'shift.close')).rejects.toMatchObject({ code: 'account_locked' });
    const s = counter.newSession();
    await call(s, 'session.login', { username: 'lan', password: '246810' });
    const wrong = { oldPassword: 'khong-dung', newPassword: '1357911', confirm: '1357911' };
    for (let i = 0; i < 4; i++) expect(await call(s, 'session.changePassword', wrong)).toMatchObject({ error: { code: 'bad_credentials', field: 'oldPassword' } });
    expect(await call(s, 'session.changePassword', wrong)).toMatchObject({ error: { code: 'account_locked', field: 'oldPassword' } });
    expect(actions().filter((a) => a === 'clerk.change_password_failed')).toHaveLength(5);
  });
});

describe('the first password, enforced in main', () => {
  it('a clerk with a first password gets must_change_password from any other channel, called directly', async () => {
    const admin = counter.newSession();
    await counter.auth.setupAdmin({ username: 'admin', password: 'quantri1' }, counter.counter.id);
    await call(admin, 'session.login', { username: 'admin', password: 'quantri1' });
    expect(await call(admin, 'clerks.create', { username: 'lan', fullName: 'Lò Thị Lan', role: 'clerk', password: 'tam-thoi-1' })).toMatchObject({ ok: true });
    const s = counter.newSession();
    expect(await call(s, 'session.login', { username: 'lan', password: 'tam-thoi-1' })).toMatchObject({ ok: true, value: { clerk: { mustChangePassword: true } } });
    const refused = { ok: false, error: { code: 'must_change_password', message: 'Cần đổi mật khẩu lần đầu trước khi làm việc khác.' } };
    expect(await call(s, 'lookup.search', { query: 'Lò Văn Pình' })).toEqual(refused);
    expect(await call(s, 'print.jobs', { limit: 20 })).toEqual(refused);
    expect(await call(s, 'intake.preview', {})).toEqual(refused);
    // The session itself still answers, and locking is allowed; then the change opens everything.
    expect(await call(s, 'session.get')).toMatchObject({ ok: true });
    expect(await call(s, 'session.changePassword', { oldPassword: 'tam-thoi-1', newPassword: 'cua-toi-1', confirm: 'cua-toi-1' })).toMatchObject({ ok: true, value: { clerk: { mustChangePassword: false } } });
    expect(await call(s, 'lookup.search', { query: 'Lò Văn Pình' })).toMatchObject({ ok: true });
    // Signing in again with the new password: nothing is held back.
    const again = counter.newSession();
    await call(again, 'session.login', { username: 'lan', password: 'cua-toi-1' });
    expect(await call(again, 'print.jobs', { limit: 20 })).toMatchObject({ ok: true });
  });
});
