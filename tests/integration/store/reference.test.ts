/**
 * The counter's one loader of reference kinds (src/main/reference/load.ts) on real SQLite stores:
 * every kind of the registry is seeded from its bundled file, a kind added by an update reaches a
 * store made before it, a bad document is refused in Vietnamese and changes nothing, and a required
 * kind whose file is missing from the installation is a clear start-up error.
 */
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { loadReference, readReference } from '../../../src/main/reference/load';
import { DomainError } from '../../../src/shared/errors';
import { REFERENCE_KINDS, REFERENCE_NAMES } from '../../../src/shared/reference-kinds';
import { createTestApp, tempDir, type TestApp } from '../../helpers/app';

const RESOURCES = resolve(__dirname, '../../../resources');
const open: { dispose(): void }[] = [];
afterEach(() => {
  for (const a of open.splice(0)) a.dispose();
});
const app = (dir?: string): TestApp => {
  const a = createTestApp(dir ? { dir } : {});
  open.push(a);
  return a;
};
const tariffRow = (a: TestApp) => a.db.prepare("SELECT version, payload FROM reference_docs WHERE name = 'tariff'").get() as { version: string; payload: string } | undefined;

describe('reference kinds in the counter’s store', () => {
  it('a new store holds every kind of the registry, from the bundled files', () => {
    const a = app();
    const rows = a.db.prepare('SELECT name, version FROM reference_docs').all() as { name: string; version: string }[];
    for (const name of REFERENCE_NAMES) expect(rows.map((r) => r.name)).toContain(name);
    expect(rows.find((r) => r.name === 'tariff')!.version).toBe('2026.07-mau.1');
    expect(a.services.reference.tariff().postage.sample).toBe(true);
  });

  it('a store made before a kind existed gets it on the next start', () => {
    const t = tempDir();
    open.push({ dispose: t.cleanup });
    const first = app(t.dir);
    first.db.prepare("DELETE FROM reference_docs WHERE name IN ('tariff', 'bank_accounts')").run();
    first.dispose();
    open.splice(open.indexOf(first), 1);
    const again = app(t.dir);
    expect(tariffRow(again)?.version).toBe('2026.07-mau.1');
    expect(readReference(again.db).bankAccounts.intake.bankBin).toBe('970405');
  });

  it('a bad tariff is refused with the problem in Vietnamese and changes nothing; a good one replaces it', () => {
    const a = app();
    const before = tariffRow(a);
    const bad = { schemaVersion: 1, version: 'x', sample: false, source: 'Quyết định 1', postage: { send: 30_000, returnPickup: 16_000.5, returnHome: 32_000 } };
    let err: unknown;
    try {
      loadReference(a.db, 'tariff', bad, a.clock.now());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'BAD_REFERENCE', message: 'Biểu cước dịch vụ không hợp lệ (1 lỗi): Cước chuyển kết quả về bưu cục phải là số nguyên đồng (không có phần lẻ) (postage.returnPickup).' });
    expect(tariffRow(a)).toEqual(before);

    loadReference(a.db, 'tariff', { ...bad, postage: { ...bad.postage, returnPickup: 16_000 } }, a.clock.now(), 'SL-2027.1');
    a.refreshReference();
    expect(tariffRow(a)?.version).toBe('SL-2027.1');
    expect(a.services.reference.tariff().postage).toMatchObject({ sample: false, quotes: { both: { pickup: 46_000, home: 62_000 } } });
  });

  it('a required kind missing from the installation stops the start with its name', () => {
    const t = tempDir();
    open.push({ dispose: t.cleanup });
    const res = join(t.dir, 'resources');
    mkdirSync(join(res, 'reference'), { recursive: true });
    for (const f of readdirSync(join(RESOURCES, 'reference'))) {
      if (f !== REFERENCE_KINDS.bank_accounts.file) symlinkSync(join(RESOURCES, 'reference', f), join(res, 'reference', f));
    }
    expect(() => createApp({ dataDir: join(t.dir, 'data'), resourcesDir: res })).toThrow(
      expect.objectContaining({ code: 'NO_REFERENCE', message: 'Thiếu tệp dữ liệu tham chiếu “Tài khoản nhận chuyển khoản” (bank-accounts.sample.json) trong bộ cài đặt.' }),
    );
  });
});
