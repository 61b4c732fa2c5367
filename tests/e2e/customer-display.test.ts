/**
 * Issue #16 §3 and §4 in Chromium: the clerk's page and the customer display (a second page of the
 * same counter, `#khach-hang`). F10 shows the summary to the citizen; Esc goes back with nothing
 * written and nothing printed; Enter once the citizen agreed commits and prints, and the display
 * shows the item number. The standard intake is typed by keyboard and its keys beyond free text are
 * counted (≤ 20).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { ORIGIN, axe, chromiumAvailable, count, expectFocus, printJobs, screenshot, waitText } from './harness';
import { countKeys, saveIntake, STANDARD, typeIntake } from './flows';
import { counterSuite } from './suite';

const run = chromiumAvailable();
// Tuesday 1 December 2026, 09:00 in Sơn La.
const START = Date.UTC(2026, 11, 1, 2, 0);

/**
 * Nobody scrolls the citizen's screen: everything shown fits the viewport, and no amount breaks
 * across lines (the ₫ left alone on the next one).
 */
async function expectFits(p: Page): Promise<void> {
  const fit = await p.evaluate(() => {
    const d = globalThis as unknown as { document: { documentElement: { scrollHeight: number; scrollWidth: number }; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>; createRange(): { selectNodeContents(n: unknown): void; getClientRects(): ArrayLike<{ top: number }> } }; innerHeight: number; innerWidth: number };
    const lines = (el: unknown) => {
      const r = d.document.createRange();
      r.selectNodeContents(el);
      return new Set(Array.from(r.getClientRects()).map((x) => Math.round(x.top))).size;
    };
    return {
      overflowY: Math.max(0, d.document.documentElement.scrollHeight - d.innerHeight),
      overflowX: Math.max(0, d.document.documentElement.scrollWidth - d.innerWidth),
      wrapped: Array.from(d.document.querySelectorAll('.cs-amounts td')).filter((td) => lines(td) > 1).map((td) => td.textContent),
    };
  });
  expect(fit).toEqual({ overflowY: 0, overflowX: 0, wrapped: [] });
}

const screenOf = (p: Page) => p.getAttribute('[data-testid="customer-display"]', 'data-screen');

describe.skipIf(!run)('customer display and the F10 order (issue #16 §3, §4)', () => {
  let w: World;
  let c: Counter;
  let display: Page;
  counterSuite({ start: START, clerks: [{ username: 'lan', fullName: 'Nguyễn Thị Lan' }], login: 'lan' }, async (cw) => {
    ({ w, c } = cw);
    display = await c.context.newPage();
    display.on('pageerror', (e) => c.errors.push(`display: ${String(e)}`));
    // A citizen's monitor as common as the clerk's: 1366×768.
    await display.setViewportSize({ width: 1366, height: 768 });
    await display.goto(`${ORIGIN}/#khach-hang`);
  });

  it('the display welcomes the citizen while the clerk has nothing to show', async () => {
    await display.waitForSelector('[data-screen="idle"]');
    expect(await display.textContent('main')).toMatch(/Xin kính chào quý khách/);
    expect(await axe(display)).toEqual([]);
  });

  it('F10 shows the summary on both pages; Esc goes back with nothing written and no print job', async () => {
    const { page } = c;
    await typeIntake(page, { ...STANDARD, transfer: true });
    const before = { dossiers: count(w, 'dossiers'), ledger: count(w, 'ledger'), outbox: count(w, 'outbox'), jobs: printJobs(w).length };
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-testid="review"]');
    await display.waitForSelector('[data-screen="review"]');
    const text = (await display.textContent('[data-testid="cs-summary"]')) ?? '';
    expect(text).toMatch(/Lò Văn Bình/);
    expect(await display.textContent('[data-testid="cs-id"]')).toBe('0140****1122');
    expect(text).not.toMatch(/014091001122/);
    expect(text).toMatch(/Đổi giấy phép lái xe/);
    expect(text).toMatch(/Giấy phép lái xe.*1 bản chính/);
    expect(text).toMatch(/Nhận tại bưu cục/);
    expect(text).toMatch(/Phí, lệ phí/);
    expect(text).toMatch(/Cước bưu chính/);
    expect(await display.textContent('[data-testid="cs-total"]')).toMatch(/₫/);
    await display.waitForSelector('[data-testid="cs-vietqr"] img');
    // The summary, the VietQR code and the closing line fit the citizen's 1366×768 screen.
    await expectFits(display);
    expect(await axe(display)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '90-review-clerk');
    await screenshot(display, '91-review-customer-display');

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="review"]', { state: 'detached' });
    await display.waitForSelector('[data-screen="idle"]');
    await expectFocus(page, 'payment');
    await page.waitForTimeout(200);
    expect({ dossiers: count(w, 'dossiers'), ledger: count(w, 'ledger'), outbox: count(w, 'outbox'), jobs: printJobs(w).length }).toEqual(before);
    // The form is as it was: the clerk corrects and presses F10 again.
    expect(await page.inputValue('#sender-fullName')).toBe('Lò Văn Bình');
  });

  it('Enter once the citizen agreed commits and prints; the display shows the item number', async () => {
    const { page } = c;
    const jobs = printJobs(w).length;
    // Corrected after the citizen looked: cash after all (the clerk's next intake starts on cash).
    await page.keyboard.press('ArrowUp');
    const item = await saveIntake(page);
    expect(item).toMatch(/\w/);
    await display.waitForSelector('[data-screen="accepted"]');
    expect(((await display.textContent('[data-testid="cs-item"]')) ?? '').trim()).toBe(item);
    expect(printJobs(w).length).toBeGreaterThan(jobs);
    expect(count(w, 'dossiers')).toBe(1);
    await screenshot(display, '92-accepted-customer-display');
    await page.keyboard.press('Enter');
    await display.waitForSelector('[data-screen="idle"]');
  });

  it('a refusal at F10 shows nothing to the citizen', async () => {
    const { page } = c;
    await typeIntake(page, { ...STANDARD, fullName: 'Nguyeenx Vawn Binhf' });
    await page.keyboard.press('F10');
    await waitText(page, '.flash.error', /./);
    await page.waitForTimeout(200);
    expect(await page.$('[data-testid="review"]')).toBeNull();
    expect(await screenOf(display)).toBe('idle');
    expect(count(w, 'dossiers')).toBe(1);
  });

  it('the standard intake takes at most 20 keys beyond free text', async () => {
    const { page } = c;
    await page.keyboard.press('Escape');
    const keys = await countKeys(page);
    await typeIntake(page, STANDARD);
    await saveIntake(page);
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sender-idKind');
    const pressed = await keys.keys();
    console.log(`intake_keys=${pressed.length}: ${pressed.join(' ')}`);
    expect(pressed.length).toBeLessThanOrEqual(20);
    expect(count(w, 'dossiers')).toBe(2);
  });

  it('a transfer intake, once accepted: the item number, the summary and the VietQR code still fit the screen', async () => {
    const { page } = c;
    await typeIntake(page, { ...STANDARD, transfer: true });
    await saveIntake(page);
    await display.waitForSelector('[data-screen="accepted"] [data-testid="cs-vietqr"] img');
    await expectFits(display);
    await screenshot(display, '93-accepted-transfer-customer-display');
    await page.keyboard.press('Enter');
  });
});
