/**
 * The one set-up of a counter and the keyboard flows shared by the end-to-end tests and the UI bench
 * (no vitest import here: the bench runs outside vitest; the test-file hooks are in suite.ts).
 */
import type { Page } from 'playwright-core';
import type { Counter, World } from './harness';
import { activeId, expectFocus, fill, login, makeClerk, pick, setupAdmin, startWorld, typeHuman, waitText } from './harness';
import { foldVi } from '../../src/shared/text';

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
  /** A passport's nationality (ICAO code), typed in the field a passport adds after the number. */
  nationality?: string;
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

/** The standard intake of issue #16 §4: Đổi giấy phép lái xe, four papers handed in, no proxy, pickup, cash. */
export const STANDARD: IntakeData = {
  idNumber: '014091001122',
  fullName: 'Lò Văn Bình',
  phone: '0912 345 678',
  address: 'Số 5, tổ 2',
  province: 'son la',
  commune: 'to hieu',
  procedure: 'doi gplx',
  procedureLabel: /Đổi giấy phép lái xe/,
  provided: ['1', '1', '1', '1'],
};

/** The value of a field on the page (a select's, an input's). */
async function valueOf(page: Page, id: string): Promise<string> {
  return page.$eval(`#${id}`, (el) => (el as unknown as { value: string }).value);
}

/**
 * At the focused field `id`: type `text` as a clerk would (select-all first only when the field
 * holds something), then Enter. An empty `text` on an empty field is just Enter.
 */
async function enterText(page: Page, id: string, text: string): Promise<void> {
  await expectFocus(page, id);
  if ((await valueOf(page, id)) !== '') return fill(page, id, text);
  if (text !== '') await typeHuman(page, text);
  await page.keyboard.press('Enter');
}

/** A <select> at option `index` whatever it starts on (remembered choices), then Enter unless told not to. */
async function chooseIndex(page: Page, id: string, index: number, enter = true): Promise<void> {
  await expectFocus(page, id);
  const at = await page.$eval(`#${id}`, (el) => (el as unknown as { selectedIndex: number }).selectedIndex);
  for (let i = at; i < index; i++) await page.keyboard.press('ArrowDown');
  for (let i = at; i > index; i--) await page.keyboard.press('ArrowUp');
  if (enter) await page.keyboard.press('Enter');
}

/** Tab or Shift+Tab (at most 8 fields) to a field Enter passed over because it was already right. */
async function tabBackTo(page: Page, id: string): Promise<void> {
  const ahead = await page.evaluate((target) => {
    const d = (globalThis as unknown as { document: { activeElement: { compareDocumentPosition(o: unknown): number } | null; getElementById(i: string): unknown } }).document;
    const el = d.getElementById(target);
    return Boolean(el && d.activeElement && d.activeElement.compareDocumentPosition(el) & 4);
  }, id);
  for (let i = 0; i < 8 && (await activeId(page)) !== id; i++) await page.keyboard.press(ahead ? 'Tab' : 'Shift+Tab');
  await expectFocus(page, id, 1000);
}

/** The sender's province and commune: Enter passes over them when set (the branch's); changed only when they differ. */
async function typePlace(page: Page, d: IntakeData): Promise<void> {
  const label = async (id: string) => foldVi(await valueOf(page, id));
  const provinceRight = (await label('sender-province')).includes(foldVi(d.province));
  const communeRight = provinceRight && (await label('sender-commune')) !== '' && (await label('sender-commune')).includes(foldVi(d.commune));
  if (communeRight) return expectFocus(page, 'has-proxy');
  if (!provinceRight) {
    await tabBackTo(page, 'sender-province');
    await pick(page, 'sender-province', d.province);
  } else if ((await activeId(page)) !== 'sender-commune') {
    await tabBackTo(page, 'sender-commune');
    await page.keyboard.press('Control+A');
  }
  await pick(page, 'sender-commune', d.commune);
}

/** The checklist: Enter on each count already right (typed only when it differs), the kind only where asked. */
async function typeChecklist(page: Page, d: IntakeData): Promise<void> {
  for (let i = 0; i < d.provided.length; i++) {
    await expectFocus(page, `doc-${i}`);
    if ((await valueOf(page, `doc-${i}`)) === d.provided[i]) await page.keyboard.press('Enter');
    else await fill(page, `doc-${i}`, d.provided[i]!);
  }
}

/** Fee category, fee and postage when the data changes them (Enter passed over them), then the payment. */
async function typePayment(page: Page, d: IntakeData): Promise<void> {
  // Several fee categories: Enter stops on the choice (the first unless the data says otherwise).
  if ((await activeId(page)) === 'fee-category') await chooseIndex(page, 'fee-category', d.feeCategoryDowns ?? 0);
  else if (d.feeCategoryDowns) {
    await tabBackTo(page, 'fee-category');
    await chooseIndex(page, 'fee-category', d.feeCategoryDowns);
  }
  if (d.fee !== undefined) {
    await tabBackTo(page, 'fee');
    await fill(page, 'fee', d.fee);
  }
  if (d.postage !== undefined) {
    await tabBackTo(page, 'postage');
    await fill(page, 'postage', d.postage);
  }
  if ((await activeId(page)) !== 'payment') await tabBackTo(page, 'payment');
  await chooseIndex(page, 'payment', d.transfer ? 1 : 0, false);
}

/**
 * Types a whole intake form as a clerk does, starting on F2: Enter between fields, passing over what
 * is already right (issue #16 §4). Does not press F10.
 */
/** The standard judicial-record intake several flows start from (Quàng Văn Sơn, Chiềng An, two papers of four). */
export const LLTP_INTAKE: IntakeData = {
  idNumber: '014185003456',
  fullName: 'Quàng Văn Sơn',
  phone: '0987 111 222',
  address: 'Bản Có Nàng',
  province: 'son la',
  commune: 'chieng an',
  procedure: 'ly lich tu phap',
  procedureLabel: /Phiếu lý lịch tư pháp số 1/,
  provided: ['1', '1', '0', '0'],
};

export async function typeIntake(page: Page, d: IntakeData): Promise<void> {
  await page.keyboard.press('F2');
  await chooseIndex(page, 'sender-idKind', d.idKind ?? 0);
  await enterText(page, 'sender-idNumber', d.idNumber);
  if (d.nationality !== undefined) await enterText(page, 'sender-nationality', d.nationality);
  await enterText(page, 'sender-fullName', d.fullName);
  await expectFocus(page, 'sender-phone');
  await typeHuman(page, d.phone);
  if (d.organisation) {
    await page.keyboard.press('Tab');
    await expectFocus(page, 'sender-organisation');
    await typeHuman(page, d.organisation);
  }
  await page.keyboard.press('Enter');
  await enterText(page, 'sender-address', d.address);
  await typePlace(page, d);
  await expectFocus(page, 'has-proxy');
  if (d.proxy) {
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await chooseIndex(page, 'proxy-idKind', 0);
    await enterText(page, 'proxy-idNumber', d.proxy.idNumber);
    await enterText(page, 'proxy-fullName', d.proxy.fullName);
    await enterText(page, 'proxy-phone', d.proxy.phone);
    await enterText(page, 'proxy-authorisationRef', d.proxy.authorisationRef);
  } else {
    await page.keyboard.press('Enter');
  }
  await pick(page, 'procedure', d.procedure, d.procedureLabel);
  await typeChecklist(page, d);
  await chooseIndex(page, 'service', d.service ?? 0);
  if ((d.service ?? 0) !== 1) await chooseIndex(page, 'return-method', d.returnMethod ?? 0);
  await typePayment(page, d);
}

/**
 * F10 shows the summary to the citizen (review panel, customer display); Enter once they agreed
 * commits and prints. Returns the grouped item number shown on the confirmation panel.
 */
export async function saveIntake(page: Page): Promise<string> {
  await page.keyboard.press('F10');
  await page.waitForSelector('[data-testid="review"]', { timeout: 5000 });
  await expectFocus(page, 'review');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="confirmation"]', { timeout: 5000 });
  return ((await page.textContent('[data-testid="item-number"]')) ?? '').trim();
}

/**
 * Counts the clerk's keys that are not free text (issue #16 §4): every key press that is a named key
 * (Enter, Tab, F2, arrows, Delete…) or a chord (Ctrl+A); characters typed into fields are free text.
 * Modifier keys alone are not counted; a chord counts once.
 */
export async function countKeys(page: Page): Promise<{ count(): Promise<number>; keys(): Promise<string[]> }> {
  await page.evaluate(() => {
    const g = globalThis as unknown as { __keys?: string[]; addEventListener(t: string, f: (e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }) => void, c: boolean): void };
    if (g.__keys) {
      g.__keys.length = 0;
      return;
    }
    const keys: string[] = (g.__keys = []);
    g.addEventListener(
      'keydown',
      (e) => {
        if (['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return;
        const chord = e.ctrlKey || e.altKey || e.metaKey;
        if (e.key.length > 1 || chord) keys.push(`${e.ctrlKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${e.key}`);
      },
      true,
    );
  });
  const keys = () => page.evaluate(() => [...((globalThis as unknown as { __keys: string[] }).__keys ?? [])]);
  return { keys, count: async () => (await keys()).length };
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
