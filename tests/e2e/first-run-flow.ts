/**
 * The first run driven by keyboard, shared by the end-to-end test and the bench (no vitest import):
 * every key the technician presses beyond typed names, passwords, addresses and codes is counted
 * (the recovery code's last group read back from paper is a typed code)
 * (Enter, arrows, F-keys, Ctrl chords; one scan of the enrollment QR counts as one).
 */
import type { Page } from 'playwright-core';
import { expectFocus, scan, typeHuman, waitText } from './harness';

export class KeyCounter {
  keys: string[] = [];
  constructor(private readonly page: Page) {}
  /** A counted key press. */
  async press(key: string): Promise<void> {
    this.keys.push(key);
    await this.page.keyboard.press(key);
  }
  /** Typed text (a name, a password, an address): not counted. */
  async type(text: string): Promise<void> {
    await typeHuman(this.page, text);
  }
  /** At field `id`: type the text, then a counted Enter. */
  async fill(id: string, text: string): Promise<void> {
    await expectFocus(this.page, id);
    await this.page.keyboard.press('Control+A');
    await this.type(text);
    await this.press('Enter');
  }
  /** One scan of a code (the scanner types it): counted once. */
  async scan(text: string): Promise<void> {
    this.keys.push('scan');
    await scan(this.page, text, 2);
  }
  get count(): number {
    return this.keys.length;
  }
}

export interface FirstRunPlan {
  adminPassword: string;
  /** The enrollment QR's text, as `npm run hub -- create-code` prints it. */
  enrollText: string;
  /** ArrowDowns in the printer profile list to reach the network printer's profile. */
  profileDowns: number;
  printerAddress: string;
  people: { fullName: string; role: 'clerk' | 'manager'; password: string }[];
  /** Called at each step, e.g. to take a screenshot. */
  atStep?: (name: string) => Promise<void>;
  /** Called when the test page question is shown (the test checks what the printer received). */
  atTestPage?: () => Promise<void>;
  /** Called after Ctrl+P on the recovery code (the test checks what the printer received). */
  atRecoveryPrinted?: (code: string) => Promise<void>;
  /** Called after Ctrl+P on the summary. */
  atSummaryPrinted?: () => Promise<void>;
}

/** From the admin's first password to the finished first run, with the hub. Returns the keys counted. */
export async function runFirstRun(page: Page, plan: FirstRunPlan): Promise<KeyCounter> {
  const k = new KeyCounter(page);
  await page.waitForSelector('#setup-password');
  await k.fill('setup-password', plan.adminPassword);
  await k.fill('setup-confirm', plan.adminPassword);

  // 1. Hub: one scan of the QR; the connection is tested and the hub's time shown; Enter enrolls.
  await expectFocus(page, 'hub-address');
  await plan.atStep?.('hub');
  await k.scan(plan.enrollText);
  await page.waitForSelector('[data-testid="hub-probe"]');
  await expectFocus(page, 'hub-enroll');
  await plan.atStep?.('hub-tested');
  await k.press('Enter');

  // 2. Identity from the hub: Enter confirms.
  await expectFocus(page, 'identity-ok');
  await plan.atStep?.('identity');
  await k.press('Enter');

  // 3. Printer: profile, connection, address; Enter prints the test page; Enter answers "yes".
  await expectFocus(page, 'pr-profile');
  for (let i = 0; i < plan.profileDowns; i++) await k.press('ArrowDown');
  await k.press('Enter');
  await expectFocus(page, 'pr-kind');
  await k.press('Enter');
  await k.fill('pr-address', plan.printerAddress);
  await page.waitForSelector('[data-testid="printer-question"]');
  await expectFocus(page, 'pr-ok');
  await plan.atTestPage?.();
  await plan.atStep?.('printer');
  await k.press('Enter');

  // 4. People: name, username (suggested), role, first password; an empty name goes on.
  for (const p of plan.people) {
    await expectFocus(page, 'pp-fullName');
    await page.keyboard.press('Control+A');
    await k.type(p.fullName);
    await k.press('Enter');
    await expectFocus(page, 'pp-username');
    await k.press('Enter');
    await expectFocus(page, 'pp-role');
    if (p.role === 'manager') await k.press('ArrowDown');
    await k.press('Enter');
    await k.fill('pp-password', p.password);
    await waitText(page, '.flash.ok', new RegExp(`Đã thêm ${p.fullName}`));
  }
  await expectFocus(page, 'pp-fullName');
  await plan.atStep?.('people');
  await k.press('Enter');

  // 5. Recovery code: Ctrl+P prints it for the envelope; its last four characters read back from
  // the paper (a typed code) and Enter record it as put away.
  await expectFocus(page, 'rc-last');
  const code = (await page.textContent('[data-testid="recovery-code"]')) ?? '';
  await plan.atStep?.('recovery');
  await k.press('Control+P');
  await waitText(page, '.flash.ok', /mã khôi phục ra máy in/);
  await plan.atRecoveryPrinted?.(code);
  await k.type(code.slice(-4));
  await k.press('Enter');

  // 6. Summary: Ctrl+P prints it for the branch's records; Enter finishes.
  await expectFocus(page, 'summary-finish');
  await plan.atStep?.('summary');
  await k.press('Control+P');
  await waitText(page, '.flash.ok', /biên bản cài đặt/);
  await plan.atSummaryPrinted?.();
  await k.press('Enter');
  await waitText(page, '#screen-title', /Tiếp nhận hồ sơ/);
  return k;
}
