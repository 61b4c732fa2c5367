import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/main/store/db';
import { openStore } from '../../../src/main/store/db';
import { createAuthService, hashPassword, verifyPassword } from '../../../src/main/services/auth';
import { Registry, Session } from '../../../src/main/ipc/registry';
import { sessionHandlers } from '../../../src/main/ipc/handlers/session';
import { contract } from '../../../src/shared/ipc/contract';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quay-auth-'));
  db = openStore(join(dir, 'quay.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const clock = { now: () => Date.UTC(2026, 10, 30, 2, 0) };
const counter = { id: 'Q1', name: 'Quầy 1', branchName: 'Bưu điện Sơn La' };

function setup() {
  const auth = createAuthService({ db, clock, ids: { uuid: v7 } });
  const reg = new Registry(contract).registerAll(sessionHandlers({ auth, counter }));
  return { auth, reg };
}

describe('password hashing', () => {
  it('salts randomly, verifies, refuses a wrong password or a tampered hash', async () => {
    const a = await hashPassword('123456');
    const b = await hashPassword('123456');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('123456', a)).toBe(true);
    expect(await verifyPassword('123457', a)).toBe(false);
    expect(await verifyPassword('123456', a.replace(/.$/, 'A') === a ? a.replace(/.$/, 'B') : a.replace(/.$/, 'A'))).toBe(false);
    expect(await verifyPassword('123456', 'plain')).toBe(false);
    // NFC and NFD spellings of the same Vietnamese passphrase are the same password.
    const h = await hashPassword('mật khẩu'.normalize('NFD'));
    expect(await verifyPassword('mật khẩu'.normalize('NFC'), h)).toBe(true);
  });
});

describe('clerk sessions', () => {
  it('first run: admin without a password must set one, then logs in', async () => {
    const { auth, reg } = setup();
    expect(auth.ensureFirstAdmin()).toBe(true);
    expect(auth.ensureFirstAdmin()).toBe(false);
    const s = new Session(counter.id);
    const first = await reg.invoke('session.get', {}, s);
    expect(first).toMatchObject({ ok: true, value: { needsSetup: true, setupUsername: 'admin', clerk: null } });
    // Log-in is impossible before the password is set.
    expect(await reg.invoke('session.login', { username: 'admin', password: '' }, s)).toMatchObject({ ok: false });
    expect(await reg.invoke('session.setupAdmin', { username: 'admin', password: 'abc', confirm: 'abc' }, s)).toMatchObject({
      ok: false,
      error: { code: 'weak_password', message: 'Mật khẩu hoặc mã PIN cần ít nhất 6 ký tự.' },
    });
    expect(await reg.invoke('session.setupAdmin', { username: 'admin', password: 'abcdef1', confirm: 'abcdef2' }, s)).toMatchObject({
      ok: false,
      error: { code: 'confirm_mismatch' },
    });
    const done = await reg.invoke('session.setupAdmin', { username: 'admin', password: 'abcdef1', confirm: 'abcdef1' }, s);
    expect(done).toMatchObject({ ok: true, value: { needsSetup: false, clerk: { username: 'admin', role: 'admin' } } });
    // A second setup is refused.
    expect(await reg.invoke('session.setupAdmin', { username: 'admin', password: 'zzzzzz9', confirm: 'zzzzzz9' }, new Session('Q1'))).toMatchObject({
      ok: false,
      error: { code: 'setup_done' },
    });
  });

  it('logs in, locks, unlocks, and records who did what', async () => {
    const { auth, reg } = setup();
    auth.ensureFirstAdmin();
    const admin = new Session('Q1');
    await reg.invoke('session.setupAdmin', { username: 'admin', password: 'quantri1', confirm: 'quantri1' }, admin);
    const made = await reg.invoke('clerks.create', { username: 'lan', fullName: 'Nguyễn Thị Lan', role: 'clerk', password: '246810' }, admin);
    expect(made).toMatchObject({ ok: true, value: { username: 'lan', mustChangePassword: true } });

    const s = new Session('Q1');
    expect(await reg.invoke('session.login', { username: 'lan', password: 'sai-mat-khau' }, s)).toEqual({
      ok: false,
      error: { code: 'bad_credentials', message: 'Sai tên đăng nhập hoặc mật khẩu.', field: 'password' },
    });
    expect(await reg.invoke('session.login', { username: 'khong-co', password: '246810' }, s)).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    const ok = await reg.invoke('session.login', { username: 'lan', password: '246810' }, s);
    expect(ok).toMatchObject({ ok: true, value: { clerk: { fullName: 'Nguyễn Thị Lan', mustChangePassword: true } } });
    // A clerk may not create clerks.
    expect(await reg.invoke('clerks.create', { username: 'x1x', fullName: 'X', role: 'admin', password: '123456' }, s)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await reg.invoke('session.changePassword', { oldPassword: '246810', newPassword: '135791', confirm: '135791' }, s)).toMatchObject({
      ok: true,
      value: { clerk: { mustChangePassword: false } },
    });
    expect(await reg.invoke('session.lock', {}, s)).toMatchObject({ ok: true, value: { locked: true, clerk: { username: 'lan' } } });
    expect(s.actor()).toBeNull();
    expect(await reg.invoke('session.unlock', { password: '246810' }, s)).toMatchObject({ ok: false, error: { message: 'Mật khẩu không đúng.' } });
    expect(await reg.invoke('session.unlock', { password: '135791' }, s)).toMatchObject({ ok: true, value: { locked: false } });
    expect(s.actor()).toEqual({ clerkId: expect.any(String), counterId: 'Q1', role: 'clerk' });

    const actions = db.prepare('SELECT action FROM audit_log ORDER BY id').all().map((r) => (r as { action: string }).action);
    // Every failure is audited: the unknown user name too (without the text typed), and the wrong unlock.
    expect(actions).toEqual(['clerk.setup_admin', 'clerk.create', 'clerk.login_failed', 'clerk.login_failed', 'clerk.login', 'clerk.change_password', 'clerk.lock', 'clerk.unlock_failed', 'clerk.unlock']);
    // Nothing in the clerks table holds a readable password.
    const hashes = db.prepare('SELECT password_hash FROM clerks').all() as { password_hash: string }[];
    for (const h of hashes) expect(h.password_hash).toMatch(/^scrypt\$/);
  });
});
