/**
 * Migration 018 (issue 18): the dashboard's intake count can be paused inside a bulk write (which
 * then adds the counts itself); the filing counts of a dossier inserted with its filing time never are.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/store/db';
import { migrations } from '../../src/main/store/migrations';
import type { TestApp } from '../helpers/app';
import { createTestApp, lltpInput } from '../helpers/app';

let app: TestApp | undefined;
afterEach(() => app?.dispose());

describe('migration 018: dashboard intakes paused in a bulk write', () => {
  it('counts intakes unless paused, filings always; runs again harmlessly on a store set back', () => {
    app = createTestApp();
    const { db } = app;
    const { dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    const day = (metric: string) => (db.prepare("SELECT value FROM dashboard_days WHERE date = '2026-03-02' AND metric = ?").get(metric) as { value: number } | undefined)?.value ?? 0;
    // A copy of the dossier inserted as another, filed on 2026-03-02 at 10:00 (Vietnam), `transit` its limit.
    let n = 0;
    const insertCopy = (transit: string | null) => {
      n++;
      db.exec(`CREATE TEMP TABLE IF NOT EXISTS copy AS SELECT * FROM dossiers WHERE 0; DELETE FROM copy;`);
      db.prepare('INSERT INTO copy SELECT * FROM dossiers WHERE id = ?').run(dossierId);
      db.prepare('UPDATE copy SET id = ?, item_number = ?, filed_at = ?, transit_deadline = ?').run(`copy-${n}`, `RR90000000${n}VN`, Date.parse('2026-03-02T10:00+07:00'), transit);
      db.exec('INSERT INTO dossiers SELECT * FROM copy');
    };
    expect([day('intakes'), day('filed'), day('filed_on_time')]).toEqual([1, 0, 0]);

    insertCopy('2026-03-03');
    expect([day('intakes'), day('filed'), day('filed_on_time')]).toEqual([2, 1, 1]);

    db.transaction(() => {
      db.prepare('INSERT INTO dashboard_paused (id) VALUES (1)').run();
      insertCopy('2026-03-01');
      insertCopy(null);
      db.prepare('DELETE FROM dashboard_paused').run();
    })();
    // Paused: no intake counted (the bulk write adds its own), the filings counted as ever.
    expect([day('intakes'), day('filed'), day('filed_on_time')]).toEqual([2, 3, 2]);

    app.services.intake.accept(lltpInput(), app.clerk);
    expect(day('intakes')).toBe(3);

    db.pragma('user_version = 16');
    migrate(db, migrations, { now: () => 0 });
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'dossiers' AND sql LIKE '%AFTER INSERT%'").all()).toEqual([{ name: 'dashboard_dossier_in' }]);
    app.services.intake.accept(lltpInput(), app.clerk);
    expect([day('intakes'), day('filed'), day('filed_on_time')]).toEqual([4, 3, 2]);
  });
});
