/**
 * The guided first run, keyboard only in Chromium, on fresh data folders against a real hub on the
 * real PostgreSQL: enrolled from the enrollment QR's text that the hub's create-code printed, the
 * test page received (and decoded) by a fake network printer, two clerks and a manager created, the
 * recovery code shown, printed and read back before the first run can finish, the
 * clerks able to sign in; the "Later" path with an identity typed and checked; a crash between steps
 * resumes at the next step. Each step is photographed; the keys pressed are counted (first_run_keys).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main as hubMain } from '../../src/hub/main';
import { parseEnrollmentText } from '../../src/shared/enrollment';
import { fromRecoveryCode } from '../../src/main/store/recovery-code';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bitsToPng, decodeReceipt } from '../helpers/escpos-decoder';
import { FakePrinter } from '../helpers/fake-printer';
import { createTestDatabase, describePg, type TestDatabase } from '../helpers/pg';
import { startHub, type TestHub } from '../integration/hub/harness';
import { openCounterWorld, type CounterWorld } from './flows';
import { runFirstRun } from './first-run-flow';
import { axe, chromiumAvailable, SHOTS, expectFocus, fill, login, pick, screenshot, typeHuman, waitText } from './harness';

const run = chromiumAvailable();

/** What the printer received, as an image beside the screenshots (to look at). */
function writeShot(name: string, png: Buffer): void {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, name), png);
}

async function waitFor(cond: () => boolean, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
}

/** `npm run hub -- create-code …` as IT runs it: the JSON line it prints. */
async function createCode(tdb: TestDatabase, hub: TestHub, branch: string, branchName: string, counter: string, counterName: string): Promise<{ code: string; enrollText: string }> {
  const out: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  try {
    const rc = await hubMain(['create-code', '--branch', branch, '--branch-name', branchName, '--counter', counter, '--counter-name', counterName, '--hub-url', hub.url.replace('http://', '')], { DATABASE_URL: tdb.url });
    if (rc !== 0) throw new Error(`create-code exited ${rc}`);
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out[0]!) as { code: string; enrollText: string };
}

describePg('first run (keyboard only, Chromium, real hub)', () => {
  if (!run) return;
  let tdb: TestDatabase;
  let hub: TestHub;
  const printer = new FakePrinter();
  const worlds: CounterWorld[] = [];
  beforeAll(async () => {
    tdb = await createTestDatabase();
    hub = await startHub(tdb.url);
    await printer.start();
  });
  afterAll(async () => {
    for (const cw of worlds.reverse()) await cw.w.close();
    await printer.close();
    await hub?.close();
    await tdb?.drop();
  });
  const open = async (setup: Parameters<typeof openCounterWorld>[0]) => {
    const cw = await openCounterWorld(setup);
    worlds.push(cw);
    return cw;
  };

  it('the whole first run: QR → hub, identity, network printer with a decoded test page, people, printed summary; clerks sign in', async () => {
    const { w, c } = await open({ realClock: true, sync: true, adminReady: false });
    const { page } = c;
    const { enrollText } = await createCode(tdb, hub, 'SL-MS', 'Bưu điện Mộc Sơn', 'SL-MS-Q02', 'Quầy 2');
    expect(parseEnrollmentText(enrollText).ok).toBe(true);
    const profileDowns = w.printing.settings().templates.findIndex((t) => t.id === 'epson-tm-t82iii-lan');
    expect(profileDowns).toBeGreaterThan(0);
    const people = [
      { fullName: 'Nguyễn Thị Lan', role: 'clerk' as const, password: 'tam-thoi-1' },
      { fullName: 'Cầm Văn Hùng', role: 'clerk' as const, password: 'tam-thoi-2' },
      { fullName: 'Lò Thị Mai', role: 'manager' as const, password: 'tam-thoi-3' },
    ];
    const k = await runFirstRun(page, {
      adminPassword: 'quantri1',
      enrollText,
      profileDowns,
      printerAddress: `127.0.0.1:${printer.port}`,
      people,
      atStep: async (name) => {
        expect(await axe(page)).toEqual([]);
        await screenshot(page, `first-run-${name}`);
      },
      atTestPage: async () => {
        await waitFor(() => printer.completeJobs.length === 1);
        const test = decodeReceipt(printer.completeJobs[0]!.bytes);
        // Vietnamese text is raster (a full page of it), the barcode and the QR are native.
        expect(test.raster.width).toBe(576);
        expect(test.raster.height).toBeGreaterThan(600);
        expect(test.barcodes).toEqual(['EA123456785VN']);
        expect(test.qr).toEqual(['https://example.invalid/tra-cuu?ma=EA123456785VN']);
        expect(test.cuts).toBe(1);
        writeShot('first-run-test-page-printed.png', bitsToPng(test.raster));
        await waitText(page, '[data-testid="printer-job"]', /Đã in/);
      },
      atRecoveryPrinted: async (code) => {
        await waitFor(() => printer.completeJobs.length === 2);
        const sheet = decodeReceipt(printer.completeJobs[1]!.bytes);
        expect(sheet.raster.height).toBeGreaterThan(300);
        expect(sheet.cuts).toBe(1);
        // Text only as a picture: no barcode or QR carries the code.
        expect([...sheet.barcodes, ...sheet.qr]).toEqual([]);
        writeShot('first-run-recovery-printed.png', bitsToPng(sheet.raster));
        expect(fromRecoveryCode(code).equals(w.app.storeKey)).toBe(true);
        expect(w.app.db.prepare("SELECT action FROM audit_log WHERE entity = 'store' ORDER BY id").all()).toEqual([
          { action: 'store.recovery_code_shown' },
          { action: 'store.recovery_code_printed' },
        ]);
      },
      atSummaryPrinted: async () => {
        await waitFor(() => printer.completeJobs.length === 3);
        const summary = decodeReceipt(printer.completeJobs[2]!.bytes);
        expect(summary.raster.height).toBeGreaterThan(400);
        expect(summary.cuts).toBe(1);
        writeShot('first-run-summary-printed.png', bitsToPng(summary.raster));
        expect(w.app.db.prepare("SELECT kind, title FROM print_jobs WHERE kind = 'setup_summary'").all()).toEqual([{ kind: 'setup_summary', title: 'Biên bản cài đặt SL-MS-Q02' }]);
      },
    });
    console.log(JSON.stringify({ metric: 'first_run_keys', value: k.count, keys: k.keys.join(' ') }));
    expect(k.count).toBeLessThanOrEqual(30);

    // One identity everywhere: the hub's.
    expect(w.app.counter).toMatchObject({ id: 'SL-MS-Q02', name: 'Quầy 2', branchCode: 'SL-MS', branchName: 'Bưu điện Mộc Sơn' });
    await waitText(page, '[data-testid="status-counter"]', /^Bưu điện Mộc Sơn — Quầy 2$/);
    const row = await hub.db.query<{ enrolled_at: string | null }>("SELECT enrolled_at FROM counters WHERE id = 'SL-MS-Q02'");
    expect(row.rows[0]?.enrolled_at).not.toBeNull();
    expect(w.app.db.prepare("SELECT username, role, must_change_password AS m FROM clerks WHERE role != 'admin' ORDER BY username").all()).toEqual([
      { username: 'hungcv', role: 'clerk', m: 1 },
      { username: 'lannt', role: 'clerk', m: 1 },
      { username: 'mailt', role: 'manager', m: 1 },
    ]);
    expect(w.wired.app.services.setup.state()).toMatchObject({ active: false, resumeAt: null });
    expect(w.app.db.prepare("SELECT action, detail FROM audit_log WHERE entity = 'store' ORDER BY id").all()).toEqual([
      { action: 'store.recovery_code_shown', detail: '{}' },
      { action: 'store.recovery_code_printed', detail: expect.stringMatching(/^\{"job":/) },
      { action: 'store.recovery_code_confirmed', detail: '{"readBack":true}' },
    ]);
    await screenshot(page, 'first-run-done');

    // The two clerks sign in with their first passwords and must set their own.
    for (const [username, first, own, name] of [
      ['lannt', 'tam-thoi-1', 'lan-123456', 'Nguyễn Thị Lan'],
      ['hungcv', 'tam-thoi-2', 'hung-123456', 'Cầm Văn Hùng'],
    ] as const) {
      await page.keyboard.press('Control+L');
      await page.waitForSelector('#unlock-password');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#login-username');
      await fill(page, 'login-username', username);
      await fill(page, 'login-password', first);
      await page.waitForSelector('#cp-old');
      await fill(page, 'cp-old', first);
      await fill(page, 'cp-new', own);
      await fill(page, 'cp-confirm', own);
      await waitText(page, '[data-testid="status-clerk"]', new RegExp(`^${name}$`));
      // A clerk is not sent into the first run, and sees the hub's names too.
      expect(await page.getAttribute('[data-testid="setup"]', 'data-step').catch(() => null)).toBeNull();
      await waitText(page, '[data-testid="status-counter"]', /^Bưu điện Mộc Sơn — Quầy 2$/);
    }
    // Every step stays reachable from Ctrl+K (as the admin).
    await page.keyboard.press('Control+L');
    await page.waitForSelector('#unlock-password');
    await page.keyboard.press('Escape');
    await login(page, 'admin', 'quantri1');
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'thiet lap may in');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="setup"][data-step="printer"]');
    await expectFocus(page, 'pr-profile');
    expect(c.errors).toEqual([]);
  }, 300_000);

  it('“Later”: the counter works on an identity typed and checked here, and the status bar says it is not enrolled', async () => {
    const { w, c } = await open({ realClock: true, sync: true, adminReady: false });
    const { page } = c;
    await page.waitForSelector('#setup-password');
    await fill(page, 'setup-password', 'quantri1');
    await fill(page, 'setup-confirm', 'quantri1');
    await expectFocus(page, 'hub-address');
    // What people type: host and port. http to a public name is refused, and says why.
    await fill(page, 'hub-address', 'http://dongbo.example.vn');
    await waitText(page, '.flash.error', /không mã hoá.*chỉ dùng được/);
    await page.keyboard.press('F8');
    await expectFocus(page, 'id-branchName');
    await fill(page, 'id-branchName', 'Bưu điện Chiềng An');
    await fill(page, 'id-branchCode', 'SL-CA');
    await fill(page, 'id-counterName', 'Quầy 1');
    await fill(page, 'id-counterId', 'SL-CA-Q01');
    await pick(page, 'id-province', 'son la');
    await pick(page, 'id-commune', 'chieng an', /^Chiềng An$/);
    await page.waitForSelector('[data-testid="setup"][data-step="printer"]');
    await waitText(page, '[data-testid="status-counter"]', /^Bưu điện Chiềng An — Quầy 1chạy riêng, chưa đăng ký máy chủ tỉnh$/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'first-run-later-printer');
    await page.keyboard.press('F8'); // printer: later
    await expectFocus(page, 'pp-fullName');
    await page.keyboard.press('Enter'); // nobody else yet
    // The recovery code: a wrong read-back is refused and records nothing; the right one goes on.
    await expectFocus(page, 'rc-last');
    const code = await waitText(page, '[data-testid="recovery-code"]', /^([0-9A-Z]{4}){14}$/);
    await fill(page, 'rc-last', code.endsWith('0000') ? '1111' : '0000');
    await waitText(page, '.flash.error', /^Bốn ký tự cuối không khớp với mã khôi phục/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'first-run-later-recovery');
    expect(w.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'store.recovery_code_confirmed'").get()).toEqual({ n: 0 });
    await fill(page, 'rc-last', code.slice(-4).toLowerCase());
    await expectFocus(page, 'summary-finish');
    await waitText(page, '[data-testid="setup-summary"]', /nhập tại quầy/);
    await screenshot(page, 'first-run-later-summary');
    expect(c.errors).toEqual([]);
  }, 120_000);

  it('a crash between steps resumes at the next step, with what was committed', async () => {
    const first = await open({ realClock: true, sync: true, adminReady: false });
    const { page } = first.c;
    const { code } = await createCode(tdb, hub, 'SL-MS', 'Bưu điện Mộc Sơn', 'SL-MS-Q03', 'Quầy 3');
    await page.waitForSelector('#setup-password');
    await fill(page, 'setup-password', 'quantri1');
    await fill(page, 'setup-confirm', 'quantri1');
    // Typed this time: host:port, Enter tests the connection; the code, Enter enrolls.
    await fill(page, 'hub-address', hub.url.replace('http://', ''));
    await waitText(page, '[data-testid="hub-skew"]', /^Đồng hồ máy này/);
    await fill(page, 'hub-code', code.toLowerCase());
    await expectFocus(page, 'identity-ok');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'pr-profile');
    // The machine dies here: the window goes, the store is never closed.
    await first.w.browser.close();
    const again = await open({ realClock: true, sync: true, dir: first.w.dir });
    await login(again.c.page, 'admin', 'quantri1');
    await again.c.page.waitForSelector('[data-testid="setup"][data-step="printer"]');
    await expectFocus(again.c.page, 'pr-profile');
    await waitText(again.c.page, '[data-testid="status-counter"]', /^Bưu điện Mộc Sơn — Quầy 3$/);
    expect(again.w.app.services.setup.state()).toMatchObject({ active: true, resumeAt: 'printer', identity: { counterId: 'SL-MS-Q03', source: 'hub' } });
    await screenshot(again.c.page, 'first-run-resumed');
    expect(again.c.errors).toEqual([]);
  }, 120_000);
});
