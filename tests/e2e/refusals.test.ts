/**
 * Bad input shows a Vietnamese message and saves nothing; a dossier with missing documents is taken
 * in as incomplete with a printed list; the scanner is told from typing and routed by content.
 */
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { printJobs, axe, chromiumAvailable, count, expectFocus, fill, scan, screenshot, typeHuman, listAnswers, waitText } from './harness';
import type { IntakeData } from './flows';
import { collectResults, compact, dispatchFirstAgency, openHandover, saveIntake, typeIntake } from './flows';
import { counterSuite } from './suite';
import { APP_VERSION } from '../../src/main/version';

const run = chromiumAvailable();
const START = Date.UTC(2026, 11, 2, 2, 30); // Wednesday 2 December 2026, 09:30 ICT

const base: IntakeData = {
  idNumber: '014090001234',
  fullName: 'Lò Văn Hùng',
  phone: '0912345678',
  address: 'Số 12, tổ 3',
  province: 'son la',
  commune: 'to hieu',
  procedure: 'doi bang lai',
  procedureLabel: /Đổi giấy phép lái xe/,
  provided: ['1', '1', '1', '1'],
};

describe.skipIf(!run)('refusals and incomplete dossiers (keyboard only, Chromium)', () => {
  let w: World;
  let c: Counter;
  const dossiers = () => count(w, 'dossiers');
  const ledger = () => count(w, 'ledger');
  const outbox = () => count(w, 'outbox');

  counterSuite({ start: START, clerks: [{ username: 'lan', fullName: 'Nguyễn Thị Lan' }], login: 'lan' }, (cw) => void ({ w, c } = cw));

  async function refused(data: IntakeData, message: RegExp, shot: string) {
    const before = [dossiers(), ledger(), outbox(), printJobs(w).length];
    await typeIntake(c.page, data);
    await c.page.keyboard.press('F10');
    const text = await waitText(c.page, '.flash.error', message);
    expect(text.normalize('NFC')).toBe(text); // NFC, as typed by the clerk
    expect(await c.page.$('[data-testid="confirmation"]')).toBeNull();
    await screenshot(c.page, shot);
    expect([dossiers(), ledger(), outbox(), printJobs(w).length]).toEqual(before);
  }

  it('an impossible CCCD (century/sex digit 9) is refused', async () => {
    await refused({ ...base, idNumber: '014990001234' }, /CCCD|căn cước|thế kỷ|giới tính/i, '60-refused-cccd');
    expect(await c.page.textContent('#sender-idNumber-err')).toMatch(/[ăâđêôơư]/);
    expect(await axe(c.page)).toEqual([]);
  });

  it('an empty checklist is refused', async () => {
    await refused({ ...base, provided: ['0', '0', '0', '0'] }, /chưa nộp giấy tờ nào/, '61-refused-empty-checklist');
  });

  it('a negative fee and a fee with a fractional đồng are refused', async () => {
    await refused({ ...base, fee: '-135000' }, /Phí, lệ phí không được âm/, '62-refused-negative-fee');
    await refused({ ...base, fee: '135000,5' }, /số nguyên đồng/, '63-refused-fractional-fee');
  });

  it('a procedure that needs the person in person is refused with the reason', async () => {
    const before = [dossiers(), ledger()];
    await c.page.keyboard.press('F2');
    await expectFocus(c.page, 'sender-idKind');
    // Straight to the procedure (Enter through the empty sender fields; it passes over the empty
    // optional organisation and the province already set to the branch's).
    for (const id of ['sender-idKind', 'sender-idNumber', 'sender-fullName', 'sender-phone', 'sender-address', 'sender-commune', 'has-proxy']) {
      await expectFocus(c.page, id);
      await c.page.keyboard.press('Enter');
    }
    await expectFocus(c.page, 'procedure');
    await typeHuman(c.page, 'ho chieu lan dau');
    await listAnswers(c.page, 'procedure', 'ho chieu lan dau');
    await c.page.keyboard.press('Enter');
    const refusal = await waitText(c.page, '[data-testid="refusal"]', /phải đến trực tiếp|đến trực tiếp/);
    expect(refusal).toMatch(/Không tiếp nhận qua bưu điện/);
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.error', /trực tiếp/);
    expect(await axe(c.page)).toEqual([]);
    await screenshot(c.page, '64-refused-in-person');
    expect([dossiers(), ledger()]).toEqual(before);
  });

  let incomplete = '';
  it('missing documents: accepted as incomplete, the list of what to add is printed', async () => {
    await typeIntake(c.page, { ...base, procedure: 'gplx', provided: ['1', '1', '0', '1'] });
    expect(await c.page.textContent('[data-testid="missing"]')).toMatch(/Còn thiếu 1 giấy tờ: Giấy khám sức khỏe/);
    await screenshot(c.page, '65-intake-missing');
    incomplete = compact(await saveIntake(c.page));
    expect(await c.page.textContent('[data-testid="confirm-missing"]')).toMatch(/Cần bổ sung: Giấy khám sức khỏe/);
    await c.page.keyboard.press('Control+P');
    await waitText(c.page, '.flash', /Đã xếp hàng in/);
    expect(printJobs(w).map((j) => j.kind)).toEqual(['intake_receipt', 'fee_receipt', 'missing_documents']);
    expect(await axe(c.page)).toEqual([]);
    await screenshot(c.page, '66-confirmation-missing');
    await c.page.keyboard.press('Enter');
    const row = w.app.db.prepare('SELECT state, complete FROM dossiers WHERE item_number = ?').get(incomplete);
    expect(row).toEqual({ state: 'incomplete', complete: 0 });
  });

  it('an item number with a wrong check digit is refused at F9 and F6', async () => {
    const wrong = `${incomplete.slice(0, 10)}${(Number(incomplete[10]) + 1) % 10}VN`;
    const before = count(w, 'dossier_events');
    await c.page.keyboard.press('F9');
    await expectFocus(c.page, 'collect-code');
    await typeHuman(c.page, wrong);
    await c.page.keyboard.press('Enter');
    await waitText(c.page, '#collect-code-err', /sai số kiểm tra/);
    await screenshot(c.page, '67-refused-check-digit');
    await c.page.keyboard.press('F6');
    await expectFocus(c.page, 'ho-code');
    await typeHuman(c.page, wrong);
    await c.page.keyboard.press('Enter');
    await waitText(c.page, '#ho-code-err', /sai số kiểm tra/);
    expect(count(w, 'dossier_events')).toBe(before);
  });

  it('the scanner: a non-item barcode is refused anywhere; an item number opens the dossier', async () => {
    await c.page.keyboard.press('F2');
    await expectFocus(c.page, 'sender-idKind');
    await c.page.keyboard.press('Enter');
    await expectFocus(c.page, 'sender-idNumber');
    await scan(c.page, '8935049500018'); // a product EAN-13 scanned by mistake
    await waitText(c.page, '.flash.error', /không phải số hiệu bưu gửi/);
    // The scanned characters were taken back out of the field it went into.
    expect(await c.page.inputValue('#sender-idNumber')).toBe('');
    await scan(c.page, incomplete);
    await waitText(c.page, '[data-testid="dossier-item"]', new RegExp(incomplete.slice(0, 2)));
    expect(await c.page.textContent('[data-testid="dossier-state"]')).toBe('Thiếu giấy tờ, chờ bổ sung');
    expect(await axe(c.page)).toEqual([]);
    await screenshot(c.page, '68-scan-opens-dossier');
  });

  it('the citizen brings the missing document: supplemented, the dossier is complete', async () => {
    const { page } = c;
    await expectFocus(page, 'supp-0');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /đã đủ giấy tờ/);
    expect(await page.textContent('[data-testid="dossier-state"]')).toBe('Đã tiếp nhận, chờ chuyển cơ quan');
    expect((w.app.db.prepare('SELECT state, complete FROM dossiers WHERE item_number = ?').get(incomplete))).toEqual({ state: 'accepted', complete: 1 });
    await screenshot(page, '68b-supplemented');
  });

  it('a recipient whose ID does not match is refused and the result stays on the shelf', async () => {
    const { page } = c;
    // A complete dossier through dispatch and collection first.
    await typeIntake(page, { ...base, procedure: 'gplx' });
    const item = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
    await dispatchFirstAgency(page, 'Hà Thị Thu', '10/12/2026', 2);
    await collectResults(page, [item]);
    await openHandover(page, item);
    await expectFocus(page, 'ho-mode');
    await page.keyboard.press('Enter');
    await fill(page, 'ho-name', 'Lò Văn Hùng');
    await page.keyboard.press('Enter');
    await fill(page, 'ho-idNumber', '014090009999');
    const events = count(w, 'dossier_events');
    await page.keyboard.press('F10');
    await waitText(page, '.flash.error', /không khớp với hồ sơ/);
    expect(await page.textContent('#ho-idNumber-err')).toMatch(/không khớp/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '69-refused-id-mismatch');
    expect(count(w, 'dossier_events')).toBe(events);
    expect((w.app.db.prepare('SELECT state FROM dossiers WHERE item_number = ?').get(item) as { state: string }).state).toBe('ready_for_pickup');
  });

  it('Enter is ignored while an input method composes (isComposing, keyCode 229)', async () => {
    const { page } = c;
    await page.keyboard.press('F2');
    await expectFocus(page, 'sender-idKind');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sender-idNumber');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sender-fullName');
    // What Chromium delivers while Unikey/IBus composes "Hùng": the IME's own Enter must not move on.
    for (const init of [{ isComposing: true }, { keyCode: 229 }]) {
      await page.evaluate((i) => {
        const g = globalThis as unknown as { document: { activeElement: { dispatchEvent(e: unknown): void } }; KeyboardEvent: new (t: string, i: object) => unknown };
        g.document.activeElement.dispatchEvent(new g.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...i }));
      }, init);
      await page.waitForTimeout(50);
      await expectFocus(page, 'sender-fullName');
    }
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sender-phone');
  });

  it('F1 help sheet and Ctrl+K palette', async () => {
    const { page } = c;
    await page.keyboard.press('F1');
    await page.waitForSelector('#help-title');
    // What the helpdesk asks for: the version and which counter this is.
    expect(await page.textContent('[data-testid="about"]')).toBe(`Quầy HCC phiên bản ${APP_VERSION} · Bưu điện Thành phố Sơn La — Quầy 1 (mã quầy ${w.app.counter.id})`);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '70-help');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'tra cuu');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '71-palette');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'lookup-q');
  });
});
