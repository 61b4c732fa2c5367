/** Complaints, losses and compensation at the counter, on a real SQLite store (issue 13). */
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLAINT_NO_AGENCY, overdueCounts, overdueList } from '../../../src/main/reports/overdue';
import { DomainError } from '../../../src/shared/errors';
import type { SyncOp } from '../../../src/shared/sync-ops';
import { SyncOpSchema } from '../../../src/shared/sync-protocol';
import { createTestApp, lltpInput, type TestApp } from '../../helpers/app';

let app: TestApp | undefined;
afterEach(() => app?.dispose());

const counts = (a: TestApp) => {
  const n = (t: string) => (a.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { cases: n('cases'), case_events: n('case_events'), ledger: n('ledger'), outbox: n('outbox'), audit: n('audit_log') };
};

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const complaint = (over: Record<string, unknown> = {}) => ({
  itemNumber: null as string | null,
  complainantName: 'Lò Văn Pình',
  phone: '0912 345 678',
  contact: null,
  channel: 'counter' as const,
  kind: 'conduct' as const,
  text: 'Nhân viên quầy 2 trả lời thiếu lịch sự.',
  ...over,
});

describe('complaints', () => {
  it('a complaint about an item: in time, 5 working days, the phone normalised, one outbox op that the wire schema accepts', () => {
    app = createTestApp();
    const { itemNumber } = app.services.intake.accept(lltpInput(), app.clerk);
    app.clock.set('2026-03-06T10:00'); // Friday
    const id = app.services.cases.receiveComplaint(complaint({ itemNumber, kind: 'late', text: 'Chậm trả kết quả.' }), app.clerk);
    const v = app.services.cases.get(id);
    expect(v.state).toBe('received');
    expect(v.deadline).toBe('2026-03-13');
    expect(v.inTime).toBe(true);
    expect(v.number).toMatch(/^KN-260306-[0-9A-F]{6}$/);
    if (v.record.kind !== 'complaint') throw new Error('not a complaint');
    expect(v.record.complaint.phone).toBe('0912345678');
    expect(v.record.complaint.scope).toBe('intra_province');
    const op = JSON.parse((app.db.prepare("SELECT payload FROM outbox WHERE kind = 'case.event'").get() as { payload: string }).payload) as SyncOp;
    expect(SyncOpSchema.safeParse(op).success).toBe(true);
    expect(op).toMatchObject({ kind: 'case.event', caseId: id, event: { type: 'complaint_received' } });
  });

  it('out of time: recorded, with the reason and no deadline; never overdue', () => {
    app = createTestApp();
    const { itemNumber, dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    const transit = (app.db.prepare('SELECT transit_deadline AS t, appointment_estimate AS a FROM dossiers WHERE id = ?').get(dossierId) as { t: string; a: string });
    expect(transit.a > transit.t).toBe(true);
    app.clock.set('2026-12-20T09:00');
    const id = app.services.cases.receiveComplaint(complaint({ itemNumber, kind: 'late' }), app.clerk);
    const v = app.services.cases.get(id);
    expect(v.inTime).toBe(false);
    expect(v.deadline).toBeNull();
    if (v.record.kind !== 'complaint') throw new Error('not a complaint');
    expect(v.record.complaint.endToEndEnd).toBe(transit.a);
    expect(v.record.complaint.timeBarReason).toContain('quá thời hiệu');
    app.clock.set('2027-06-01T09:00');
    expect(app.services.cases.overdueComplaints()).toEqual([]);
  });

  it('received → handling → answered → closed; the overdue list holds only the one left open past its deadline', () => {
    app = createTestApp();
    const a = app.services.cases.receiveComplaint(complaint(), app.clerk);
    const b = app.services.cases.receiveComplaint(complaint({ complainantName: 'Cầm Thị Xuân', text: 'Thu sai cước.' , kind: 'wrong_fee' }), app.clerk);
    app.clock.set('2026-03-04T09:00');
    app.services.cases.markHandling({ complaintId: a }, app.manager);
    app.services.cases.answer({ complaintId: a, answer: 'Bưu cục xin lỗi; đã nhắc nhở nhân viên.' }, app.manager);
    app.services.cases.close({ complaintId: a }, app.manager);
    expect(app.services.cases.get(a)).toMatchObject({ state: 'closed', deadlineStatus: 'none' });
    app.clock.set('2026-03-09T09:00'); // the deadline day itself
    expect(app.services.cases.overdueComplaints()).toEqual([]);
    app.clock.set('2026-03-10T09:00');
    const overdue = app.services.cases.overdueComplaints();
    expect(overdue.map((c) => c.id)).toEqual([b]);
    expect(overdue[0]).toMatchObject({ deadline: '2026-03-09', deadlineStatus: 'overdue', deadlineLabel: 'Quá hạn' });
    // The manager's overdue list shows it beside the dossiers, with its kind, deadline and days over;
    // its count is in the status bar's total and the day report's sources.
    app.clock.set('2026-03-12T09:00');
    const cal = app.ctx.reference().calendar;
    const listed = overdueList(app.db, '2026-03-12', cal).filter((r) => r.kind === 'complaint');
    expect(listed).toEqual([
      expect.objectContaining({ source: 'complaint', sourceLabel: 'Khiếu nại quá hạn giải quyết', id: b, procedureName: 'Khiếu nại: Thu sai cước, phí', deadline: '2026-03-09', daysOverdue: 3, where: 'Đã tiếp nhận', agencyName: COMPLAINT_NO_AGENCY, lastActorName: expect.any(String) }),
    ]);
    expect(listed[0]!.itemNumberDisplay).toMatch(/^KN-260302-[0-9A-F]{6}$/); // about no item: its own number
    expect(overdueCounts(app.db, '2026-03-12', cal).find((c) => c.key === 'complaint')).toMatchObject({ count: 1 });
    const events = app.services.cases.get(a).events.map((e) => e.type);
    expect(events).toEqual(['complaint_received', 'complaint_handling', 'complaint_answered', 'complaint_closed']);
  });

  it('refusals write nothing: no contact, no text, an unknown item, a step out of order', () => {
    app = createTestApp();
    const before = counts(app);
    expect(refusal(() => app!.services.cases.receiveComplaint(complaint({ phone: null, contact: '' }), app!.clerk)).code).toBe('NO_CONTACT');
    expect(refusal(() => app!.services.cases.receiveComplaint(complaint({ text: '  ' }), app!.clerk))).toMatchObject({ code: 'INVALID_INPUT', message: 'Chưa nhập nội dung khiếu nại.' });
    expect(refusal(() => app!.services.cases.receiveComplaint(complaint({ itemNumber: 'EA123456785VN' }), app!.clerk)).code).toBe('NOT_FOUND');
    expect(counts(app)).toEqual(before);
    const id = app.services.cases.receiveComplaint(complaint(), app.clerk);
    const mid = counts(app);
    const e = refusal(() => app!.services.cases.close({ complaintId: id }, app!.clerk));
    expect(e.code).toBe('ILLEGAL_STEP');
    expect(e.message).toContain('Đã tiếp nhận');
    expect(refusal(() => app!.services.cases.answer({ complaintId: id, answer: '' }, app!.clerk)).code).toBe('INVALID_INPUT');
    expect(counts(app)).toEqual(mid);
  });
});

describe('loss and compensation', () => {
  it('declared, decided by the manager, paid as a negative compensation_paid ledger entry with its ledger op; the timeline shows it all', () => {
    app = createTestApp();
    const { itemNumber, dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    const lossId = app.services.cases.declareLoss(
      { itemNumber, subject: 'dossier', kind: 'lost', stage: 'to_agency', description: 'Túi hồ sơ thất lạc.', agencyNotified: true, reissueRequested: true, actionsTaken: 'Đã báo Sở Tư pháp.' },
      app.clerk,
    );
    expect(refusal(() => app!.services.cases.decideCompensation({ lossId, payeeName: 'Lò Văn Pình', amount: 200000, basis: 'QĐ 45 Điều 14' }, app!.clerk)).code).toBe('FORBIDDEN');
    const before = counts(app);
    expect(refusal(() => app!.services.cases.decideCompensation({ lossId, payeeName: 'Lò Văn Pình', amount: -5, basis: 'QĐ 45 Điều 14' }, app!.manager))).toMatchObject({
      code: 'NEGATIVE_AMOUNT',
      message: 'Số tiền bồi thường không được âm.',
    });
    expect(refusal(() => app!.services.cases.decideCompensation({ lossId, payeeName: 'Lò Văn Pình', amount: 200000, basis: ' ' }, app!.manager)).code).toBe('NO_BASIS');
    expect(counts(app)).toEqual(before);
    const compId = app.services.cases.decideCompensation({ lossId, payeeName: 'Lò Văn Pình', amount: 228000, basis: 'QĐ 45/2016 Điều 14; biên bản số 3.' }, app.manager);
    expect(refusal(() => app!.services.cases.decideCompensation({ lossId, payeeName: 'X', amount: 1, basis: 'y' }, app!.manager)).code).toBe('ALREADY_DECIDED');
    const { ledgerId } = app.services.cases.payCompensation({ compensationId: compId, paymentMethod: 'cash' }, app.clerk);
    const entry = app.db.prepare('SELECT kind, amount, payment_method, dossier_id, clerk_id FROM ledger WHERE id = ?').get(ledgerId);
    expect(entry).toEqual({ kind: 'compensation_paid', amount: -228000, payment_method: 'cash', dossier_id: dossierId, clerk_id: 'clerk-1' });
    const ledgerOps = (app.db.prepare("SELECT payload FROM outbox WHERE kind = 'ledger.entry'").all() as { payload: string }[]).map((r) => JSON.parse(r.payload) as SyncOp);
    const comp = ledgerOps.find((o) => o.kind === 'ledger.entry' && o.entry.kind === 'compensation_paid');
    expect(comp && SyncOpSchema.safeParse(comp).success).toBe(true);
    expect(refusal(() => app!.services.cases.payCompensation({ compensationId: compId, paymentMethod: 'cash' }, app!.clerk)).code).toBe('ALREADY_PAID');
    const v = app.services.cases.get(compId);
    expect(v).toMatchObject({ state: 'paid', ledgerId, paymentMethod: 'cash', amount: 228000 });
    expect(v.linked.map((l) => l.id)).toEqual([lossId]);
    const timeline = app.services.lookup.get(dossierId).caseEvents.map((e) => e.type);
    expect(timeline).toEqual(['loss_declared', 'compensation_decided', 'compensation_paid']);
  });

  it('the rebuilt ledger refuses updates, deletes and unknown kinds', () => {
    app = createTestApp();
    app.services.intake.accept(lltpInput(), app.clerk);
    const n = (app.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n;
    expect(n).toBeGreaterThan(0);
    expect(() => app!.db.prepare('UPDATE ledger SET amount = 0').run()).toThrow(/append-only/);
    expect(() => app!.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/);
    expect(() => app!.db.prepare("INSERT INTO ledger (at, business_date, clerk_id, counter_id, kind, amount, payment_method) VALUES (0, '2026-01-01', 'x', 'y', 'bogus', 1, 'cash')").run()).toThrow(/CHECK/);
  });
});
