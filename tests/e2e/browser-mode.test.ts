/**
 * Browser mode as `npm run start:browser` runs it: the bridge serves the built renderer on loopback
 * with a per-run secret, and `window.api` goes over HTTP to the same registry. Keyboard only.
 */
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counter } from '../../src/main/counter';
import { createCounter } from '../../src/main/counter';
import { startBridge } from '../../src/main/bridge/server';
import type { Bridge } from '../../src/main/bridge/server';
import { axe, buildRenderer, CHROMIUM, chromiumAvailable, expectFocus, fill, login, ROOT, screenshot, waitText } from './harness';
import { recordingServer } from '../helpers/recording-server';

const run = chromiumAvailable();

describe('npm start without the Electron binary', () => {
  it('says so plainly and offers browser mode, without a stack trace', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-browser'], { encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'no-electron-here') } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Không tìm thấy chương trình Electron');
    expect(r.stdout).toContain('npm run start:browser');
    expect(r.stderr).not.toMatch(/at .*\(.*:\d+:\d+\)/);
  });
});

describe.skipIf(!run)('browser mode (bridge over loopback HTTP)', () => {
  let dir: string;
  let counter: Counter;
  let bridge: Bridge;
  let browser: Browser;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quay-browser-'));
    counter = createCounter({ dataDir: join(dir, 'data'), resourcesDir: join(ROOT, 'resources') });
    bridge = await startBridge({ wired: counter, rendererDir: await buildRenderer() });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await counter?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without the key, the page only says how to open it, and no call is answered', async () => {
    const page = await browser.newPage();
    await page.goto(`${bridge.origin}/`);
    expect(await waitText(page, '[role="alert"]', /khoá phiên/)).toContain('npm run start:browser');
    await page.close();
  });

  it('with the printed URL: first-run setup, then the counter screens over the bridge', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(bridge.url);
    await page.waitForSelector('#setup-password');
    expect(page.url()).toBe(`${bridge.origin}/`); // the key left the address bar
    await page.waitForSelector('#setup-password');
    await fill(page, 'setup-password', 'quantri1');
    await fill(page, 'setup-confirm', 'quantri1');
    await page.waitForSelector('[data-testid="status-clerk"]');
    // The admin's first password leads into the guided first run; F2 leaves it for the intake screen.
    await expectFocus(page, 'hub-address');
    await page.keyboard.press('F2');
    await expectFocus(page, 'sender-idKind');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '90-browser-mode');
    // window.api is the bridged one, and it refuses what the contract refuses.
    const refused = await page.evaluate(() => (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api['lookup.search']!({ query: 'x', extra: 1 }));
    expect(refused).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Dữ liệu có trường không được phép: extra.' } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the key never reaches another service on the loopback: no cookie, no key in what it receives', async () => {
    const other = await recordingServer();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(bridge.url);
      await page.waitForSelector('#login-username');
      expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('quay-key'))).toBe(bridge.secret);
      // Another page of the same browser visits a service on another loopback port; its page loads an image there.
      const visit = await context.newPage();
      await visit.goto(`${other.origin}/trang`);
      await visit.waitForFunction(() => (globalThis as unknown as { document: { images: { complete: boolean }[] } }).document.images[0]?.complete === true);
      expect(other.requests.map((r) => r.url)).toEqual(expect.arrayContaining(['/trang', '/anh.png']));
      for (const r of other.requests) {
        expect(r.headers['cookie']).toBeUndefined();
        expect(JSON.stringify(r)).not.toContain(bridge.secret);
      }
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
      await other.close();
    }
  });

  it('each tab signs in on its own: two tabs, two clerks, and a reload keeps each one', async () => {
    for (const [username, fullName] of [['lan', 'Lò Thị Lan'], ['hung', 'Cầm Văn Hùng']] as const) {
      const c = await counter.auth.createClerk({ username, fullName, role: 'clerk', password: 'tam-thoi-1' }, { clerkId: 'test', counterId: counter.counter.id });
      await counter.auth.changePassword({ oldPassword: 'tam-thoi-1', newPassword: '246810' }, { clerkId: c.id, counterId: counter.counter.id });
    }
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto(bridge.url);
    await login(a, 'lan', '246810');
    await b.goto(bridge.url);
    await login(b, 'hung', '246810');
    const who = async (p: typeof a) => (await p.textContent('[data-testid="status-clerk"]')) ?? '';
    expect(await who(a)).toContain('Lò Thị Lan');
    expect(await who(b)).toContain('Cầm Văn Hùng');
    await a.reload();
    await a.waitForSelector('[data-testid="status-clerk"]');
    expect(await who(a)).toContain('Lò Thị Lan');
    // A third tab opened with the printed URL starts signed out.
    const c = await context.newPage();
    await c.goto(bridge.url);
    await c.waitForSelector('#login-username');
    await context.close();
  });

  it('the customer display opens from the printed URL with &khach-hang, keeps no key in its address and follows the counter', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const display = await context.newPage();
    await display.goto(`${bridge.url}&khach-hang`);
    await display.waitForSelector('[data-testid="customer-display"]');
    expect(display.url()).toBe(`${bridge.origin}/#khach-hang`);
    // Its long poll goes through the bridge with the key: the idle screen, not a refusal.
    await display.waitForSelector('[data-testid="customer-display"][data-screen="idle"]');
    expect(await display.textContent('body')).not.toContain('khoá phiên');
    await context.close();
  });
});
