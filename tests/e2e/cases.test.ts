/**
 * Complaints, loss and compensation at the counter (issue 13), by keyboard in Chromium: a complaint
 * received and answered within its deadline, another left overdue and listed as such; a lost result
 * declared, compensated by the manager and paid in cash as its own ledger entry; the prints queued and
 * their bytes decoded (one cut per job, the drawer opened for the cash payment).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filePrinterOutput } from '../../src/main/printing/start';
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { axe, chromiumAvailable, expectFocus, fill, screenshot, typeHuman, waitText } from './harness';
import { compact, LLTP_INTAKE, lockAndLogin, saveIntake, typeIntake } from './flows';
import { CLERK_AND_MANAGER, counterSuite } from './suite';
import { decodeReceipt } from '../helpers/escpos-decoder';
import { overdueList } from '../../src/main/reports/overdue';

const run = chromiumAvailable();
const START = Date.UTC(2026, 2, 2, 1, 0); // Monday 2 March 2026, 08:00 ICT

describe.skipIf(!run)('complaints, loss and compensation (keyboard only, Chromium)', () => {
  let w: World;
  let c: Counter;
  let item = '';
  counterSuite(
    {
      start: START,
      clerks: CLERK_AND_MANAGER,
      login: 'lan',
    },
    (cw) => void ({ w, c } = cw),
  );

  const jobs = () => w.app.db.prepare('SELECT kind, doc, state FROM print_jobs ORDER BY seq').all() as { kind: string; doc: string; state: string }[];
  const docText = (doc: string) =>
    (JSON.parse(doc) as { blocks: Record<string, unknown>[] }).blocks.map((b) => ['text', 'label', 'value', 'left', 'leftName', 'right', 'rightName'].map((k) => b[k]).filter((x) => typeof x === 'string').join(' ')).join('\n');

  async function typeComplaint(itemNumber: string, name: string, phone: string, text: string) {
    const { page } = c;
    await page.keyboard.press('F8');
    await expectFocus(page, 'c-item');
    await fill(page, 'c-item', itemNumber);
    await fill(page, 'c-name', name);
    await fill(page, 'c-phone', phone);
    await fill(page, 'c-contact', '');
    await expectFocus(page, 'c-channel');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'c-kind');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'c-text');
    await typeHuman(page, text);
    await page.keyboard.press('F10');
  }

  it('a dossier taken in, then a complaint about it: the receipt printed with the deadline 5 working days on', async () => {
    const { page } = c;
    await typeIntake(page, LLTP_INTAKE);
    item = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
    await typeComplaint(item, 'Quàng Văn Sơn', '0987111222', 'Hỏi mãi chưa thấy kết quả.');
    await waitText(page, '.flash.ok', /Đã tiếp nhận khiếu nại KN-260302-[0-9A-F]{6}, hạn trả lời 09\/03\/2026/);
    await waitText(page, '[data-testid="case-deadline"]', /Hạn trả lời: 09\/03\/2026/);
    const receipt = jobs().find((j) => j.kind === 'complaint_receipt')!;
    expect(docText(receipt.doc)).toContain('PHIẾU TIẾP NHẬN KHIẾU NẠI');
    expect(docText(receipt.doc)).toMatch(/Hạn trả lời 09\/03\/2026/);
    expect(docText(receipt.doc)).toContain('giải quyết trong 5 ngày làm việc');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'h13-01-complaint-received');
  });

  it('a second complaint about a clerk, left open: overdue after its deadline', async () => {
    await typeComplaint('', 'Lò Thị Én', '0912345678', 'Nhân viên trả lời cộc lốc.');
    await waitText(c.page, '.flash.ok', /hạn trả lời 09\/03\/2026/);
  });

  it('the first is answered within the deadline (answer printed); on 10/03 only the second is overdue', async () => {
    const { page } = c;
    w.clock.set(Date.UTC(2026, 2, 6, 2, 0)); // Friday 6 March
    const first = w.app.db.prepare("SELECT id FROM cases WHERE item_number = ?").get(item) as { id: string };
    await page.keyboard.press('F8');
    await page.focus(`#case-${first.id}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#case-answer');
    await page.focus('#case-answer');
    await typeHuman(page, 'Hồ sơ đã được Sở Tư pháp tiếp nhận; kết quả dự kiến ngày 16/03/2026.');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'case-answer-save');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /Đã ghi trả lời khiếu nại/);
    const answer = jobs().find((j) => j.kind === 'complaint_answer')!;
    expect(docText(answer.doc)).toContain('TRẢ LỜI KHIẾU NẠI');
    expect(docText(answer.doc)).toContain('Ngày trả lời 06/03/2026');

    w.clock.set(Date.UTC(2026, 2, 10, 2, 0)); // Tuesday 10 March
    await page.keyboard.press('F3');
    await page.keyboard.press('F8');
    await expectFocus(page, 'c-item');
    await page.selectOption('#case-filter', 'overdue');
    await waitText(page, '[data-testid="case-list"]', /Lò Thị Én/);
    const listed = await page.textContent('[data-testid="case-list"] tbody');
    expect(listed).toContain('Quá hạn — 09/03/2026');
    expect(listed).not.toContain('Quàng Văn Sơn');
    const overdue = w.wired.app.services.cases.overdueComplaints();
    expect(overdue.map((o) => o.title)).toEqual(['Lò Thị Én — Chậm thời gian']);
    await screenshot(page, 'h13-02-overdue');
  });

  it('the manager’s overdue list (Ctrl+K “quá hạn”) shows the overdue complaint with its kind, deadline and days over; Enter opens it', async () => {
    const { page } = c;
    await lockAndLogin(page, 'mai', '246810');
    // The dossier of the first complaint is late too (its transit limit): two items, one a complaint.
    const late = overdueList(w.app.db, '2026-03-10', w.app.ctx.reference().calendar);
    expect(late.map((r) => r.kind).sort()).toEqual(['complaint', 'dossier']);
    await waitText(page, '[data-testid="status-overdue"]', /^2 mục$/);
    await page.keyboard.press('Control+K');
    await typeHuman(page, 'danh sach qua han');
    await page.keyboard.press('Enter');
    const row = 'tr[data-kind="complaint"]';
    await page.waitForSelector(row);
    const text = (await page.textContent(row)) ?? '';
    const number = w.app.db.prepare("SELECT number FROM cases WHERE kind = 'complaint' AND state = 'received'").get() as { number: string };
    expect(text).toContain(number.number);
    expect(text).toContain('Khiếu nại quá hạn giải quyết');
    expect(text).toContain('Khiếu nại: Chậm thời gian');
    expect(text).toContain('09/03/2026');
    expect(text).toContain('Đã tiếp nhận');
    expect(await page.textContent(`${row} .deadline.overdue`)).toBe('1');
    expect(await page.textContent('.hint')).toMatch(/1 hồ sơ quá hạn · 1 khiếu nại quá hạn/);
    await screenshot(page, 'h13-03-manager-overdue-complaint');
    await page.focus(`${row} button`);
    await page.keyboard.press('Enter');
    await waitText(page, 'main', /Lò Thị Én/);
    await page.waitForSelector('#case-answer');
    await lockAndLogin(page, 'lan', '246810');
  });

  it('a lost result declared by the clerk, compensated by the manager, paid in cash: its own ledger entry and a receipt to sign', async () => {
    const { page } = c;
    await page.keyboard.press('F8');
    await expectFocus(page, 'c-item');
    await page.focus('#case-mode');
    await page.selectOption('#case-mode', 'loss');
    await page.focus('#l-item');
    await fill(page, 'l-item', item);
    await page.keyboard.press('Enter'); // subject: result
    await expectFocus(page, 'l-kind');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'l-stage');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'l-desc');
    await typeHuman(page, 'Phong bì kết quả thất lạc khi phát.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // agency notified
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'l-actions');
    await typeHuman(page, 'Đã báo Sở Tư pháp đề nghị cấp lại.');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'l-save');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /Đã ghi khai báo mất kết quả/);
    // A clerk is not offered the decision; the manager is.
    expect(await page.$('#comp-amount')).toBeNull();
    const loss = w.app.db.prepare("SELECT id FROM cases WHERE kind = 'loss'").get() as { id: string };
    await lockAndLogin(page, 'mai', '246810');
    await page.keyboard.press('F8');
    await page.selectOption('#case-filter', 'all');
    await page.focus(`#case-${loss.id}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#comp-payee');
    await page.focus('#comp-payee');
    await fill(page, 'comp-payee', 'Quàng Văn Sơn');
    await fill(page, 'comp-amount', '-50000', false);
    await page.keyboard.press('Tab');
    await expectFocus(page, 'comp-basis');
    await typeHuman(page, 'Điều 14 QĐ 45/2016/QĐ-TTg; biên bản xác minh số 01/BB.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitText(page, '[role="alert"]', /Số tiền bồi thường không được âm/);
    expect((w.app.db.prepare("SELECT count(*) AS n FROM cases WHERE kind = 'compensation'").get() as { n: number }).n).toBe(0);
    await page.focus('#comp-amount');
    await fill(page, 'comp-amount', '228000', false);
    await page.focus('#comp-decide');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /Đã ghi quyết định bồi thường/);
    await page.waitForSelector('#comp-pay');
    await page.focus('#comp-method');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'comp-pay');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /Đã chi bồi thường 228\.000 ₫/);
    await screenshot(page, 'h13-03-compensation-paid');

    const entry = w.app.db.prepare("SELECT kind, amount, payment_method, business_date, clerk_id FROM ledger WHERE kind = 'compensation_paid'").all();
    expect(entry).toEqual([{ kind: 'compensation_paid', amount: -228000, payment_method: 'cash', business_date: '2026-03-10', clerk_id: expect.any(String) }]);
    const receipt = jobs().find((j) => j.kind === 'compensation_receipt')!;
    expect(docText(receipt.doc)).toContain('BIÊN NHẬN CHI TRẢ BỒI THƯỜNG');
    expect(docText(receipt.doc)).toContain('Hai trăm hai mươi tám nghìn đồng');
    expect(docText(receipt.doc)).toContain('Người nhận tiền');

    // The dossier's timeline shows all of it.
    const view = w.wired.app.services.lookup.byItemNumber(item);
    expect(view.caseEvents.map((e) => e.type)).toEqual(['complaint_received', 'complaint_answered', 'loss_declared', 'compensation_decided', 'compensation_paid']);
  });

  it('every print went out: the bytes decode to one cut per job, nothing undecodable; the cash payment asks for the drawer', async () => {
    await (w.printing as unknown as { queue: { drain(): Promise<void> } }).queue.drain();
    const all = jobs();
    expect(all.filter((j) => j.kind.startsWith('complaint') || j.kind === 'compensation_receipt').map((j) => [j.kind, j.state])).toEqual([
      ['complaint_receipt', 'done'],
      ['complaint_receipt', 'done'],
      ['complaint_answer', 'done'],
      ['compensation_receipt', 'done'],
    ]);
    const bytes = new Uint8Array(readFileSync(filePrinterOutput(join(w.dir, 'data'))));
    const decoded = decodeReceipt(bytes);
    expect(decoded.cuts).toBe(all.filter((j) => j.state === 'done').length);
    expect(decoded.unknown).toBe(0);
    // The bundled file printer has no drawer: the kick is asked for by the document, not sent.
    expect(all.some((j) => j.kind === 'compensation_receipt' && (JSON.parse(j.doc) as { drawer?: boolean }).drawer === true)).toBe(true);
  });
});
