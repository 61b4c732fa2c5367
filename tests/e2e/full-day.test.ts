/**
 * A full counter day, keyboard only, for each service type: intake → batch to the agency → filing
 * and appointment → result collected → handed over (by a different clerk than the one who took it in).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { printJobs, axe, chromiumAvailable, expectFocus, fill, screenshot, typeHuman, waitText } from './harness';
import { collectResults, compact, dispatchFirstAgency, lockAndLogin, openHandover, saveIntake, typeIntake } from './flows';
import { counterSuite } from './suite';
import { openSealedFile } from '../../src/main/store/sealed-files';

const run = chromiumAvailable();
// Tuesday 1 December 2026, 09:00 in Sơn La.
const START = Date.UTC(2026, 11, 1, 2, 0);

describe.skipIf(!run)('a full counter day (keyboard only, Chromium)', () => {
  let w: World;
  let c: Counter;
  // First run: the admin has no password yet.
  counterSuite({ start: START, adminReady: false, clerks: [{ username: 'minh', fullName: 'Trần Văn Minh' }] }, (cw) => void ({ w, c } = cw));

  it('first run: the admin sets a password, then creates nothing else here', async () => {
    const { page } = c;
    await page.waitForSelector('#setup-password');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '00-first-run');
    await fill(page, 'setup-password', 'quantri1');
    await fill(page, 'setup-confirm', 'quantri1');
    await page.waitForSelector('[data-testid="status-clerk"]');
    expect(await page.textContent('[data-testid="status-clerk"]')).toBe('Quản trị viên');
    // The admin adds Lan from the clerks screen (Ctrl+K → “giao dịch viên”).
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'giao dich vien');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'clerk-fullName');
    await fill(page, 'clerk-fullName', 'Nguyễn Thị Lan');
    await fill(page, 'clerk-username', 'lan');
    await page.keyboard.press('Enter'); // role: clerk
    await fill(page, 'clerk-password', 'tam-thoi-1', false);
    await page.keyboard.press('F10');
    await waitText(page, '.flash.ok', /Đã thêm Nguyễn Thị Lan/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '03-clerks');
    // Lan logs in at this counter: first log-in asks her to change the password.
    await page.keyboard.press('Control+L');
    await page.waitForSelector('#unlock-password');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '01-locked');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#login-username');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '02-login');
    await fill(page, 'login-username', 'lan');
    await fill(page, 'login-password', 'tam-thoi-1');
    await page.waitForSelector('#cp-old');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '04-change-password');
    await fill(page, 'cp-old', 'tam-thoi-1');
    await fill(page, 'cp-new', '135790');
    await fill(page, 'cp-confirm', '135790');
    await page.waitForSelector('[data-testid="status-clerk"]');
    expect(await page.textContent('[data-testid="status-clerk"]')).toBe('Nguyễn Thị Lan');
  });

  const items: Record<string, string> = {};

  it('intake, service "both", pickup: driver licence exchange found by "gplx"', async () => {
    const { page } = c;
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
      transfer: true,
    });
    expect(await page.textContent('[data-testid="total"]')).toBe('177.000 ₫');
    await page.waitForSelector('.qr img');
    // The dates told to the citizen before saving are the ones the saved dossier carries.
    const previewTransit = await page.textContent('[data-testid="preview-transit"]');
    const previewAppointment = await page.textContent('[data-testid="preview-appointment"]');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '10-intake-both-vietqr');
    const item = await saveIntake(page);
    expect(item).toMatch(/^EA \d{4} \d{4} \d VN$/);
    expect(await page.textContent('[data-testid="confirm-total"]')).toBe('177.000 ₫');
    expect(await page.textContent('[data-testid="appointment-estimate"]')).toMatch(/^\d{2}\/\d{2}\/2026$/);
    expect(await page.textContent('[data-testid="appointment-estimate"]')).toBe(previewAppointment);
    expect(await page.textContent('[data-testid="transit-deadline"]')).toBe(previewTransit);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '11-intake-confirmation');
    items['both'] = compact(item);
    // The receipt for the citizen, then the fee receipt for the agency fee collected in cash.
    expect(printJobs(w).slice(-2)).toMatchObject([
      { kind: 'intake_receipt', ref: compact(item), copy_no: 0 },
      { kind: 'fee_receipt', ref: compact(item), copy_no: 0 },
    ]);
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sender-idKind');
  });

  it('intake, service "send" only: judicial record certificate found by "ly lich tu phap", student fee', async () => {
    const { page } = c;
    await typeIntake(page, {
      idNumber: '014301002345',
      fullName: 'Cầm Thị Ngọc Ánh',
      phone: '+84 987 654 321',
      address: 'Bản Hụm',
      province: 'son la',
      commune: 'chieng',
      proxy: { idNumber: '014092004567', fullName: 'Cầm Văn Đức', phone: '0977 000 111', authorisationRef: 'Giấy ủy quyền số 12/2026 ngày 30/11/2026' },
      procedure: 'ly lich tu phap',
      procedureLabel: /lý lịch tư pháp/i,
      provided: ['1', '1', '1', '1'],
      service: 1,
      feeCategoryDowns: 1,
    });
    expect(await page.textContent('[data-testid="total"]')).toBe('127.000 ₫');
    items['send'] = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
  });

  it('intake, service "return" only, delivered home: social insurance book by "so bhxh"', async () => {
    const { page } = c;
    await typeIntake(page, {
      idNumber: '014185003456',
      fullName: 'Đinh Thị Hoa',
      phone: '0167 123 4567',
      address: 'Tổ 5, phường Chiềng Lề',
      province: 'son la',
      commune: 'chieng coi',
      procedure: 'so bhxh',
      procedureLabel: /sổ bảo hiểm xã hội/i,
      provided: ['1', '0', '0'],
      service: 2,
      returnMethod: 1,
    });
    items['return'] = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
  });

  it('F4: batch to the agency, record the filing time and the appointment date', async () => {
    const { page } = c;
    await page.keyboard.press('F4');
    await page.waitForSelector('#batch-create-0');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '20-dispatch');
    // Two agencies are waiting (transport police and justice); the "return only" dossier is not.
    const groups = await page.$$eval('[id^="batch-create-"]', (els) => els.map((e) => e.textContent));
    expect(groups).toHaveLength(2);
    for (let i = 0; i < 2; i++) await dispatchFirstAgency(page, 'Hà Thị Thu', '09/12/2026', 1);
    // Each batch's handover record was written as an A4 PDF listing its dossier (sealed under the store key).
    const dir = join(w.app.dataDir, 'documents');
    const listPdfs = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')) : []);
    for (let i = 0; i < 300 && listPdfs().length < 2; i++) await page.waitForTimeout(50);
    const pdfs = listPdfs();
    expect(pdfs).toHaveLength(2);
    const texts = await Promise.all(pdfs.map(async (f) => (await extractText(new Uint8Array(openSealedFile(join(dir, f), w.app.storeKey)), { mergePages: true })).text));
    expect(texts.join('\n')).toContain(items['both']!.slice(0, 2));
    expect(texts.some((t) => /Lò Văn Hùng/.test(t.normalize('NFC')))).toBe(true);
    await screenshot(page, '21-dispatch-done');
    const states = w.app.db.prepare("SELECT state, appointment_date FROM dossiers WHERE service_type != 'return' ORDER BY item_number").all();
    expect(states).toEqual([
      { state: 'filed', appointment_date: '2026-12-09' },
      { state: 'filed', appointment_date: '2026-12-09' },
    ]);
  });

  it('F9: results come back from the agencies', async () => {
    const { page } = c;
    w.clock.advanceDays(8);
    await collectResults(page, [items['both']!, items['return']!]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '30-results');
    const states = w.app.db.prepare('SELECT item_number, state FROM dossiers ORDER BY item_number').all() as { item_number: string; state: string }[];
    expect(Object.fromEntries(states.map((s) => [s.item_number, s.state]))).toEqual({
      [items['both']!]: 'ready_for_pickup',
      [items['send']!]: 'filed',
      [items['return']!]: 'out_for_delivery',
    });
  });

  it('F6: a different clerk hands the result over after the identity check', async () => {
    const { page } = c;
    await lockAndLogin(page, 'minh', '246810');
    expect(await page.textContent('[data-testid="status-clerk"]')).toBe('Trần Văn Minh');
    await openHandover(page, items['both']!);
    await expectFocus(page, 'ho-mode');
    await page.keyboard.press('Enter');
    await fill(page, 'ho-name', 'Lò Văn Hùng');
    await page.keyboard.press('Enter'); // ID kind: CCCD
    await fill(page, 'ho-idNumber', '014090001234');
    await page.keyboard.press('Enter'); // not a proxy
    await expectFocus(page, 'ho-reclaimed');
    await page.keyboard.press('Space'); // old licence reclaimed
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '40-handover');
    await page.keyboard.press('F10');
    await waitText(page, '[data-testid="handover-state"]', /Đã trả kết quả/);
    const minh = w.app.db.prepare("SELECT id FROM clerks WHERE username = 'minh'").get() as { id: string };
    const lan = w.app.db.prepare("SELECT id FROM clerks WHERE username = 'lan'").get() as { id: string };
    const ev = w.app.db.prepare("SELECT e.type, e.actor_id FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.item_number = ? ORDER BY e.seq").all(items['both']!) as { type: string; actor_id: string }[];
    expect(ev[0]).toEqual({ type: 'accepted', actor_id: lan.id });
    expect(ev.at(-1)).toEqual({ type: 'handed_over', actor_id: minh.id });
    expect(printJobs(w).at(-1)).toMatchObject({ kind: 'handover_slip', ref: items['both'], copy_no: 0 });
  });

  it('F6: the "return only" result is delivered to the home address', async () => {
    const { page } = c;
    await openHandover(page, items['return']!);
    await expectFocus(page, 'ho-mode');
    await page.keyboard.press('Enter'); // "Phát thành công"
    await fill(page, 'ho-name', 'Đinh Thị Hoa');
    await page.keyboard.press('Enter');
    await fill(page, 'ho-idNumber', '014185003456');
    await expectFocus(page, 'ho-proxy');
    await page.keyboard.press('F10');
    await waitText(page, '[data-testid="handover-state"]', /Đã trả kết quả/);
  });

  it('F3: the dossier timeline and its deadline status', async () => {
    const { page } = c;
    await page.keyboard.press('F3');
    await expectFocus(page, 'lookup-q');
    await typeHuman(page, 'lo van hung');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#lookup-row-0');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '50-lookup');
    await page.keyboard.press('ArrowDown');
    await expectFocus(page, 'lookup-row-0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="timeline"] li');
    const steps = await page.$$eval('[data-testid="timeline"] li strong', (els) => els.map((e) => e.textContent));
    expect(steps.length).toBeGreaterThanOrEqual(6);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '51-dossier-timeline');
    // Ctrl+P on a dossier: the receipt again, as a marked copy (never a second unmarked original).
    await page.keyboard.press('Control+P');
    await waitText(page, '.flash', /bản in lại lần 1/);
    expect(printJobs(w).at(-1)).toMatchObject({ kind: 'intake_receipt', ref: items['both'], copy_no: 1 });
  });

  it('F3: deadline status in words and colour (the appointment is today)', async () => {
    const { page } = c;
    await page.keyboard.press('F3');
    await expectFocus(page, 'lookup-q');
    await typeHuman(page, items['send']!);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#lookup-row-0');
    const badge = await page.$('[data-testid="deadline"]');
    expect(await badge?.getAttribute('data-status')).toBe('due_today');
    expect(await badge?.textContent()).toBe('Đến hạn hôm nay — ngày hẹn trả kết quả: 09/12/2026');
    const colour = await badge?.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(255, 241, 214)');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="timeline"] li');
    // The proxy who brought the dossier is on record.
    expect(await page.textContent('[data-testid="dossier"]')).toMatch(/Người được ủy quyền\s*Cầm Văn Đức/);
    await screenshot(page, '52-dossier-due-today');
  });
});
