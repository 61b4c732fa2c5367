/**
 * After the counter (TT 17 Art. 8; QĐ 45 Art. 14; domain.md 2.6 and 6.2): complaints, losses and
 * damage, and compensation. Each is a "case" with its own id and its own history of events, synced
 * like dossier events (op kind `case.event`), and folded by `applyCaseEvent` at the counter and at
 * the hub alike.
 *
 *  - A complaint (khiếu nại) names an item number or none (about a counter, a clerk), who complains
 *    and how to reach them, how it came in, its kind and its text. It may be made within 6 months
 *    from the end of the item's end-to-end time (thời gian toàn trình); one made later is still
 *    recorded, as out of time, with the reason told to the citizen, and has no settling deadline.
 *    It must be settled within 5 working days (service within the province) or 7 (between
 *    provinces), counted on the working-day calendar from the day it was received.
 *    States: received → handling → answered → closed (answering straight from received is allowed).
 *  - A loss or damage is declared for a dossier or its result, at a stage, with what was done.
 *  - A compensation is decided by the manager for a declared loss, with its amount and its basis,
 *    then paid once (cash or transfer) as its own ledger entry, kind `compensation_paid`.
 *
 * The time bar and the deadline are computed where the complaint is received (the counter has the
 * calendar) and recorded in the event: the hub and other counters read them, never recompute them,
 * so a calendar corrected later does not rewrite recorded history.
 *
 * Pure TypeScript: no platform imports.
 */
import { formatDateVi, isLocalDate, type LocalDate, type WorkCalendar } from './calendar';
import { fail, ok, type Check } from './errors';
import type { EventMeta } from './dossier';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const COMPLAINT_CHANNELS = ['counter', 'phone', 'hotline'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Readonly<Record<ComplaintChannel, string>> = {
  counter: 'Tại quầy',
  phone: 'Qua điện thoại',
  hotline: 'Qua tổng đài 1900 54 54 81',
};

export const COMPLAINT_KINDS = ['late', 'lost', 'damaged', 'wrong_fee', 'conduct', 'other'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_KIND_LABELS: Readonly<Record<ComplaintKind, string>> = {
  late: 'Chậm thời gian',
  lost: 'Mất hồ sơ/kết quả',
  damaged: 'Hư hỏng hồ sơ/kết quả',
  wrong_fee: 'Thu sai cước, phí',
  conduct: 'Thái độ phục vụ',
  other: 'Khác',
};

export const COMPLAINT_STATES = ['received', 'handling', 'answered', 'closed'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
export const COMPLAINT_STATE_LABELS: Readonly<Record<ComplaintState, string>> = {
  received: 'Đã tiếp nhận',
  handling: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã đóng',
};

/** Within the province: 5 working days; between provinces: 7 (TT 17 Art. 8.2). */
export type ComplaintScope = 'intra_province' | 'inter_province';
export const COMPLAINT_SETTLE_WORKING_DAYS: Readonly<Record<ComplaintScope, number>> = { intra_province: 5, inter_province: 7 };
export const COMPLAINT_SCOPE_LABELS: Readonly<Record<ComplaintScope, string>> = {
  intra_province: 'Dịch vụ trong tỉnh',
  inter_province: 'Dịch vụ liên tỉnh',
};
/** TT 17 Art. 8.1a. */
export const COMPLAINT_TIME_BAR_MONTHS = 6;

export const LOSS_SUBJECTS = ['dossier', 'result'] as const;
export type LossSubject = (typeof LOSS_SUBJECTS)[number];
export const LOSS_SUBJECT_LABELS: Readonly<Record<LossSubject, string>> = { dossier: 'Hồ sơ', result: 'Kết quả' };

export const LOSS_KINDS = ['lost', 'damaged'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];
export const LOSS_KIND_LABELS: Readonly<Record<LossKind, string>> = { lost: 'Mất', damaged: 'Hư hỏng' };

export const LOSS_STAGES = ['counter', 'to_agency', 'from_agency', 'delivery'] as const;
export type LossStage = (typeof LOSS_STAGES)[number];
export const LOSS_STAGE_LABELS: Readonly<Record<LossStage, string>> = {
  counter: 'Tại quầy',
  to_agency: 'Trên đường chuyển đến cơ quan',
  from_agency: 'Trên đường chuyển trả từ cơ quan',
  delivery: 'Khi phát cho người nhận',
};

export const CASE_KINDS = ['complaint', 'loss', 'compensation'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** The largest compensation a counter records (far above any QĐ 45 case; a typo guard). */
export const MAX_COMPENSATION = 100_000_000;

// ---------------------------------------------------------------------------------------------
// Records carried by the opening events
// ---------------------------------------------------------------------------------------------

export interface ComplaintRecord {
  /** What the citizen is given to quote: KN-YYMMDD-XXXXXX. */
  number: string;
  dossierId: string | null;
  itemNumber: string | null;
  complainantName: string;
  /** Phone (canonical) or other contact (e-mail, address); at least one. */
  phone: string | null;
  contact: string | null;
  channel: ComplaintChannel;
  kind: ComplaintKind;
  text: string;
  receivedDate: LocalDate;
  scope: ComplaintScope;
  /** The end of the item's end-to-end time the time bar ran from (null: no item, or not yet ended). */
  endToEndEnd: LocalDate | null;
  /** The last day a complaint could be made (null when no time bar applies). */
  timeBarLastDay: LocalDate | null;
  inTime: boolean;
  /** Told to the citizen when out of time. */
  timeBarReason: string | null;
  /** The day it must be settled by (null when out of time). */
  deadline: LocalDate | null;
}

export interface LossRecord {
  dossierId: string;
  itemNumber: string;
  subject: LossSubject;
  kind: LossKind;
  stage: LossStage;
  description: string;
  agencyNotified: boolean;
  reissueRequested: boolean;
  actionsTaken: string;
}

export interface CompensationRecord {
  lossId: string;
  dossierId: string;
  itemNumber: string;
  payeeName: string;
  amount: number;
  basis: string;
}

export type CaseEventBody =
  | { type: 'complaint_received'; complaint: ComplaintRecord }
  | { type: 'complaint_handling'; note: string }
  | { type: 'complaint_answered'; answer: string }
  | { type: 'complaint_closed'; note: string }
  | { type: 'loss_declared'; loss: LossRecord }
  | { type: 'compensation_decided'; compensation: CompensationRecord }
  | { type: 'compensation_paid'; amount: number; paymentMethod: 'cash' | 'transfer' };

export type CaseEventType = CaseEventBody['type'];
export type CaseEvent = CaseEventBody & EventMeta;

export const CASE_EVENT_LABELS: Readonly<Record<CaseEventType, string>> = {
  complaint_received: 'Tiếp nhận khiếu nại',
  complaint_handling: 'Đang xử lý khiếu nại',
  complaint_answered: 'Trả lời khiếu nại',
  complaint_closed: 'Đóng khiếu nại',
  loss_declared: 'Khai báo mất/hư hỏng',
  compensation_decided: 'Quyết định bồi thường',
  compensation_paid: 'Chi trả bồi thường',
};

export const CASE_KIND_OF: Readonly<Record<CaseEventType, CaseKind>> = {
  complaint_received: 'complaint',
  complaint_handling: 'complaint',
  complaint_answered: 'complaint',
  complaint_closed: 'complaint',
  loss_declared: 'loss',
  compensation_decided: 'compensation',
  compensation_paid: 'compensation',
};

/** What a case is after its events. `state` is a ComplaintState, 'declared', or 'decided'/'paid'. */
export interface CaseSnapshot {
  kind: CaseKind;
  state: string;
  /** Complaint: its settling deadline; otherwise null. */
  deadline: LocalDate | null;
  /** Complaint: the day it was answered; compensation: the day it was paid. */
  doneDate: LocalDate | null;
  /** Compensation: the amount decided. */
  amount: number | null;
}

// ---------------------------------------------------------------------------------------------
// Time bar and deadline
// ---------------------------------------------------------------------------------------------

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** `d` plus whole calendar months; a day past the target month's end becomes its last day (31/08 + 6 → 28 or 29/02). */
export function addMonths(d: LocalDate, months: number): LocalDate {
  if (!isLocalDate(d)) throw new RangeError(`Not a local date: ${d}`);
  if (!Number.isSafeInteger(months)) throw new RangeError(`Months must be an integer: ${months}`);
  const y0 = Number(d.slice(0, 4));
  const m0 = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  const total = y0 * 12 + (m0 - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const dd = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** What the store knows of an item's promised and actual times. */
export interface ItemTimes {
  /** Dossier at the agency by (J + transit limit). */
  transitDeadline: LocalDate | null;
  /** Result at the citizen by. */
  returnDeadline: LocalDate | null;
  /** The agency's appointment (the result's promised date) or its estimate. */
  appointmentDate: LocalDate | null;
  /** The day the item's journey ended (handed over, returned to the agency, cancelled), if it has. */
  closedDate: LocalDate | null;
}

/**
 * The end of the item's end-to-end time (thời gian toàn trình): the latest of its promised dates and
 * the day its journey actually ended. The law counts from the end of the promised time; an item that
 * arrived late ended later than promised, and counting from the later day never cuts a citizen's
 * right short. Null when no date is known yet (the time bar has not started).
 */
export function endOfEndToEnd(t: ItemTimes): LocalDate | null {
  // isLocalDate refuses null as well as a date that does not exist.
  const dates = [t.transitDeadline, t.returnDeadline, t.appointmentDate, t.closedDate].filter(isLocalDate);
  if (dates.length === 0) return null;
  // Stryker disable next-line EqualityOperator: `b >= a` is equivalent, of two equal dates either one is the latest.
  return dates.reduce((a, b) => (b > a ? b : a));
}

export interface TimeBar {
  inTime: boolean;
  /** The last day a complaint may be made; null when the time bar has not started. */
  lastDay: LocalDate | null;
  /** Vietnamese, for the citizen, when out of time. */
  reason: string | null;
}

/**
 * TT 17 Art. 8.1a: within 6 months from the end of the end-to-end time. The last day is the same
 * day of the month six months on (clamped to the month's end); a complaint received on it is in time.
 * No end (no item, or the item still travelling): in time.
 */
export function complaintTimeBar(receivedDate: LocalDate, end: LocalDate | null): TimeBar {
  if (!isLocalDate(receivedDate)) throw new RangeError(`Not a local date: ${receivedDate}`);
  if (end === null) return { inTime: true, lastDay: null, reason: null };
  const lastDay = addMonths(end, COMPLAINT_TIME_BAR_MONTHS);
  if (receivedDate <= lastDay) return { inTime: true, lastDay, reason: null };
  return {
    inTime: false,
    lastDay,
    reason:
      `Khiếu nại quá thời hiệu: theo Điều 8 Thông tư 17/2017/TT-BTTTT, thời hiệu khiếu nại là ${COMPLAINT_TIME_BAR_MONTHS} tháng ` +
      `kể từ ngày kết thúc thời gian toàn trình của bưu gửi (${formatDateVi(end)}), tức là đến hết ngày ${formatDateVi(lastDay)}. ` +
      `Khiếu nại vẫn được ghi nhận để bưu điện xem xét, nhưng không thuộc diện giải quyết bắt buộc.`,
  };
}

/** A service between provinces (the item's route class) is settled in 7 working days; anything else in 5. */
export function complaintScopeOf(route: string | null): ComplaintScope {
  return route === 'inter_province' || route === 'major_cities' ? 'inter_province' : 'intra_province';
}

/** The day a complaint received on `receivedDate` must be settled by: J + 5 (or 7) working days. */
export function complaintDeadline(cal: Pick<WorkCalendar, 'addWorkingDays'>, receivedDate: LocalDate, scope: ComplaintScope): LocalDate {
  return cal.addWorkingDays(receivedDate, COMPLAINT_SETTLE_WORKING_DAYS[scope]);
}

/** Open (received or being handled) and past its deadline on `today`. */
export function isComplaintOverdue(s: Pick<CaseSnapshot, 'kind' | 'state' | 'deadline'>, today: LocalDate): boolean {
  return s.kind === 'complaint' && (s.state === 'received' || s.state === 'handling') && s.deadline !== null && today > s.deadline;
}

/** Answered on or before its deadline (an out-of-time complaint, with no deadline, is never "on time"). */
export function settledOnTime(deadline: LocalDate | null, answeredDate: LocalDate | null): boolean {
  return deadline !== null && answeredDate !== null && answeredDate <= deadline;
}

/** The citizen's reference: KN-YYMMDD-XXXXXX from the receipt date and the case id's random tail. */
export function complaintNumber(receivedDate: LocalDate, caseId: string): string {
  const tail = caseId.replace(/-/g, '').slice(-6).toUpperCase();
  return `KN-${receivedDate.slice(2, 4)}${receivedDate.slice(5, 7)}${receivedDate.slice(8, 10)}-${tail}`;
}

// ---------------------------------------------------------------------------------------------
// Validation of the recorded contents (shared by the counter before it writes and the hub)
// ---------------------------------------------------------------------------------------------

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

export function checkComplaint(c: ComplaintRecord): Check<ComplaintRecord> {
  if (blank(c.complainantName)) return fail('NO_COMPLAINANT', 'Hãy ghi họ tên người khiếu nại.');
  if (blank(c.phone) && blank(c.contact)) return fail('NO_CONTACT', 'Hãy ghi số điện thoại hoặc cách liên lạc khác với người khiếu nại (thư điện tử, địa chỉ).');
  if (blank(c.text)) return fail('NO_TEXT', 'Hãy ghi nội dung khiếu nại.');
  if (!isLocalDate(c.receivedDate)) return fail('BAD_DATE', 'Ngày tiếp nhận khiếu nại không hợp lệ.');
  if ((c.dossierId === null) !== (c.itemNumber === null)) return fail('BAD_ITEM', 'Khiếu nại về một bưu gửi phải ghi cả hồ sơ và số hiệu.');
  if (c.inTime && (c.deadline === null || c.deadline <= c.receivedDate)) return fail('BAD_DEADLINE', 'Khiếu nại trong thời hiệu phải có hạn giải quyết sau ngày tiếp nhận.');
  if (!c.inTime && (c.deadline !== null || blank(c.timeBarReason))) return fail('BAD_TIME_BAR', 'Khiếu nại quá thời hiệu phải ghi lý do và không có hạn giải quyết.');
  return ok(c);
}

export function checkLoss(l: LossRecord): Check<LossRecord> {
  if (blank(l.description)) return fail('NO_DESCRIPTION', 'Hãy mô tả hồ sơ/kết quả bị mất hoặc hư hỏng.');
  if (blank(l.actionsTaken)) return fail('NO_ACTIONS', 'Hãy ghi việc đã làm (đã báo cơ quan, đề nghị cấp lại giấy tờ…).');
  if (l.subject === 'result' && l.stage === 'to_agency') return fail('BAD_STAGE', 'Kết quả không thể mất trên đường chuyển đến cơ quan; hãy chọn đúng khâu.');
  if (l.subject === 'dossier' && (l.stage === 'from_agency' || l.stage === 'delivery')) {
    return fail('BAD_STAGE', 'Hồ sơ chỉ có thể mất tại quầy hoặc trên đường chuyển đến cơ quan; hãy chọn đúng khâu.');
  }
  return ok(l);
}

export function checkCompensation(c: CompensationRecord): Check<CompensationRecord> {
  if (blank(c.basis)) return fail('NO_BASIS', 'Hãy ghi căn cứ bồi thường (điều khoản, biên bản xác minh).');
  if (!Number.isSafeInteger(c.amount)) return fail('BAD_AMOUNT', 'Số tiền bồi thường phải là số nguyên đồng.');
  if (c.amount < 0) return fail('NEGATIVE_AMOUNT', 'Số tiền bồi thường không được âm.');
  if (c.amount === 0) return fail('ZERO_AMOUNT', 'Số tiền bồi thường phải lớn hơn 0 đồng.');
  if (c.amount > MAX_COMPENSATION) return fail('AMOUNT_TOO_LARGE', `Số tiền bồi thường vượt mức tối đa quầy được ghi (${MAX_COMPENSATION.toLocaleString('de-DE')} đồng).`);
  if (blank(c.payeeName)) return fail('NO_PAYEE', 'Hãy ghi họ tên người nhận bồi thường.');
  return ok(c);
}

// ---------------------------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------------------------

const refuse = (code: string, message: string): Check<CaseSnapshot> => fail(code, message);

function openCase(ev: CaseEvent): Check<CaseSnapshot> {
  switch (ev.type) {
    case 'complaint_received': {
      const c = checkComplaint(ev.complaint);
      if (!c.ok) return refuse(c.code, c.message);
      if (ev.complaint.receivedDate !== ev.date) return refuse('BAD_DATE', 'Ngày tiếp nhận khiếu nại phải là ngày ghi nhận.');
      return ok({ kind: 'complaint', state: 'received', deadline: ev.complaint.deadline, doneDate: null, amount: null });
    }
    case 'loss_declared': {
      const c = checkLoss(ev.loss);
      if (!c.ok) return refuse(c.code, c.message);
      return ok({ kind: 'loss', state: 'declared', deadline: null, doneDate: null, amount: null });
    }
    case 'compensation_decided': {
      if (ev.actorRole === 'clerk') return refuse('FORBIDDEN', 'Chỉ trưởng bưu cục được quyết định bồi thường.');
      const c = checkCompensation(ev.compensation);
      if (!c.ok) return refuse(c.code, c.message);
      return ok({ kind: 'compensation', state: 'decided', deadline: null, doneDate: null, amount: ev.compensation.amount });
    }
    default:
      return refuse('NO_CASE', 'Hồ sơ khiếu nại/bồi thường này chưa được ghi nhận.');
  }
}

function complaintStep(s: CaseSnapshot, allowed: readonly ComplaintState[], action: string): Check<CaseSnapshot> | null {
  if (s.kind !== 'complaint') return refuse('WRONG_CASE_KIND', `Không thể ${action}: đây không phải một khiếu nại.`);
  if ((allowed as readonly string[]).includes(s.state)) return null;
  return refuse('ILLEGAL_STEP', `Không thể ${action} khi khiếu nại ở trạng thái “${COMPLAINT_STATE_LABELS[s.state as ComplaintState] ?? s.state}”.`);
}

/**
 * Applies one event to a case. `null` means the case does not exist yet: only an opening event
 * (complaint_received, loss_declared, compensation_decided) is legal.
 */
export function applyCaseEvent(s: CaseSnapshot | null, ev: CaseEvent): Check<CaseSnapshot> {
  if (s === null) return openCase(ev);
  switch (ev.type) {
    case 'complaint_received':
    case 'loss_declared':
    case 'compensation_decided':
      return refuse('ALREADY_RECORDED', 'Việc này đã được ghi nhận trước đó.');
    case 'complaint_handling': {
      const c = complaintStep(s, ['received'], 'chuyển sang đang xử lý');
      return c ?? ok({ ...s, state: 'handling' });
    }
    case 'complaint_answered': {
      const c = complaintStep(s, ['received', 'handling'], 'trả lời khiếu nại');
      if (c) return c;
      if (blank(ev.answer)) return refuse('NO_ANSWER', 'Hãy ghi nội dung trả lời khiếu nại.');
      return ok({ ...s, state: 'answered', doneDate: ev.date });
    }
    case 'complaint_closed': {
      const c = complaintStep(s, ['answered'], 'đóng khiếu nại');
      return c ?? ok({ ...s, state: 'closed' });
    }
    case 'compensation_paid': {
      if (s.kind !== 'compensation') return refuse('WRONG_CASE_KIND', 'Không thể chi trả: đây không phải một quyết định bồi thường.');
      if (s.state === 'paid') return refuse('ALREADY_PAID', 'Khoản bồi thường này đã được chi trả.');
      if (ev.amount !== s.amount) return refuse('AMOUNT_MISMATCH', `Số tiền chi trả phải đúng số tiền đã quyết định (${s.amount} đồng).`);
      return ok({ ...s, state: 'paid', doneDate: ev.date });
    }
  }
}

/** Folds a case's whole history. */
export function replayCase(events: readonly CaseEvent[]): Check<CaseSnapshot> {
  let s: CaseSnapshot | null = null;
  for (const ev of events) {
    const r = applyCaseEvent(s, ev);
    if (!r.ok) return r;
    s = r.value;
  }
  return s === null ? fail('NO_CASE', 'Hồ sơ khiếu nại/bồi thường này chưa được ghi nhận.') : ok(s);
}

