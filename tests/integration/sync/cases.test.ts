/**
 * Complaints, losses and compensation travel like dossier events (issue 13): pushed exactly once,
 * pulled by the branch's other counters, refused by the hub with the reason when they no longer fit.
 * Two real counters (SQLite), one real hub (PostgreSQL over HTTP), the real sync worker.
 */
import { expect, it, vi } from 'vitest';
import { describePg } from '../../helpers/pg';
import { lltpInput } from '../../helpers/app';
import { hubWithCounters } from './setup';
import { createUser } from '../../../src/hub/console-api/accounts';
import { CONSOLE_CSRF_HEADER } from '../../../src/hub/console-api/routes';
import { hubOverdueComplaints, type HubOverdueComplaints } from '../../../src/hub/overdue-complaints';
import { call } from '../hub/harness';
import { main } from '../../../src/hub/main';

describePg('complaints, losses and compensation between counters', () => {
  const h = hubWithCounters();

  const complaint = (itemNumber: string | null) => ({
    itemNumber,
    complainantName: 'Lò Văn Pình',
    phone: '0912345678',
    channel: 'hotline' as const,
    kind: 'lost' as const,
    text: 'Chưa nhận được kết quả.',
  });

  it('pushed once, pulled by the other counter of the branch, with the hub holding the report columns', async () => {
    const [a, b] = await h.pair('C1');
    const { dossierId, itemNumber } = a.services.intake.accept(lltpInput(), a.clerk);
    const complaintId = a.services.cases.receiveComplaint(complaint(itemNumber), a.clerk);
    const lossId = a.services.cases.declareLoss(
      { itemNumber, subject: 'dossier', kind: 'lost', stage: 'to_agency', description: 'Túi hồ sơ thất lạc.', agencyNotified: true, reissueRequested: false, actionsTaken: 'Đã báo Sở Tư pháp.' },
      a.clerk,
    );
    const compId = a.services.cases.decideCompensation({ lossId, payeeName: 'Lò Văn Pình', amount: 228000, basis: 'QĐ 45 Điều 14' }, a.manager);
    a.services.cases.payCompensation({ compensationId: compId, paymentMethod: 'transfer' }, a.clerk);
    expect(await a.worker.syncNow()).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });

    // Exactly once: the same operations sent again change nothing at the hub.
    const hubCount = async () =>
      (await h.hub.db.query<{ e: number; c: number; l: number }>(
        `SELECT (SELECT count(*)::int FROM case_events WHERE counter_id = $1) AS e, (SELECT count(*)::int FROM cases WHERE origin_counter_id = $1) AS c,
                (SELECT count(*)::int FROM ledger_entries WHERE counter_id = $1 AND kind = 'compensation_paid') AS l`,
        [a.counter.id],
      )).rows[0];
    expect(await hubCount()).toEqual({ e: 4, c: 3, l: 1 });
    a.db.prepare("UPDATE outbox SET status = 'pending'").run();
    expect(await a.worker.syncNow()).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });
    expect(await hubCount()).toEqual({ e: 4, c: 3, l: 1 });

    const row = await h.hub.db.query(
      `SELECT kind, state, opened_date::text AS opened, deadline::text AS deadline, done_date::text AS done, in_time, amount::int AS amount, loss_subject, loss_kind
         FROM cases WHERE id = ANY($1::uuid[]) ORDER BY kind`,
      [[complaintId, lossId, compId]],
    );
    expect(row.rows).toEqual([
      { kind: 'compensation', state: 'paid', opened: '2026-03-02', deadline: null, done: '2026-03-02', in_time: null, amount: 228000, loss_subject: null, loss_kind: null },
      { kind: 'complaint', state: 'received', opened: '2026-03-02', deadline: '2026-03-09', done: null, in_time: true, amount: null, loss_subject: null, loss_kind: null },
      { kind: 'loss', state: 'declared', opened: '2026-03-02', deadline: null, done: null, in_time: null, amount: null, loss_subject: 'dossier', loss_kind: 'lost' },
    ]);

    // The report's daily summary was kept in the push's transaction: the dossier and the money in it.
    const summary = await h.hub.db.query<{ d: number; paid: number }>(
      `SELECT (SELECT sum(dossiers)::int FROM report_dossier_days WHERE day = '2026-03-02' AND branch_code = 'SL-TP') AS d,
              (SELECT sum(amount)::int FROM report_ledger_days WHERE day = '2026-03-02' AND branch_code = 'SL-TP' AND kind = 'compensation_paid') AS paid`,
    );
    expect(summary.rows[0]).toEqual({ d: 1, paid: -228000 });

    // The hub's overdue complaints: not on the deadline day, one day over the next (Asia/Ho_Chi_Minh);
    // the console's JSON (a branch manager: their branch only) and the CLI say the same.
    const hubLate = async (at: string) => (await hubOverdueComplaints(h.hub.db, Date.parse(`${at}+07:00`), null)).complaints.filter((c) => c.caseId === complaintId);
    expect(await hubLate('2026-03-09T23:59')).toEqual([]);
    const late = { caseId: complaintId, branchCode: 'SL-TP', number: a.services.cases.get(complaintId).number, itemNumber, kind: 'lost', state: 'received', receivedDate: '2026-03-02', deadline: '2026-03-09', daysOverdue: 1 };
    expect(await hubLate('2026-03-10T00:01')).toEqual([expect.objectContaining(late)]);
    await createUser(h.hub.db, { username: 'tbc.sltp', role: 'branch_manager', branchCode: 'SL-TP', password: 'Truong-buu-cuc-01' }, Date.now());
    await createUser(h.hub.db, { username: 'tbc.other', role: 'branch_manager', branchCode: 'SL-MS', password: 'Truong-buu-cuc-02' }, Date.now());
    const viaConsole = async (username: string, password: string, query = '') => {
      const login = await call(h.hub, '/console/api/login', { body: { username, password }, headers: { [CONSOLE_CSRF_HEADER]: '1' } });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return (await call<HubOverdueComplaints>(h.hub, `/console/api/complaints/overdue${query}`, { headers: { cookie } })).body;
    };
    // Today (the hub's real clock) is long past 9 March 2026.
    expect((await viaConsole('tbc.sltp', 'Truong-buu-cuc-01')).complaints).toEqual([expect.objectContaining({ ...late, daysOverdue: expect.any(Number) })]);
    expect(await viaConsole('tbc.other', 'Truong-buu-cuc-02', '?branch=SL-TP')).toMatchObject({ branch: 'SL-MS', count: 0 });
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['overdue-complaints', '--branch', 'SL-TP', '--json'], { DATABASE_URL: h.dbUrl })).toBe(0);
      expect((JSON.parse(String(printed.mock.calls.at(-1)![0])) as HubOverdueComplaints).complaints).toEqual([expect.objectContaining({ ...late, daysOverdue: expect.any(Number) })]);
      expect(await main(['overdue-complaints'], { DATABASE_URL: h.dbUrl })).toBe(0);
      const lines = printed.mock.calls.slice(-2).map((c) => String(c[0]));
      expect(lines[0]).toMatch(new RegExp(`^SL-TP\t${late.number}\t${itemNumber}\tMất hồ sơ/kết quả\tĐã tiếp nhận\thạn 09/03/2026\tquá \\d+ ngày$`));
      expect(lines[1]).toMatch(/^1 khiếu nại quá hạn giải quyết trong tỉnh \(tính đến ngày \d\d\/\d\d\/\d{4}\)\.$/);
      expect(await main(['overdue-complaints', '--branch', 'SL TP'], { DATABASE_URL: h.dbUrl })).toBe(2);
    } finally {
      printed.mockRestore();
    }

    await b.worker.syncNow();
    expect(b.services.cases.get(complaintId)).toMatchObject({ state: 'received', origin: 'remote', deadline: '2026-03-09', number: a.services.cases.get(complaintId).number });
    expect(b.services.cases.get(compId)).toMatchObject({ state: 'paid', origin: 'remote', amount: 228000 });
    expect(b.services.lookup.get(dossierId).caseEvents.map((e) => e.type)).toEqual(['complaint_received', 'loss_declared', 'compensation_decided', 'compensation_paid']);
    b.clock.set('2026-03-10T09:00');
    expect(b.services.cases.overdueComplaints().map((c) => c.id)).toEqual([complaintId]);
    // B answers it; A learns.
    b.services.cases.answer({ complaintId, answer: 'Đã tìm thấy hồ sơ; bưu cục xin lỗi.' }, b.manager);
    await b.worker.syncNow();
    await a.worker.syncNow();
    expect(a.services.cases.get(complaintId).state).toBe('answered');
    expect(a.services.cases.overdueComplaints()).toEqual([]);
  });

  it('two counters answer the same complaint offline: the second answer is refused with the reason and parked, and both end in the hub order', async () => {
    const [a, b] = await h.pair('C2');
    const complaintId = a.services.cases.receiveComplaint(complaint(null), a.clerk);
    await a.worker.syncNow();
    await b.worker.syncNow();
    a.services.cases.answer({ complaintId, answer: 'Trả lời của quầy 1.' }, a.manager);
    b.services.cases.answer({ complaintId, answer: 'Trả lời của quầy 2.' }, b.manager);
    b.services.cases.close({ complaintId }, b.manager);
    expect((await a.worker.syncNow()).rejected).toBe(0);
    const sb = await b.worker.syncNow();
    // B's answer comes second: refused. B's close still fits the hub's state (answered by A): accepted.
    expect(sb).toMatchObject({ status: 'synced', rejected: 1 });
    const parked = b.worker.rejectedOps();
    expect(parked.map((p) => [p.kind, p.action, p.code])).toEqual([['case.event', 'Trả lời khiếu nại', 'ILLEGAL_STEP']]);
    expect(parked[0]!.reason).toContain('Không thể trả lời khiếu nại khi khiếu nại ở trạng thái “Đã trả lời”');
    const hub = await h.hub.db.query<{ types: string[]; state: string }>(
      `SELECT array_agg(e.type ORDER BY e.hub_seq) AS types, (SELECT state FROM cases WHERE id = $1) AS state FROM case_events e WHERE e.case_id = $1`,
      [complaintId],
    );
    expect(hub.rows[0]).toEqual({ types: ['complaint_received', 'complaint_answered', 'complaint_closed'], state: 'closed' });
    await a.worker.syncNow();
    expect(b.services.cases.get(complaintId).state).toBe('closed');
    expect(a.services.cases.get(complaintId).state).toBe('closed');
    // B's screen shows A's answer (the hub's), its own refused one kept in the store as superseded.
    expect(b.services.cases.get(complaintId).events.map((e) => [e.type, e.text, e.superseded])).toEqual([
      ['complaint_received', 'Hạn giải quyết: 09/03/2026', false],
      ['complaint_answered', 'Trả lời của quầy 1.', false],
      ['complaint_closed', '', false],
      ['complaint_answered', 'Trả lời của quầy 2.', true],
    ]);
  });
});
