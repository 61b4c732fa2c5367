/** Home delivery that fails twice: a second invitation two working days later, then back to the agency. */
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { activeId, axe, chromiumAvailable, expectFocus, fill, makeClerk, scan, screenshot, typeHuman, waitText } from './harness';
import { collectResults, compact, dispatchFirstAgency, LLTP_INTAKE, lockAndLogin, openHandover, saveIntake, typeIntake } from './flows';
import { counterSuite } from './suite';

const run = chromiumAvailable();
const START = Date.UTC(2026, 11, 3, 1, 0); // Thursday 3 December 2026, 08:00 ICT

describe.skipIf(!run)('failed home delivery (keyboard only, Chromium)', () => {
  let w: World;
  let c: Counter;
  let item = '';
  counterSuite({ start: START, clerks: [{ username: 'lan', fullName: 'Nguyễn Thị Lan' }], login: 'lan' }, (cw) => void ({ w, c } = cw));

  it('a "both" dossier with home delivery reaches the delivery list', async () => {
    const { page } = c;
    await typeIntake(page, { ...LLTP_INTAKE, fullName: 'Quàng Thị Mai', returnMethod: 1 });
    item = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
    await dispatchFirstAgency(page, 'Lường Văn Tâm', '14/12/2026', 1);
    w.clock.set(Date.UTC(2026, 11, 14, 2, 0)); // Monday 14 December
    await collectResults(page, [item]);
    expect((w.app.db.prepare('SELECT state FROM dossiers WHERE item_number = ?').get(item) as { state: string }).state).toBe('out_for_delivery');
  });

  async function failAttempt(reason: string) {
    const { page } = c;
    await openHandover(page, item);
    await expectFocus(page, 'ho-mode');
    await page.keyboard.press('ArrowDown'); // "Phát không thành công"
    await page.keyboard.press('Enter');
    await fill(page, 'ho-reason', reason, false);
    await page.keyboard.press('F10');
  }

  it('first failure: the next invitation is two working days later', async () => {
    await failAttempt('Không có người nhận, nhà đóng cửa');
    await waitText(c.page, '.flash.ok', /mời lần sau ngày 16\/12\/2026/);
    expect(await c.page.textContent('[data-testid="attempts"]')).toMatch(/1 lần, mời lần sau ngày 16\/12\/2026/);
    expect(await axe(c.page)).toEqual([]);
    await screenshot(c.page, '80-delivery-failed-once');
  });

  it('second failure: marked for return to the agency, then returned', async () => {
    w.clock.set(Date.UTC(2026, 11, 16, 2, 0));
    await failAttempt('Người nhận đi vắng dài ngày');
    await waitText(c.page, '[data-testid="handover-state"]', /Chờ trả lại cơ quan/);
    await expectFocus(c.page, 'ho-reason');
    await screenshot(c.page, '81-to-return');
    await c.page.keyboard.type('Phát không thành công 2 lần', { delay: 5 });
    await c.page.keyboard.press('F10');
    await waitText(c.page, '[data-testid="handover-state"]', /Đã trả lại cơ quan/);
    const events = (w.app.db.prepare('SELECT e.type FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.item_number = ? ORDER BY e.seq').all(item) as { type: string }[]).map((e) => e.type);
    expect(events.slice(-3)).toEqual(['delivery_failed', 'delivery_failed', 'returned_to_agency']);
    // Lookup shows the timeline in words.
    await c.page.keyboard.press('F3');
    await expectFocus(c.page, 'lookup-q');
    await c.page.keyboard.type('quang thi mai', { delay: 50 });
    await c.page.keyboard.press('Enter');
    await c.page.waitForSelector('#lookup-row-0');
    await c.page.keyboard.press('ArrowDown');
    await c.page.keyboard.press('Enter');
    await c.page.waitForSelector('[data-testid="timeline"] li');
    expect(await axe(c.page)).toEqual([]);
    await screenshot(c.page, '82-dossier-returned');
  });

  it('a manager cancels a dossier not yet at the agency; the money is reversed, not deleted', async () => {
    const { page } = c;
    await makeClerk(w, 'hoa', 'Vì Thị Hoa', 'manager');
    await typeIntake(page, {
      idNumber: '014090001234',
      fullName: 'Lò Văn Hùng',
      phone: '0912 345 678',
      address: 'Số 12, tổ 3',
      province: 'son la',
      commune: 'to hieu',
      procedure: 'gplx',
      procedureLabel: /Đổi giấy phép lái xe/,
      provided: ['1', '1', '1', '1'],
    });
    const cancelled = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
    const ledgerBefore = w.app.db.prepare('SELECT count(*) AS n, sum(amount) AS total FROM ledger l JOIN dossiers d ON d.id = l.dossier_id WHERE d.item_number = ?').get(cancelled) as { n: number; total: number };
    expect(ledgerBefore.total).toBe(177_000);
    // A clerk sees no cancel field; the manager does.
    await scan(page, cancelled);
    await page.waitForSelector('[data-testid="dossier-item"]');
    expect(await page.$('#cancel-reason')).toBeNull();
    await lockAndLogin(page, 'hoa', '246810');
    await scan(page, cancelled);
    await page.waitForSelector('#cancel-reason');
    for (let i = 0; i < 10 && (await activeId(page)) !== 'cancel-reason'; i++) await page.keyboard.press('Tab');
    await expectFocus(page, 'cancel-reason');
    await typeHuman(page, 'Công dân xin rút hồ sơ');
    await page.keyboard.press('Enter');
    await waitText(page, '[data-testid="dossier-state"]', /Đã hủy/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '83-cancelled-by-manager');
    const after = w.app.db.prepare('SELECT count(*) AS n, sum(amount) AS total FROM ledger l JOIN dossiers d ON d.id = l.dossier_id WHERE d.item_number = ?').get(cancelled) as { n: number; total: number };
    expect(after).toEqual({ n: ledgerBefore.n * 2, total: 0 });
  });
});
