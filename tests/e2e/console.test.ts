/**
 * The provincial console in a real Chromium at 1366×768 against a real hub on real PostgreSQL: the
 * first IT administrator made by the CLI logs in; a wrong password five times locks an account;
 * an enrollment code made on the page enrolls a counter; a catalogue spreadsheet with two bad rows is
 * refused with its problems listed and nothing published; fixed, it is published and the counter's
 * pull receives it. Screenshots under test-results/screenshots; axe-core finds no serious violation.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/hub/console-api/accounts';
import { buildConsole } from '../../src/hub/console-api/build';
import { main } from '../../src/hub/main';
import { describePg, type TestDatabase } from '../helpers/pg';
import { call, freshHub, type TestHub } from '../integration/hub/harness';
import { axe, CHROMIUM, chromiumAvailable, screenshot } from './harness';

const run = chromiumAvailable();
const dir = mkdtempSync(join(tmpdir(), 'quay-console-'));

describePg('provincial console in Chromium', () => {
  let hub: TestHub;
  let tdb: TestDatabase;
  let browser: Browser;
  freshHub(
    (h, t) => {
      hub = h;
      tdb = t;
    },
    { console: { staticDir: dir } },
  );
  beforeAll(async () => {
    await buildConsole(dir);
    if (run) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!run)('first admin, login, lockout, enrollment code, catalogue refused then published', async () => {
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'Quan-tri-0123\n');
    expect(await main(['create-admin', '--username', 'it.admin', '--display-name', 'Lò Văn Quản', '--password-file', pw], { DATABASE_URL: tdb.url })).toBe(0);
    await createUser(hub.db, { username: 'tb.sl', role: 'branch_manager', branchCode: 'SL-TP', password: 'Truong-buu-cuc' }, Date.now());

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${hub.url}/console/`);
    // Five wrong passwords lock the branch manager's account.
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Tên đăng nhập').fill('tb.sl');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      // Each attempt waits for the hub's answer, so exactly five are counted.
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/console/api/login')), page.keyboard.press('Enter')]);
      await page.getByRole('button', { name: 'Đăng nhập' }).and(page.locator(':enabled')).waitFor();
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/tạm khoá vì nhập sai mật khẩu 5 lần/);
    await screenshot(page, 'console-01-locked');
    expect(await axe(page)).toEqual([]);

    await page.getByLabel('Tên đăng nhập').fill('it.admin');
    await page.getByLabel('Mật khẩu').fill('Quan-tri-0123');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Các quầy' }).waitFor();
    expect(await page.textContent('header')).toContain('Lò Văn Quản — Quản trị CNTT');

    // Alt+2: the enrollment code page.
    await page.keyboard.press('Alt+2');
    await page.getByLabel('Mã bưu cục').fill('SL-TP');
    await page.getByLabel('Tên bưu cục').fill('Bưu điện Thành phố Sơn La');
    await page.getByLabel('Mã quầy', { exact: true }).fill('SL-TP-01');
    await page.getByLabel('Địa chỉ máy chủ (quầy kết nối tới)').fill(hub.url);
    await page.getByRole('button', { name: 'Tạo mã đăng ký' }).click();
    const code = (await page.getByTestId('enroll-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await page.locator('.qr svg').count()).toBe(1);
    await screenshot(page, 'console-02-code');
    expect(await axe(page)).toEqual([]);

    const enrolled = await call<{ token: string }>(hub, '/enroll', { body: { code } });
    expect(enrolled.status).toBe(200);

    await page.keyboard.press('Alt+1');
    await page.getByRole('cell', { name: /SL-TP-01/ }).first().waitFor();
    expect(await page.locator('tbody tr').first().textContent()).toContain('Bình thường');
    await screenshot(page, 'console-03-counters');
    expect(await axe(page)).toEqual([]);

    // The catalogue: take the export, break two rows, upload.
    await page.keyboard.press('Alt+3');
    const exp = await fetch(`${hub.url}/console/api/catalogue/export.xlsx`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exp.arrayBuffer());
    wb.getWorksheet('thu_tuc')!.getCell('G4').value = 'tuần';
    wb.getWorksheet('thanh_phan_ho_so')!.getCell('E2').value = 'hai';
    const badFile = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(badFile);
    await page.getByLabel('Chọn tệp XLSX để kiểm tra').setInputFiles(badFile);
    await page.getByText(/có 2 lỗi; chưa phát hành gì/).waitFor();
    const rows = await page.locator('table tbody tr').allTextContents();
    expect(rows).toEqual(['thu_tuc4G (Loại ngày (làm việc / lịch))"tuần" phải là "làm việc" hoặc "lịch".', 'thanh_phan_ho_so2E (Số lượng)"hai" không phải một số nguyên không âm.']);
    expect((await hub.db.query(`SELECT 1 FROM reference_docs WHERE name = 'catalogue'`)).rows).toHaveLength(0);
    await screenshot(page, 'console-04-catalogue-errors');
    expect(await axe(page)).toEqual([]);

    wb.getWorksheet('thu_tuc')!.getCell('G4').value = 'làm việc';
    wb.getWorksheet('thanh_phan_ho_so')!.getCell('E2').value = 1;
    const goodFile = join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(goodFile);
    await page.getByLabel('Chọn tệp XLSX để kiểm tra').setInputFiles(goodFile);
    await page.getByText(/hợp lệ: 46 thủ tục/).waitFor();
    await page.getByLabel('Phiên bản mới').fill('2026.12.1');
    await screenshot(page, 'console-05-catalogue-ready');
    await page.getByRole('button', { name: 'Phát hành cho mọi quầy' }).click();
    await page.getByText(/Đã phát hành danh mục phiên bản 2026.12.1: thêm 46, sửa 0, bỏ 0 thủ tục/).waitFor();
    await screenshot(page, 'console-06-published');

    const pull = await call<{ changes: { kind: string; name?: string; version?: string }[] }>(hub, '/pull', { token: enrolled.body.token });
    expect(pull.body.changes.filter((c) => c.kind === 'reference').map((c) => `${c.name}@${c.version}`)).toEqual(['catalogue@2026.12.1']);
  }, 240_000);
});
