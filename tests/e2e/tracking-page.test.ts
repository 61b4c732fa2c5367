/**
 * The citizens' tracking page in a real Chromium on a 360 px phone screen, against a real hub on real
 * PostgreSQL: a citizen types the number from the receipt (spaces, lower case, as people type it) and
 * sees where the dossier is; nothing personal on the screen; no accessibility violation; the page fits
 * the phone's width.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePg } from '../helpers/pg';
import { acceptOp, ADMIN_TOKEN, call, CCCD, enroll, eventOp, freshHub, pushAs, type TestHub } from '../integration/hub/harness';
import { axe, CHROMIUM, chromiumAvailable, screenshot } from './harness';

const run = chromiumAvailable();

describePg('tracking page on a phone', () => {
  let hub: TestHub;
  let browser: Browser;
  freshHub((h) => (hub = h), { tracking: { perMinute: 0 } });
  beforeAll(async () => {
    if (run) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!run)('a citizen types the number and sees the steps, on 360 px, with nothing personal', async () => {
    const counter = await enroll(hub, 'SL-TP', 'SL-TP-01');
    await hub.db.query("UPDATE branches SET name = 'Bưu điện Thành phố Sơn La' WHERE code = 'SL-TP'");
    expect((await call(hub, '/admin/reference/catalogue', { method: 'PUT', token: ADMIN_TOKEN, body: { version: 'e1', payload: { agencies: [{ code: 'STP', name: 'Sở Tư pháp tỉnh Sơn La' }] } } })).status).toBeLessThan(500);
    const accept = acceptOp(counter.counterId);
    const d = { dossierId: accept.dossierId, itemNumber: accept.itemNumber };
    const pushed = await pushAs(hub, counter, 1, [
      accept,
      eventOp(counter.counterId, d, { type: 'batched', batchId: 'b', agencyCode: 'STP' }),
      eventOp(counter.counterId, d, { type: 'filed', batchId: 'b', filedAt: Date.now(), receivingOfficer: 'Cầm Văn Nam' }),
      eventOp(counter.counterId, d, { type: 'appointment_recorded', appointmentDate: '2027-01-15', agencyDossierCode: null }),
      eventOp(counter.counterId, d, { type: 'result_collected', originalsReturned: [] }),
    ]);
    expect(pushed.status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${hub.url}/tra-cuu/`);
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('so');
    await screenshot(page, 'tracking-form-360');
    const typed = d.itemNumber.toLowerCase().replace(/^(..)(...)(...)(...)(..)$/, '$1 $2 $3 $4 $5');
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#steps');
    expect(page.url()).toBe(`${hub.url}/tra-cuu/${d.itemNumber}`);
    expect(await page.textContent('#status')).toBe('Kết quả đã về, mời ông/bà đến nhận tại Bưu điện Thành phố Sơn La');
    expect(await page.locator('#steps li').count()).toBe(5);
    expect(await page.textContent('#steps li:first-child .what')).toBe('Bưu điện đã nhận kết quả từ cơ quan');
    expect(await page.textContent('#collect-at')).toBe('Bưu điện Thành phố Sơn La');
    const text = (await page.textContent('body')) ?? '';
    for (const personal of ['Lò Thị Hoa', CCCD, '0912345678', 'Bản Hụm', 'Cầm Văn Nam']) expect(text).not.toContain(personal);
    // Fits the phone: no sideways scrolling.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'tracking-view-360');
    // An unknown number: the same page, with a hint.
    await page.goto(`${hub.url}/tra-cuu/EA000000000VN`);
    expect(await page.textContent('h1')).toBe('Không tìm thấy');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'tracking-unknown-360');
    expect(errors).toEqual([]);
    await context.close();
  });
});
