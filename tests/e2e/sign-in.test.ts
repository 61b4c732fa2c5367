/**
 * Sign-in that resists guessing, at the counter (issue #15 §4), keyboard only: the counter locks
 * itself after the province's idle minutes (set to 2 through reference data; the page's clock is
 * Playwright's test clock, moved forward: no waiting for minutes), the clerk's unsaved intake form is
 * kept under the lock screen and nothing is saved; the clerk or a manager unlocks, and a clerk who
 * signs in after Esc sees an empty form; five wrong passwords make the account wait, in Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import { loadReference } from '../../src/main/reference/load';
import type { Counter, World } from './harness';
import { axe, chromiumAvailable, choose, count, expectFocus, fill, login, screenshot, waitText } from './harness';
import { counterSuite } from './suite';

const run = chromiumAvailable();
/** The message line of the log-in and lock screens (the hidden shell has its own). */
const LOCK_FLASH = 'main.login .flash';

interface Row {
  actor_id: string;
  action: string;
  detail: string;
}

describe.skipIf(!run)('idle lock, the kept form, and the wait after wrong passwords', () => {
  let w: World;
  let c: Counter;
  counterSuite(
    {
      clerks: [
        { username: 'lan', fullName: 'Lò Thị Lan' },
        { username: 'hung', fullName: 'Cầm Văn Hùng' },
        { username: 'mai', fullName: 'Quàng Thị Mai', role: 'manager', password: 'mai-2026' },
      ],
      login: 'lan',
    },
    async (cw) => {
      ({ w, c } = cw);
      // The province's setting: two idle minutes. The page runs on the test clock from here on.
      loadReference(w.app.db, 'counter_security', { version: 'e2e', sample: false, idleLockMinutes: 2, maxFailedAttempts: 5, lockoutMinutes: 5, maxLockoutMinutes: 60 }, w.clock.now());
      await c.context.clock.install();
      await c.page.reload();
      await c.page.waitForSelector('[data-testid="status-clerk"]');
    },
  );
  const audit = () => w.app.db.prepare('SELECT actor_id, action, detail FROM audit_log ORDER BY id').all() as Row[];
  const value = (id: string) => c.page.inputValue(`#${id}`);

  it('locks itself after the idle minutes; the half-typed form is hidden, kept, and not saved', async () => {
    const page = c.page;
    await page.keyboard.press('F2');
    await choose(page, 'sender-idKind', 0);
    await fill(page, 'sender-idNumber', '014085001234');
    await fill(page, 'sender-fullName', 'Lò Văn Pình');
    await expectFocus(page, 'sender-phone');
    // A minute and a half without a key: still open.
    await page.clock.fastForward('01:30');
    await page.waitForTimeout(300);
    expect(await page.$('#unlock-password')).toBeNull();
    await page.clock.fastForward('00:31');
    await page.waitForSelector('#unlock-password');
    expect(await page.isVisible('#sender-fullName')).toBe(false);
    expect(await page.textContent('body')).not.toContain('Lò Văn Pình');
    await waitText(page, '[data-testid="lock-unsaved"]', /Phiếu đang nhập dở được giữ nguyên/);
    await screenshot(page, '15-idle-lock');
    expect(await axe(page)).toEqual([]);
    expect(audit().filter((r) => r.action === 'clerk.lock')).toEqual([expect.objectContaining({ detail: '{"idle":true}' })]);
    // F10 on the lock screen saves nothing; a wrong password is refused and audited.
    await page.keyboard.press('F10');
    await fill(page, 'unlock-password', 'sai-mat-khau');
    await waitText(page, LOCK_FLASH, /Mật khẩu không đúng/);
    expect(count(w, 'dossiers')).toBe(0);
    expect(audit().at(-1)).toMatchObject({ action: 'clerk.unlock_failed' });
    // The clerk's own password: the form is back as it was, the cursor where it was.
    await fill(page, 'unlock-password', '246810');
    await page.waitForSelector('#sender-fullName', { state: 'visible' });
    expect(await value('sender-idNumber')).toBe('014085001234');
    expect(await value('sender-fullName')).toBe('Lò Văn Pình');
    await expectFocus(page, 'sender-phone');
    expect(count(w, 'dossiers')).toBe(0);
  });

  it('a manager unlocks with their own name (F8) and finds the form; another clerk after Esc finds it empty', async () => {
    const page = c.page;
    await page.keyboard.press('Control+L');
    await page.waitForSelector('#unlock-password');
    // Another clerk cannot unlock it in the manager's place.
    await page.keyboard.press('F8');
    await expectFocus(page, 'unlock-username');
    await screenshot(page, '15-manager-unlock');
    await fill(page, 'unlock-username', 'hung');
    await fill(page, 'unlock-password', '246810');
    await waitText(page, LOCK_FLASH, /không phải trưởng bưu cục/);
    await fill(page, 'unlock-username', 'mai');
    await fill(page, 'unlock-password', 'mai-2026');
    await waitText(page, '[data-testid="status-clerk"]', /Quàng Thị Mai/);
    expect(await value('sender-fullName')).toBe('Lò Văn Pình');
    expect(audit().at(-1)).toMatchObject({ action: 'clerk.unlock_by_manager' });
    // Locked again, Esc: someone else signs in, and the form is not theirs to see.
    await page.keyboard.press('Control+L');
    await page.waitForSelector('#unlock-password');
    await page.keyboard.press('Escape');
    await login(page, 'hung', '246810');
    await page.keyboard.press('F2');
    await expectFocus(page, 'sender-idKind');
    expect(await value('sender-fullName')).toBe('');
    expect(await value('sender-idNumber')).toBe('');
    expect(count(w, 'dossiers')).toBe(0);
  });

  it('five wrong passwords: the account waits 5 minutes, said in Vietnamese with the time it ends', async () => {
    const page = c.page;
    await page.keyboard.press('Control+L');
    await page.waitForSelector('#unlock-password');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#login-username');
    await fill(page, 'login-username', 'lan');
    for (let i = 0; i < 5; i++) {
      // After a wrong password the name stays and the cursor is back in the (emptied) password field.
      const before = audit().length;
      await fill(page, 'login-password', `doan-sai-${i}`);
      await expect.poll(() => audit().length).toBeGreaterThan(before);
      await expect.poll(() => value('login-password')).toBe('');
      await waitText(page, LOCK_FLASH, i < 4 ? new RegExp(`Sai tên đăng nhập hoặc mật khẩu\\.${i >= 2 ? ` Còn ${4 - i} lần thử` : '$'}`) : /tạm khoá/);
    }
    const text = await waitText(page, LOCK_FLASH, /Hãy thử lại sau 5 phút \(lúc \d\d:\d\d\)/);
    expect(text).toContain('nhập sai mật khẩu nhiều lần');
    await screenshot(page, '15-locked-out');
    // The right password does not help during the wait.
    await fill(page, 'login-password', '246810');
    await waitText(page, LOCK_FLASH, /tạm khoá vì nhập sai mật khẩu nhiều lần/);
    expect(await page.$('[data-testid="status-clerk"]')).toBeNull();
    const lan = audit().filter((r) => r.action.startsWith('clerk.') && r.action !== 'clerk.create' && r.action !== 'clerk.change_password').slice(-7);
    expect(lan.map((r) => r.action)).toEqual([...Array(5).fill('clerk.login_failed'), 'clerk.locked_out', 'clerk.refused_while_locked']);
    // Five minutes later (the counter's clock), the right password opens it.
    w.clock.set(w.clock.now() + 5 * 60_000);
    await fill(page, 'login-password', '246810');
    await waitText(page, '[data-testid="status-clerk"]', /Lò Thị Lan/);
  });
});
