/**
 * A citizen's request for their personal data (issue 15 §3) by keyboard in Chromium: the manager
 * opens “Dữ liệu cá nhân” from Ctrl+K, types the ID number, F10 writes the PDF and JSON; the answered
 * request is listed with the number masked; the look is in the audit viewer.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { axe, chromiumAvailable, expectFocus, fill, screenshot, typeHuman, waitText } from './harness';
import { compact, lockAndLogin, saveIntake, typeIntake } from './flows';
import { CLERK_AND_MANAGER, counterSuite } from './suite';

const run = chromiumAvailable();

describe.skipIf(!run)("a citizen's request for their personal data (keyboard only, Chromium)", () => {
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

  it('the manager exports what is held about one ID number from Ctrl+K; the request is listed masked', async () => {
    const { page } = c;
    await typeIntake(page, {
      idNumber: '014185003456',
      fullName: 'Quàng Văn Sơn',
      phone: '0987 111 222',
      address: 'Bản Có Nàng',
      province: 'son la',
      commune: 'chieng an',
      procedure: 'ly lich tu phap',
      procedureLabel: /Phiếu lý lịch tư pháp số 1/,
      provided: ['1', '1', '0', '0'],
    });
    const item = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
    await lockAndLogin(page, 'mai', '246810');
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'du lieu ca nhan');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'citizen-id');
    await fill(page, 'citizen-id', '01418500345', false);
    await page.keyboard.press('F10');
    await waitText(page, '.flash.error', /phải có đúng 12 chữ số; đã nhập 11 chữ số/);
    await fill(page, 'citizen-id', '014185003456', false);
    await page.keyboard.press('F10');
    const flash = await waitText(page, '.flash.ok', /Đã trả lời yêu cầu của công dân: 1 hồ sơ/, 30_000);
    const pdf = /Bản in \(PDF\): (\S+\.pdf)/.exec(flash)?.[1] ?? '';
    expect(existsSync(pdf)).toBe(true);
    await waitText(page, '[data-testid="citizen-requests"] tbody tr', /Căn cước công dân ••••••••3456.*1/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'h15-01-citizen-data');
    const looks = w.app.db.prepare("SELECT action FROM audit_log WHERE action = 'personal_data.export' AND entity_id = ?").all(item);
    expect(looks).toHaveLength(1);
  });
});
