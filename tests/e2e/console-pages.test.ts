/**
 * The console's updates, reports and complaints, reference data and accounts pages in a real
 * Chromium at 1366×768 against a real hub on real PostgreSQL: IT changes a staging percentage and
 * the minimum version, downloads the periodic report (XLSX read back), uploads a bad calendar file
 * (problems shown, nothing published) then a good one (published with a version), creates and
 * disables an account; a branch manager sees only their branch's complaints and no IT pages.
 * Screenshots under test-results/screenshots; axe-core finds no serious violation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildConsole } from '../../src/hub/console-api/build';
import { describePg } from '../helpers/pg';
import { consoleAccounts, PASSWORDS, seedComplaint } from '../helpers/console-data';
import { COUNTER_VERSION_HEADER } from '../../src/shared/sync-protocol';
import { call, enroll, freshHub, type TestHub } from '../integration/hub/harness';
import { axe, CHROMIUM, chromiumAvailable, screenshot } from './harness';

const run = chromiumAvailable();
const dir = mkdtempSync(join(tmpdir(), 'quay-console-pages-'));

async function logIn(browser: Browser, url: string, username: string, password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  await page.goto(`${url}/console/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Các quầy' }).waitFor();
  return page;
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name }).click();

describePg('console pages in Chromium: updates, reports and complaints, reference data, accounts', () => {
  let hub: TestHub;
  let browser: Browser;
  freshHub((h) => (hub = h), { console: { staticDir: dir } });
  beforeAll(async () => {
    await buildConsole(dir);
    await consoleAccounts(hub.db, 'SL-TP');
    const tp = await enroll(hub, 'SL-TP', 'SL-TP-01');
    await enroll(hub, 'SL-MC', 'SL-MC-01');
    // SL-TP-01 runs 1.3.0; SL-MC-01 never reported its version (below any minimum).
    await call(hub, '/pull', { token: tp.token, headers: { [COUNTER_VERSION_HEADER]: '1.3.0' } });
    await seedComplaint(hub.db, { branch: 'SL-TP', counterId: 'SL-TP-01', number: 'KN-260101-000001', itemNumber: 'EA000000001VN', opened: '2026-01-02', deadline: '2026-01-09', state: 'received' });
    await seedComplaint(hub.db, { branch: 'SL-MC', counterId: 'SL-MC-01', number: 'KN-260101-000002', itemNumber: null, opened: '2026-01-05', deadline: '2099-01-01', state: 'handling' });
    if (run) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!run)('IT: staging and minimum version, report download, reference upload refused then published, accounts', async () => {
    const page = await logIn(browser, hub.url, 'it.admin', PASSWORDS.it);

    await nav(page, 'Cập nhật');
    await page.getByRole('heading', { name: 'Quầy nào đang ở đâu' }).waitFor();
    await page.getByLabel('Tỉ lệ triển khai kênh stable (%)').fill('130');
    await page.getByLabel('Tỉ lệ triển khai kênh stable (%)').press('Enter');
    await page.getByText('Tỉ lệ triển khai phải là số nguyên từ 0 đến 100.').waitFor();
    await page.getByLabel('Tỉ lệ triển khai kênh stable (%)').fill('20');
    await page.getByLabel('Tỉ lệ triển khai kênh stable (%)').press('Enter');
    await page.getByText('Kênh stable: tỉ lệ triển khai 20%.').waitFor();
    await page.getByLabel('Phiên bản tối thiểu của tỉnh').fill('1.2.0');
    await page.getByLabel('Phiên bản tối thiểu của tỉnh').press('Enter');
    await page.getByText(/Phiên bản tối thiểu: 1.2.0\./).waitFor();
    expect((await hub.db.query<{ staging_percentage: number }>(`SELECT staging_percentage FROM update_channels WHERE name = 'stable'`)).rows[0]?.staging_percentage).toBe(20);
    await page.getByTestId('below-minimum').getByText('⚠ 1 quầy dưới phiên bản tối thiểu').waitFor();
    expect(await page.getByRole('row', { name: /SL-MC-01/ }).textContent()).toContain('⚠ dưới bản tối thiểu');
    expect(await page.getByRole('row', { name: /SL-TP-01/ }).textContent()).not.toContain('tối thiểu');

    // A channel's update URL: a public http address refused in Vietnamese, an https one saved and
    // shown as the URL the channel's counters read, the change in the log below.
    const urlField = page.getByLabel('Địa chỉ tệp cập nhật kênh stable (để trống: máy chủ tỉnh)');
    await urlField.fill('http://capnhat.example.vn/quay/');
    await urlField.press('Enter');
    await page.getByText(/^http:\/\/ \(không mã hoá\) chỉ dùng được với máy chủ ở máy này hoặc trong mạng nội bộ/).waitFor();
    await urlField.fill('https://capnhat.buudien-sonla.vn/quay/stable');
    await urlField.press('Enter');
    await page.getByText('Kênh stable: các quầy của kênh lấy bản cập nhật từ https://capnhat.buudien-sonla.vn/quay/stable/ kể từ lần đồng bộ tới.').waitFor();
    expect((await hub.db.query<{ url: string | null }>(`SELECT url FROM update_channels WHERE name = 'stable'`)).rows[0]?.url).toBe('https://capnhat.buudien-sonla.vn/quay/stable/');
    expect(await page.getByRole('row', { name: /^stable/ }).textContent()).toContain('https://capnhat.buudien-sonla.vn/quay/stable/');
    const log = page.getByRole('table', { name: 'Nhật ký thay đổi cài đặt cập nhật' });
    expect(await log.getByRole('row').nth(1).textContent()).toMatch(/it\.admin.*Địa chỉ tệp cập nhật — kênh stable.*máy chủ tỉnh.*https:\/\/capnhat\.buudien-sonla\.vn\/quay\/stable\//);
    expect(await page.locator('section[aria-labelledby="updates-title"] > table').nth(1).textContent()).toContain('SL-MC-01');
    await screenshot(page, 'console-07-updates');
    expect(await axe(page)).toEqual([]);

    // The counters page (Alt+1): the counter below the minimum flagged in words, and a filter.
    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { name: 'Các quầy' }).waitFor();
    await page.getByTestId('below-minimum').getByText('1 dưới phiên bản tối thiểu (1.2.0)').waitFor();
    expect(await page.getByRole('row', { name: /SL-MC-01/ }).textContent()).toMatch(/⚠ .*Dưới bản tối thiểu/);
    expect(await page.getByRole('row', { name: /SL-MC-01/ }).textContent()).toContain('cần từ 1.2.0');
    await page.getByLabel('Hiện').selectOption({ label: 'Dưới phiên bản tối thiểu' });
    await page.getByText('1 trên 2 quầy').waitFor();
    expect(await page.locator('section[aria-labelledby="counters-title"] tbody tr').allTextContents()).toEqual([expect.stringContaining('SL-MC-01')]);
    await screenshot(page, 'console-07b-counters-below-minimum');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Hiện').selectOption('all');
    expect(await page.locator('section[aria-labelledby="counters-title"] tbody tr').count()).toBe(2);

    await nav(page, 'Báo cáo, khiếu nại');
    await page.getByLabel('Kỳ báo cáo (2026-Q1, 2026-H1, 2026)').fill('2026-Q1');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.getByRole('heading', { name: 'Quý I năm 2026 — toàn tỉnh' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải báo cáo XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-2026-Q1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    const rows = await page.locator('section[aria-labelledby="complaints-title"] tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('KN-260101-000001');
    expect(rows[0]).toContain('⚠ Quá hạn');
    // Kind and state in the words of src/shared/cases.ts (the console has no copy of its own).
    expect(rows[0]).toContain('Chậm thời gian');
    expect(rows[0]).toContain('⚠ Quá hạn — Đã tiếp nhận');
    await screenshot(page, 'console-08-reports');
    expect(await axe(page)).toEqual([]);

    await nav(page, 'Dữ liệu dùng chung');
    await page.getByRole('button', { name: 'Tải lên bảng ngày nghỉ, ngày làm bù' }).click();
    const bad = join(dir, 'lich-sai.json');
    writeFileSync(bad, '{"year": "hai nghìn"}');
    await page.getByLabel(/Chọn tệp JSON bảng ngày nghỉ/).setInputFiles(bad);
    await page.getByText(/Tệp lich-sai.json có \d+ lỗi; chưa phát hành gì/).waitFor();
    expect((await hub.db.query(`SELECT 1 FROM reference_docs WHERE name = 'calendar'`)).rows).toHaveLength(0);
    await screenshot(page, 'console-09-reference-errors');
    expect(await axe(page)).toEqual([]);
    const good = join(dir, 'lich.json');
    writeFileSync(good, readFileSync(resolve(__dirname, '../../resources/reference/calendar-overrides.json')));
    await page.getByLabel(/Chọn tệp JSON bảng ngày nghỉ/).setInputFiles(good);
    await page.getByText('Tệp lich.json hợp lệ.').waitFor();
    await page.getByLabel('Phiên bản mới').fill('2026.12');
    await page.getByRole('button', { name: 'Phát hành cho mọi quầy' }).click();
    await page.getByText(/Đã phát hành Bảng ngày nghỉ, ngày làm bù phiên bản 2026.12/).waitFor();
    expect((await hub.db.query<{ version: string }>(`SELECT version FROM reference_docs WHERE name = 'calendar'`)).rows[0]?.version).toBe('2026.12');
    await screenshot(page, 'console-10-reference-published');

    await nav(page, 'Tài khoản');
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByLabel('Tên đăng nhập').fill('tb.mc');
    await page.getByLabel('Họ tên').fill('Điêu Thị Mai');
    await page.getByLabel('Mã bưu cục phụ trách').fill('SL-MC');
    await page.getByLabel('Mật khẩu ban đầu (ít nhất 10 ký tự)').fill('Mat-khau-MC-01');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản tb.mc.').waitFor();
    await page.getByRole('button', { name: 'Khoá tài khoản tb.mc' }).click();
    await page.getByText('Đã khoá tài khoản tb.mc.').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /tb\.mc/ }).textContent()).toContain('Đã khoá');
    await screenshot(page, 'console-11-users');
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 240_000);

  it.skipIf(!run)('a branch manager: own branch only, no IT pages, nothing to change', async () => {
    const page = await logIn(browser, hub.url, 'tb.tp', PASSWORDS.bm);
    const navText = await page.getByRole('navigation').textContent();
    expect(navText).not.toContain('Tài khoản');
    expect(navText).not.toContain('Mã đăng ký');
    await nav(page, 'Báo cáo, khiếu nại');
    await page.locator('section[aria-labelledby="complaints-title"] tbody tr').first().waitFor();
    const rows = await page.locator('section[aria-labelledby="complaints-title"] tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('KN-260101-000001');
    expect(await page.getByLabel('Mã bưu cục (để trống: toàn tỉnh)').inputValue()).toBe('SL-TP');
    await screenshot(page, 'console-12-branch-manager');
    await nav(page, 'Cập nhật');
    await page.getByRole('heading', { name: 'Quầy nào đang ở đâu' }).waitFor();
    expect(await page.getByLabel(/Tỉ lệ triển khai kênh/).count()).toBe(0);
    expect(await page.locator('tbody').last().textContent()).not.toContain('SL-MC-01');
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
