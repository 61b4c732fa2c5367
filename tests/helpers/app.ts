/** Test fixtures: a real app on a real SQLite file in a fresh temp folder, with a controllable clock. */
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, CounterConfig } from '../../src/main/app';
import { createApp, openCounterStore } from '../../src/main/app';
import { backupAndCheck } from '../../src/main/store/checks';
import type { Db } from '../../src/main/store/db';
import { keyOf, openCopy, storeFile } from '../../src/main/store/db';
import { keyFilePath } from '../../src/main/store/store-key';
import type { OsKeyStore } from '../../src/main/store/key-store';
import type { Actor } from '../../src/main/services/context';
import type { AcceptDossierInput } from '../../src/shared/schemas';

export interface TestClock {
  now(): number;
  set(iso: string): void;
  advance(ms: number): void;
}

/** A clock for the edge of the system: starts at `iso` (a Vietnam local time like '2026-03-02T09:00'). */
export function testClock(iso = '2026-03-02T09:00'): TestClock {
  let t = Date.parse(`${iso}+07:00`);
  return {
    now: () => t,
    set: (s: string) => {
      t = Date.parse(`${s}+07:00`);
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export function tempDir(prefix = 'quayhcc-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // The file printer's paper lands beside a data folder (printing/start.ts filePrinterOutput).
  return { dir, cleanup: () => [dir, `${dir}-printer-output.bin`].forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

export interface TestApp extends App {
  clock: TestClock;
  dir: string;
  clerk: Actor;
  clerk2: Actor;
  manager: Actor;
  dispose(): void;
}

/** `encryption: false` only where a test reads the store's plaintext bytes (what the cipher would hide). */
export function createTestApp(opts: { clock?: TestClock; counter?: CounterConfig; dir?: string; keyStore?: OsKeyStore; encryption?: false } = {}): TestApp {
  const clock = opts.clock ?? testClock();
  const tmp = opts.dir ? { dir: opts.dir, cleanup: () => undefined } : tempDir();
  const app = createApp({ dataDir: tmp.dir, clock, ...(opts.counter ? { counter: opts.counter } : {}), ...(opts.keyStore ? { keyStore: opts.keyStore } : {}), ...(opts.encryption === false ? { encryption: false as const } : {}) });
  const counterId = app.counter.id;
  const insert = app.db.prepare("INSERT OR IGNORE INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES (?, ?, ?, ?, 0, 0)");
  insert.run('clerk-1', 'lan', 'Lò Thị Lan', 'clerk');
  insert.run('clerk-2', 'hung', 'Cầm Văn Hùng', 'clerk');
  insert.run('manager-1', 'mai', 'Quàng Thị Mai', 'manager');
  return {
    ...app,
    clock,
    dir: tmp.dir,
    clerk: { clerkId: 'clerk-1', counterId, role: 'clerk' },
    clerk2: { clerkId: 'clerk-2', counterId, role: 'clerk' },
    manager: { clerkId: 'manager-1', counterId, role: 'manager' },
    dispose() {
      app.close();
      tmp.cleanup();
    },
  };
}

/** A verified copy of an open store at `file`, encrypted with its key, as the daily backup makes it. */
export async function backupOf(db: Db, file: string): Promise<void> {
  const res = await backupAndCheck(db, file, (f) => openCopy(f, keyOf(db)));
  if (res !== 'ok') throw new Error(`backup check: ${res}`);
}

/** Opens the (encrypted) store of a data folder that a test app made, with this machine's key. */
export function openDataStore(dir: string): Db {
  return openCounterStore(dir).db;
}

/**
 * A data folder as a version before encryption left it: a plain store holding `n` intakes, a last
 * write (meta 'plain_wal_mark') still only in its -wal, as after a crash, and no key file. Returns
 * the dossiers' ids.
 */
export function plainDataFolder(dir: string, n: number, keyStore?: OsKeyStore): string[] {
  const app = createTestApp({ dir, ...(keyStore ? { keyStore } : {}) });
  const ids = Array.from({ length: n }, () => app.services.intake.accept(lltpInput(), app.clerk).dossierId);
  const key = app.storeKey;
  app.close();
  const plain = openCopy(storeFile(dir), key);
  plain.pragma('journal_mode = DELETE');
  plain.pragma("rekey = ''");
  plain.close();
  rmSync(keyFilePath(dir));
  // The files are copied while the writer is still open, before any checkpoint: the pair is what a
  // crash leaves.
  const file = storeFile(dir);
  const writer = openCopy(file, undefined);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.prepare("INSERT INTO meta (key, value) VALUES ('plain_wal_mark', 'in the wal')").run();
  copyFileSync(file, `${file}.crash`);
  copyFileSync(`${file}-wal`, `${file}.crash-wal`);
  writer.close();
  renameSync(`${file}.crash`, file);
  renameSync(`${file}.crash-wal`, `${file}-wal`);
  return ids;
}

/** Given names for numbered test citizens: a name holds no digits (names are checked, issue #16). */
export const NAME_WORDS = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Khánh', 'Lâm', 'Minh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tâm', 'Uyên', 'Vân', 'Xuân'];

export const CITIZEN = {
  fullName: 'Lò Văn Pình',
  idKind: 'cccd' as const,
  idNumber: '014085001234',
  phone: '0912 345 678',
  address: 'Tổ 5, phường Tô Hiệu',
  provinceCode: '14',
  communeCode: '03646',
};

/** A complete judicial-record intake (LLTP no. 1), both services, delivery to the home address. */
export function lltpInput(over: Partial<AcceptDossierInput> = {}): AcceptDossierInput {
  return {
    serviceType: 'both',
    procedureCode: 'TP-LLTP-01',
    sender: { ...CITIZEN },
    documents: [
      { code: '1', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', form: 'original', requiredCount: 1, providedCount: 1, required: true },
      { code: '2', name: 'Căn cước công dân', form: 'copy', requiredCount: 1, providedCount: 1, required: true },
    ],
    returnMethod: 'home',
    returnAddress: { address: 'Tổ 5, phường Tô Hiệu', provinceCode: '14', communeCode: '03646' },
    feeCategory: 'standard',
    feeAmount: 200000,
    feeCollectedNow: true,
    postageAmount: 28000,
    paymentMethod: 'cash',
    ...over,
  };
}

/** Row counts of every table a use case writes, to prove a refusal wrote nothing. */
export function writeCounts(app: App): Record<string, number> {
  const tables = ['dossiers', 'parties', 'dossier_documents', 'dossier_events', 'ledger', 'audit_log', 'outbox', 'batches'];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = (app.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  counts.serial = (app.db.prepare('SELECT SUM(next_serial) AS n FROM serial_ranges').get() as { n: number }).n;
  return counts;
}
