/**
 * The branch manager's day, by keyboard in Chromium: two clerks take dossiers in (cash and VietQR),
 * the manager cancels one (a refund, no compensation), one transfer is confirmed with the bank's
 * reference and one is not, Lan closes her shift 20,000 đ short, Hùng closes his, reopens it (audited)
 * and closes again, each with the manager's password; an intake after Lan's close lands on the next
 * business date; the manager prints the day's report with one key press. The thermal bytes are
 * decoded, the A4 PDF read as text and the XLSX read back, and every total is checked against the
 * ledger's own sums (SQL over the ledger table, not the report's code).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/main/printing/raster';
import { buildJobBytes } from '../../src/main/printing/build';
import { filePrinterOutput } from '../../src/main/printing/start';
import { openSealedFile } from '../../src/main/store/sealed-files';
import { overdueList } from '../../src/main/reports/overdue';
import { formatVnd } from '../../src/shared/money';
import type { Block } from '../../src/shared/print-model';
import { decodeReceipt, previewPng, stackRasters } from '../helpers/escpos-decoder';
import type { Counter, World } from './harness';
import { chromiumAvailable, expectFocus, fill, scan, typeHuman, waitText } from './harness';
import type { IntakeData } from './flows';
import { compact, lockAndLogin, saveIntake, typeIntake } from './flows';
import { counterSuite } from './suite';

const run = chromiumAvailable();
// Wednesday 2 December 2026, 08:30 in Sơn La.
const START = Date.UTC(2026, 11, 2, 1, 30);
const DAY = '2026-12-02';
const SHOTS = '/tmp/h12-shots';

const GPLX: IntakeData = {
  idNumber: '014090001234',
  fullName: 'Lò Văn Hùng',
  phone: '0912 345 678',
  address: 'Số 12, tổ 3',
  province: 'son la',
  commune: 'to hieu',
  procedure: 'gplx',
  procedureLabel: /Đổi giấy phép lái xe/,
  provided: ['1', '1', '1', '1'],
};
const LLTP: IntakeData = {
  idNumber: '014301002345',
  fullName: 'Cầm Thị Ngọc Ánh',
  phone: '+84 987 654 321',
  address: 'Bản Hụm',
  province: 'son la',
  commune: 'chieng',
  procedure: 'ly lich tu phap',
  procedureLabel: /lý lịch tư pháp/i,
  provided: ['1', '1', '1', '1'],
  service: 1,
  feeCategoryDowns: 1,
};

/** A shot of the page for looking at (not a test artefact). */
async function shot(c: Counter, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await c.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!run)('the manager’s day (keyboard, Chromium)', () => {
  let w: World;
  let c: Counter;
  counterSuite(
    {
      start: START,
      clerks: [
        { username: 'lan', fullName: 'Nguyễn Thị Lan' },
        { username: 'hung', fullName: 'Cầm Văn Hùng' },
        { username: 'mai', fullName: 'Quàng Thị Mai', role: 'manager', password: 'mai-2026' },
      ],
      login: 'lan',
    },
    (cw) => void ({ w, c } = cw),
  );

  const sql = <T>(q: string, ...p: unknown[]) => w.app.db.prepare(q).get(...p) as T;
  const ledger = (where: string, ...p: unknown[]) => sql<{ n: number }>(`SELECT COALESCE(SUM(amount), 0) AS n FROM ledger WHERE ${where}`, ...p).n;
  const clerkId = (u: string) => sql<{ id: string }>('SELECT id FROM clerks WHERE username = ?', u).id;
  const items: string[] = [];

  async function intake(d: IntakeData): Promise<string> {
    await typeIntake(c.page, d);
    const item = compact(await saveIntake(c.page));
    await c.page.keyboard.press('Enter');
    items.push(item);
    return item;
  }

  async function openShift(): Promise<void> {
    // After a saved intake the form takes its focus back; Ctrl+K goes after that, not into the middle of it.
    await expectFocus(c.page, 'sender-idKind');
    await c.page.keyboard.press('Control+K');
    await expectFocus(c.page, 'palette-input');
    await typeHuman(c.page, 'ket ca');
    await c.page.keyboard.press('Enter');
    await expectFocus(c.page, 'count-note-500000');
  }

  /** Types the drawer count: one value per denomination row in screen order ('' = none), Enter between. */
  async function count(values: Record<string, string>): Promise<void> {
    const ids = await c.page.$$eval('[data-testid="shift-count"] input', (els) => els.map((e) => e.id));
    for (const id of ids) await fill(c.page, id, values[id] ?? '');
  }

  it('Lan: one intake in cash and one by VietQR, then confirms the transfer and closes 20,000 đ short', async () => {
    await intake(GPLX);
    await intake({ ...LLTP, transfer: true });
    const lan = clerkId('lan');
    const expected = ledger("business_date = ? AND clerk_id = ? AND payment_method = 'cash'", DAY, lan);
    expect(expected).toBe(177_000);
    await openShift();
    expect(await c.page.textContent('[data-testid="shift-expected-cash"]')).toBe(formatVnd(expected));
    // The transfer waits for the bank's reference; Lan types it from the bank's notice.
    const transferId = sql<{ id: number }>("SELECT MIN(id) AS id FROM ledger WHERE clerk_id = ? AND payment_method = 'transfer'", lan).id;
    await c.page.focus(`#ref-${transferId}`);
    await typeHuman(c.page, 'FT26336123456');
    await c.page.keyboard.press('Enter');
    await waitText(c.page, '.flash.ok', /mã giao dịch ngân hàng/);
    await c.page.focus('#count-note-500000');
    // 157,000 counted: 1 × 100,000 + 1 × 50,000 + 1 × 5,000 + 1 × 2,000.
    await count({ 'count-note-100000': '1', 'count-note-50000': '1', 'count-note-5000': '1', 'count-note-2000': '1' });
    expect(await c.page.textContent('[data-testid="shift-difference"]')).toBe('Thiếu 20.000 ₫');
    await expectFocus(c.page, 'shift-reason');
    // Without a reason the close is refused, with the reason why.
    await c.page.keyboard.press('F10');
    await waitText(c.page, '#shift-reason-err', /hãy ghi lý do chênh lệch/);
    await fill(c.page, 'shift-reason', 'Trả nhầm tiền thừa cho khách');
    await fill(c.page, 'shift-manager', 'mai');
    await fill(c.page, 'shift-password', 'sai-mat-khau', false);
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.error', /Sai tên đăng nhập hoặc mật khẩu của trưởng bưu cục/);
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM shift_closes').n).toBe(0);
    await c.page.focus('#shift-password');
    await typeHuman(c.page, 'mai-2026');
    await shot(c, 'shift-close-before');
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.ok', /Đã kết ca ngày 02\/12\/2026: quỹ thiếu 20\.000 ₫/);
    await shot(c, 'shift-close-done');
    const diff = sql<{ amount: number; note: string }>("SELECT amount, note FROM ledger WHERE kind = 'cash_difference' AND clerk_id = ?", lan);
    expect(diff).toEqual({ amount: -20_000, note: 'Thiếu quỹ khi kết ca: Trả nhầm tiền thừa cho khách' });
  });

  it('an intake after Lan’s close lands on her next business date', async () => {
    await c.page.keyboard.press('Escape');
    await intake(GPLX);
    const last = sql<{ business_date: string }>('SELECT business_date FROM ledger ORDER BY id DESC LIMIT 1');
    expect(last.business_date).toBe('2026-12-03');
    expect(ledger("business_date = ? AND clerk_id = ? AND payment_method = 'cash'", DAY, clerkId('lan'))).toBe(157_000);
  });

  it('Hùng: two cash intakes and one transfer (left unconfirmed); the manager cancels one; he closes, reopens (audited) and closes again', async () => {
    await lockAndLogin(c.page, 'hung', '246810');
    await intake(GPLX);
    const toCancel = await intake(GPLX);
    await intake({ ...LLTP, transfer: true });
    // The manager cancels one dossier (a refund from Hùng's drawer, no compensation).
    const dossier = sql<{ id: string }>('SELECT id FROM dossiers WHERE item_number = ?', toCancel).id;
    w.app.services.admin.cancel({ dossierId: dossier, reason: 'Công dân rút hồ sơ' }, { clerkId: clerkId('mai'), counterId: w.app.counter.id, role: 'manager' });
    // Hùng's first dossier goes to the agency (the fee is paid over from his drawer), its result comes
    // back and he hands it to the citizen (the dispatch and handover screens are covered by full-day).
    const hung = { clerkId: clerkId('hung'), counterId: w.app.counter.id, role: 'clerk' as const };
    const first = items.at(-3)!;
    const d1 = sql<{ id: string; agency_code: string }>('SELECT id, agency_code FROM dossiers WHERE item_number = ?', first);
    const batch = w.app.services.dispatch.createBatch({ agencyCode: d1.agency_code, dossierIds: [d1.id] }, hung);
    w.app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: w.clock.now(), receivingOfficer: 'Hà Thị Thu' }, hung);
    w.app.services.results.collect({ itemNumber: first }, hung);
    w.app.services.handover.handOver({ dossierId: d1.id, recipient: { fullName: 'Lò Văn Hùng', idKind: 'cccd', idNumber: '014090001234' }, byProxy: false, reclaimed: ['Giấy phép lái xe cũ'], feeDueCollected: 0 }, hung);
    await openShift();
    // 177,000 taken in cash, 135,000 of it paid over to the agency.
    expect(await c.page.textContent('[data-testid="shift-expected-cash"]')).toBe('42.000 ₫');
    await count({ 'count-note-20000': '2', 'count-note-2000': '1' });
    expect(await c.page.textContent('[data-testid="shift-difference"]')).toBe('Khớp');
    await fill(c.page, 'shift-reason', '');
    await fill(c.page, 'shift-manager', 'mai');
    await fill(c.page, 'shift-password', 'mai-2026', false);
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.ok', /quỹ khớp sổ/);
    // Reopen: the manager's password and a reason.
    await expectFocus(c.page, 'shift-reason');
    await fill(c.page, 'shift-reason', 'Kiểm lại biên lai trước khi nộp quỹ');
    await fill(c.page, 'shift-manager', 'mai');
    await fill(c.page, 'shift-password', 'mai-2026', false);
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.ok', /Đã mở lại ca ngày 02\/12\/2026/);
    const audit = sql<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'shift.reopen'");
    expect(JSON.parse(audit.detail)).toMatchObject({ reason: 'Kiểm lại biên lai trước khi nộp quỹ', businessDate: DAY, confirmedBy: clerkId('mai') });
    await expectFocus(c.page, 'count-note-500000');
    await count({ 'count-note-20000': '2', 'count-note-2000': '1' });
    await fill(c.page, 'shift-reason', '');
    await fill(c.page, 'shift-manager', 'mai');
    await fill(c.page, 'shift-password', 'mai-2026', false);
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.ok', /quỹ khớp sổ/);
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM shift_closes WHERE reopened_at IS NULL').n).toBe(2);
  });

  it('the manager prints the day’s report with one key press; thermal, A4 and XLSX totals equal the ledger’s sums', { timeout: 180_000 }, async () => {
    await lockAndLogin(c.page, 'mai', 'mai-2026');
    await c.page.waitForSelector('[data-testid="status-overdue"]');
    expect(await c.page.textContent('[data-testid="status-overdue"]')).toBe('0 mục');
    await c.page.keyboard.press('Control+K');
    await expectFocus(c.page, 'palette-input');
    await typeHuman(c.page, 'bao cao');
    await c.page.keyboard.press('Enter');
    await expectFocus(c.page, 'report-date');
    await c.page.waitForSelector('[data-testid="report-money"]');
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.ok', /Đã chốt sổ ngày 02\/12\/2026; mọi ca đã kết/);
    await c.page.keyboard.press('Control+P');
    await waitText(c.page, '.flash.ok', /Đã in báo cáo cuối ngày/, 60_000);
    await shot(c, 'day-report-screen');
    // The A4 report is sealed in the data folder; the screen says how to get a copy, not where it lies.
    const said = (await c.page.textContent('[data-testid="report-print-result"]')) ?? '';
    expect(said).toContain('bấm Ctrl+S để lưu bản sao đọc được');
    expect(said).not.toContain(w.app.dataDir);
    // Ctrl+S: the browser downloads the readable A4 report under its Vietnamese name.
    const [download] = await Promise.all([c.page.waitForEvent('download'), c.page.keyboard.press('Control+S')]);
    expect(download.suggestedFilename()).toBe(`bao-cao-ngay-${DAY}.pdf`);
    const downloaded = readFileSync((await download.path())!);
    await waitText(c.page, '.flash.ok', /Đã lưu bản sao đọc được của “Báo cáo ngày 02\/12\/2026” \(tệp bao-cao-ngay-2026-12-02\.pdf\)/);
    const copied = sql<{ actor_id: string; entity: string }>("SELECT actor_id, entity FROM audit_log WHERE action = 'document.copy' AND entity_id = ?", `bao-cao-ngay-${DAY}.pdf`);
    expect(copied).toEqual({ actor_id: clerkId('mai'), entity: 'document' });

    // The ledger's own sums for the day.
    const cash = ledger("business_date = ? AND payment_method = 'cash'", DAY);
    const transfer = ledger("business_date = ? AND payment_method = 'transfer'", DAY);
    const fees = ledger("business_date = ? AND kind IN ('agency_fee', 'fee_due_collected', 'fee_remitted')", DAY);
    const postage = ledger("business_date = ? AND kind = 'postage'", DAY);
    const shortage = ledger("business_date = ? AND kind = 'cash_difference'", DAY);
    expect(shortage).toBe(-20_000);
    expect(fees + postage + shortage).toBe(cash + transfer);
    const totals: [string, number][] = [
      ['Tổng tiền mặt', cash],
      ['Tổng chuyển khoản', transfer],
      ['Tổng cộng', cash + transfer],
    ];

    // 1. Thermal: the job's bytes as the printer got them (the file printer appends each job).
    for (let i = 0; i < 200; i++) {
      if (sql<{ n: number }>("SELECT count(*) AS n FROM print_jobs WHERE kind = 'day_report' AND state = 'done'").n === 1) break;
      await c.page.waitForTimeout(100);
    }
    const job = sql<{ id: string }>("SELECT id FROM print_jobs WHERE kind = 'day_report' AND state = 'done'");
    const offset = sql<{ n: number }>('SELECT COALESCE(SUM(bytes_written), 0) AS n FROM print_attempts WHERE id < (SELECT MIN(id) FROM print_attempts WHERE job_id = ?)', job.id).n;
    const size = sql<{ n: number }>("SELECT bytes_written AS n FROM print_attempts WHERE job_id = ? AND outcome = 'confirmed'", job.id).n;
    const bytes = new Uint8Array(readFileSync(filePrinterOutput(w.app.dataDir)).subarray(offset, offset + size));
    const decoded = decodeReceipt(bytes);
    expect(decoded.unknown).toBe(0);
    expect(decoded.cuts).toBe(1);
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'day-report-80mm.png'), previewPng(bytes, 576));
    const paper = { dots: 576, widthMm: 80 as const };
    const line = (b: Block) => stackRasters(renderDocument({ kind: 'day_report', title: '', blocks: [b] }, paper).map((s) => (s.k === 'raster' ? { op: 'raster' as const, mode: 0, width: s.width, height: s.height, bits: s.bits } : ({ op: 'feed' as const, dots: 0 }))));
    for (const [label, amount] of [...totals, ['Chênh lệch quỹ đã ghi', shortage] as [string, number]]) {
      expect(rasterHasLine(decoded.raster, line({ t: 'kv', label, value: formatVnd(amount), bold: label.startsWith('Tổng') }))).toBe(true);
    }
    // A wrong figure is not found: the search tells one amount from another.
    expect(rasterHasLine(decoded.raster, line({ t: 'kv', label: 'Tổng tiền mặt', value: formatVnd(cash + 1000), bold: true }))).toBe(false);
    // Volumes and controls, from the store's own rows.
    const events = (type: string) => sql<{ n: number }>('SELECT count(*) AS n FROM dossier_events WHERE type = ?', type).n;
    expect(events('handed_over')).toBe(1);
    for (const [label, n] of [
      ['Tổng số hồ sơ', sql<{ n: number }>('SELECT count(*) AS n FROM dossiers WHERE accepted_date = ?', DAY).n],
      ['Đã trả cho công dân', events('handed_over')],
      ['Nhận kết quả từ cơ quan', events('result_collected')],
    ] as [string, number][]) {
      expect(rasterHasLine(decoded.raster, line({ t: 'kv', label, value: String(n), bold: label === 'Tổng số hồ sơ' })), label).toBe(true);
    }
    expect(rasterHasLine(decoded.raster, line({ t: 'kv', label: '  Hủy hồ sơ', value: String(events('cancelled')) }))).toBe(true);
    // The same document on 58 mm paper, for looking at.
    const doc = JSON.parse(sql<{ doc: string }>('SELECT doc FROM print_jobs WHERE id = ?', job.id).doc);
    writeFileSync(join(SHOTS, 'day-report-58mm.png'), previewPng(buildJobBytes(doc, { widthMm: 58, dots: 384, cutter: true, drawer: false }), 384));

    // 2. A4 PDF text, from the downloaded copy (the same bytes as the sealed file, opened).
    const pdf = join(w.app.dataDir, 'documents', `bao-cao-ngay-${DAY}.pdf`);
    expect(downloaded.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(downloaded.equals(openSealedFile(pdf, w.app.storeKey))).toBe(true);
    const text = (await extractText(new Uint8Array(downloaded), { mergePages: true })).text.normalize('NFC');
    expect(text).toContain(`Tổng cộng ${formatVnd(cash)} ${formatVnd(transfer)} ${formatVnd(cash + transfer)}`);
    expect(text).toMatch(/GIAO DỊCH VIÊN[\s\S]*TRƯỞNG BƯU CỤC/);
    expect(text).toContain(formatVnd(shortage));

    // 3. XLSX read back: the totals row holds formulas whose stored values equal the ledger's sums,
    //    and the rows above it add up to the same.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(openSealedFile(join(w.app.dataDir, 'documents', `bao-cao-ngay-${DAY}.xlsx`), w.app.storeKey) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tiền')!;
    let totalRow = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === 'Tổng cộng') totalRow = n;
    });
    const cell = (col: string) => ws.getCell(`${col}${totalRow}`).value as { formula: string; result: number };
    expect(cell('B')).toMatchObject({ formula: expect.stringMatching(/^SUM\(B\d+:B\d+\)$/), result: cash });
    expect(cell('C').result).toBe(transfer);
    expect(cell('D').result).toBe(cash + transfer);
    let recomputed = 0;
    for (let r = totalRow - 5; r < totalRow; r++) recomputed += ws.getCell(`B${r}`).value as number;
    expect(recomputed).toBe(cash);
    expect(ws.getCell(`B${totalRow}`).numFmt).toContain('₫');
    expect(ws.getCell('B3').numFmt).toBe('dd/mm/yyyy');
    const clerks = wb.getWorksheet('Giao dịch viên')!;
    const cancelRow = [...Array(clerks.rowCount).keys()].map((i) => clerks.getRow(i + 1)).find((r) => r.getCell(1).value === 'Cầm Văn Hùng')!;
    expect(cancelRow.getCell(8).value).toBe(ledger("business_date = ? AND clerk_id = ? AND payment_method = 'cash'", DAY, clerkId('hung')));
  });

  it('a past day is reprinted marked as a reprint; a clerk is refused the report in main', { timeout: 180_000 }, async () => {
    await c.page.keyboard.press('Control+P');
    await waitText(c.page, '.flash.ok', /bản in lại lần 1/, 60_000);
    const doc = JSON.parse(sql<{ doc: string }>("SELECT doc FROM print_jobs WHERE kind = 'day_report' ORDER BY seq DESC LIMIT 1").doc) as { blocks: Block[] };
    expect(doc.blocks.some((b) => b.t === 'text' && /^BẢN IN LẠI – lần 1/.test(b.text))).toBe(true);
    const pdf = join(w.app.dataDir, 'documents', `bao-cao-ngay-${DAY}-in-lai-1.pdf`);
    expect((await extractText(new Uint8Array(openSealedFile(pdf, w.app.storeKey)), { mergePages: true })).text.normalize('NFC')).toContain('BẢN IN LẠI – lần 1');
    // The dashboard, for looking at.
    await c.page.keyboard.press('Control+K');
    await typeHuman(c.page, 'bang dieu khien');
    await c.page.keyboard.press('Enter');
    await c.page.waitForSelector('[data-testid="dashboard-table"]');
    await c.page.waitForTimeout(300);
    await shot(c, 'dashboard');
    // The audit viewer lists the reopen and the shift closes in Vietnamese.
    await c.page.keyboard.press('Control+K');
    await typeHuman(c.page, 'nhat ky');
    await c.page.keyboard.press('Enter');
    await waitText(c.page, '[data-testid="audit-table"]', /Mở lại ca đã kết/);
    expect(await c.page.textContent('[data-testid="audit-table"]')).toContain('Kết ca');
    await shot(c, 'audit');
    // Lan asks main for the report directly: refused by role, not only hidden.
    await lockAndLogin(c.page, 'lan', '246810');
    const r = await c.page.evaluate(() => (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api['day.report']!({ businessDate: '2026-12-02' }));
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'Chỉ trưởng bưu cục được làm việc này.' } });
    // Nor can she have a copy of the manager's report: refused by role in main, and nothing recorded.
    const copy = await c.page.evaluate(() => (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api['document.copy']!({ name: 'bao-cao-ngay-2026-12-02.pdf' }));
    expect(copy).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Bạn không có quyền lưu bản sao báo cáo cuối ngày.' } });
    expect(sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'document.copy' AND actor_id = ?", clerkId('lan')).n).toBe(0);
  });
  it('three weeks later: the manager sees the overdue count at log-in, prints and exports the list; a clerk scanning an overdue item is told', { timeout: 180_000 }, async () => {
    w.clock.advanceDays(21);
    await lockAndLogin(c.page, 'mai', 'mai-2026');
    const expected = overdueList(w.app.db, '2026-12-23', w.app.ctx.reference().calendar);
    expect(expected.length).toBeGreaterThan(0);
    await waitText(c.page, '[data-testid="status-overdue"]', new RegExp(`^${expected.length} mục$`));
    await c.page.keyboard.press('Control+K');
    await typeHuman(c.page, 'danh sach qua han');
    await c.page.keyboard.press('Enter');
    await c.page.waitForSelector('.deadline.overdue');
    await shot(c, 'overdue');
    await c.page.keyboard.press('F10');
    await waitText(c.page, '.flash.ok', /Đã xuất Excel/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(openSealedFile(join(w.app.dataDir, 'documents', 'qua-han-2026-12-23.xlsx'), w.app.storeKey) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Quá hạn')!;
    const listed = [...Array(expected.length).keys()].map((i) => ws.getCell(`A${5 + i}`).value);
    expect(listed).toEqual(expected.map((r) => r.itemNumberDisplay));
    await c.page.keyboard.press('Control+P');
    await waitText(c.page, '.flash.ok', /Đã tạo danh sách quá hạn/, 60_000);
    // A clerk scans one of them: told at once.
    await lockAndLogin(c.page, 'lan', '246810');
    expect(await c.page.$('[data-testid="status-overdue"]')).toBeNull();
    await scan(c.page, expected[0]!.itemNumber);
    await waitText(c.page, '.flash.error', new RegExp(`QUÁ HẠN ${expected[0]!.daysOverdue} ngày`));
  });
});

/** Whether the rows of `needle` (blank rows trimmed) appear, identical, somewhere in `hay`. */
function rasterHasLine(hay: { width: number; height: number; bits: Uint8Array }, needle: { width: number; height: number; bits: Uint8Array }): boolean {
  const rb = hay.width >> 3;
  const nb = needle.width >> 3;
  const rowOf = (img: typeof hay, y: number, w: number) => img.bits.subarray(y * w, y * w + w);
  const blank = (r: Uint8Array) => r.every((b) => b === 0);
  let top = 0;
  let bottom = needle.height - 1;
  while (top < needle.height && blank(rowOf(needle, top, nb))) top++;
  while (bottom > top && blank(rowOf(needle, bottom, nb))) bottom--;
  if (top > bottom || nb !== rb) return false;
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  for (let y = 0; y + (bottom - top) < hay.height; y++) {
    let ok = true;
    for (let k = 0; k <= bottom - top && ok; k++) ok = same(rowOf(hay, y + k, rb), rowOf(needle, top + k, nb));
    if (ok) return true;
  }
  return false;
}
