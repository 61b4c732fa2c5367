/**
 * A counter's store restored from its own backup (disk failure): the first sync takes back from the
 * hub what the counter did after the backup — dossiers, events, money — renumbers what it did since,
 * and never issues an item number twice. Also a counter wiped and enrolled again, and a store copied
 * back by hand without the restore script.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { restoreFromBackup } from '../../../src/main/store/restore';
import { RECONCILE_KEY } from '../../../src/main/store/reconcile';
import { describePg } from '../../helpers/pg';
import { backupOf, CITIZEN, lltpInput } from '../../helpers/app';
import { hubWithCounters, type TestCounter } from './setup';
import { NAME_WORDS } from '../../helpers/app';

describePg('a counter restored from a backup', () => {
  // Registered first so that it runs after the counters are disposed (after-hooks run in reverse).
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const h = hubWithCounters();
  const make = (id: string, dir?: string) => h.make(id, dir ? { dir } : {});
  const freshDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'quayhcc-restore-'));
    dirs.push(d);
    return d;
  };
  const intake = (c: TestCounter, i: number) =>
    c.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: `Lò Văn ${NAME_WORDS[i % NAME_WORDS.length]}`, idNumber: `01408500${String(1000 + i)}` } }), c.clerk);
  const state = (c: TestCounter) => ({
    dossiers: c.db.prepare('SELECT id, item_number, state FROM dossiers ORDER BY item_number').all(),
    money: c.db.prepare('SELECT coalesce(sum(amount), 0) AS s, count(*) AS n FROM ledger').get(),
  });
  const outbox = (c: TestCounter) => c.db.prepare('SELECT seq, status FROM outbox ORDER BY seq').all() as { seq: number; status: string }[];
  const hubCount = async (sql: string, p: unknown[]) => Number((await h.hub.db.query<{ n: string }>(sql, p)).rows[0]!.n);

  it('takes back the work done after the backup before it issues a new item number', async () => {
    const dir = freshDir();
    const a = make('R-Q1', dir);
    await a.enroll(h.hub);
    expect((await a.worker.syncNow()).status).toBe('synced');
    const early = [intake(a, 1), intake(a, 2)];
    expect((await a.worker.syncNow()).status).toBe('synced');
    // The nightly backup.
    const backup = join(freshDir(), 'backup.sqlite');
    await backupOf(a.db, backup);
    // The next morning: three intakes and a handover step, all synced; then the disk dies.
    const late = [intake(a, 3), intake(a, 4), intake(a, 5)];
    a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [early[0]!.dossierId, late[0]!.dossierId] }, a.clerk);
    expect((await a.worker.syncNow()).status).toBe('synced');
    const before = state(a);
    const seqBefore = outbox(a);
    await a.worker.stop();
    a.close();
    h.live.splice(h.live.indexOf(a), 1);

    // IT restores last night's backup over the dead store.
    const r = restoreFromBackup(dir, backup);
    expect(r).toMatchObject({ dossiers: 2 });
    const b = make('R-Q1', dir);
    // No intake until the counter has taken its work back: the restored ranges would repeat numbers.
    expect(() => intake(b, 6)).toThrow(/vừa được khôi phục từ bản sao lưu/);
    // The status bar says why, until the first sync.
    expect(b.worker.getState()).toMatchObject({ status: 'pending', notice: expect.stringMatching(/vừa được khôi phục từ bản sao lưu/) });
    expect(b.services.lookup.search({ query: early[1]!.itemNumber }).results).toHaveLength(1);

    const s = await b.worker.syncNow();
    expect(s).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });
    expect(b.worker.lastRecovery).toMatchObject({ from: r.fromSeq, taken: seqBefore.length - (r.fromSeq - 1), renumbered: 0, deferred: 0 });
    expect(state(b)).toEqual(before);
    expect(outbox(b)).toEqual(seqBefore);
    for (const d of late) expect(b.services.lookup.get(d.dossierId)).toMatchObject({ itemNumber: d.itemNumber, parties: [{ fullName: expect.stringMatching(/^Lò Văn (Dũng|Hải|Khánh)$/) }] });
    expect(b.db.prepare(`SELECT count(*) AS n FROM meta WHERE key = ?`).get(RECONCILE_KEY)).toEqual({ n: 0 });
    expect(b.worker.getState()).toMatchObject({ notice: null, lastError: null });

    // Intake again: a number never issued before, accepted by the hub.
    const next = intake(b, 6);
    expect([...early, ...late].map((d) => d.itemNumber)).not.toContain(next.itemNumber);
    expect((await b.worker.syncNow()).status).toBe('synced');
    expect(await hubCount("SELECT count(*) AS n FROM dossiers WHERE origin_counter_id = 'R-Q1'", [])).toBe(6);
    expect(await hubCount("SELECT count(*) AS n FROM ops WHERE counter_id = 'R-Q1'", [])).toBe(0);
    expect(b.db.prepare("SELECT action FROM audit_log WHERE action = 'sync.recover'").all()).toHaveLength(1);
  });

  it('a store copied back by hand, and work done on it before the first sync, is renumbered after the hub\'s', async () => {
    const dir = freshDir();
    const a = make('R-Q2', dir);
    await a.enroll(h.hub);
    expect((await a.worker.syncNow()).status).toBe('synced');
    const first = intake(a, 1);
    expect((await a.worker.syncNow()).status).toBe('synced');
    const backup = join(freshDir(), 'copy.sqlite');
    await backupOf(a.db, backup);
    const lost = intake(a, 2);
    expect((await a.worker.syncNow()).status).toBe('synced');
    await a.worker.stop();
    a.close();
    h.live.splice(h.live.indexOf(a), 1);

    // Copied back without the script: no mark, so the counter works on before it syncs.
    copyFileSync(backup, join(dir, 'quay-hcc.sqlite'));
    rmSync(join(dir, 'quay-hcc.sqlite-wal'), { force: true });
    rmSync(join(dir, 'quay-hcc.sqlite-shm'), { force: true });
    const b = make('R-Q2', dir);
    const batch = b.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [first.dossierId] }, b.clerk);
    const s = await b.worker.syncNow();
    expect(s).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });
    expect(b.worker.lastRecovery).toMatchObject({ taken: 3, renumbered: 1 });
    // The lost intake is back, and the batch made after the restore reached the hub after it.
    expect(b.services.lookup.get(lost.dossierId)).toMatchObject({ itemNumber: lost.itemNumber });
    expect(b.services.lookup.get(first.dossierId)).toMatchObject({ state: 'batched' });
    const seqs = outbox(b);
    expect(seqs.map((o) => o.seq)).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.every((o) => o.status === 'acked')).toBe(true);
    const hubState = await h.hub.db.query<{ s: string }>(`SELECT snapshot->>'state' AS s FROM dossiers WHERE id = $1`, [first.dossierId]);
    expect(hubState.rows[0]!.s).toBe('batched');
    expect(batch.id).toBeTruthy();
    // The ranges moved past the recovered number.
    expect(intake(b, 3).itemNumber > lost.itemNumber).toBe(true);
  });

  it('a wiped counter enrolled again takes back all its work', async () => {
    const a = make('R-Q3');
    await a.enroll(h.hub);
    expect((await a.worker.syncNow()).status).toBe('synced');
    const done = [intake(a, 1), intake(a, 2)];
    expect((await a.worker.syncNow()).status).toBe('synced');
    const before = state(a);

    // A new machine, an empty store, the same counter.
    const b = make('R-Q3', freshDir());
    await b.enroll(h.hub);
    const s = await b.worker.syncNow();
    expect(s).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });
    expect(state(b).dossiers).toEqual(before.dossiers);
    expect(state(b).money).toEqual(before.money);
    for (const d of done) expect(b.services.lookup.search({ query: d.itemNumber }).results).toHaveLength(1);
    const next = intake(b, 3);
    expect(done.map((d) => d.itemNumber)).not.toContain(next.itemNumber);
    expect((await b.worker.syncNow()).status).toBe('synced');
    expect(await hubCount("SELECT count(*) AS n FROM ops WHERE counter_id = 'R-Q3'", [])).toBe(0);
  });

  it("a complaint's events come back in the hub's order, the other counter's steps between this counter's", async () => {
    const dir = freshDir();
    const a = make('R-Q4', dir);
    const peer = make('R-Q5');
    await a.enroll(h.hub);
    await peer.enroll(h.hub);
    for (const c of [a, peer]) expect((await c.worker.syncNow()).status).toBe('synced');
    // The peer receives a complaint and starts on it; this counter learns both, then is backed up.
    const complaintId = peer.services.cases.receiveComplaint(
      { itemNumber: null, complainantName: 'Lò Văn Pình', phone: '0912345678', channel: 'counter', kind: 'conduct', text: 'Giao dịch viên trả lời chậm.' },
      peer.clerk,
    );
    peer.services.cases.markHandling({ complaintId, note: 'Đã gọi lại cho người khiếu nại.' }, peer.clerk);
    expect((await peer.worker.syncNow()).status).toBe('synced');
    expect((await a.worker.syncNow()).status).toBe('synced');
    const backup = join(freshDir(), 'backup.sqlite');
    await backupOf(a.db, backup);
    // After the backup: this counter answers (its first operation), the peer closes; then the disk dies.
    a.services.cases.answer({ complaintId, answer: 'Bưu cục xin lỗi; đã nhắc nhở giao dịch viên.' }, a.manager);
    expect((await a.worker.syncNow()).status).toBe('synced');
    expect((await peer.worker.syncNow()).status).toBe('synced');
    peer.services.cases.close({ complaintId, note: 'Người khiếu nại đồng ý.' }, peer.manager);
    expect((await peer.worker.syncNow()).status).toBe('synced');
    const order = (c: TestCounter) => c.db.prepare('SELECT type, hub_seq, origin FROM case_events WHERE case_id = ? ORDER BY hub_seq, seq').all(complaintId);
    await a.worker.stop();
    a.close();
    h.live.splice(h.live.indexOf(a), 1);

    restoreFromBackup(dir, backup);
    const b = make('R-Q4', dir);
    expect(await b.worker.syncNow()).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });
    expect(b.worker.lastRecovery).toMatchObject({ taken: 1, deferred: 0 });
    const expected = [
      { type: 'complaint_received', hub_seq: 1, origin: 'remote' },
      { type: 'complaint_handling', hub_seq: 2, origin: 'remote' },
      { type: 'complaint_answered', hub_seq: 3, origin: 'local' },
      { type: 'complaint_closed', hub_seq: 4, origin: 'remote' },
    ];
    expect(order(b)).toEqual(expected);
    expect(b.services.cases.get(complaintId).state).toBe('closed');
    expect(b.services.cases.get(complaintId).events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
    // The hub holds the same history.
    const hub = await h.hub.db.query<{ type: string; hub_seq: number }>('SELECT type, hub_seq FROM case_events WHERE case_id = $1 ORDER BY hub_seq', [complaintId]);
    expect(hub.rows).toEqual(expected.map(({ type, hub_seq }) => ({ type, hub_seq })));
  });
});
