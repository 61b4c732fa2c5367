/**
 * The one set-up of a counter and the keyboard flows shared by the end-to-end tests and the UI bench
 * (no vitest import here: the bench runs outside vitest; the test-file hooks are in suite.ts).
 */
import type { Page } from 'playwright-core';
import type { Counter, World } from './harness';
import { choose, expectFocus, fill, login, makeClerk, pick, setupAdmin, startWorld, typeHuman, waitText } from './harness';

export interface CounterSetup {
  /** The test clock's start (epoch ms); ignored with `realClock`. */
  start?: number;
  realClock?: boolean;
  /** Start the real sync worker (it syncs when asked, not on a timer). */
  sync?: boolean;
  /** Another world's folder: the application starts again on that store. */
  dir?: string;
  /** false: the admin has no password yet, the window opens on first-run set-up. Default true ('quantri1'). */
  adminReady?: boolean;
  /** Accounts made before the window opens (password '246810' unless given). */
  clerks?: { username: string; fullName: string; role?: 'clerk' | 'manager' | 'admin'; password?: string }[];
  /** Who logs in once the window is open: one of `clerks`, or 'admin'. None: the window stays on its first screen. */
  login?: string;
}

export interface CounterWorld {
  w: World;
  c: Counter;
}

/** A world (the real app on a temp store, Chromium) with its accounts and one counter window, logged in as asked. */
export async function openCounterWorld(setup: CounterSetup): Promise<CounterWorld> {
  const w = await startWorld({ ...(setup.start !== undefined ? { start: setup.start } : {}), ...(setup.dir ? { dir: setup.dir } : {}), realClock: setup.realClock ?? false, sync: setup.sync ?? false });
  if (setup.adminReady !== false) await setupAdmin(w);
  for (const k of setup.clerks ?? []) await makeClerk(w, k.username, k.fullName, k.role ?? 'clerk', k.password);
  const c = await w.openCounter();
  if (setup.login === 'admin') await login(c.page, 'admin', 'quantri1');
  else if (setup.login) await login(c.page, setup.login, setup.clerks?.find((k) => k.username === setup.login)?.password ?? '246810');
  return { w, c };
}

export interface IntakeData {
  idKind?: 0 | 1 | 2;
  idNumber: string;
  fullName: string;
  phone: string;
  organisation?: string;
  address: string;
  province: string;
  commune: string;
  proxy?: { idNumber: string; fullName: string; phone: string; authorisationRef: string };
  procedure: string;
  procedureLabel?: RegExp;
  /** Provided count per checklist row, in order (missing rows → '0'). */
  provided: string[];
  /** Downs from "both": 0 both, 1 send only, 2 return only. */
  service?: 0 | 1 | 2;
  /** Downs from "pickup": 0 pickup, 1 home. */
  returnMethod?: 0 | 1;
  feeCategoryDowns?: number;
  fee?: string;
  postage?: string;
  transfer?: boolean;
}

/** Types a whole intake form with Enter between fields, starting on F2. Does not press F10. */
export async function typeIntake(page: Page, d: IntakeData): Promise<void> {
  await page.keyboard.press('F2');
  await expectFocus(page, 'sender-idKind');
  await choose(page, 'sender-idKind', d.idKind ?? 0);
  await fill(page, 'sender-idNumber', d.idNumber);
  await fill(page, 'sender-fullName', d.fullName);
  await fill(page, 'sender-phone', d.phone);
  await fill(page, 'sender-organisation', d.organisation ?? '');
  await fill(page, 'sender-address', d.address);
  await pick(page, 'sender-province', d.province);
  await pick(page, 'sender-commune', d.commune);
  await expectFocus(page, 'has-proxy');
  if (d.proxy) {
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await choose(page, 'proxy-idKind', 0);
    await fill(page, 'proxy-idNumber', d.proxy.idNumber);
    await fill(page, 'proxy-fullName', d.proxy.fullName);
    await fill(page, 'proxy-phone', d.proxy.phone);
    await fill(page, 'proxy-authorisationRef', d.proxy.authorisationRef);
  } else {
    await page.keyboard.press('Enter');
  }
  await pick(page, 'procedure', d.procedure, d.procedureLabel);
  for (let i = 0; i < d.provided.length; i++) {
    await fill(page, `doc-${i}`, d.provided[i]!);
    await expectFocus(page, `docform-${i}`);
    await page.keyboard.press('Enter');
  }
  await choose(page, 'service', d.service ?? 0);
  if ((d.service ?? 0) !== 1) await choose(page, 'return-method', d.returnMethod ?? 0);
  await choose(page, 'fee-category', d.feeCategoryDowns ?? 0);
  if (d.fee !== undefined) await fill(page, 'fee', d.fee);
  else await page.keyboard.press('Enter');
  if (d.postage !== undefined) await fill(page, 'postage', d.postage);
  else await page.keyboard.press('Enter');
  await expectFocus(page, 'payment');
  if (d.transfer) await page.keyboard.press('ArrowDown');
}

/** F10, then the confirmation panel: returns the grouped item number shown to the citizen. */
export async function saveIntake(page: Page): Promise<string> {
  await page.keyboard.press('F10');
  await page.waitForSelector('[data-testid="confirmation"]', { timeout: 5000 });
  return ((await page.textContent('[data-testid="item-number"]')) ?? '').trim();
}

export const compact = (grouped: string) => grouped.replace(/\s+/g, '');

export async function lockAndLogin(page: Page, username: string, password: string): Promise<void> {
  await page.keyboard.press('Control+L');
  await page.waitForSelector('#unlock-password');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#login-username');
  await fill(page, 'login-username', username);
  await fill(page, 'login-password', password);
  await page.waitForSelector('[data-testid="status-clerk"]');
}

/** F4: batch every waiting dossier of the first agency, record the filing, then appointment dates. */
export async function dispatchFirstAgency(page: Page, officer: string, appointment: string, count: number): Promise<void> {
  await page.keyboard.press('F4');
  await expectFocus(page, 'batch-create-0');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'filing-officer-0');
  await typeHuman(page, officer);
  await page.keyboard.press('Enter');
  await expectFocus(page, 'filing-time-0');
  await page.keyboard.press('Enter');
  await waitText(page, '.flash', /Đã ghi nhận cơ quan nhận chuyến/);
  for (let i = 0; i < count; i++) {
    await expectFocus(page, 'appt-0');
    await typeHuman(page, appointment);
    await page.keyboard.press('Enter');
    await waitText(page, '.flash', /Đã ghi ngày hẹn/);
  }
}

/** F9: type each item number and Enter. */
export async function collectResults(page: Page, items: string[]): Promise<void> {
  await page.keyboard.press('F9');
  for (const item of items) {
    await expectFocus(page, 'collect-code');
    await typeHuman(page, item);
    await page.keyboard.press('Enter');
    await waitText(page, '.flash', new RegExp(item.slice(0, 2)));
  }
}

/** F6: find the dossier by item number; ready to fill the recipient. */
export async function openHandover(page: Page, item: string): Promise<void> {
  await page.keyboard.press('F6');
  await expectFocus(page, 'ho-code');
  await typeHuman(page, item);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="handover-dossier"]');
}
