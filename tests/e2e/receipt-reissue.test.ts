/**
 * A fee receipt cancelled and reissued at the shift close screen, by keyboard in Chromium (issue 12):
 * a wrong manager password is refused and changes nothing; then the receipt keeps its number marked
 * cancelled, the same payment gets the next number, and both prints are queued.
 */
import { describe, expect, it } from 'vitest';
import { lltpInput } from '../helpers/app';
import type { Counter, World } from './harness';
import { chromiumAvailable, expectFocus, fill, screenshot, typeHuman, waitText } from './harness';
import { CLERK_AND_MANAGER, counterSuite } from './suite';

const run = chromiumAvailable();

describe.skipIf(!run)('fee receipt cancelled and reissued (keyboard only, Chromium)', () => {
  let w: World;
  let c: Counter;
  counterSuite(
    {
      start: Date.UTC(2026, 2, 2, 1, 0),
      clerks: CLERK_AND_MANAGER,
      login: 'lan',
    },
    (cw) => void ({ w, c } = cw),
  );
  const receipts = () => w.app.db.prepare('SELECT number, cancelled_at IS NOT NULL AS cancelled, cancel_reason, replaces_number FROM fee_receipts ORDER BY number').all();

  it('refuses a wrong manager password, then cancels 0000001 (kept, HỦY) and issues 0000002 for the same payment', async () => {
    const lan = w.app.db.prepare("SELECT id FROM clerks WHERE username = 'lan'").get() as { id: string };
    w.app.services.intake.accept(lltpInput(), { clerkId: lan.id, counterId: w.wired.counter.id, role: 'clerk' });
    const series = w.wired.counter.id;
    const { page } = c;
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'ket ca');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'count-note-500000');
    await page.waitForSelector('[data-testid="reissue-receipt"]');
    await page.focus('#rr-number');
    await fill(page, 'rr-number', '1');
    await fill(page, 'rr-reason', 'Máy in kẹt giấy, biên lai rách');
    await fill(page, 'rr-manager', 'mai');
    await fill(page, 'rr-password', 'sai-mat-khau');
    await waitText(page, '.flash.error', /Sai tên đăng nhập hoặc mật khẩu của trưởng bưu cục/);
    expect(receipts()).toEqual([{ number: 1, cancelled: 0, cancel_reason: null, replaces_number: null }]);

    await page.focus('#rr-password');
    await fill(page, 'rr-password', '246810');
    await waitText(page, '.flash.ok', new RegExp(`Đã hủy biên lai ${series}-0000001 .* cấp biên lai mới ${series}-0000002`));
    expect(receipts()).toEqual([
      { number: 1, cancelled: 1, cancel_reason: 'Máy in kẹt giấy, biên lai rách', replaces_number: null },
      { number: 2, cancelled: 0, cancel_reason: null, replaces_number: 1 },
    ]);
    await waitText(page, 'main', new RegExp(`đã hủy: ${series}-0000001`));
    const titles = (w.app.db.prepare("SELECT title FROM print_jobs WHERE kind = 'fee_receipt' ORDER BY seq").all() as { title: string }[]).map((j) => j.title);
    expect(titles.slice(-2)).toEqual([`Biên lai ${series}-0000001`, `Biên lai ${series}-0000002`]);
    await screenshot(page, 'h12-reissue-receipt');
  });
});
