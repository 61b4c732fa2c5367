/**
 * The dossier lifecycle as an explicit state machine over events (QĐ 45 Art. 6-10, TT 17 Art. 5-7).
 * Pure: the same function decides on the counter, in tests and at the hub.
 *
 *   send/both:  incomplete ⇄ accepted → batched → filed ─(both)→ result collected → ready_for_pickup | out_for_delivery
 *   return:     awaiting_result ─────────────────────────────────→ ready_for_pickup | out_for_delivery
 *   delivery:   out_for_delivery → delivery_failed (1st invitation failed, next one ≥ 2 working days later)
 *               → (2nd failure) to_return → returned_to_agency
 *   handover:   ready_for_pickup | out_for_delivery | delivery_failed | to_return → handed_over
 *   cancel:     a manager, with a reason, before the agency has it (incomplete, accepted, batched, awaiting_result)
 */
import type { WorkCalendar } from './calendar';
import type { Check } from './errors';
import { fail, ok } from './errors';
import { formatDong } from './money';

export type ServiceType = 'send' | 'return' | 'both';
export type ReturnMethod = 'pickup' | 'home' | 'none';
export type Role = 'clerk' | 'manager' | 'admin';

export const DOSSIER_STATES = [
  'incomplete',
  'accepted',
  'batched',
  'filed',
  'awaiting_result',
  'ready_for_pickup',
  'out_for_delivery',
  'delivery_failed',
  'to_return',
  'handed_over',
  'returned_to_agency',
  'cancelled',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const STATE_LABELS: Record<DossierState, string> = {
  incomplete: 'Thiếu giấy tờ, chờ bổ sung',
  accepted: 'Đã tiếp nhận, chờ chuyển cơ quan',
  batched: 'Đã đóng chuyến, chờ giao cơ quan',
  filed: 'Cơ quan đã nhận hồ sơ',
  awaiting_result: 'Chờ nhận kết quả từ cơ quan',
  ready_for_pickup: 'Kết quả chờ trả tại bưu cục',
  out_for_delivery: 'Đang phát kết quả tại địa chỉ',
  delivery_failed: 'Phát không thành công, chờ mời lần sau',
  to_return: 'Chờ trả lại cơ quan',
  handed_over: 'Đã trả kết quả',
  returned_to_agency: 'Đã trả lại cơ quan',
  cancelled: 'Đã hủy',
};

export const SERVICE_LABELS: Record<ServiceType, string> = {
  send: 'Gửi hồ sơ',
  return: 'Chuyển trả kết quả',
  both: 'Gửi hồ sơ và chuyển trả kết quả',
};

export const TERMINAL_STATES: readonly DossierState[] = ['handed_over', 'returned_to_agency', 'cancelled'];

/** The minimum invitations before a result that cannot be delivered goes back to the agency. */
export const MAX_DELIVERY_ATTEMPTS = 2;
/** Working days between two invitations (QĐ 45 Art. 10). */
export const INVITATION_GAP_WORKING_DAYS = 2;

/** Who did it, when (hub or local clock, epoch ms), on which local business date, and at which counter. */
export interface EventMeta {
  at: number;
  date: string;
  actorId: string;
  actorRole: Role;
  counterId: string;
}

export type IdKind = 'cccd' | 'cmnd' | 'passport';

export type DossierEventBody =
  | { type: 'accepted'; serviceType: ServiceType; returnMethod: ReturnMethod; complete: boolean; missing: string[]; reclaimOldPapers: boolean; feeDueOnDelivery: number }
  | { type: 'supplemented'; added: string[]; complete: boolean }
  | { type: 'batched'; batchId: string; agencyCode: string }
  | { type: 'unbatched'; batchId: string }
  | { type: 'filed'; batchId: string; filedAt: number; receivingOfficer: string }
  | { type: 'appointment_recorded'; appointmentDate: string; agencyDossierCode: string | null }
  | { type: 'result_collected'; originalsReturned: string[] }
  | { type: 'delivery_failed'; reason: string; nextInvitationDate: string | null }
  | {
      type: 'handed_over';
      recipientName: string;
      idKind: IdKind;
      byProxy: boolean;
      authorisationRef: string | null;
      reclaimed: string[];
      feeDueCollected: number;
    }
  | { type: 'returned_to_agency'; reason: string }
  | { type: 'cancelled'; reason: string };

export type DossierEventType = DossierEventBody['type'];
export type DossierEvent = DossierEventBody & EventMeta;

export const EVENT_LABELS: Record<DossierEventType, string> = {
  accepted: 'Tiếp nhận hồ sơ tại quầy',
  supplemented: 'Bổ sung giấy tờ',
  batched: 'Đóng chuyến gửi cơ quan',
  unbatched: 'Rút khỏi chuyến',
  filed: 'Cơ quan ký nhận hồ sơ',
  appointment_recorded: 'Ghi ngày hẹn trả kết quả',
  result_collected: 'Nhận kết quả từ cơ quan',
  delivery_failed: 'Phát không thành công',
  handed_over: 'Trả kết quả cho người nhận',
  returned_to_agency: 'Trả lại cơ quan',
  cancelled: 'Hủy hồ sơ',
};

export interface DossierSnapshot {
  state: DossierState;
  serviceType: ServiceType;
  returnMethod: ReturnMethod;
  complete: boolean;
  reclaimOldPapers: boolean;
  feeDueOnDelivery: number;
  batchId: string | null;
  deliveryAttempts: number;
  nextInvitationDate: string | null;
  appointmentDate: string | null;
  filedAt: number | null;
}

const refuse = (code: string, message: string): Check<DossierSnapshot> => fail(code, message);

/** 'YYYY-MM-DD' → 'DD/MM/YYYY' for messages. */
const viDate = (d: string): string => d.split('-').reverse().join('/');

/** What the state machine needs of the working-day calendar (a WorkCalendar has it). */
export type WorkingDays = Pick<WorkCalendar, 'addWorkingDays'>;

/** What an event is checked against besides the snapshot. */
export interface EventRules {
  /**
   * The working-day calendar in force where the event is being recorded. With it, a next invitation
   * must be at least INVITATION_GAP_WORKING_DAYS working days after the failed attempt (QĐ 45 Art. 10).
   * Without it (replaying stored history, or the hub applying a counter's event) the next invitation
   * need only come after the failed attempt: the gap was checked where the event was recorded, and a
   * calendar changed later (a closure announced afterwards) must not turn recorded history into a refusal.
   */
  calendar?: WorkingDays;
}

/** The ILLEGAL_STEP refusal when `state` is not one of `allowed`; null when the step may go on. */
function illegalUnless(state: DossierState, allowed: readonly DossierState[], action: string): Check<DossierSnapshot> | null {
  if (allowed.includes(state)) return null;
  return refuse('ILLEGAL_STEP', `Không thể ${action} khi hồ sơ ở trạng thái “${STATE_LABELS[state]}”.`);
}

/** The snapshot an `accepted` event creates. */
export function initialSnapshot(ev: Extract<DossierEventBody, { type: 'accepted' }>): Check<DossierSnapshot> {
  if (ev.serviceType === 'send' && ev.returnMethod !== 'none') {
    return refuse('BAD_RETURN_METHOD', 'Dịch vụ chỉ gửi hồ sơ không có cách nhận kết quả qua bưu điện.');
  }
  if (ev.serviceType !== 'send' && ev.returnMethod === 'none') {
    return refuse('BAD_RETURN_METHOD', 'Hãy chọn cách nhận kết quả: tại địa chỉ hoặc tại bưu cục.');
  }
  if (!Number.isSafeInteger(ev.feeDueOnDelivery) || ev.feeDueOnDelivery < 0) {
    return refuse('BAD_AMOUNT', 'Số tiền thu khi trả kết quả phải là số nguyên đồng không âm.');
  }
  const state: DossierState = ev.serviceType === 'return' ? 'awaiting_result' : ev.complete ? 'accepted' : 'incomplete';
  return ok({
    state,
    serviceType: ev.serviceType,
    returnMethod: ev.returnMethod,
    complete: ev.serviceType === 'return' ? true : ev.complete,
    reclaimOldPapers: ev.reclaimOldPapers,
    feeDueOnDelivery: ev.feeDueOnDelivery,
    batchId: null,
    deliveryAttempts: 0,
    nextInvitationDate: null,
    appointmentDate: null,
    filedAt: null,
  });
}

/**
 * Applies one event to a snapshot. Returns the next snapshot, or a refusal with the reason in
 * Vietnamese. `null` snapshot means the dossier does not exist yet (only `accepted` is legal).
 */
export function applyEvent(s: DossierSnapshot | null, ev: DossierEvent, rules: EventRules = {}): Check<DossierSnapshot> {
  if (s === null) {
    if (ev.type !== 'accepted') return refuse('NO_DOSSIER', 'Hồ sơ chưa được tiếp nhận.');
    return initialSnapshot(ev);
  }
  switch (ev.type) {
    case 'accepted':
      return refuse('ALREADY_ACCEPTED', 'Hồ sơ này đã được tiếp nhận.');

    case 'supplemented': {
      const c = illegalUnless(s.state, ['incomplete'], 'bổ sung giấy tờ');
      if (c) return c;
      if (ev.added.length === 0) return refuse('NOTHING_ADDED', 'Chưa chọn giấy tờ nào được bổ sung.');
      return ok({ ...s, complete: ev.complete, state: ev.complete ? 'accepted' : 'incomplete' });
    }

    case 'batched': {
      const c = illegalUnless(s.state, ['accepted', 'incomplete'], 'đóng chuyến');
      if (c) return c;
      return ok({ ...s, state: 'batched', batchId: ev.batchId });
    }

    case 'unbatched': {
      const c = illegalUnless(s.state, ['batched'], 'rút khỏi chuyến');
      if (c) return c;
      if (s.batchId !== ev.batchId) return refuse('WRONG_BATCH', 'Hồ sơ không thuộc chuyến này.');
      return ok({ ...s, state: s.complete ? 'accepted' : 'incomplete', batchId: null });
    }

    case 'filed': {
      const c = illegalUnless(s.state, ['batched'], 'ghi nhận cơ quan đã nhận');
      if (c) return c;
      if (s.batchId !== ev.batchId) return refuse('WRONG_BATCH', 'Hồ sơ không thuộc chuyến này.');
      if (ev.receivingOfficer.trim() === '') return refuse('NO_OFFICER', 'Hãy ghi họ tên cán bộ cơ quan ký nhận.');
      return ok({ ...s, state: 'filed', filedAt: ev.filedAt });
    }

    case 'appointment_recorded': {
      const c = illegalUnless(s.state, ['filed', 'awaiting_result'], 'ghi ngày hẹn trả kết quả');
      if (c) return c;
      return ok({ ...s, appointmentDate: ev.appointmentDate });
    }

    case 'result_collected': {
      if (s.serviceType === 'send') {
        return refuse('NOT_RETURN_SERVICE', 'Hồ sơ chỉ dùng dịch vụ gửi hồ sơ: kết quả không chuyển trả qua bưu điện.');
      }
      const c = illegalUnless(s.state, ['filed', 'awaiting_result'], 'nhận kết quả từ cơ quan');
      if (c) return c;
      return ok({ ...s, state: s.returnMethod === 'home' ? 'out_for_delivery' : 'ready_for_pickup' });
    }

    case 'delivery_failed': {
      const c = illegalUnless(s.state, ['out_for_delivery', 'delivery_failed'], 'ghi phát không thành công');
      if (c) return c;
      if (ev.reason.trim() === '') return refuse('NO_REASON', 'Hãy ghi lý do phát không thành công.');
      if (s.state === 'delivery_failed' && s.nextInvitationDate !== null && ev.date < s.nextInvitationDate) {
        return refuse('TOO_EARLY', `Chưa đến ngày mời lần sau (${viDate(s.nextInvitationDate)}).`);
      }
      const attempts = s.deliveryAttempts + 1;
      if (attempts >= MAX_DELIVERY_ATTEMPTS) {
        return ok({ ...s, state: 'to_return', deliveryAttempts: attempts, nextInvitationDate: null });
      }
      const next = ev.nextInvitationDate;
      if (next === null) return refuse('NO_NEXT_INVITATION', 'Phải hẹn ngày mời lần sau.');
      if (rules.calendar) {
        const earliest = rules.calendar.addWorkingDays(ev.date, INVITATION_GAP_WORKING_DAYS);
        if (next < earliest) {
          return refuse(
            'INVITATION_TOO_SOON',
            `Ngày mời lần sau phải cách lần phát không thành công ít nhất ${INVITATION_GAP_WORKING_DAYS} ngày làm việc: sớm nhất là ngày ${viDate(earliest)}.`,
          );
        }
      } else if (next <= ev.date) {
        return refuse('INVITATION_TOO_SOON', 'Ngày mời lần sau phải sau ngày phát không thành công.');
      }
      return ok({ ...s, state: 'delivery_failed', deliveryAttempts: attempts, nextInvitationDate: next });
    }

    case 'handed_over': {
      const c = illegalUnless(s.state, ['ready_for_pickup', 'out_for_delivery', 'delivery_failed', 'to_return'], 'trả kết quả');
      if (c) return c;
      if (ev.recipientName.trim() === '') return refuse('NO_RECIPIENT', 'Hãy ghi họ tên người nhận.');
      if (ev.byProxy && (ev.authorisationRef === null || ev.authorisationRef.trim() === '')) {
        return refuse('NO_AUTHORISATION', 'Người nhận thay phải xuất trình giấy ủy quyền; hãy ghi số/ngày của giấy ủy quyền.');
      }
      if (s.reclaimOldPapers && ev.reclaimed.length === 0) {
        return refuse('RECLAIM_REQUIRED', 'Thủ tục này phải thu hồi giấy tờ cũ trước khi trả kết quả.');
      }
      if (ev.feeDueCollected !== s.feeDueOnDelivery) {
        // Nothing due is its own message: "collect the 0 đồng still due" read as if money were owed.
        if (s.feeDueOnDelivery === 0) {
          return refuse('NOTHING_DUE', `Hồ sơ này không còn khoản nào phải thu khi trả kết quả (phí đã thu khi tiếp nhận); để ô “Thu khi trả” là 0 (đã nhập ${formatDong(ev.feeDueCollected)} đồng).`);
        }
        return refuse('FEE_DUE_MISMATCH', `Phải thu đúng số tiền còn nợ khi trả kết quả: ${formatDong(s.feeDueOnDelivery)} đồng (đã nhập ${formatDong(ev.feeDueCollected)} đồng).`);
      }
      return ok({ ...s, state: 'handed_over', nextInvitationDate: null });
    }

    case 'returned_to_agency': {
      const c = illegalUnless(s.state, ['to_return', 'ready_for_pickup', 'delivery_failed'], 'trả lại cơ quan');
      if (c) return c;
      if (ev.reason.trim() === '') return refuse('NO_REASON', 'Hãy ghi lý do trả lại cơ quan.');
      if (s.state === 'delivery_failed') {
        return refuse('INVITATIONS_PENDING', 'Phải mời người nhận đủ hai lần trước khi trả lại cơ quan.');
      }
      return ok({ ...s, state: 'returned_to_agency', nextInvitationDate: null });
    }

    case 'cancelled': {
      if (ev.actorRole === 'clerk') return refuse('FORBIDDEN', 'Chỉ trưởng bưu cục được hủy hồ sơ.');
      const c = illegalUnless(s.state, ['incomplete', 'accepted', 'batched', 'awaiting_result'], 'hủy hồ sơ');
      if (c) return c;
      if (ev.reason.trim() === '') return refuse('NO_REASON', 'Hãy ghi lý do hủy hồ sơ.');
      return ok({ ...s, state: 'cancelled', batchId: null });
    }
  }
}

/** Folds a whole event history; the first event must be `accepted`. */
export function replay(events: readonly DossierEvent[]): Check<DossierSnapshot> {
  let s: DossierSnapshot | null = null;
  for (const ev of events) {
    const r = applyEvent(s, ev);
    if (!r.ok) return r;
    s = r.value;
  }
  if (s === null) return fail('NO_DOSSIER', 'Hồ sơ chưa được tiếp nhận.');
  return ok(s);
}

export type DeadlineStatus = 'on_time' | 'due_today' | 'overdue' | 'none';

export const DEADLINE_LABELS: Record<DeadlineStatus, string> = {
  on_time: 'Trong hạn',
  due_today: 'Đến hạn hôm nay',
  overdue: 'Quá hạn',
  none: 'Không có hạn',
};

/** Compares local dates (YYYY-MM-DD). */
export function deadlineStatus(deadline: string | null, today: string): DeadlineStatus {
  if (deadline === null) return 'none';
  if (today < deadline) return 'on_time';
  if (today === deadline) return 'due_today';
  return 'overdue';
}
