/**
 * Issue #16, the clerk's day in Chromium: the screen-level defects, each with what the clerk sees.
 * (Service-level ones are in tests/integration/services/clerk-day.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { ORIGIN, axe, chromiumAvailable, count, expectFocus, fill, printJobs, screenshot, typeHuman, waitText } from './harness';
import { collectResults, compact, saveIntake, STANDARD, typeIntake } from './flows';
import { counterSuite } from './suite';

const run = chromiumAvailable();
// Tuesday 1 December 2026, 09:00 in Sơn La.
const START = Date.UTC(2026, 11, 1, 2, 0);

describe.skipIf(!run)("the clerk's day, screen by screen (issue #16)", () => {
  let w: World;
  let c: Counter;
  counterSuite({ start: START, clerks: [{ username: 'lan', fullName: 'Nguyễn Thị Lan' }], login: 'lan' }, (cw) => void ({ w, c } = cw));

  it('defect 10: a page load asks the server for nothing it does not have (no favicon 404)', async () => {
    const page = await c.context.newPage();
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForSelector('#login-username, [data-testid="status-clerk"]');
    await page.waitForTimeout(300);
    // Headless Chromium does not always ask for /favicon.ico, a desktop browser does: the page must
    // declare its own icon inline so that no browser asks the server for one.
    const icon = await page.$eval('link[rel="icon"]', (l) => l.getAttribute('href') ?? '').catch(() => '');
    await page.close();
    expect(missing).toEqual([]);
    expect(icon).toMatch(/^data:image\/svg\+xml,/);
  });

  it('defect 12: at 1366×768 every label clears its field and the field’s focus ring', async () => {
    const { page } = c;
    await page.keyboard.press('F2');
    await expectFocus(page, 'sender-idKind');
    const gaps = await page.$$eval('.field', (fields) =>
      fields
        .map((f) => {
          const label = f.querySelector('label');
          const input = f.querySelector('input, select');
          if (!label || !input || label.classList.contains('sr-only')) return null;
          const outline = 4; // 3px ring + 1px offset (styles.css)
          return { id: input.id, gap: input.getBoundingClientRect().top - outline - label.getBoundingClientRect().bottom };
        })
        .filter((g): g is { id: string; gap: number } => g !== null),
    );
    expect(gaps.length).toBeGreaterThan(8);
    expect(gaps.filter((g) => g.gap < 0)).toEqual([]);
  });

  it('defect 15: a click on an entry of the procedure list chooses it', async () => {
    const { page } = c;
    await page.click('#procedure');
    await typeHuman(page, 'ly lich');
    await page.waitForSelector('#procedure-list li');
    await page.click('#procedure-list li:nth-child(2)');
    await page.waitForSelector('#doc-0');
    expect(await page.inputValue('#procedure')).toMatch(/lý lịch tư pháp/i);
  });

  it('defect 14: sign-out (Ctrl+K) is refused while the form holds unsaved input, then works', async () => {
    const { page } = c;
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'dang xuat');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash', /Chưa đăng xuất: phiếu tiếp nhận đang nhập dở/);
    expect(await page.$('[data-testid="status-clerk"]')).not.toBeNull();
    // A new form (F2) holds nothing: sign-out goes through to the log-in screen.
    await page.keyboard.press('F2');
    await expectFocus(page, 'sender-idKind');
    await page.keyboard.press('Control+K');
    await typeHuman(page, 'dang xuat');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#login-username');
    await fill(page, 'login-username', 'lan');
    await fill(page, 'login-password', '246810');
    await page.waitForSelector('[data-testid="status-clerk"]');
  });

  it('defect 2 on screen: the old licence handed in as a copy is missing and says why; nothing is written', async () => {
    const { page } = c;
    await typeIntake(page, STANDARD);
    expect(await page.$('[data-testid="missing"]')).toBeNull();
    expect(await page.$('[data-testid="procedure-name"]')).toBeNull(); // the field shows the whole name
    // "Giấy phép lái xe cũ" (row 1) starts at the kind the catalogue asks for; the clerk sets "Bản sao".
    await page.focus('#docform-1');
    expect(await page.inputValue('#docform-1')).toBe('original');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#docform-1')).toBe('copy');
    expect(await page.textContent('[data-testid="missing"]')).toMatch(/Còn thiếu 1 giấy tờ: Giấy phép lái xe cũ \(cần bản chính, đã nộp bản sao\)/);
    // F10 shows it to the citizen as it is; Esc goes back, F2 drops the form (the save of an
    // incomplete dossier and its papers are in tests/integration/services/receipts.test.ts).
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-testid="review"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="review"]', { state: 'detached' });
    expect(count(w, 'dossiers')).toBe(0);
  });

  it('defect 1 on screen: a name typed with Telex keys left is refused on F10 with what looks wrong', async () => {
    const { page } = c;
    await typeIntake(page, {
      idNumber: '014091001122',
      fullName: 'Nguyeenx Vawn Binhf',
      phone: '0912 345 678',
      address: 'Tổ 2',
      province: 'son la',
      commune: 'to hieu',
      procedure: 'ly lich tu phap',
      procedureLabel: /Phiếu lý lịch tư pháp số 1/,
      provided: ['1', '1', '1', '1'],
      returnMethod: 1,
    });
    const before = printJobs(w).length;
    await page.keyboard.press('F10');
    await waitText(page, '.flash', /phím gõ Telex chưa chuyển thành dấu: “Nguyeenx” \(Nguyễn\?\)/);
    expect(await page.textContent('#sender-fullName-error, .field.has-error .error')).toMatch(/Telex/);
    await screenshot(page, 'c16-name-telex');
    expect(printJobs(w).length).toBe(before);
    // Corrected, it is saved.
    await page.fill('#sender-fullName', 'Nguyễn Văn Bình');
    await saveIntake(page);
    await page.keyboard.press('Enter');
  });

  it('defect 8: Enter on an empty officer name stops there with the reason; typed text replaces the time', async () => {
    const { page } = c;
    await page.keyboard.press('F4');
    await expectFocus(page, 'batch-create-0');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'filing-officer-0');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash', /Chưa nhập họ tên cán bộ cơ quan ký nhận/);
    expect(await page.textContent('.has-error .error')).toMatch(/Chưa nhập họ tên cán bộ/);
    await expectFocus(page, 'filing-officer-0');
    await typeHuman(page, 'Hà Thị Thu');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'filing-time-0');
    // The pre-filled time is selected: what the clerk types replaces it instead of being appended.
    await typeHuman(page, '09:00 01/12/2026');
    expect(await page.inputValue('#filing-time-0')).toBe('09:00 01/12/2026');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash', /Đã ghi nhận cơ quan nhận chuyến lúc 09:00 01\/12\/2026/);
  });

  it('defect 4 on screen: an appointment on a Sunday is refused with the day named; one earlier than the estimate is taken with a warning', async () => {
    const { page } = c;
    await expectFocus(page, 'appt-0');
    await typeHuman(page, '13/12/2026');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash', /Ngày hẹn Chủ nhật 13\/12\/2026 là ngày cơ quan không làm việc/);
    await page.keyboard.press('Control+A');
    await typeHuman(page, '14/12/2026');
    await page.keyboard.press('Enter');
    // Earlier than the procedure's own estimate: taken, with a warning (not a refusal).
    const estimate = (w.app.db.prepare("SELECT appointment_estimate AS e FROM dossiers WHERE appointment_date = '2026-12-14'").get() as { e: string }).e;
    expect(estimate > '2026-12-14').toBe(true);
    const [y, m, d] = estimate.split('-');
    await waitText(page, '.flash', new RegExp(`Đã ghi ngày hẹn.*Lưu ý: ngày hẹn 14/12/2026 sớm hơn ngày dự kiến theo thời hạn giải quyết \\(${d}/${m}/${y}\\)`));
  });

  it('defect 13: the delivery list is printed for the postman, and a row opens the result to record the outcome', async () => {
    const { page } = c;
    const item = compact((w.app.db.prepare("SELECT item_number FROM dossiers WHERE return_method = 'home' ORDER BY accepted_at DESC").get() as { item_number: string }).item_number);
    w.clock.advanceDays(13);
    await collectResults(page, [item]);
    await page.keyboard.press('Control+K');
    await typeHuman(page, 'danh sach phat');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'dl-postman');
    await page.keyboard.press('F10');
    await waitText(page, '.flash', /Chưa nhập họ tên bưu tá/);
    await typeHuman(page, 'Hà Văn Thắng');
    await page.keyboard.press('F10');
    await waitText(page, '.flash.ok', /Danh sách phát 1 bưu gửi cho bưu tá Hà Văn Thắng/);
    const job = w.app.db.prepare("SELECT doc FROM print_jobs WHERE kind = 'delivery_list'").get() as { doc: string };
    const doc = JSON.parse(job.doc) as { blocks: { t: string; text?: string; label?: string; value?: string }[] };
    expect(doc.blocks.some((b) => b.t === 'kv' && b.label === 'Bưu tá' && b.value === 'Hà Văn Thắng')).toBe(true);
    expect(doc.blocks.some((b) => b.t === 'text' && /Nguyễn Văn Bình/.test(b.text ?? ''))).toBe(true);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'c16-delivery-list');
    await expectFocus(page, 'dl-row-0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="handover-dossier"]');
    await expectFocus(page, 'ho-mode');
  });

  it('defect 11 on screen: a Lao citizen’s passport (nine characters) with its nationality is taken in for a work permit', async () => {
    const { page } = c;
    await typeIntake(page, {
      idKind: 2,
      idNumber: 'P1234567A',
      nationality: 'LAO',
      fullName: 'Sengphet Phommachanh',
      phone: '0912 345 679',
      address: 'Tổ 5',
      province: 'son la',
      commune: 'to hieu',
      procedure: 'giay phep lao dong',
      procedureLabel: /Cấp giấy phép lao động/,
      provided: ['1', '1', '1', '1', '1', '2', '1'],
    });
    // The work permit's name is longer than the field: it is shown in full under it.
    expect(await page.textContent('[data-testid="procedure-name"]')).toBe('Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam');
    await screenshot(page, 'c16-foreign-passport');
    await saveIntake(page);
    await page.keyboard.press('Enter');
    const party = w.app.db.prepare("SELECT p.id_kind, p.id_number, p.nationality, p.full_name FROM parties p JOIN dossiers d ON d.id = p.dossier_id WHERE d.procedure_code = 'LD-GPLD-01' AND p.role = 'sender'").get();
    expect(party).toEqual({ id_kind: 'passport', id_number: 'P1234567A', nationality: 'LAO', full_name: 'Sengphet Phommachanh' });
  });
});
