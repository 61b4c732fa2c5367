import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar, type CalendarOverrides } from '../../../src/shared/calendar';
import {
  addMonths,
  applyCaseEvent,
  checkCompensation,
  checkComplaint,
  checkLoss,
  complaintDeadline,
  complaintNumber,
  complaintScopeOf,
  complaintTimeBar,
  endOfEndToEnd,
  isComplaintOverdue,
  replayCase,
  settledOnTime,
  type CaseEvent,
  type CaseSnapshot,
  type ComplaintRecord,
  type CompensationRecord,
  type LossRecord,
} from '../../../src/shared/cases';
import type { Role } from '../../../src/shared/dossier';

const table = JSON.parse(readFileSync(join(__dirname, '../../../resources/reference/calendar-overrides.json'), 'utf8')) as CalendarOverrides;
let cal: WorkCalendar;
beforeAll(() => {
  cal = new WorkCalendar(table);
});

const meta = (date: string, actorRole: Role = 'clerk') => ({ at: Date.parse(`${date}T03:00:00Z`), date, actorId: 'u1', actorRole, counterId: 'C1' });

const complaint = (over: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  number: 'KN-260302-ABCDEF',
  dossierId: '0190a0a0-0000-7000-8000-000000000001',
  itemNumber: 'EA123456785VN',
  complainantName: 'Nguyễn Thị Hoa',
  phone: '0912345678',
  contact: null,
  channel: 'counter',
  kind: 'late',
  text: 'Kết quả trả chậm hai ngày.',
  receivedDate: '2026-03-02',
  scope: 'intra_province',
  endToEndEnd: '2026-02-27',
  timeBarLastDay: '2026-08-27',
  inTime: true,
  timeBarReason: null,
  deadline: '2026-03-09',
  ...over,
});

const loss = (over: Partial<LossRecord> = {}): LossRecord => ({
  dossierId: '0190a0a0-0000-7000-8000-000000000001',
  itemNumber: 'EA123456785VN',
  subject: 'result',
  kind: 'lost',
  stage: 'delivery',
  description: 'Phong bì kết quả thất lạc khi phát.',
  agencyNotified: true,
  reissueRequested: true,
  actionsTaken: 'Đã báo Sở Tư pháp, đề nghị cấp lại phiếu lý lịch tư pháp.',
  ...over,
});

const comp = (over: Partial<CompensationRecord> = {}): CompensationRecord => ({
  lossId: '0190a0a0-0000-7000-8000-0000000000aa',
  dossierId: '0190a0a0-0000-7000-8000-000000000001',
  itemNumber: 'EA123456785VN',
  payeeName: 'Nguyễn Thị Hoa',
  amount: 200_000,
  basis: 'Điều 14 Quyết định 45/2016/QĐ-TTg; biên bản xác minh số 12.',
  ...over,
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-07-10', 6, '2027-01-10'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-20', -6, '2025-11-20'],
    ['2026-01-01', 0, '2026-01-01'],
  ])('%s + %i months = %s', (d, n, want) => {
    expect(addMonths(d, n)).toBe(want);
  });
  it('refuses a date that does not exist and a fractional month count', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-02-01', 1.5)).toThrow(/integer/);
  });
});

describe('end of the end-to-end time', () => {
  it('is the latest of the promised dates and the actual end (never cuts the citizen short)', () => {
    expect(endOfEndToEnd({ transitDeadline: '2026-01-05', returnDeadline: '2026-01-20', appointmentDate: '2026-01-15', closedDate: '2026-01-12' })).toBe('2026-01-20');
    expect(endOfEndToEnd({ transitDeadline: '2026-01-05', returnDeadline: null, appointmentDate: null, closedDate: '2026-02-02' })).toBe('2026-02-02');
    expect(endOfEndToEnd({ transitDeadline: '2026-01-05', returnDeadline: null, appointmentDate: null, closedDate: null })).toBe('2026-01-05');
  });
  it('is unknown when no date is known', () => {
    expect(endOfEndToEnd({ transitDeadline: null, returnDeadline: null, appointmentDate: null, closedDate: null })).toBeNull();
  });
  it('leaves out a date that does not exist (a corrupt field never moves the time bar)', () => {
    expect(endOfEndToEnd({ transitDeadline: '2026-01-05', returnDeadline: '2026-13-01', appointmentDate: null, closedDate: null })).toBe('2026-01-05');
    expect(endOfEndToEnd({ transitDeadline: null, returnDeadline: '2026-02-30', appointmentDate: null, closedDate: null })).toBeNull();
  });
});

describe('the 6-month time bar (TT 17 Art. 8.1a)', () => {
  it('the last day itself is in time; the day after is out of time with the reason and both dates', () => {
    const onLast = complaintTimeBar('2026-02-28', '2025-08-31');
    expect(onLast).toEqual({ inTime: true, lastDay: '2026-02-28', reason: null });
    const late = complaintTimeBar('2026-03-01', '2025-08-31');
    expect(late.inTime).toBe(false);
    expect(late.lastDay).toBe('2026-02-28');
    expect(late.reason).toContain('quá thời hiệu');
    expect(late.reason).toContain('31/08/2025');
    expect(late.reason).toContain('28/02/2026');
    expect(late.reason).toContain('6 tháng');
  });
  it('has not started when the item has no end yet (or there is no item)', () => {
    expect(complaintTimeBar('2030-01-01', null)).toEqual({ inTime: true, lastDay: null, reason: null });
  });
  it('a complaint before the end is in time', () => {
    expect(complaintTimeBar('2026-01-01', '2026-01-10').inTime).toBe(true);
  });
  it('refuses a receipt date that does not exist, with or without an end', () => {
    expect(() => complaintTimeBar('2026-02-30', '2026-01-10')).toThrow(new RangeError('Not a local date: 2026-02-30'));
    expect(() => complaintTimeBar('02/03/2026', null)).toThrow(RangeError);
  });
});

describe('the settling deadline on the working-day calendar', () => {
  it('5 working days within the province, 7 between provinces, skipping Tết 2026', () => {
    // Friday 13/02/2026; closed 14/02–22/02.
    expect(complaintDeadline(cal, '2026-02-13', 'intra_province')).toBe('2026-02-27');
    expect(complaintDeadline(cal, '2026-02-13', 'inter_province')).toBe('2026-03-03');
  });
  it('an ordinary week: Monday + 5 = next Monday; received on a Saturday counts from Monday', () => {
    expect(complaintDeadline(cal, '2026-03-02', 'intra_province')).toBe('2026-03-09');
    expect(complaintDeadline(cal, '2026-03-07', 'intra_province')).toBe('2026-03-13');
  });
  it('the scope follows the route class: between provinces for inter-province and major-city routes', () => {
    expect(complaintScopeOf('inter_province')).toBe('inter_province');
    expect(complaintScopeOf('major_cities')).toBe('inter_province');
    expect(complaintScopeOf('intra_province')).toBe('intra_province');
    expect(complaintScopeOf('intra_district')).toBe('intra_province');
    expect(complaintScopeOf(null)).toBe('intra_province');
  });
});

describe('overdue and on time', () => {
  const open = (state: string, deadline: string | null): CaseSnapshot => ({ kind: 'complaint', state, deadline, doneDate: null, amount: null });
  it('open past its deadline is overdue; on the deadline day it is not yet', () => {
    expect(isComplaintOverdue(open('received', '2026-03-09'), '2026-03-10')).toBe(true);
    expect(isComplaintOverdue(open('handling', '2026-03-09'), '2026-03-10')).toBe(true);
    expect(isComplaintOverdue(open('received', '2026-03-09'), '2026-03-09')).toBe(false);
  });
  it('answered, closed, out of time (no deadline) or not a complaint: never overdue', () => {
    expect(isComplaintOverdue(open('answered', '2026-03-09'), '2026-04-01')).toBe(false);
    expect(isComplaintOverdue(open('closed', '2026-03-09'), '2026-04-01')).toBe(false);
    expect(isComplaintOverdue(open('received', null), '2026-04-01')).toBe(false);
    expect(isComplaintOverdue({ kind: 'loss', state: 'received', deadline: '2026-03-09' }, '2026-04-01')).toBe(false);
  });
  it('settled on time: answered on or before the deadline', () => {
    expect(settledOnTime('2026-03-09', '2026-03-09')).toBe(true);
    expect(settledOnTime('2026-03-09', '2026-03-10')).toBe(false);
    expect(settledOnTime(null, '2026-03-01')).toBe(false);
    expect(settledOnTime('2026-03-09', null)).toBe(false);
  });
});

describe('complaint number', () => {
  it('KN-YYMMDD- and the last six hex digits of the id, upper case', () => {
    expect(complaintNumber('2026-03-02', '0190a0a0-0000-7000-8000-00000abcdef1')).toBe('KN-260302-BCDEF1');
  });
  it('the hyphens of the id are never part of the tail, however short its last group', () => {
    expect(complaintNumber('2027-12-31', 'ab-cd-ef-12')).toBe('KN-271231-CDEF12');
  });
});

describe('what a complaint, a loss and a compensation must carry', () => {
  it('a complaint without contact, without text, without a name: each its own refusal', () => {
    expect(checkComplaint(complaint({ phone: null, contact: '  ' }))).toMatchObject({ ok: false, code: 'NO_CONTACT' });
    expect(checkComplaint(complaint({ text: ' ' }))).toMatchObject({ ok: false, code: 'NO_TEXT' });
    expect(checkComplaint(complaint({ complainantName: '' }))).toMatchObject({ ok: false, code: 'NO_COMPLAINANT' });
    expect(checkComplaint(complaint({ phone: null, contact: 'hoa@example.vn' })).ok).toBe(true);
    expect(checkComplaint(complaint({ phone: '0912345678', contact: null })).ok).toBe(true);
  });
  it('a record from an older counter without the contact fields at all is refused, not thrown on', () => {
    const old = { ...complaint(), phone: undefined, contact: undefined } as unknown as ComplaintRecord;
    expect(checkComplaint(old)).toMatchObject({ ok: false, code: 'NO_CONTACT' });
  });
  it('a receipt date that does not exist is refused as such', () => {
    expect(checkComplaint(complaint({ receivedDate: '2026-02-30' }))).toMatchObject({ ok: false, code: 'BAD_DATE' });
  });
  it('a complaint about no item is fine; half an item reference is not', () => {
    expect(checkComplaint(complaint({ dossierId: null, itemNumber: null })).ok).toBe(true);
    expect(checkComplaint(complaint({ dossierId: null }))).toMatchObject({ ok: false, code: 'BAD_ITEM' });
    expect(checkComplaint(complaint({ itemNumber: null }))).toMatchObject({ ok: false, code: 'BAD_ITEM' });
  });
  it('in time needs a deadline after receipt; out of time needs a reason and no deadline', () => {
    expect(checkComplaint(complaint({ deadline: null }))).toMatchObject({ ok: false, code: 'BAD_DEADLINE' });
    expect(checkComplaint(complaint({ deadline: '2026-03-02' }))).toMatchObject({ ok: false, code: 'BAD_DEADLINE' });
    expect(checkComplaint(complaint({ deadline: '2026-03-03' })).ok).toBe(true);
    expect(checkComplaint(complaint({ inTime: false, deadline: null, timeBarReason: null }))).toMatchObject({ ok: false, code: 'BAD_TIME_BAR' });
    expect(checkComplaint(complaint({ inTime: false, deadline: '2026-03-09', timeBarReason: 'quá hạn' }))).toMatchObject({ ok: false, code: 'BAD_TIME_BAR' });
    expect(checkComplaint(complaint({ inTime: false, deadline: null, timeBarReason: 'Quá thời hiệu' })).ok).toBe(true);
  });
  it('a loss: description and actions required; the stage must fit what was lost', () => {
    expect(checkLoss(loss({ description: '' }))).toMatchObject({ ok: false, code: 'NO_DESCRIPTION' });
    expect(checkLoss(loss({ actionsTaken: ' ' }))).toMatchObject({ ok: false, code: 'NO_ACTIONS' });
    expect(checkLoss(loss({ subject: 'result', stage: 'to_agency' }))).toMatchObject({ ok: false, code: 'BAD_STAGE' });
    expect(checkLoss(loss({ subject: 'dossier', stage: 'delivery' }))).toMatchObject({ ok: false, code: 'BAD_STAGE' });
    expect(checkLoss(loss({ subject: 'dossier', stage: 'from_agency' }))).toMatchObject({ ok: false, code: 'BAD_STAGE' });
    expect(checkLoss(loss({ subject: 'dossier', stage: 'to_agency' })).ok).toBe(true);
    expect(checkLoss(loss({ subject: 'result', stage: 'counter' })).ok).toBe(true);
  });
  it('a compensation: a basis, a positive whole amount within the cap, a payee', () => {
    expect(checkCompensation(comp({ basis: '  ' }))).toMatchObject({ ok: false, code: 'NO_BASIS' });
    const neg = checkCompensation(comp({ amount: -1 }));
    expect(neg).toMatchObject({ ok: false, code: 'NEGATIVE_AMOUNT' });
    expect(!neg.ok && neg.message).toBe('Số tiền bồi thường không được âm.');
    expect(checkCompensation(comp({ amount: 0 }))).toMatchObject({ ok: false, code: 'ZERO_AMOUNT' });
    expect(checkCompensation(comp({ amount: 10.5 }))).toMatchObject({ ok: false, code: 'BAD_AMOUNT' });
    expect(checkCompensation(comp({ amount: 100_000_001 }))).toMatchObject({ ok: false, code: 'AMOUNT_TOO_LARGE' });
    expect(checkCompensation(comp({ amount: 100_000_000 })).ok).toBe(true);
    expect(checkCompensation(comp({ payeeName: '' }))).toMatchObject({ ok: false, code: 'NO_PAYEE' });
  });
});

describe('the case state machine', () => {
  const received: CaseEvent = { type: 'complaint_received', complaint: complaint(), ...meta('2026-03-02') };
  it('received → handling → answered → closed, with the answer day kept', () => {
    const r = replayCase([
      received,
      { type: 'complaint_handling', note: '', ...meta('2026-03-03') },
      { type: 'complaint_answered', answer: 'Xin lỗi ông/bà; đã kiểm tra.', ...meta('2026-03-05') },
      { type: 'complaint_closed', note: '', ...meta('2026-03-06') },
    ]);
    expect(r).toEqual({ ok: true, value: { kind: 'complaint', state: 'closed', deadline: '2026-03-09', doneDate: '2026-03-05', amount: null } });
  });
  it('answering straight from received is allowed; closing before an answer is not', () => {
    const s = applyCaseEvent(null, received);
    if (!s.ok) throw new Error(s.message);
    expect(applyCaseEvent(s.value, { type: 'complaint_answered', answer: 'Đã xử lý.', ...meta('2026-03-04') })).toMatchObject({ ok: true, value: { state: 'answered' } });
    const closed = applyCaseEvent(s.value, { type: 'complaint_closed', note: '', ...meta('2026-03-04') });
    expect(closed).toMatchObject({ ok: false, code: 'ILLEGAL_STEP' });
    expect(!closed.ok && closed.message).toContain('Đã tiếp nhận');
  });
  it('an empty answer, a second receipt, a step on a closed complaint: refused with their codes', () => {
    const s = applyCaseEvent(null, received);
    if (!s.ok) throw new Error(s.message);
    expect(applyCaseEvent(s.value, { type: 'complaint_answered', answer: ' ', ...meta('2026-03-04') })).toMatchObject({ ok: false, code: 'NO_ANSWER' });
    expect(applyCaseEvent(s.value, received)).toMatchObject({ ok: false, code: 'ALREADY_RECORDED' });
    const closed: CaseSnapshot = { ...s.value, state: 'closed' };
    expect(applyCaseEvent(closed, { type: 'complaint_handling', note: '', ...meta('2026-03-04') })).toMatchObject({ ok: false, code: 'ILLEGAL_STEP' });
  });
  it('an empty history is no case; a history stops at its first refused event', () => {
    expect(replayCase([])).toMatchObject({ ok: false, code: 'NO_CASE' });
    const r = replayCase([
      received,
      { type: 'complaint_closed', note: '', ...meta('2026-03-03') },
      { type: 'complaint_answered', answer: 'Đã xử lý.', ...meta('2026-03-04') },
    ]);
    expect(r).toMatchObject({ ok: false, code: 'ILLEGAL_STEP' });
  });
  it('a handled complaint cannot be handled again, and a loss is not answered as a complaint', () => {
    const r = replayCase([received, { type: 'complaint_handling', note: '', ...meta('2026-03-03') }, { type: 'complaint_handling', note: '', ...meta('2026-03-04') }]);
    expect(r).toMatchObject({ ok: false, code: 'ILLEGAL_STEP' });
    expect(!r.ok && r.message).toContain('Đang xử lý');
  });
  it('a case must open with an opening event; the receipt date must be the event date', () => {
    expect(applyCaseEvent(null, { type: 'complaint_answered', answer: 'x', ...meta('2026-03-04') })).toMatchObject({ ok: false, code: 'NO_CASE' });
    expect(applyCaseEvent(null, { ...received, date: '2026-03-03' })).toMatchObject({ ok: false, code: 'BAD_DATE' });
    expect(applyCaseEvent(null, { type: 'complaint_received', complaint: complaint({ phone: null }), ...meta('2026-03-02') })).toMatchObject({ ok: false, code: 'NO_CONTACT' });
  });
  it('a loss opens declared and takes no complaint steps', () => {
    const l = applyCaseEvent(null, { type: 'loss_declared', loss: loss(), ...meta('2026-03-02') });
    expect(l).toEqual({ ok: true, value: { kind: 'loss', state: 'declared', deadline: null, doneDate: null, amount: null } });
    if (!l.ok) return;
    expect(applyCaseEvent(l.value, { type: 'complaint_answered', answer: 'x', ...meta('2026-03-02') })).toMatchObject({ ok: false, code: 'WRONG_CASE_KIND' });
    expect(applyCaseEvent(l.value, { type: 'compensation_paid', amount: 1, paymentMethod: 'cash', ...meta('2026-03-02') })).toMatchObject({ ok: false, code: 'WRONG_CASE_KIND' });
  });
  it('a compensation is decided by a manager only, then paid once for exactly the amount', () => {
    expect(applyCaseEvent(null, { type: 'compensation_decided', compensation: comp(), ...meta('2026-03-02', 'clerk') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(applyCaseEvent(null, { type: 'compensation_decided', compensation: comp({ amount: -5 }), ...meta('2026-03-02', 'manager') })).toMatchObject({ ok: false, code: 'NEGATIVE_AMOUNT' });
    const d = applyCaseEvent(null, { type: 'compensation_decided', compensation: comp(), ...meta('2026-03-02', 'manager') });
    expect(d).toEqual({ ok: true, value: { kind: 'compensation', state: 'decided', deadline: null, doneDate: null, amount: 200_000 } });
    if (!d.ok) return;
    expect(applyCaseEvent(d.value, { type: 'compensation_paid', amount: 150_000, paymentMethod: 'cash', ...meta('2026-03-03') })).toMatchObject({ ok: false, code: 'AMOUNT_MISMATCH' });
    const p = applyCaseEvent(d.value, { type: 'compensation_paid', amount: 200_000, paymentMethod: 'transfer', ...meta('2026-03-03') });
    expect(p).toMatchObject({ ok: true, value: { state: 'paid', doneDate: '2026-03-03' } });
    if (!p.ok) return;
    expect(applyCaseEvent(p.value, { type: 'compensation_paid', amount: 200_000, paymentMethod: 'cash', ...meta('2026-03-04') })).toMatchObject({ ok: false, code: 'ALREADY_PAID' });
  });
});
