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
import { axe, buildRenderer, CHROMIUM, chromiumAvailable, expectFocus, fill, ROOT, screenshot } from './harness';

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

  it('without the secret, nothing is served', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${bridge.origin}/`);
    expect(res?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('khoá phiên');
    await page.close();
  });

  it('with the printed URL: first-run setup, then the counter screens over the bridge', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(bridge.url);
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
});
