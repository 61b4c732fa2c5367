/**
 * End-to-end harness: the real application (createCounter on a temp SQLite file, the one handler
 * registry) in this Node process, the real renderer built by Vite, Debian's Chromium through
 * playwright-core. `window.api` is built by the renderer from an `exposeBinding` that calls the same
 * registry Electron main and the browser bridge use. Keyboard only: no click, no mouse.
 */
import react from '@vitejs/plugin-react';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { App } from '../../src/main/app';
import type { Counter as CounterApp } from '../../src/main/counter';
import { createCounter } from '../../src/main/counter';
import { CSP } from '../../src/main/electron/window';
import type { Session } from '../../src/main/ipc/registry';
import type { Printing } from '../../src/main/printing/start';
import type { SyncWorker } from '../../src/main/sync/worker';
import { htmlToPdf } from '../../src/main/printing/a4-chromium';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = resolve(__dirname, '../..');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
export const ORIGIN = 'http://quay.test';

/** Skip (with a clear message) when Chromium is missing, unless CI=true, where that is a failure. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['CI'] === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium package.`);
  console.warn(`[e2e] SKIPPED: ${CHROMIUM} not found. Install Debian's chromium (apt-get install chromium) to run the end-to-end tests.`);
  return false;
}

let built: Promise<string> | null = null;
/** Builds the renderer once per test file into its own temp folder (no races between files). */
export function buildRenderer(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'quay-renderer-'));
    await build({
      root: join(ROOT, 'src/renderer'),
      base: './',
      configFile: false,
      logLevel: 'error',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, target: 'chrome130', minify: false, modulePreload: { polyfill: false } },
    });
    return outDir;
  })();
  return built;
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.png': 'image/png' };

export interface TestClock {
  now(): number;
  set(ms: number): void;
  advanceDays(n: number): void;
}

export function testClock(start: number): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advanceDays: (n) => (t += n * 86_400_000) };
}

/** The print jobs stored in the durable queue, oldest first. */
export function printJobs(w: World): { kind: string; ref: string | null; copy_no: number }[] {
  return w.app.db.prepare('SELECT kind, ref, copy_no FROM print_jobs ORDER BY seq').all() as { kind: string; ref: string | null; copy_no: number }[];
}

export interface Counter {
  page: Page;
  context: BrowserContext;
  session: Session;
  errors: string[];
}

export interface World {
  dir: string;
  app: App;
  /** The counter (createCounter): its registry, sessions, auth. */
  wired: CounterApp;
  clock: TestClock;
  printing: Printing;
  /** The sync worker, when the world was started with `sync: true`. */
  sync: SyncWorker | undefined;
  browser: Browser;
  rendererDir: string;
  /** Opens one counter window (its own session) at 1366×768. */
  openCounter(): Promise<Counter>;
  close(): Promise<void>;
}

/**
 * `dir`: an existing world's folder, to start the application again on the same store (as after a
 * crash); the folder is then left for its first owner to remove.
 */
export async function startWorld(opts: { start?: number; realClock?: boolean; sync?: boolean; dir?: string } = {}): Promise<World> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'quay-e2e-'));
  const clock = opts.realClock ? { now: () => Date.now(), set: () => {}, advanceDays: () => {} } : testClock(opts.start ?? Date.now());
  const counter = createCounter({
    dataDir: join(dir, 'data'),
    clock,
    resourcesDir: join(ROOT, 'resources'),
    // The real durable print queue, printing to a file in the data folder.
    printing: { startOn: 'file', htmlToPdf: (html) => htmlToPdf(html) },
    // The real sync worker (when asked for); it syncs when the test or a screen asks, not on a timer.
    ...(opts.sync ? { sync: { pollIntervalMs: 3_600_000, start: false } } : {}),
    log: { error: (m, e) => console.error(m, e) },
  });
  const { app, printing } = counter;
  const sync = counter.sync ?? undefined;
  const wired = counter;
  const rendererDir = await buildRenderer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const contexts: BrowserContext[] = [];
  return {
    dir,
    app,
    wired,
    clock,
    printing,
    sync,
    browser,
    rendererDir,
    async openCounter() {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(context);
      const session = wired.newSession();
      await context.exposeBinding('__quayInvoke', (_src, channel: unknown, input: unknown) => wired.registry.invoke(channel, input, session));
      await context.route(`${ORIGIN}/**`, async (route) => {
        const path = new URL(route.request().url()).pathname;
        const file = join(rendererDir, path === '/' ? 'index.html' : decodeURIComponent(path));
        if (!file.startsWith(rendererDir) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
        return route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP } });
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${ORIGIN}/`);
      return { page, context, session, errors };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await counter.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a clerk through the auth service and sets their own password (as the UI flow would). */
export async function makeClerk(w: World, username: string, fullName: string, role: 'clerk' | 'manager' | 'admin' = 'clerk', password = '246810') {
  const actor = { clerkId: 'setup', counterId: w.wired.counter.id };
  const c = await w.wired.auth.createClerk({ username, fullName, role, password: 'tam-thoi-1' }, actor);
  await w.wired.auth.changePassword({ oldPassword: 'tam-thoi-1', newPassword: password }, { clerkId: c.id, counterId: actor.counterId });
  return c;
}

/** Gives the first-run admin a password without the UI (for tests that are not about first run). */
export async function setupAdmin(w: World, password = 'quantri1') {
  if (w.wired.auth.needsSetup().needsSetup) await w.wired.auth.setupAdmin({ username: 'admin', password }, w.wired.counter.id);
}

// ---------- keyboard helpers ----------

export async function activeId(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? '');
}

/** Waits until the focused element has this id (the Enter-to-next chain put it there). */
export async function expectFocus(page: Page, id: string, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = await activeId(page);
    if (last === id) return;
    await page.waitForTimeout(25);
  }
  throw new Error(`expected focus on #${id}, but it is on #${last || '(nothing)'}`);
}

/**
 * Types like a person as far as the scanner detector is concerned: fast keys, but with one pause
 * before the last character, so a long value followed by Enter is not taken for a barcode scan.
 */
export async function typeHuman(page: Page, text: string): Promise<void> {
  if (text.length < 8) return page.keyboard.type(text, { delay: 2 });
  await page.keyboard.type(text.slice(0, -1), { delay: 2 });
  await page.waitForTimeout(80);
  await page.keyboard.type(text.slice(-1));
}

/**
 * A barcode scanner: the whole code in a burst, 4 ms apart, then Enter. Sent as key events through
 * the DevTools protocol with explicit timestamps (what a USB scanner's keyboard events carry), so a
 * loaded test machine cannot stretch the burst into "typing".
 */
export async function scan(page: Page, code: string, gapMs = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const t0 = Date.now() / 1000;
  const keys = [...code].map((ch) => ({ key: ch, text: ch, code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, vk: ch.toUpperCase().charCodeAt(0) }));
  let i = 0;
  for (const k of keys) {
    const timestamp = t0 + (i++ * gapMs) / 1000;
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: k.key, text: k.text, code: k.code, windowsVirtualKeyCode: k.vk, timestamp });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.vk, timestamp: timestamp + 0.001 });
  }
  const timestamp = t0 + (i * gapMs) / 1000;
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13, timestamp });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: timestamp + 0.001 });
  await cdp.detach();
}

/** At the focused field `id`: select all, type `text` like a person, then Enter. */
export async function fill(page: Page, id: string, text: string, enter = true): Promise<void> {
  await expectFocus(page, id);
  await page.keyboard.press('Control+A');
  if (text === '') await page.keyboard.press('Delete');
  else await typeHuman(page, text);
  if (enter) await page.keyboard.press('Enter');
}

/**
 * In a combobox: type, wait for the option list; with `expectLabel`, the wanted option must be in the
 * top three and is reached with ArrowDown; Enter picks it.
 */
/**
 * Waits until combobox `id` shows its answer to `typed` with an entry selected. Not an earlier
 * answer still on screen: on a loaded machine the answer to "gpl" can be shown while "gplx" is
 * searched, and choosing by its order in the next list picked another procedure.
 */
export async function listAnswers(page: Page, id: string, typed: string): Promise<void> {
  await page.waitForFunction(
    ([list, text]) => {
      type El = { dataset: Record<string, string | undefined>; querySelector(s: string): unknown };
      const ul = (globalThis as unknown as { document: { getElementById(id: string): El | null } }).document.getElementById(list);
      return ul?.dataset['answers'] === text && ul.querySelector('li[aria-selected="true"]') !== null;
    },
    [`${id}-list`, typed] as const,
    { timeout: 10_000 },
  );
}

export async function pick(page: Page, id: string, text: string, expectLabel?: RegExp): Promise<void> {
  await expectFocus(page, id);
  await typeHuman(page, text);
  await listAnswers(page, id, text);
  if (expectLabel) {
    const labels = await page.$$eval(`#${id}-list li .opt-label`, (els) => els.map((e) => e.textContent ?? ''));
    const at = labels.slice(0, 3).findIndex((l) => expectLabel.test(l));
    if (at < 0) throw new Error(`combobox #${id}: "${text}" does not find ${expectLabel} in the top three: ${labels.slice(0, 3).join(' | ')}`);
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** A <select>: ArrowDown `n` times, then Enter to move on. */
export async function choose(page: Page, id: string, downs: number): Promise<void> {
  await expectFocus(page, id);
  for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

export async function flashText(page: Page): Promise<string> {
  return (await page.textContent('.flash')) ?? '';
}

export async function waitText(page: Page, selector: string, re: RegExp, timeout = 10_000): Promise<string> {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = (await page.textContent(selector).catch(() => null)) ?? '';
    if (re.test(last)) return last;
    await page.waitForTimeout(25);
  }
  throw new Error(`${selector}: "${last}" does not match ${re}`);
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.waitForSelector('#login-username');
  await fill(page, 'login-username', username);
  await fill(page, 'login-password', password);
  await page.waitForSelector('[data-testid="status-clerk"]');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

const axeSource = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2 A/AA rules) on the page; returns the violations, described. */
export async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const res = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
  return res.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** Counts rows of a table (to prove "saved nothing"). */
export function count(w: World, table: string): number {
  return (w.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
