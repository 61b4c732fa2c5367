/**
 * The printer screen (F7), keyboard only: a manager points the counter at a network printer (a fake
 * ESC/POS printer on loopback that behaves like a real one), prints a test page, and handles a job
 * cut short: the clerk prints a marked copy. Bad settings are refused in Vietnamese and change
 * nothing; a clerk sees the queue but not the settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReceipt } from '../helpers/escpos-decoder';
import { FakePrinter } from '../helpers/fake-printer';
import type { Counter, World } from './harness';
import { axe, chromiumAvailable, choose, expectFocus, fill, login, screenshot, waitText } from './harness';
import { counterSuite } from './suite';

const run = chromiumAvailable();
const START = Date.UTC(2026, 11, 2, 2, 0); // Wednesday 2 December 2026, 09:00 ICT

function savedProfiles(w: World): { id: string; transport: { kind: string; host?: string; port?: number } }[] {
  const row = w.app.db.prepare("SELECT value FROM meta WHERE key = 'printer.profiles'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { id: string; transport: { kind: string; host?: string; port?: number } }[]) : [];
}

async function waitFor(cond: () => boolean, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
}

describe.skipIf(!run)('printer screen (keyboard only, Chromium)', () => {
  let w: World;
  let c: Counter;
  const printer = new FakePrinter();
  // Registered first, so the printer outlives the counter (after-hooks run in reverse order).
  beforeAll(() => printer.start());
  afterAll(() => printer.close());
  const clerks = [
    { username: 'mai', fullName: 'Quàng Thị Mai', role: 'manager' as const },
    { username: 'lan', fullName: 'Nguyễn Thị Lan' },
  ];
  counterSuite({ start: START, realClock: true, clerks, login: 'mai' }, (cw) => void ({ w, c } = cw));

  it('refuses a network printer without an address, in Vietnamese, saving nothing', async () => {
    const { page } = c;
    await page.keyboard.press('F7');
    await expectFocus(page, 'printer-template');
    await choose(page, 'printer-template', 1); // the Epson LAN template
    await fill(page, 'printer-name', 'Máy in quầy 1');
    await fill(page, 'printer-model', 'Epson TM-T82III');
    await choose(page, 'printer-width', 0);
    await choose(page, 'printer-kind', 0);
    await fill(page, 'printer-host', '');
    await page.keyboard.press('F10');
    await waitText(page, '.flash.error', /địa chỉ IP/i);
    expect(savedProfiles(w)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '90-printer-settings-error');
  });

  it('a manager configures the network printer and prints a test page', async () => {
    const { page } = c;
    await page.focus('#printer-host');
    await fill(page, 'printer-host', '127.0.0.1');
    await fill(page, 'printer-port', String(printer.port));
    await page.keyboard.press('F10');
    await waitText(page, '.flash.ok', /Đã lưu cấu hình máy in “Máy in quầy 1”/);
    expect(savedProfiles(w)[0]).toMatchObject({ transport: { kind: 'tcp', host: '127.0.0.1', port: printer.port } });
    await page.keyboard.press('Control+P');
    await waitText(page, '.flash.ok', /./);
    await waitFor(() => printer.completeJobs.length === 1);
    const test = decodeReceipt(printer.completeJobs[0]!.bytes);
    expect(test.cuts).toBe(1);
    expect(test.raster.height).toBeGreaterThan(300);
    expect(test.barcodes.length + test.qr.length).toBeGreaterThan(0);
    await waitText(page, '[data-testid="print-jobs"]', /Đã in/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '91-printer-settings');
  });

  it('a job cut short needs the clerk: a marked copy is printed, never a second original', async () => {
    const { page } = c;
    printer.closeAfterBytes = 300;
    await page.keyboard.press('Control+P');
    await waitFor(() => (w.app.db.prepare("SELECT COUNT(*) AS n FROM print_jobs WHERE state = 'needs_attention'").get() as { n: number }).n === 1);
    printer.closeAfterBytes = null;
    // The screen shows the decision; the clerk reaches it with Tab.
    await page.keyboard.press('F7');
    await waitText(page, '#h-jobs', /cần xử lý/);
    const seq = (w.app.db.prepare("SELECT seq FROM print_jobs WHERE state = 'needs_attention'").get() as { seq: number }).seq;
    await page.focus(`#job-reprint-${seq}`);
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /BẢN IN LẠI/);
    await waitFor(() => printer.completeJobs.length === 2);
    const jobs = w.app.db.prepare('SELECT copy_no, original_id IS NOT NULL AS is_copy, state, resolution FROM print_jobs ORDER BY seq').all();
    expect(jobs).toEqual([
      { copy_no: 0, is_copy: 0, state: 'done', resolution: null },
      { copy_no: 0, is_copy: 0, state: 'needs_attention', resolution: 'reprinted' },
      { copy_no: 1, is_copy: 1, state: 'done', resolution: null },
    ]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '92-print-queue');
  });

  it('a clerk sees the queue and the printer state but not the settings, and cannot change them', async () => {
    const { page } = c;
    await page.keyboard.press('Control+L');
    await page.waitForSelector('#unlock-password');
    await page.keyboard.press('Escape');
    await login(page, 'lan', '246810');
    await page.keyboard.press('F7');
    await waitText(page, '[data-testid="printer-states"]', /Máy in quầy 1/);
    expect(await page.$('#printer-template')).toBeNull();
    const r = await page.evaluate(() =>
      (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<{ ok: boolean; error?: { message: string } }>> }).api['print.saveProfile']!({
        profile: { id: 'x', name: 'x', model: 'x', widthMm: 80, transport: { kind: 'file', path: '/tmp/x' }, cutter: true, drawer: false },
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/trưởng bưu cục/);
    expect(savedProfiles(w)).toHaveLength(1);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '93-print-queue-clerk');
  });
});
