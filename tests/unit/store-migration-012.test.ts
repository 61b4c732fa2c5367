/** Migration 012 on a store that already holds ledger rows (a counter in service when it updates). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, migrate, type Db } from '../../src/main/store/db';
import { migrations } from '../../src/main/store/migrations';

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('migration 012: cases and the compensation_paid ledger kind', () => {
  it('keeps every ledger row with its id and its reversal link, and the ledger stays append-only', () => {
    dir = mkdtempSync(join(tmpdir(), 'qhcc-m012-'));
    const before = migrations.filter((m) => m.version < 12);
    db = openStore(join(dir, 's.sqlite'), { migrations: before });
    // Every step before 12 (the manager's day's 006 included, whose tables point at ledger rows).
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...before.map((m) => m.version)));
    const ins = db.prepare("INSERT INTO ledger (at, business_date, clerk_id, counter_id, kind, amount, payment_method, reverses, note) VALUES (?, '2026-03-02', 'c1', 'K1', ?, ?, 'cash', ?, ?)");
    ins.run(1, 'postage', 28000, null, 'a');
    ins.run(2, 'postage', -28000, 1, 'b');
    ins.run(3, 'agency_fee', 200000, null, 'c');
    const rows = db.prepare('SELECT * FROM ledger ORDER BY id').all();
    expect(() => db!.prepare("INSERT INTO ledger (at, business_date, clerk_id, counter_id, kind, amount, payment_method) VALUES (4, '2026-03-02', 'c1', 'K1', 'compensation_paid', -1, 'cash')").run()).toThrow(/CHECK/);
    migrate(db, migrations, { now: () => 0 });
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.prepare('SELECT * FROM ledger ORDER BY id').all()).toEqual(rows);
    db.prepare("INSERT INTO ledger (at, business_date, clerk_id, counter_id, kind, amount, payment_method) VALUES (4, '2026-03-02', 'c1', 'K1', 'compensation_paid', -1, 'cash')").run();
    expect(() => db!.prepare('UPDATE ledger SET amount = 0 WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => db!.prepare('DELETE FROM ledger WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => db!.prepare("INSERT INTO ledger (at, business_date, clerk_id, counter_id, kind, amount, payment_method, reverses) VALUES (5, '2026-03-02', 'c1', 'K1', 'postage', 1, 'cash', 999)").run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger' ORDER BY name").all()).toEqual([{ name: 'ledger_by_day' }, { name: 'ledger_by_dossier' }, { name: 'ledger_day_totals' }]);
  });
});
