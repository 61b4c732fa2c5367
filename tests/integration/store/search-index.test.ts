/** The full-text index over parties is built after the commit (migration 004) and is exact once caught up. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/store/db';
import { migrations } from '../../../src/main/store/migrations';
import { catchUpSearchIndex } from '../../../src/main/store/search-index';
import { CITIZEN, createTestApp, lltpInput, tempDir } from '../../helpers/app';
import type { TestApp } from '../../helpers/app';

let app: TestApp | undefined;
afterEach(() => {
  app?.dispose();
  app = undefined;
});

const watermark = (a: TestApp) => (a.db.prepare('SELECT parties_upto AS n FROM search_index_state').get() as { n: number }).n;
const ftsRows = (a: TestApp) => (a.db.prepare('SELECT count(*) AS n FROM parties_fts_docsize').get() as { n: number }).n;
const ftsIntact = (a: TestApp) => a.db.prepare("INSERT INTO parties_fts(parties_fts) VALUES ('integrity-check')").run();

describe('deferred full-text index', () => {
  it('leaves the commit alone and catches up before a full-text search', () => {
    app = createTestApp();
    const { dossierId } = app.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: 'Quàng Thị Xuân' } }), app.clerk);
    // Committed, found at once by the exact indexes, not yet in the full-text index.
    expect(ftsRows(app)).toBe(0);
    expect(app.services.lookup.search({ query: '014085001234' }).results.map((r) => r.id)).toEqual([dossierId]);
    // A given name alone is a full-text query: it brings the index up to date first.
    expect(app.services.lookup.search({ query: 'xuan' }).results.map((r) => r.id)).toEqual([dossierId]);
    expect(ftsRows(app)).toBe(1);
    expect(watermark(app)).toBe((app.db.prepare('SELECT max(id) AS n FROM parties').get() as { n: number }).n);
    ftsIntact(app);
    expect(catchUpSearchIndex(app.db)).toBe(0);
  });

  it('finds words of the address too, after several intakes in a row', () => {
    app = createTestApp();
    const ids = ['Lò Văn Pình', 'Cầm Thị Hoa', 'Đèo Văn Sơn'].map((fullName, i) =>
      app!.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName, idNumber: `01408500123${i}` } }), app!.clerk).dossierId,
    );
    expect(app.services.lookup.search({ query: 'to hieu' }).results.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(catchUpSearchIndex(app.db)).toBe(0);
    ftsIntact(app);
  });

  it('ranks whole words before prefixes, and still finds a half-typed word', () => {
    app = createTestApp();
    const accept = (fullName: string, i: number) => app!.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName, idNumber: `01408500200${i}` } }), app!.clerk).dossierId;
    const hoa = accept('Cầm Thị Hoa', 1);
    app.clock.advance(60_000);
    const hoan = accept('Lò Văn Hoan', 2);
    // The newer Hoan matches "hoa" only as a prefix: the whole word Hoa comes first.
    expect(app.services.lookup.search({ query: 'hoa' }).results.map((r) => r.id)).toEqual([hoa, hoan]);
    expect(app.services.lookup.search({ query: 'hoan' }).results.map((r) => r.id)).toEqual([hoan]);
    expect(app.services.lookup.search({ query: 'ho' }).results.map((r) => r.id)).toEqual([hoan, hoa]);
  });

  it('indexes at once a party that reuses an id the index already covers', () => {
    app = createTestApp();
    app.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: 'Lò Văn Pình' } }), app.clerk);
    catchUpSearchIndex(app.db);
    const top = watermark(app);
    // Only a repair would delete a party; the newest one's id is then free again.
    const row = app.db.prepare('SELECT dossier_id, search_text FROM parties WHERE id = ?').get(top) as { dossier_id: string; search_text: string };
    app.db.prepare('DELETE FROM parties WHERE id = ?').run(top);
    app.db.prepare("INSERT INTO parties (dossier_id, role, full_name, name_folded, search_text) VALUES (?, 'sender', 'Sầm Văn Mạnh', 'sam van manh', 'sam van manh')").run(row.dossier_id);
    expect((app.db.prepare('SELECT max(id) AS n FROM parties').get() as { n: number }).n).toBe(top);
    ftsIntact(app);
    expect(app.services.lookup.search({ query: 'manh' }).results).toHaveLength(1);
    expect(app.services.lookup.search({ query: 'pinh' }).results).toHaveLength(0);
  });

  it('upgrading a version-3 store keeps its index and starts the watermark at the newest party', () => {
    const tmp = tempDir('quayhcc-fts-');
    try {
      const file = join(tmp.dir, 'old.sqlite');
      const old = openStore(file, { migrations: migrations.filter((m) => m.version <= 3) });
      old.exec(`INSERT INTO agencies (code, name, short_name, level, address, province_code, verified) VALUES ('A', 'A', 'A', 'province', '-', '14', 1);
        INSERT INTO procedures (code, name, field, agency_code, aliases, search_text, processing_days, processing_unit, in_person_only, reclaim_old_papers, verified, source)
          VALUES ('P', 'P', 'f', 'A', '', '', 1, 'working', 0, 0, 1, 's');
        INSERT INTO dossiers (id, item_number, service_type, state, procedure_code, agency_code, origin_counter_id, accepted_at, accepted_by, accepted_date, complete, return_method, fee_amount, postage_amount, route, updated_at)
          VALUES ('d1', 'EA000000015VN', 'send', 'accepted', 'P', 'A', 'c', 0, 'x', '2026-01-05', 1, 'none', 0, 0, 'intra_province', 0);
        INSERT INTO parties (dossier_id, role, full_name, name_folded, search_text) VALUES ('d1', 'sender', 'Lường Văn Tâm', 'luong van tam', 'luong van tam');`);
      old.close();
      const db = openStore(file);
      expect(db.prepare('SELECT parties_upto AS n FROM search_index_state').get()).toEqual({ n: 1 });
      expect(db.prepare("SELECT rowid FROM parties_fts WHERE parties_fts MATCH 'tam'").all()).toEqual([{ rowid: 1 }]);
      expect(catchUpSearchIndex(db)).toBe(0);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
