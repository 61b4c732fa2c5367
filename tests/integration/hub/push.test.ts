/**
 * POST /push against a real hub on a real PostgreSQL: exactly-once application, replays, gaps,
 * conflicts between counters decided by the hub's order, branch isolation, concurrency.
 */
import { expect, it } from 'vitest';
import { describePg } from '../../helpers/pg';
import type { PushResponse } from '../../../src/shared/sync-protocol';
import { acceptOp, call, enroll, eventOp, handOverOp, ledgerOp, numbered, pushAs, freshHub, toReadyForPickup, type Enrolled, type TestHub } from './harness';
import type { SyncOp } from '../../../src/shared/sync-ops';
import { makeItemNumber } from '../../../src/shared/s10';

describePg('hub push', () => {
  let hub: TestHub;

  freshHub((h) => (hub = h));

  const push = (who: Enrolled, firstSeq: number, payloads: SyncOp[]) => pushAs(hub, who, firstSeq, payloads);
  const count = async (table: string): Promise<number> => Number((await hub.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);
  const counts = async () => ({
    dossiers: await count('dossiers'),
    events: await count('dossier_events'),
    changes: await count('changes'),
    ops: await count('op_log'),
    ledger: await count('ledger_entries'),
  });

  it('applies a batch once; a replay returns the same answers and changes nothing', async () => {
    const a = await enroll(hub, 'B-REPLAY', 'B-REPLAY-1');
    const acc = acceptOp(a.counterId);
    const payloads = [acc, ...toReadyForPickup(a.counterId, acc), ledgerOp(a.counterId), handOverOp(a.counterId, acc)];
    const first = await push(a, 1, payloads);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
    expect(first.body.expectedSeq).toBe(7);
    expect(first.body.results[5]!.hubSeq).toBe(5);
    expect(Number(first.headers.get('x-hub-time'))).toBeGreaterThan(0);
    const before = await counts();

    const again = await push(a, 1, payloads);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual(first.body.results);
    expect(again.body.expectedSeq).toBe(7);
    // A partial replay overlapping new ops: old ones answered from storage, new one applied.
    const extra = ledgerOp(a.counterId, 5000);
    const overlap = await push(a, 5, [...payloads.slice(4), extra]);
    expect(overlap.body.results.slice(0, 2)).toEqual(first.body.results.slice(4));
    expect(overlap.body.results[2]!.status).toBe('accepted');
    const after = await counts();
    expect(after).toEqual({ ...before, ops: before.ops + 1, ledger: before.ledger + 1 });

    const row = await hub.db.query<{ hub_seq: number; state: string }>(`SELECT hub_seq, snapshot->>'state' AS state FROM dossiers WHERE id = $1`, [acc.dossierId]);
    expect(row.rows[0]).toEqual({ hub_seq: 5, state: 'handed_over' });
  });

  it('reports a gap with the expected seq and applies nothing after it', async () => {
    const a = await enroll(hub, 'B-GAP', 'B-GAP-1');
    const ops = Array.from({ length: 6 }, () => acceptOp(a.counterId));
    expect((await push(a, 1, ops.slice(0, 3))).body.expectedSeq).toBe(4);
    const before = await counts();
    const gap = await push(a, 5, ops.slice(4));
    expect(gap.status).toBe(200);
    expect(gap.body.expectedSeq).toBe(4);
    expect(gap.body.results.map((r) => r.status)).toEqual(['gap', 'gap']);
    expect(gap.body.results[0]!.reason).toContain('4');
    expect(await counts()).toEqual(before);
    // A batch starting right but with a hole inside is refused as malformed (seqs must be consecutive).
    const holey = await call(hub, '/push', { token: a.token, body: { ops: [numbered(4, [ops[3]!])[0], numbered(6, [ops[5]!])[0]] } });
    expect(holey.status).toBe(400);
    expect(await counts()).toEqual(before);
    const fill = await push(a, 4, ops.slice(3));
    expect(fill.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(fill.body.expectedSeq).toBe(7);
  });

  it('a reused seq with a different op is answered SEQ_CONFLICT and stored nothing', async () => {
    const a = await enroll(hub, 'B-SEQ', 'B-SEQ-1');
    await push(a, 1, [acceptOp(a.counterId)]);
    const before = await counts();
    const r = await push(a, 1, [acceptOp(a.counterId)]);
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', code: 'SEQ_CONFLICT' });
    expect(await counts()).toEqual(before);
  });

  it('refuses an illegal step with the state machine’s Vietnamese reason, and keeps the answer', async () => {
    const a = await enroll(hub, 'B-ILLEGAL', 'B-ILLEGAL-1');
    const acc = acceptOp(a.counterId);
    const bad = handOverOp(a.counterId, acc);
    const r = await push(a, 1, [acc, bad, ledgerOp(a.counterId)]);
    expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(r.body.results[1]).toMatchObject({ code: 'ILLEGAL_STEP', dossier: { state: 'accepted', hubSeq: 1 } });
    expect(r.body.results[1]!.reason).toMatch(/Không thể trả kết quả khi hồ sơ ở trạng thái “Đã tiếp nhận, chờ chuyển cơ quan”/);
    const replay = await push(a, 2, [bad]);
    expect(replay.body.results[0]).toEqual(r.body.results[1]);
    // A cancel by a clerk is refused; by a manager it is applied.
    const byClerk = await push(a, 4, [eventOp(a.counterId, acc, { type: 'cancelled', reason: 'Công dân rút hồ sơ' })]);
    expect(byClerk.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    const byManager = await push(a, 5, [eventOp(a.counterId, acc, { type: 'cancelled', reason: 'Công dân rút hồ sơ' }, 'manager')]);
    expect(byManager.body.results[0]).toMatchObject({ status: 'accepted', hubSeq: 2 });
    const st = await hub.db.query<{ s: string }>(`SELECT snapshot->>'state' AS s FROM dossiers WHERE id = $1`, [acc.dossierId]);
    expect(st.rows[0]!.s).toBe('cancelled');
  });

  it('two counters on the same dossier: the first to reach the hub wins, the loser learns who won', async () => {
    const a = await enroll(hub, 'B-RACE', 'B-RACE-A');
    const b = await enroll(hub, 'B-RACE', 'B-RACE-B');
    const acc = acceptOp(a.counterId);
    await push(a, 1, [acc, ...toReadyForPickup(a.counterId, acc)]);
    // Both hand the result over while offline; B reaches the hub first.
    const byB = handOverOp(b.counterId, acc);
    const byA = handOverOp(a.counterId, acc);
    const rb = await push(b, 1, [byB]);
    expect(rb.body.results[0]!.status).toBe('accepted');
    const ra = await push(a, 5, [byA]);
    const lost = ra.body.results[0]!;
    expect(lost).toMatchObject({ status: 'rejected', code: 'ILLEGAL_STEP', winningEventId: byB.eventId, dossier: { state: 'handed_over', hubSeq: 5 } });
    expect(lost.reason).toContain('Trả kết quả cho người nhận');
    expect(lost.reason).toContain('Quầy B-RACE-B');
    expect(lost.reason).toContain('không được ghi nhận');
  });

  it('a counter cannot touch another branch’s dossier, nor speak for another counter', async () => {
    const a = await enroll(hub, 'B-ISO-1', 'B-ISO-1-A');
    const x = await enroll(hub, 'B-ISO-2', 'B-ISO-2-X');
    const acc = acceptOp(a.counterId);
    await push(a, 1, [acc]);
    const before = await counts();
    const r = await push(x, 1, [
      eventOp(x.counterId, acc, { type: 'cancelled', reason: 'thử' }, 'manager'),
      { ...ledgerOp(x.counterId), entry: { ...(ledgerOp(x.counterId) as Extract<SyncOp, { kind: 'ledger.entry' }>).entry, dossierId: acc.dossierId } },
      eventOp(a.counterId, acc, { type: 'batched', batchId: acc.dossierId, agencyCode: 'STP' }),
    ] as SyncOp[]);
    expect(r.body.results.map((x) => x.code)).toEqual(['OTHER_BRANCH', 'OTHER_BRANCH', 'WRONG_COUNTER']);
    expect(r.body.results[0]!.dossier).toBeUndefined(); // nothing about another branch's dossier leaks
    const after = await counts();
    expect(after).toEqual({ ...before, ops: before.ops + 3 });
    const state = await hub.db.query<{ s: string }>(`SELECT snapshot->>'state' AS s FROM dossiers WHERE id = $1`, [acc.dossierId]);
    expect(state.rows[0]!.s).toBe('accepted');
    // X's pull never shows branch 1's dossier.
    const pulled = await call<{ changes: { kind: string }[] }>(hub, '/pull', { token: x.token });
    expect(pulled.body.changes.filter((c) => c.kind === 'dossier.event')).toEqual([]);
  });

  it('many counters pushing at once: every op applied exactly once, numbering intact', async () => {
    const branch = 'B-MANY';
    const counters = await Promise.all(Array.from({ length: 8 }, (_, i) => enroll(hub, branch, `${branch}-${i}`)));
    const batches = 4;
    const perBatch = 50;
    const before = await counts();
    // Each counter pushes its batches in order, all counters concurrently; every batch is also sent
    // twice at the same time (a retry overtaking a slow request).
    await Promise.all(
      counters.map(async (k) => {
        for (let b = 0; b < batches; b++) {
          const payloads = Array.from({ length: perBatch }, (_, i) => (i % 5 === 4 ? ledgerOp(k.counterId) : acceptOp(k.counterId)));
          const [r1, r2] = await Promise.all([push(k, 1 + b * perBatch, payloads), push(k, 1 + b * perBatch, payloads)]);
          expect(r1.status).toBe(200);
          expect(r2.body.results).toEqual(r1.body.results);
          expect(r1.body.results.every((r) => r.status === 'accepted')).toBe(true);
        }
      }),
    );
    const after = await counts();
    const total = counters.length * batches * perBatch;
    expect(after.ops - before.ops).toBe(total);
    expect(after.dossiers - before.dossiers).toBe((total * 4) / 5);
    expect(after.ledger - before.ledger).toBe(total / 5);
    const seqs = await hub.db.query<{ id: string; next: number; n: number }>(
      `SELECT k.id, k.next_seq::int AS next, (SELECT count(*)::int FROM op_log o WHERE o.counter_id = k.id) AS n FROM counters k WHERE k.branch_code = $1`,
      [branch],
    );
    for (const r of seqs.rows) expect(r).toMatchObject({ next: batches * perBatch + 1, n: batches * perBatch });
  });

  it('item numbers belong to their counter: another branch’s number, a bad check digit or a foreign series is refused, the owner’s dossier unharmed', async () => {
    const squatter = await enroll(hub, 'B-SQ-1', 'B-SQ-1-A');
    const owner = await enroll(hub, 'B-SQ-2', 'B-SQ-2-A');
    const owned = await hub.db.query<{ prefix: string; block_no: number }>("SELECT prefix, block_no FROM serial_blocks WHERE counter_id = 'B-SQ-2-A'");
    expect(owned.rows).toHaveLength(1);
    // The owner has not used this number yet: the squatter takes it first.
    const theirs = makeItemNumber(owned.rows[0]!.prefix, owned.rows[0]!.block_no * hub.serials.blockSize + 7);
    const good = makeItemNumber(owned.rows[0]!.prefix, 12_345_678);
    const badDigit = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}VN`;
    const r = await push(squatter, 1, [
      acceptOp(squatter.counterId, { itemNumber: theirs }),
      acceptOp(squatter.counterId, { itemNumber: badDigit }),
      acceptOp(squatter.counterId, { itemNumber: makeItemNumber('EA', 77_000_001) }),
      acceptOp(squatter.counterId),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.code ?? x.status)).toEqual(['ITEM_NUMBER_NOT_ISSUED', 'BAD_CHECK_DIGIT', 'ITEM_NUMBER_NOT_ISSUED', 'accepted']);
    expect(r.body.results[0]!.reason).toBe(`Số hiệu bưu gửi ${theirs} không thuộc dải số máy chủ đã cấp cho quầy này; hồ sơ không được ghi nhận.`);
    expect((await hub.db.query('SELECT 1 FROM dossiers WHERE item_number = $1', [theirs])).rowCount).toBe(0);
    // The owner's real dossier under that number goes through, and its later steps too.
    const real = acceptOp(owner.counterId, { itemNumber: theirs });
    const mine = await push(owner, 1, [real, ...toReadyForPickup(owner.counterId, real)]);
    expect(mine.body.results.map((x) => x.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const row = await hub.db.query<{ branch_code: string; origin_counter_id: string }>('SELECT branch_code, origin_counter_id FROM dossiers WHERE item_number = $1', [theirs]);
    expect(row.rows).toEqual([{ branch_code: 'B-SQ-2', origin_counter_id: 'B-SQ-2-A' }]);
  });

  it('a void placeholder consumes a seq without effect', async () => {
    const a = await enroll(hub, 'B-VOID', 'B-VOID-1');
    const before = await counts();
    const opId = acceptOp(a.counterId).opId;
    const r = await call<PushResponse>(hub, '/push', { token: a.token, body: { ops: [{ opId, seq: 1, payload: { opId, kind: 'void', reason: 'malformed' } }] } });
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', code: 'VOIDED' });
    expect(r.body.expectedSeq).toBe(2);
    expect(await counts()).toEqual({ ...before, ops: before.ops + 1 });
  });
});
