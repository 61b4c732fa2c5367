/**
 * End to end: two counters of one branch (two real SQLite stores, the real services) and one hub (real
 * PostgreSQL, real HTTP over loopback), driven by the real sync worker.
 */
import { expect, it } from 'vitest';
import { describePg } from '../../helpers/pg';
import { lltpInput } from '../../helpers/app';
import { hubWithCounters, type TestCounter } from './setup';

describePg('two counters, one hub', () => {
  const h = hubWithCounters();

  /** A takes the dossier in and brings it to the pickup shelf. */
  function readyAtA(a: TestCounter) {
    const { dossierId, itemNumber } = a.services.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null }), a.clerk);
    const batch = a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [dossierId] }, a.clerk);
    a.services.dispatch.recordFiling({ batchId: batch.id, filedAt: a.clock.now(), receivingOfficer: 'Cầm Thị Bình' }, a.clerk);
    a.services.results.collect({ itemNumber }, a.clerk);
    return { dossierId, itemNumber };
  }

  it('a dossier taken in at A is found and handed over at B after sync, and A learns it', async () => {
    const [a, b] = await h.pair('E1');
    const { dossierId, itemNumber } = readyAtA(a);
    expect(itemNumber.startsWith('RR')).toBe(true); // the hub's range, not the provisional one
    expect(a.worker.getState()).toMatchObject({ status: 'pending', pending: expect.any(Number) });

    const sa = await a.worker.syncNow();
    expect(sa).toMatchObject({ status: 'synced', pending: 0, rejected: 0, enrolled: true, offlineSince: null });
    // The test clock is fixed in March 2026; the hub's is the real one: the skew is reported, not used.
    expect(Math.abs(sa.clockSkewMs! - (Date.now() - a.clock.now()))).toBeLessThan(5_000);

    await b.worker.syncNow();
    const found = b.services.lookup.search({ query: itemNumber }).results;
    expect(found.map((r) => r.id)).toEqual([dossierId]);
    expect(b.services.lookup.get(dossierId)).toMatchObject({ state: 'ready_for_pickup', parties: [{ fullName: 'Lò Văn Pình' }] });
    b.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, feeDueCollected: 0 }, b.clerk);
    expect((await b.worker.syncNow()).status).toBe('synced');

    await a.worker.syncNow();
    const atA = a.services.lookup.get(dossierId);
    expect(atA.state).toBe('handed_over');
    expect(atA.timeline.at(-1)).toMatchObject({ type: 'handed_over', origin: 'remote' });
    const hubRow = await h.hub.db.query<{ s: string; n: number }>(`SELECT snapshot->>'state' AS s, hub_seq AS n FROM dossiers WHERE id = $1`, [dossierId]);
    expect(hubRow.rows[0]).toEqual({ s: 'handed_over', n: 5 });
  });

  it('two offline counters hand over the same result: the hub decides, the loser shows it', async () => {
    const [a, b] = await h.pair('E2');
    const { dossierId } = readyAtA(a);
    await a.worker.syncNow();
    await b.worker.syncNow();
    // Both go offline (no sync) and both hand the result over, to different people.
    a.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, feeDueCollected: 0 }, a.clerk);
    b.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Thị Xuân', idKind: 'cccd', idNumber: '014190004321' }, byProxy: true, authorisationRef: 'GUQ 1/2026', feeDueCollected: 0 }, b.clerk);
    // B reaches the hub first.
    expect((await b.worker.syncNow()).status).toBe('synced');
    const sa = await a.worker.syncNow();
    expect(sa).toMatchObject({ status: 'synced', pending: 0, rejected: 1 });

    const parked = a.worker.rejectedOps();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ kind: 'dossier.event', dossierId, action: 'Trả kết quả cho người nhận', code: 'ILLEGAL_STEP' });
    expect(parked[0]!.reason).toContain('Không thể trả kết quả');
    expect(parked[0]!.reason).toContain('Quầy E2-Q2');
    expect(parked[0]!.reason).toContain('thao tác của quầy này không được ghi nhận');
    const bHandover = b.db.prepare("SELECT id FROM dossier_events WHERE dossier_id = ? AND type = 'handed_over'").get(dossierId) as { id: string };
    expect(parked[0]!.winningEventId).toBe(bHandover.id);

    // A's screen now shows B's handover; A's own attempt is kept, marked as superseded.
    const v = a.services.lookup.get(dossierId);
    expect(v.state).toBe('handed_over');
    expect(v.timeline.filter((t) => t.type === 'handed_over').map((t) => [t.origin, t.superseded, t.detail.recipientName])).toEqual([
      ['local', true, 'Lò Văn Pình'],
      ['remote', false, 'Lò Thị Xuân'],
    ]);
    // The manager reviews it; a clerk may not.
    expect(() => a.worker.acknowledgeRejected(parked[0]!.seq, a.clerk)).toThrow(/quyền/);
    a.worker.acknowledgeRejected(parked[0]!.seq, a.manager);
    expect(a.worker.getState().rejected).toBe(0);
    expect(a.worker.rejectedOps({ includeReviewed: true })[0]).toMatchObject({ reviewedBy: 'manager-1' });
    // B is untouched by A's refused attempt.
    await b.worker.syncNow();
    expect(b.services.lookup.get(dossierId).timeline.filter((t) => t.type === 'handed_over')).toHaveLength(1);
  });
});
