/**
 * Updates as the clerk sees them (Chromium): below the province's minimum version a red banner
 * above the status bar says so and that the counter updates itself when idle; while the intake form
 * holds unsaved input, main knows it (an update never installs then), and no longer once the clerk
 * leaves the form.
 */
import { describe, expect, it } from 'vitest';
import { noteUpdatePolicy } from '../../src/main/sync/sync-state';
import { APP_VERSION } from '../../src/main/version';
import { chromiumAvailable, expectFocus, screenshot, typeHuman } from './harness';
import { counterSuite } from './suite';

const run = chromiumAvailable();

async function waitFor(cond: () => boolean, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
}

describe.skipIf(!run)('update banner and unsaved form (Chromium)', () => {
  const t = counterSuite({ realClock: true, clerks: [{ username: 'lan', fullName: 'Nguyễn Thị Lan' }], login: 'lan' });

  it('below the minimum version the banner shows, in Vietnamese, above the status bar', async () => {
    const { w, c } = t;
    expect(await c.page.$('[data-testid="update-banner"]')).toBeNull();
    w.app.db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run('https://dongbo.example.vn/');
    noteUpdatePolicy(w.app.db, { channel: 'stable', url: null, minVersion: '99.0.0', allowDowngrade: false }, Date.now());
    // The status bar asks main every 5 s.
    const banner = await c.page.waitForSelector('[data-testid="update-banner"]', { timeout: 8_000 });
    expect(await banner.textContent()).toBe(`Phiên bản ${APP_VERSION} thấp hơn mức tối thiểu 99.0.0 của tỉnh: quầy sẽ tự cập nhật ngay khi rảnh.`);
    expect(await banner.getAttribute('role')).toBe('alert');
    await screenshot(c.page, 'update-banner');
  });

  it('main knows while the intake form holds unsaved input, and not after the clerk leaves it', async () => {
    const { w, c } = t;
    const formBusy = () => w.wired.updates.busy().includes('biểu mẫu đang nhập dở chưa lưu');
    await c.page.keyboard.press('F2');
    await expectFocus(c.page, 'sender-idKind');
    expect(formBusy()).toBe(false);
    await c.page.keyboard.press('Enter');
    await typeHuman(c.page, '0');
    await waitFor(formBusy);
    // Another screen: the form is gone, and so is what it held.
    await c.page.keyboard.press('F3');
    await waitFor(() => !formBusy());
  });
});
