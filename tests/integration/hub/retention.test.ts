/**
 * Issue 15 §2 at the hub, on real PostgreSQL: a counter pulls the branch's other dossiers only while
 * they can still be handed over (open, or closed within the pull window), and electronic records are
 * purged 5 years after acceptance, in batches, with counts only in the log.
 */
import { expect, it } from 'vitest';
import { purgeExpired, startRetentionSchedule, type HubPurgeCounts } from '../../../src/hub/retention';
import type { PullChange, PullResponse } from '../../../src/shared/sync-protocol';
import type { SyncOp } from '../../../src/shared/sync-ops';
import { describePg } from '../../helpers/pg';
import { acceptOp, call, CCCD, enroll, freshHub, handOverOp, ledgerOp, pushAs, toReadyForPickup, type Enrolled, type TestHub } from './harness';

const DAY = 86_400_000;
let t = Date.now();
const clock = { now: () => t };

describePg('hub retention', () => {
  let hub: TestHub;
  freshHub((h) => (hub = h), { clock });

  let lastCursor = '';
  const pullAll = async (who: Enrolled, from = ''): Promise<PullChange[]> => {
    const out: PullChange[] = [];
    let cursor = from;
    for (;;) {
      const r = await call<PullResponse>(hub, `/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, { token: who.token });
      expect(r.status).toBe(200);
      out.push(...r.body.changes);
      cursor = r.body.cursor;
      lastCursor = cursor;
      if (!r.body.hasMore) return out;
    }
  };
  const dossiersIn = (cs: PullChange[]) => new Set(cs.flatMap((c) => (c.kind === 'dossier.event' ? [(c.op as Extract<SyncOp, { kind: 'dossier.event' }>).dossierId] : [])));
  const count = async (sql: string, params: unknown[] = []) => (await hub.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  it('a counter pulls other counters’ dossiers while they can still be handed over, not the branch’s whole history', async () => {
    t = Date.now();
    // Enrolled now (codes expire by the real clock); C pulls for the first time three months later.
    const a = await enroll(hub, 'R-1', 'R-1-A');
    const b = await enroll(hub, 'R-1', 'R-1-B');
    const c = await enroll(hub, 'R-1', 'R-1-C');
    const closed = acceptOp(a.counterId);
    const open = acceptOp(a.counterId);
    const sentOnly = acceptOp(a.counterId, { serviceType: 'send', returnMethod: 'none' });
    const later = acceptOp(a.counterId);
    const ops: SyncOp[] = [closed, ...toReadyForPickup(a.counterId, closed), handOverOp(a.counterId, closed), open, sentOnly, ...toReadyForPickup(a.counterId, sentOnly).slice(0, 2), later, ...toReadyForPickup(a.counterId, later)];
    expect((await pushAs(hub, a, 1, ops)).status).toBe(200);

    // Ten days on, a counter of the branch gets all four (the closed one can still be asked about).
    t += 10 * DAY;
    expect(dossiersIn(await pullAll(b))).toEqual(new Set([closed.dossierId, open.dossierId, sentOnly.dossierId, later.dossierId]));
    const bCursor = lastCursor;
    // `later` is handed over at A the same day; B then stays offline for three months.
    expect((await pushAs(hub, a, ops.length + 1, [handOverOp(a.counterId, later)])).status).toBe(200);

    // 91 days after closing, a counter pulling from the start (new, or reinstalled) gets only the open dossier.
    t += 91 * DAY;
    const got = await pullAll(c);
    expect(dossiersIn(got)).toEqual(new Set([open.dossierId]));
    expect(JSON.stringify(got)).not.toContain(closed.itemNumber);
    // B, which holds `later`, still learns that it was handed over.
    const back = await pullAll(b, bCursor);
    expect(back.map((ch) => ch.kind === 'dossier.event' && (ch.op as Extract<SyncOp, { kind: 'dossier.event' }>).event.type)).toEqual(['handed_over']);
  });

  it('purges records accepted more than 5 years ago in batches: dossiers, events, feed rows; ledger kept; counts only in the log', async () => {
    t = Date.now();
    const k = await enroll(hub, 'R-2', 'R-2-K');
    const old = Array.from({ length: 5 }, () => acceptOp(k.counterId, { acceptedDate: '2021-12-06' }));
    const edge = acceptOp(k.counterId, { acceptedDate: '2021-12-07' });
    const recent = acceptOp(k.counterId);
    const ops: SyncOp[] = [...old, ...toReadyForPickup(k.counterId, old[0]!), edge, recent, ledgerOp(k.counterId)];
    expect((await pushAs(hub, k, 1, ops)).status).toBe(200);
    const ids = [...old, edge, recent].map((o) => o.dossierId);
    const before = {
      ledger: await count('SELECT count(*)::int AS n FROM ledger_entries'),
      oldChanges: await count("SELECT count(*)::int AS n FROM changes c JOIN dossier_events e ON e.id = c.event_id WHERE e.dossier_id = ANY($1::uuid[])", [old.map((o) => o.dossierId)]),
    };
    expect(before.oldChanges).toBe(8);

    const logged: (HubPurgeCounts & { summaryRowsFolded: number; ms: number })[] = [];
    const now = Date.parse('2026-12-07T10:00:00+07:00');
    const schedule = startRetentionSchedule(hub.db, (c) => logged.push(c), { now: () => now, checkEveryMs: 3600_000 });
    try {
      // batch 2: three transactions for five old dossiers.
      const direct = await purgeExpired(hub.db, { now, batch: 2 });
      expect(direct).toMatchObject({ before: '2021-12-07', dossiers: 5, events: 8, changes: 8 });
      expect(await count('SELECT count(*)::int AS n FROM dossiers WHERE id = ANY($1::uuid[])', [ids])).toBe(2);
      expect(await count('SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = ANY($1::uuid[])', [old.map((o) => o.dossierId)])).toBe(0);
      expect(await count("SELECT count(*)::int AS n FROM changes WHERE kind = 'dossier.event' AND event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.id = changes.event_id)")).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM ledger_entries')).toBe(before.ledger);
      // The day exactly 5 years back is kept; today's too.
      expect(await count('SELECT count(*)::int AS n FROM dossiers WHERE id = ANY($1::uuid[])', [[edge.dossierId, recent.dossierId]])).toBe(2);

      // The schedule: runs once a day whichever process asks; its log holds counts, never content.
      const first = await schedule.runDue();
      expect(first).toMatchObject({ dossiers: 0, events: 0 });
      // ...and leaves fresh statistics for the feed's page queries, autovacuum or not.
      const analysed = await hub.db.query<{ relname: string }>("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname IN ('changes', 'dossier_events')");
      expect(analysed.rows.map((r) => r.relname).sort()).toEqual(['changes', 'dossier_events']);
      expect(await schedule.runDue()).toBeNull();
      expect(logged).toHaveLength(1);
      expect(Object.keys(logged[0]!).sort()).toEqual(['before', 'caseEvents', 'cases', 'changes', 'dossiers', 'events', 'ms', 'refusedOps', 'summaryRowsFolded']);
      expect(JSON.stringify(logged)).not.toMatch(new RegExp(`${CCCD}|Lò Thị Hoa|${old[1]!.itemNumber}`));
    } finally {
      schedule.stop();
    }
  });

  it('never keeps less than the law’s 5 years, whatever the province’s document says', async () => {
    await hub.db.query("INSERT INTO reference_docs (name, version, payload, updated_at) VALUES ('personal_data', 't', '{\"hubRetentionYears\": 2}'::jsonb, 0) ON CONFLICT (name) DO UPDATE SET payload = excluded.payload");
    const r = await purgeExpired(hub.db, { now: Date.parse('2026-12-07T10:00:00+07:00') });
    expect(r.before).toBe('2021-12-07');
    await hub.db.query("DELETE FROM reference_docs WHERE name = 'personal_data'");
  });
});
