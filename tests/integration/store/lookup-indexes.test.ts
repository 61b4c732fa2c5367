/**
 * Migration 016 (issue 15 §1): the lookups' covering indexes. A store as migration 015 left it (the
 * single-column party indexes) is migrated; the lookups find the same dossiers in the same order
 * before and after, and their plans read only indexes until the dossiers shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, migrate } from '../../../src/main/store/db';
import { migrations } from '../../../src/main/store/migrations';
import { CANDIDATES } from '../../../src/main/services/lookup';
import { summariesOfIds, summariesOfIdsSql, summariesWhere } from '../../../src/main/services/views';
import type { TestApp } from '../../helpers/app';
import { CITIZEN, createTestApp, lltpInput } from '../../helpers/app';

let app: TestApp | undefined;
afterEach(() => app?.dispose());

const NEW_INDEXES = ['dossiers_by_id_accepted', 'parties_by_dossier_role', 'parties_by_id_number_dossier', 'parties_by_name_dossier', 'parties_by_phone_dossier'];
const OLD_INDEXES = ['parties_by_dossier', 'parties_by_id_number', 'parties_by_name', 'parties_by_phone'];

/** Puts the store back as migration 015 left it: the indexes of 001, version 15. */
function setBackTo015(a: TestApp): void {
  a.db.exec(`
DROP INDEX parties_by_dossier_role; DROP INDEX parties_by_id_number_dossier; DROP INDEX parties_by_phone_dossier;
DROP INDEX parties_by_name_dossier; DROP INDEX dossiers_by_id_accepted;
CREATE INDEX parties_by_dossier ON parties(dossier_id);
CREATE INDEX parties_by_id_number ON parties(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX parties_by_phone ON parties(phone) WHERE phone IS NOT NULL;
CREATE INDEX parties_by_name ON parties(name_folded);
PRAGMA user_version = 15;`);
}

function indexNames(a: TestApp): string[] {
  const names = [...NEW_INDEXES, ...OLD_INDEXES].map((n) => `'${n}'`).join(', ');
  return (a.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (${names}) ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

/** What each kind of lookup shows (ids, senders, in order), for a fixed set of queries. */
function answers(a: TestApp, queries: string[]): { kind: string; shown: string[] }[] {
  return queries.map((query) => {
    const r = a.services.lookup.search({ query, limit: 3 });
    return { kind: r.kind, shown: r.results.map((d) => `${d.itemNumber} ${d.senderName}`) };
  });
}

function plan(a: TestApp, sql: string, params: unknown[]): string[] {
  return (a.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

describe('migration 016: covering indexes for the lookups', () => {
  it('replaces the party indexes of a 015 store; the lookups show the same dossiers, newest first, before and after', () => {
    app = createTestApp();
    const items: string[] = [];
    // Five dossiers of the same citizen, one with a proxy whose name also starts "lo van", one of
    // another citizen; a minute apart, so "newest first" has one answer.
    for (let i = 0; i < 5; i++) {
      const proxy = i === 2 ? { proxy: { fullName: 'Lò Văn Thắng', idKind: 'cccd' as const, idNumber: '014090007777', authorisationRef: 'GUQ 12/2026' } } : {};
      items.push(app.services.intake.accept(lltpInput({ ...proxy }), app.clerk).itemNumber);
      app.clock.advance(60_000);
    }
    items.push(app.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: 'Đỗ Thị Hằng', idNumber: '014190009999', phone: '0988000111' } }), app.clerk).itemNumber);
    const queries = [items[1]!, CITIZEN.idNumber, '014090007777', '0912345678', '0988 000 111', 'lo van', 'lo van thang', 'do thi hang', 'pinh', 'to hieu', 'nguyen'];
    const after = answers(app, queries);
    // Newest first, cut at the limit; the proxy's dossier is found by the proxy's name and ID and
    // shows its sender.
    expect(after[1]).toEqual({ kind: 'id', shown: [items[4], items[3], items[2]].map((n) => `${n} Lò Văn Pình`) });
    expect(after[2]).toEqual({ kind: 'id', shown: [`${items[2]} Lò Văn Pình`] });
    expect(after[5]).toEqual({ kind: 'name', shown: [items[4], items[3], items[2]].map((n) => `${n} Lò Văn Pình`) });
    expect(after[6]).toEqual({ kind: 'name', shown: [`${items[2]} Lò Văn Pình`] });
    expect(after[10]).toEqual({ kind: 'name', shown: [] });

    setBackTo015(app);
    expect(indexNames(app)).toEqual([...OLD_INDEXES].sort());
    // What the lookups showed before 016: the same candidates ranked through the primary key.
    const exact: [string, unknown[]][] = [
      [CANDIDATES.idNumber, [CITIZEN.idNumber]],
      [CANDIDATES.idNumber, ['014090007777']],
      [CANDIDATES.phone, ['0912345678']],
      [CANDIDATES.namePrefix, ['lo van', 'lo van\u{10FFFF}']],
      [CANDIDATES.namePrefix, ['lo van thang', 'lo van thang\u{10FFFF}']],
      [CANDIDATES.namePrefix, ['do thi hang', 'do thi hang\u{10FFFF}']],
    ];
    const shown = (list: { itemNumber: string; senderName: string }[]) => list.map((d) => `${d.itemNumber} ${d.senderName}`);
    const before = exact.map(([sql, params]) => shown(summariesWhere(app!.db, `d.id IN (${sql})`, params, '2026-03-02', 3)));
    expect(before[0]).toEqual(after[1]!.shown);

    migrate(app.db, migrations, { now: () => 0 });
    expect(app.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(indexNames(app)).toEqual([...NEW_INDEXES].sort());
    expect(answers(app, queries)).toEqual(after);
    expect(exact.map(([sql, params]) => shown(summariesOfIds(app!.db, sql, params, '2026-03-02', 3)))).toEqual(before);
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Runs again harmlessly on a store whose version number was set back.
    app.db.exec('PRAGMA user_version = 15');
    migrate(app.db, migrations, { now: () => 0 });
    expect(indexNames(app)).toEqual([...NEW_INDEXES].sort());
    expect(answers(app, queries)).toEqual(after);
  });

  it('the exact lookups and the name prefix read indexes only, then the rows of the dossiers shown', () => {
    app = createTestApp();
    app.services.intake.accept(lltpInput(), app.clerk);
    const cases: [string, unknown[], string][] = [
      [CANDIDATES.idNumber, ['014085001234'], 'SEARCH parties USING COVERING INDEX parties_by_id_number_dossier (id_number=?)'],
      [CANDIDATES.phone, ['0912345678'], 'SEARCH parties USING COVERING INDEX parties_by_phone_dossier (phone=?)'],
      [CANDIDATES.namePrefix, ['lo van', 'lo van\u{10FFFF}'], 'SEARCH parties USING COVERING INDEX parties_by_name_dossier (name_folded>? AND name_folded<?)'],
    ];
    for (const [candidates, params, partyStep] of cases) {
      const steps = plan(app, summariesOfIdsSql(candidates, 50), params);
      expect(steps).toContain(partyStep);
      // Ranked on (id, accepted_at) alone; the dossiers kept are read by rowid; the sender's name
      // comes from the index.
      expect(steps).toContain('SEARCH k USING COVERING INDEX dossiers_by_id_accepted (id=?)');
      expect(steps).toContain('SEARCH d USING INTEGER PRIMARY KEY (rowid=?)');
      expect(steps).toContain('SEARCH parties USING COVERING INDEX parties_by_dossier_role (dossier_id=? AND role=?)');
      expect(steps.filter((s) => /^(SCAN|SEARCH) (d|k|parties)\b/.test(s) && !/COVERING|INTEGER PRIMARY KEY/.test(s))).toEqual([]);
    }
    // By item number: its unique index, then that one row.
    const byItem = plan(app, 'SELECT d.rowid FROM dossiers d WHERE d.item_number = ? ORDER BY d.accepted_at DESC LIMIT 50', ['EB000000000VN']);
    expect(byItem).toEqual(['SEARCH d USING INDEX sqlite_autoindex_dossiers_2 (item_number=?)']);
  });
});
