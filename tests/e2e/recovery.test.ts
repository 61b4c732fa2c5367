/**
 * The recovery code of the encrypted store (issue #15 §1), by keyboard in Chromium: the manager finds
 * it with Ctrl+K, sees the code of this store's key in 14 groups of 4, confirms with F10 that it is
 * put away; each showing and the confirmation are in the audit log. The code shown is the one that
 * restores the data (tests/integration/store/encryption.test.ts restores with it).
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRecoveryCode } from '../../src/main/store/recovery-code';
import type { Counter, World } from './harness';
import { chromiumAvailable, expectFocus, typeHuman, waitText } from './harness';
import { counterSuite } from './suite';

const run = chromiumAvailable();
const SHOTS = '/tmp/h15s-shots';

describe.skipIf(!run)('the recovery code (keyboard, Chromium)', () => {
  let w: World;
  let c: Counter;
  counterSuite({ start: Date.UTC(2026, 11, 7, 2, 0), clerks: [{ username: 'mai', fullName: 'Quàng Thị Mai', role: 'manager' }], login: 'mai' }, (cw) => {
    ({ w, c } = cw);
  });

  it('the manager opens it with Ctrl+K, reads the code of this store, and confirms it is put away', async () => {
    await expectFocus(c.page, 'sender-idKind');
    await c.page.keyboard.press('Control+K');
    await expectFocus(c.page, 'palette-input');
    await typeHuman(c.page, 'ma khoi phuc');
    await c.page.keyboard.press('Enter');
    const shown = await waitText(c.page, '[data-testid="recovery-code"]', /^([0-9A-Z]{4}){14}$/);
    expect(fromRecoveryCode(shown).equals(w.app.storeKey)).toBe(true);
    await waitText(c.page, '[data-testid="recovery-confirmed"]', /Chưa xác nhận đã cất giữ mã/);
    mkdirSync(SHOTS, { recursive: true });
    await c.page.screenshot({ path: `${SHOTS}/recovery.png`, fullPage: true });
    await c.page.keyboard.press('F10');
    await waitText(c.page, '[data-testid="recovery-confirmed"]', /^Đã cất giữ: Quàng Thị Mai, /);
    const actions = w.app.db.prepare("SELECT action, actor_id FROM audit_log WHERE entity = 'store' ORDER BY id").all();
    expect(actions).toEqual([
      { action: 'store.recovery_code_shown', actor_id: expect.any(String) },
      { action: 'store.recovery_code_confirmed', actor_id: expect.any(String) },
    ]);
    await c.page.screenshot({ path: `${SHOTS}/recovery-confirmed.png`, fullPage: true });
  });
});
