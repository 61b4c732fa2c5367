import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 } from 'uuid';
import { applyRemoteAcceptances } from '../../../src/main/sync/remote';
import { insertDossierRows } from '../../../src/main/services/intake';
import { applyRemoteDossierOp } from '../../../src/main/sync/remote';
import { applyPullPage } from '../../../src/main/sync/apply';
import type { PullChange } from '../../../src/shared/sync-protocol';
import type { SyncOp } from '../../../src/shared/sync-ops';
import type { TestApp } from '../../helpers/app';
import { createTestApp, lltpInput, testClock } from '../../helpers/app';
import { DEFAULT_COUNTER } from '../../../src/main/app';

type DossierOp = Extract<SyncOp, { kind: 'dossier.event' }>;

let a: TestApp;
let b: TestApp;
beforeEach(() => {
  const clock = testClock();
  a = createTestApp({ clock });
  b = createTestApp({ clock, counter: { ...DEFAULT_COUNTER, id: 'SL-TP-Q02', name: 'Quầy 2', provisionalRange: { prefix: 'EA', first: 11_000_000, last: 11_999_999 } } });
});
afterEach(() => {
  a.dispose();
  b.dispose();
});

function dossierOps(app: TestApp, afterSeq = 0): DossierOp[] {
  return (app.db.prepare("SELECT payload FROM outbox WHERE kind = 'dossier.event' AND seq > ? ORDER BY seq").all(afterSeq) as { payload: string }[]).map((r) => JSON.parse(r.payload) as DossierOp);
}
function maxSeq(app: TestApp): number {
  return (app.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM outbox').get() as { n: number }).n;
}
function applyAll(app: TestApp, ops: DossierOp[]) {
  return app.db.transaction(() => ops.map((op) => applyRemoteDossierOp(app.ctx, op)))();
}

describe('applying another counter’s dossier operations', () => {
  it('a dossier taken in at A can be found and handed over at B; replays are harmless', () => {
    const { dossierId, itemNumber } = a.services.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null }), a.clerk);
    const batch = a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [dossierId] }, a.clerk);
    a.services.dispatch.recordFiling({ batchId: batch.id, filedAt: a.clock.now(), receivingOfficer: 'Cầm Thị Bình' }, a.clerk);
    a.services.results.collect({ itemNumber }, a.clerk);
    const ops = dossierOps(a);
    // Batches are local to A; B only needs the dossier and its events.
    expect(applyAll(b, ops).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(applyAll(b, ops).map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(b.services.lookup.search({ query: itemNumber }).results.map((r) => r.id)).toEqual([dossierId]);
    expect(b.services.lookup.get(dossierId)).toMatchObject({ state: 'ready_for_pickup', parties: [{ fullName: 'Lò Văn Pình' }] });
    b.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, feeDueCollected: 0 }, b.clerk);
    expect(b.services.lookup.get(dossierId).timeline.map((t) => [t.type, t.origin])).toEqual([
      ['accepted', 'remote'],
      ['batched', 'remote'],
      ['filed', 'remote'],
      ['result_collected', 'remote'],
      ['handed_over', 'local'],
    ]);
  });

  it('when two counters act on the same dossier offline, the hub’s order wins and the loser is marked', () => {
    const { dossierId, itemNumber } = a.services.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null }), a.clerk);
    const batch = a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [dossierId] }, a.clerk);
    a.services.dispatch.recordFiling({ batchId: batch.id, filedAt: a.clock.now(), receivingOfficer: 'B' }, a.clerk);
    a.services.results.collect({ itemNumber }, a.clerk);
    applyAll(b, dossierOps(a));
    b.db.prepare("UPDATE outbox SET status = 'acked'").run();
    const seqA = maxSeq(a);
    // Both go offline; A hands over to the citizen, B (wrongly) records a return to the agency... via a failed attempt path it cannot;
    // B hands over to a proxy instead.
    a.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, feeDueCollected: 0 }, a.clerk);
    b.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Thị Xuân', idKind: 'cccd', idNumber: '014190004321' }, byProxy: true, authorisationRef: 'GUQ 1/2026', feeDueCollected: 0 }, b.clerk);
    // The hub took A's first; B pulls it.
    const res = applyAll(b, dossierOps(a, seqA));
    expect(res[0]).toMatchObject({ status: 'rebuilt' });
    const v = b.services.lookup.get(dossierId);
    expect(v.state).toBe('handed_over');
    const last = v.timeline.filter((t) => t.type === 'handed_over');
    expect(last.map((t) => [t.origin, t.superseded, t.detail.recipientName])).toEqual([
      ['local', true, 'Lò Thị Xuân'],
      ['remote', false, 'Lò Văn Pình'],
    ]);
  });

  it('an event for a dossier this counter has not seen is reported, not invented', () => {
    const { dossierId } = a.services.intake.accept(lltpInput(), a.clerk);
    a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [dossierId] }, a.clerk);
    const ops = dossierOps(a);
    expect(applyAll(b, [ops[1]!])).toEqual([{ status: 'missing_dossier' }]);
  });

  it('a page of acceptances is written at once with the same outcome as one by one: replays, unknown procedures and events that follow', () => {
    const first = a.services.intake.accept(lltpInput(), a.clerk);
    const second = a.services.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null }), a.clerk);
    a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [second.dossierId] }, a.clerk);
    const third = a.services.intake.accept(lltpInput(), a.clerk);
    const [acc1, acc2, batched, acc3] = dossierOps(a);
    // B already has the first one; the third names a procedure B's catalogue does not have.
    applyAll(b, [acc1!]);
    const unknown: DossierOp = { ...acc3!, dossier: { ...acc3!.dossier!, procedureCode: 'KHONG-CO' } };
    const page: PullChange[] = [acc1!, acc2!, acc2!, unknown, batched!].map((op, i) => ({ kind: 'dossier.event', changeId: `c-${i}`, hubAt: 0, hubSeq: 1, originCounterId: a.counter.id, op }));
    const out = b.db.transaction(() => applyPullPage(b.ctx, b.counter.id, page))();
    expect(out).toMatchObject({ dossierEvents: 4, deferred: 1 });
    expect(b.db.prepare('SELECT change_id, reason FROM sync_deferred').all()).toEqual([{ change_id: 'c-3', reason: expect.stringMatching(/^UNKNOWN_PROCEDURE: /) }]);
    expect(b.db.prepare('SELECT id FROM dossiers WHERE id = ?').get(third.dossierId)).toBeUndefined();
    const v = b.services.lookup.get(second.dossierId);
    expect(v).toMatchObject({ state: 'batched', parties: [{ fullName: 'Lò Văn Pình' }] });
    expect(v.documents.length).toBe(acc2!.dossier!.documents.length);
    expect(v.timeline.map((t) => [t.type, t.origin])).toEqual([
      ['accepted', 'remote'],
      ['batched', 'remote'],
    ]);
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM dossier_events WHERE dossier_id IN (?, ?)').get(first.dossierId, second.dossierId)).toEqual({ n: 3 });
    expect(b.services.lookup.search({ query: second.itemNumber }).results.map((r) => r.id)).toEqual([second.dossierId]);
  });

  it('a page of acceptances written at once leaves the store as writing them one by one would, the dashboard included', () => {
    a.services.intake.accept(lltpInput(), a.clerk);
    const [template] = dossierOps(a);
    // 50 acceptances over three days (the intake count is kept per date); the first day also has B's own intake.
    const days = ['2026-03-02', '2026-03-03', '2026-03-04'];
    const ops: DossierOp[] = Array.from({ length: 50 }, (_, i) => {
      const id = v7();
      const itemNumber = `RR${String(900_000_000 + i)}VN`;
      const date = days[i % 3]!;
      const at = Date.parse(`${date}T09:00+07:00`) + i;
      return {
        ...template!,
        opId: v7(),
        eventId: v7(),
        dossierId: id,
        itemNumber,
        event: { ...template!.event, at, date } as DossierOp['event'],
        // Rows of the child tables vary per dossier (none, some, all), so that they cross the bulk
        // statements' boundaries unevenly.
        dossier: {
          ...template!.dossier!,
          id,
          itemNumber,
          acceptedAt: at,
          acceptedDate: date,
          parties: template!.dossier!.parties.slice(0, i % 7 === 0 ? 0 : 1 + (i % 3)),
          documents: template!.dossier!.documents.slice(0, i % 5 === 0 ? 0 : 1 + (i % 4)),
        },
      };
    });
    const bulk = createTestApp({ clock: b.clock });
    try {
      for (const app of [b, bulk]) app.services.intake.accept(lltpInput(), app.clerk);
      // The pulled dossiers' rows in every table they touch (parties' ids included), and the dashboard.
      const pulled = "(SELECT id FROM dossiers WHERE item_number LIKE 'RR%')";
      const queries = [
        `SELECT * FROM dossiers WHERE id IN ${pulled} ORDER BY id`,
        `SELECT * FROM parties WHERE dossier_id IN ${pulled} ORDER BY id`,
        `SELECT * FROM dossier_documents WHERE dossier_id IN ${pulled} ORDER BY dossier_id, position`,
        `SELECT * FROM dossier_events WHERE dossier_id IN ${pulled} ORDER BY id`,
        'SELECT * FROM dashboard_days ORDER BY date, metric',
        'SELECT * FROM dashboard_paused',
      ];
      const tables = (app: TestApp) => queries.map((q) => app.db.prepare(q).all());
      expect(applyAll(b, ops).every((r) => r.status === 'applied')).toBe(true);
      expect(bulk.db.transaction(() => applyRemoteAcceptances(bulk.ctx, ops))().every((r) => r.status === 'applied')).toBe(true);
      const [one, all] = [tables(b), tables(bulk)];
      expect(one[0]).toHaveLength(50);
      expect(new Set(ops.map((o) => o.dossier!.parties.length)).size).toBeGreaterThan(1);
      expect(new Set(ops.map((o) => o.dossier!.documents.length)).size).toBeGreaterThan(2);
      expect(all).toEqual(one);
      expect((one[4] as { metric: string }[]).filter((r) => r.metric === 'intakes')).toEqual([
        { date: '2026-03-02', metric: 'intakes', value: 18 },
        { date: '2026-03-03', metric: 'intakes', value: 17 },
        { date: '2026-03-04', metric: 'intakes', value: 16 },
      ]);
      // Nothing stays paused: the next intake counts at once.
      bulk.services.intake.accept(lltpInput(), bulk.clerk);
      expect(bulk.db.prepare("SELECT value FROM dashboard_days WHERE date = '2026-03-02' AND metric = 'intakes'").get()).toEqual({ value: 19 });
    } finally {
      bulk.dispose();
    }
  });

  it('a bulk write that fails leaves nothing behind, the dashboard’s pause included, even outside a transaction', () => {
    a.services.intake.accept(lltpInput(), a.clerk);
    const [template] = dossierOps(a);
    const rec = (i: number, itemNumber = `RR${String(900_000_000 + i)}VN`) => ({ rec: { ...template!.dossier!, id: v7(), itemNumber }, extra: { state: 'accepted', reclaimOldPapers: false, agencyDossierCode: null, at: 0, eventCount: 1 } });
    const list = Array.from({ length: 40 }, (_, i) => rec(i));
    // The last one takes the first one's item number: the dossiers' insert fails part way.
    const clash = [...list, rec(99, list[0]!.rec.itemNumber)];
    const count = () => b.db.prepare("SELECT (SELECT count(*) FROM dossiers) AS d, (SELECT count(*) FROM dashboard_paused) AS p, (SELECT coalesce(sum(value), 0) FROM dashboard_days WHERE metric = 'intakes') AS i").get();
    const before = count();
    expect(() => insertDossierRows(b.ctx, clash)).toThrow(/UNIQUE/);
    expect(count()).toEqual(before);
    insertDossierRows(b.ctx, list);
    expect(count()).toEqual({ ...(before as object), d: (before as { d: number }).d + 40, i: (before as { i: number }).i + 40 });
  });
});
