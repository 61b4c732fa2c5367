/** Restoring a store from a backup: checked first, the old store kept aside, the result marked. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from '../../../src/main/store/driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreFromBackup, UNENROLLED_SKIP, type RestoreProgress } from '../../../src/main/store/restore';
import { reconcileMark } from '../../../src/main/store/reconcile';
import { openCopy } from '../../../src/main/store/db';
import { backupOf, createTestApp, lltpInput, tempDir } from '../../helpers/app';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('quayhcc-restore-');
});
afterEach(() => tmp.cleanup());

describe('restore from a backup', () => {
  it('replaces the store, keeps the old one in quarantine, and blocks intake until reconciled', async () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data });
    app.services.intake.accept(lltpInput(), app.clerk);
    // Enrolled with a hub (the token's value does not matter here).
    app.db.prepare("UPDATE sync_state SET hub_url = 'http://hub.invalid/', token = 'plain:t', counter_id = ?, branch_code = 'SL-TP'").run(app.counter.id);
    const backup = join(tmp.dir, 'b.sqlite');
    await backupOf(app.db, backup);
    app.services.intake.accept(lltpInput(), app.clerk);
    app.close();
    // A log left beside the dead store goes with it: it must never be read into the restored one.
    writeFileSync(join(data, 'quay-hcc.sqlite-wal'), 'stale log');

    const progress: RestoreProgress[] = [];
    const r = restoreFromBackup(data, backup, () => Date.parse('2026-03-03T01:00:00Z'), (p) => progress.push(p));
    // IT sees each step, the copy in MB, and a share of the whole that only goes up to 100.
    expect(progress.map((p) => p.step)).toEqual(['check', 'copy', ...progress.filter((p) => p.step === 'copy').slice(1).map(() => 'copy'), 'open', 'done']);
    expect(progress.find((p) => /^Đang chép: \d+\.\d \/ \d+\.\d MB$/.test(p.message))).toBeDefined();
    expect(progress.map((p) => p.percent)).toEqual([...progress.map((p) => p.percent)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ step: 'done', percent: 100, message: 'Đã khôi phục 1 hồ sơ.' });
    expect(readFileSync(`${r.replacedTo!}-wal`, 'utf8')).toBe('stale log');
    expect(r).toMatchObject({ dossiers: 1, fromSeq: 4, reconcile: true });
    expect(r.replacedTo).toMatch(/quarantine\/quay-hcc\.sqlite\.20260303T010000\.replaced$/);
    // Kept encrypted, with its sealed key beside it.
    expect(existsSync(`${r.replacedTo!}.store-key.json`)).toBe(true);
    const old = openCopy(r.replacedTo!, app.storeKey, { readonly: true });
    expect(old.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 2 });
    old.close();

    const back = createTestApp({ dir: data });
    expect(reconcileMark(back.db)).toEqual({ fromSeq: 4, restoredAt: Date.parse('2026-03-03T01:00:00Z'), backup: 'b.sqlite' });
    expect(() => back.services.intake.accept(lltpInput(), back.clerk)).toThrow(expect.objectContaining({ code: 'RECONCILE_REQUIRED' }));
    back.close();
  });

  it('a counter never enrolled with a hub is restored without the mark (it could never take in again)', async () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data });
    app.services.intake.accept(lltpInput(), app.clerk);
    const backup = join(tmp.dir, 'b.sqlite');
    await backupOf(app.db, backup);
    const after = [1, 2, 3].map(() => app.services.intake.accept(lltpInput(), app.clerk).itemNumber);
    app.close();
    expect(restoreFromBackup(data, backup)).toMatchObject({ dossiers: 1, reconcile: false });
    const back = createTestApp({ dir: data });
    expect(reconcileMark(back.db)).toBeNull();
    // The numbers issued after the backup are lost to it, so it skips well past them.
    const next = back.services.intake.accept(lltpInput(), back.clerk).itemNumber;
    expect(after).not.toContain(next);
    expect(Number(next.slice(2, 10))).toBeGreaterThanOrEqual(Number(after[0]!.slice(2, 10)) - 1 + UNENROLLED_SKIP);
    back.close();
  });

  it('refuses a damaged, missing or too new backup with a message, changing nothing', () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data });
    app.close();
    const before = readFileSync(join(data, 'quay-hcc.sqlite'));
    const garbage = join(tmp.dir, 'garbage.sqlite');
    writeFileSync(garbage, 'không phải cơ sở dữ liệu'.repeat(200));
    expect(() => restoreFromBackup(data, garbage)).toThrow(/^Không đọc được tệp sao lưu|^Tệp sao lưu không toàn vẹn/);
    expect(() => restoreFromBackup(data, join(tmp.dir, 'none.sqlite'))).toThrow('Không tìm thấy tệp sao lưu');
    const newer = join(tmp.dir, 'newer.sqlite');
    const n = new Database(newer);
    n.pragma('user_version = 999');
    n.close();
    expect(() => restoreFromBackup(data, newer)).toThrow(/phiên bản dữ liệu 999/);
    expect(readFileSync(join(data, 'quay-hcc.sqlite')).equals(before)).toBe(true);
    expect(existsSync(join(data, 'quarantine'))).toBe(false);
    expect(readdirSync(data).filter((f) => f.startsWith('quay-hcc'))).toContain('quay-hcc.sqlite');
  });
});
