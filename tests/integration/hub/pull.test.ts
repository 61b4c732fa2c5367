/**
 * GET /pull: other counters' events of the branch, reference data, own serial ranges, pages, and a
 * cursor that never skips a row committed late by a concurrent transaction (two real connections).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describePg, PG_ADMIN_URL, type TestDatabase } from '../../helpers/pg';
import type { PullChange, PullResponse } from '../../../src/shared/sync-protocol';
import type { SyncOp } from '../../../src/shared/sync-ops';
import { acceptOp, ADMIN_TOKEN, call, enroll, eventOp, ledgerOp, numbered, pushAs, freshHub, toReadyForPickup, type Enrolled, type TestHub } from './harness';
import { pushInTx } from '../../../src/hub/push';
import type { Conn } from '../../../src/hub/db';

describePg('hub pull', () => {
  let hub: TestHub;
  let tdb: TestDatabase;

  freshHub((h, t) => {
    hub = h;
    tdb = t;
  }, { serials: { blockSize: 1000 } });

  const push = (who: Enrolled, firstSeq: number, payloads: SyncOp[]) => pushAs(hub, who, firstSeq, payloads);
  const pull = (who: Enrolled, cursor = '', limit = 500) => call<PullResponse>(hub, `/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`, { token: who.token });
  async function pullAll(who: Enrolled, cursor = '', limit = 500): Promise<{ changes: PullChange[]; cursor: string; pages: number }> {
    const changes: PullChange[] = [];
    let pages = 0;
    for (;;) {
      const r = await pull(who, cursor, limit);
      expect(r.status).toBe(200);
      pages++;
      changes.push(...r.body.changes);
      cursor = r.body.cursor;
      if (!r.body.hasMore) return { changes, cursor, pages };
    }
  }
  const events = (cs: PullChange[]) => cs.filter((c): c is Extract<PullChange, { kind: 'dossier.event' }> => c.kind === 'dossier.event');

  it('returns other counters’ events of the branch in hub order, in pages; never the own ones', async () => {
    const a = await enroll(hub, 'P-1', 'P-1-A');
    const b = await enroll(hub, 'P-1', 'P-1-B');
    const accs = Array.from({ length: 7 }, () => acceptOp(a.counterId));
    const tail = toReadyForPickup(a.counterId, accs[0]!);
    const pushed = await push(a, 1, [...accs, ledgerOp(a.counterId), ...tail]);
    expect(pushed.status, JSON.stringify(pushed.body).slice(0, 300)).toBe(200);
    await push(b, 1, [acceptOp(b.counterId)]);

    const got = await pullAll(b, '', 3);
    expect(got.pages).toBeGreaterThan(3);
    const evs = events(got.changes);
    expect(evs.map((e) => (e.op as Extract<SyncOp, { kind: 'dossier.event' }>).eventId)).toEqual([...accs, ...tail].map((o) => (o as Extract<SyncOp, { kind: 'dossier.event' }>).eventId));
    expect(evs.every((e) => e.originCounterId === a.counterId)).toBe(true);
    expect(evs[0]!.op).toMatchObject({ dossier: { id: accs[0]!.dossierId, parties: [{ fullName: 'Lò Thị Hoa' }] } });
    expect(evs.map((e) => e.hubSeq)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 3, 4]);
    // Ledger entries stay at the hub.
    expect(JSON.stringify(got.changes)).not.toContain('agency_fee');
    // Own serial range only.
    const ranges = got.changes.filter((c) => c.kind === 'serial_range');
    expect(ranges.map((r) => r.kind === 'serial_range' && r.range.counterId)).toEqual([b.counterId]);
    // Nothing new: the same cursor comes back with no changes.
    const again = await pull(b, got.cursor);
    expect(again.body).toMatchObject({ changes: [], cursor: got.cursor, hasMore: false });
    // A's pull does not echo A's own events.
    expect(events((await pullAll(a)).changes).map((e) => e.originCounterId)).toEqual([b.counterId]);
  });

  it('hands down reference data to every branch, newest version only', async () => {
    const k = await enroll(hub, 'P-REF', 'P-REF-1');
    const resources = join(__dirname, '../../../resources/reference');
    const cal = JSON.parse(readFileSync(join(resources, 'calendar-overrides.json'), 'utf8')) as unknown;
    const transit = JSON.parse(readFileSync(join(resources, 'transit-limits.json'), 'utf8')) as Record<string, unknown>;
    for (const v of ['2026.1', '2026.2']) {
      const r = await call(hub, '/admin/reference/calendar', { method: 'PUT', token: ADMIN_TOKEN, body: { version: v, payload: cal } });
      expect(r.status).toBe(200);
    }
    expect((await call(hub, '/admin/reference/transit', { method: 'PUT', token: ADMIN_TOKEN, body: { version: 't1', payload: transit } })).status).toBe(200);
    const bad = await call(hub, '/admin/reference/transit', { method: 'PUT', token: ADMIN_TOKEN, body: { version: 't2', payload: { ...transit, schemaVersion: 2 } } });
    expect(bad.status).toBe(400);
    expect((await call(hub, '/admin/reference/transit', { method: 'PUT', token: k.token, body: { version: 't3', payload: transit } })).status).toBe(401);
    const catalogue = JSON.parse(readFileSync(join(resources, 'catalogue-son-la.sample.json'), 'utf8')) as { version: string; procedures: unknown[] };
    const badCat = await call<{ problems: string[] }>(hub, '/admin/reference/catalogue', { method: 'PUT', token: ADMIN_TOKEN, body: { version: 'c0', payload: { ...catalogue, procedures: [{ code: 'X' }] } } });
    expect(badCat.status).toBe(400);
    expect(badCat.body.problems.length).toBeGreaterThan(0);

    const refs = (await pullAll(k)).changes.filter((c) => c.kind === 'reference');
    expect(refs.map((r) => r.kind === 'reference' && `${r.name}@${r.version}`)).toEqual(['calendar@2026.2', 'transit@t1']);
  });

  it('late commit: a row committed after a younger transaction is never skipped (two real connections)', async () => {
    const reader = await enroll(hub, 'P-LATE', 'P-LATE-R');
    const writer = await enroll(hub, 'P-LATE', 'P-LATE-W');
    // Bring the reader's cursor to the present.
    let cursor = (await pullAll(reader)).cursor;

    const c1 = new pg.Client({ connectionString: tdb.url });
    const c2 = new pg.Client({ connectionString: tdb.url });
    await c1.connect();
    await c2.connect();
    // The hub's own push code, run on a transaction the test holds open.
    const conn = (c: pg.Client): Conn => ({
      query: async <R,>(text: string, params?: unknown[]) => {
        const r = await c.query(text, params);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      },
      exec: async (sql: string) => void (await c.query(sql)),
    });
    const w1 = await enroll(hub, 'P-LATE', 'P-LATE-W1');
    const w2 = await enroll(hub, 'P-LATE', 'P-LATE-W2');
    let seq1 = 1;
    let seq2 = 1;
    const pushVia = async (c: pg.Client, who: Enrolled, op: SyncOp) => {
      const seq = who === w1 ? seq1++ : seq2++;
      const out = await pushInTx(conn(c), hub.serials, who, numbered(seq, [op]), Date.now());
      expect(out.results[0]!.status).toBe('accepted');
    };
    const changeIdOf = async (eventId: string) => (await hub.db.query<{ id: string }>('SELECT change_id::text AS id FROM changes WHERE event_id = $1', [eventId])).rows[0]!.id;
    const ids = (cs: PullChange[]) => events(cs).map((e) => (e.op as { eventId: string }).eventId);
    try {
      // Case 1: the older change id commits last. c1 takes change id N, c2 takes N+1 and commits.
      const early = acceptOp(w1.counterId);
      const late = acceptOp(w2.counterId);
      await c1.query('BEGIN');
      await pushVia(c1, w1, early);
      await c2.query('BEGIN');
      await pushVia(c2, w2, late);
      await c2.query('COMMIT');
      // A naive `change_id > cursor` feed would now hand out c2's row and move past c1's forever.
      const lateId = await changeIdOf(late.eventId);
      const naive = await hub.db.query<{ id: string }>(`SELECT change_id::text AS id FROM changes WHERE branch_code = 'P-LATE' AND kind = 'dossier.event' ORDER BY change_id`);
      expect(naive.rows.map((r) => r.id)).toEqual([lateId]);
      // A real push over HTTP from a third counter commits meanwhile.
      const pushed = acceptOp(writer.counterId);
      expect((await push(writer, 1, [pushed])).body.results[0]!.status).toBe('accepted');
      const during = await pull(reader, cursor);
      expect(events(during.body.changes)).toEqual([]);
      cursor = during.body.cursor;
      await c1.query('COMMIT');
      expect(BigInt(await changeIdOf(early.eventId))).toBeLessThan(BigInt(lateId));
      const after = await pullAll(reader, cursor);
      expect(ids(after.changes)).toEqual([early.eventId, late.eventId, pushed.eventId]);
      cursor = after.cursor;

      // Case 2: the older xid writes last. c1 gets its xid first but writes after c2 committed.
      const x1 = acceptOp(w1.counterId);
      const x2 = acceptOp(w2.counterId);
      await c1.query('BEGIN');
      await c1.query('SELECT pg_current_xact_id()');
      await c2.query('BEGIN');
      await pushVia(c2, w2, x2);
      await c2.query('COMMIT');
      const mid = await pull(reader, cursor);
      expect(events(mid.body.changes)).toEqual([]);
      cursor = mid.body.cursor;
      await pushVia(c1, w1, x1);
      await c1.query('COMMIT');
      const end = await pullAll(reader, cursor);
      expect(ids(end.changes)).toEqual([x1.eventId, x2.eventId]);
      cursor = end.cursor;

      // Case 3: an event of an older transaction on a dossier a younger one created is still
      // delivered after the creation (per-dossier hub order).
      const created = acceptOp(w2.counterId);
      await c1.query('BEGIN');
      await c1.query('SELECT pg_current_xact_id()');
      await c2.query('BEGIN');
      await pushVia(c2, w2, created); // a younger xid creates the dossier and commits
      await c2.query('COMMIT');
      await pushVia(c1, w1, eventOp(w1.counterId, created, { type: 'batched', batchId: created.dossierId, agencyCode: 'STP' }));
      await c1.query('COMMIT');
      const order = await pullAll(reader, cursor);
      expect(events(order.changes).map((e) => e.hubSeq)).toEqual([1, 2]);
    } finally {
      await c1.end();
      await c2.end();
    }
  });

  it('a long transaction in another database on the same server does not hold the feed back', async () => {
    const reader = await enroll(hub, 'P-OTHERDB', 'P-OTHERDB-R');
    const writer = await enroll(hub, 'P-OTHERDB', 'P-OTHERDB-W');
    const cursor = (await pullAll(reader)).cursor;
    const other = new pg.Client({ connectionString: PG_ADMIN_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const op = acceptOp(writer.counterId);
      await push(writer, 1, [op]);
      const got = await pullAll(reader, cursor);
      expect(events(got.changes).map((e) => (e.op as { eventId: string }).eventId)).toEqual([op.eventId]);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });

  it('a puller polling while many counters push concurrently gets every event exactly once', async () => {
    const reader = await enroll(hub, 'P-RACE', 'P-RACE-R');
    const writers = await Promise.all(Array.from({ length: 6 }, (_, i) => enroll(hub, 'P-RACE', `P-RACE-${i}`)));
    const sent: string[] = [];
    let done = false;
    let cursor = '';
    const seen: string[] = [];
    const poller = (async () => {
      while (!done) {
        const r = await pull(reader, cursor, 7);
        // An HTTP failure is told apart from a missed or repeated event.
        if (r.status !== 200) throw new Error(`pull answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
        for (const e of events(r.body.changes)) seen.push((e.op as { eventId: string }).eventId);
        cursor = r.body.cursor;
      }
    })();
    await Promise.all(
      writers.map(async (w) => {
        for (let b = 0; b < 8; b++) {
          const ops = Array.from({ length: 10 }, () => acceptOp(w.counterId));
          const r = await push(w, 1 + b * 10, ops);
          if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
          for (const [i, res] of r.body.results.entries()) if (res.status === 'accepted') sent.push(ops[i]!.eventId);
        }
      }),
    );
    done = true;
    await poller;
    for (const e of events((await pullAll(reader, cursor)).changes)) seen.push((e.op as { eventId: string }).eventId);
    expect(sent).toHaveLength(6 * 8 * 10);
    const missing = sent.filter((id) => !seen.includes(id));
    const repeated = seen.filter((id, i) => seen.indexOf(id) !== i);
    expect({ missing, repeated, unexpected: seen.filter((id) => !sent.includes(id)) }).toEqual({ missing: [], repeated: [], unexpected: [] });
  });

  it('serial ranges never overlap and a counter near the end of its block gets the next one', async () => {
    const ks = await Promise.all(Array.from({ length: 5 }, (_, i) => enroll(hub, 'P-SER', `P-SER-${i}`)));
    const all = await hub.db.query<{ prefix: string; block_no: number; counter_id: string }>('SELECT prefix, block_no, counter_id FROM serial_blocks ORDER BY block_no');
    const keys = all.rows.map((r) => `${r.prefix}:${r.block_no}`);
    expect(new Set(keys).size).toBe(keys.length);
    const k = ks[0]!;
    const first = (await pullAll(k)).changes.filter((c) => c.kind === 'serial_range');
    expect(first).toHaveLength(1);
    const range = (first[0] as Extract<PullChange, { kind: 'serial_range' }>).range;
    expect(range.lastSerial - range.firstSerial + 1).toBe(1000);
    const { makeItemNumber } = await import('../../../src/shared/s10');
    const near = acceptOp(k.counterId, { itemNumber: makeItemNumber('RR', range.firstSerial + 850) });
    expect((await push(k, 1, [near])).body.results[0]!.status).toBe('accepted');
    const more = (await pullAll(k)).changes.filter((c): c is Extract<PullChange, { kind: 'serial_range' }> => c.kind === 'serial_range');
    expect(more).toHaveLength(2);
    expect(more[1]!.range.firstSerial).toBeGreaterThan(range.lastSerial);
    // Other counters of the branch never see it.
    expect((await pullAll(ks[1]!)).changes.filter((c) => c.kind === 'serial_range')).toHaveLength(1);
  });

  it('rejects a malformed cursor or limit', async () => {
    const k = await enroll(hub, 'P-BAD', 'P-BAD-1');
    for (const q of ['cursor=abc', 'cursor=1;DROP%20TABLE%20changes', 'limit=0', 'limit=100000', 'cursor=1.2&extra=1']) {
      const r = await call(hub, `/pull?${q}`, { token: k.token });
      expect(r.status, q).toBe(400);
    }
  });
});
