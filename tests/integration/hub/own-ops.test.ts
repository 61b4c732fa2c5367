/**
 * GET /own-ops: a counter's own operations from a sequence number on, exactly as pushed and answered,
 * in pages; never another counter's; refused without a token or with a bad query.
 */
import { expect, it } from 'vitest';
import { describePg } from '../../helpers/pg';
import { OwnOpsResponseSchema, type OwnOpsResponse } from '../../../src/shared/sync-protocol';
import type { SyncOp } from '../../../src/shared/sync-ops';
import { acceptOp, call, enroll, ledgerOp, pushAs, freshHub, toReadyForPickup, type Enrolled, type TestHub } from './harness';

describePg('hub own-ops', () => {
  let hub: TestHub;

  freshHub((h) => (hub = h));

  const push = (who: Enrolled, firstSeq: number, payloads: SyncOp[]) => pushAs(hub, who, firstSeq, payloads);
  const own = (who: Enrolled | null, q: string) => call<OwnOpsResponse>(hub, `/own-ops?${q}`, who ? { token: who.token } : {});

  it('gives back the counter’s own operations with their answers, in pages', async () => {
    const a = await enroll(hub, 'O-1', 'O-1-A');
    const b = await enroll(hub, 'O-1', 'O-1-B');
    const acc = acceptOp(a.counterId);
    const tail = toReadyForPickup(a.counterId, acc);
    // A second acceptance of the same dossier is refused: its answer is stored too.
    const dup = { ...acceptOp(a.counterId), dossierId: acc.dossierId, itemNumber: (acc as Extract<SyncOp, { kind: 'dossier.event' }>).itemNumber };
    const sent = [acc, ledgerOp(a.counterId), ...tail, dup as SyncOp];
    const pushed = await push(a, 1, sent);
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.at(-1)).toMatchObject({ status: 'rejected' });
    await push(b, 1, [acceptOp(b.counterId)]);

    const all = await own(a, 'fromSeq=1');
    expect(all.status).toBe(200);
    expect(OwnOpsResponseSchema.safeParse(all.body).success).toBe(true);
    expect(all.body.expectedSeq).toBe(sent.length + 1);
    expect(all.body.ops.map((o) => [o.seq, o.opId, o.status])).toEqual(sent.map((s, i) => [i + 1, s.opId, i === sent.length - 1 ? 'rejected' : 'accepted']));
    // As pushed: the accepted event with its dossier record, the ledger entry, later events without it.
    expect(all.body.ops[0]!.payload).toEqual(acc);
    expect(all.body.ops[1]!.payload).toEqual(sent[1]);
    expect(all.body.ops[2]!.payload).toEqual(tail[0]);
    expect(all.body.ops.at(-1)).toMatchObject({ status: 'rejected', code: expect.any(String), reason: expect.stringMatching(/\S/) });

    // Pages.
    const p1 = await own(a, 'fromSeq=2&limit=2');
    expect(p1.body).toMatchObject({ hasMore: true });
    expect(p1.body.ops.map((o) => o.seq)).toEqual([2, 3]);
    // Another counter sees only its own.
    expect((await own(b, 'fromSeq=1')).body.ops.map((o) => o.seq)).toEqual([1]);
    // Nothing past the end.
    expect((await own(a, `fromSeq=${sent.length + 1}`)).body).toMatchObject({ ops: [], hasMore: false });
  });

  it('refuses without a token, and a bad query with 400', async () => {
    const a = await enroll(hub, 'O-2', 'O-2-A');
    expect((await own(null, 'fromSeq=1')).status).toBe(401);
    for (const q of ['fromSeq=0', 'fromSeq=abc', '', 'fromSeq=1&limit=100000', 'fromSeq=1&x=1']) {
      const r = await own(a, q);
      expect(r.status, q).toBe(400);
    }
  });
});
