import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../src/shared/calendar';
import type { Check } from '../../../src/shared/errors';
import type { DossierEvent, DossierEventBody, DossierSnapshot, DossierState, Role, ServiceType, ReturnMethod } from '../../../src/shared/dossier';
import { DOSSIER_STATES, STATE_LABELS, applyEvent, deadlineStatus, initialSnapshot, replay } from '../../../src/shared/dossier';

const meta = (date = '2026-03-02', role: Role = 'clerk') => ({ at: Date.parse(`${date}T03:00:00Z`), date, actorId: 'c1', actorRole: role, counterId: 'Q1' });
const ev = (body: DossierEventBody, date?: string, role?: Role): DossierEvent => ({ ...body, ...meta(date, role) }) as DossierEvent;

type AcceptedBody = Extract<DossierEventBody, { type: 'accepted' }>;
const acceptedBody = (serviceType: ServiceType, returnMethod: ReturnMethod, complete = true, extra: Partial<AcceptedBody> = {}): AcceptedBody => ({
  type: 'accepted',
  serviceType,
  returnMethod,
  complete,
  missing: complete ? [] : ['Tờ khai'],
  reclaimOldPapers: false,
  feeDueOnDelivery: 0,
  ...extra,
});
const accepted = (serviceType: ServiceType, returnMethod: ReturnMethod, complete = true, extra: Partial<AcceptedBody> = {}) =>
  ev(acceptedBody(serviceType, returnMethod, complete, extra));

const handed = (over: Partial<Extract<DossierEventBody, { type: 'handed_over' }>> = {}) =>
  ev({ type: 'handed_over', recipientName: 'Lò Văn A', idKind: 'cccd', byProxy: false, authorisationRef: null, reclaimed: [], feeDueCollected: 0, ...over });
const failed = (nextInvitationDate: string | null, date = '2026-03-02', reason = 'Vắng nhà') => ev({ type: 'delivery_failed', reason, nextInvitationDate }, date);
const cancel = (role: Role, reason = 'Công dân rút hồ sơ') => ev({ type: 'cancelled', reason }, undefined, role);

function snap(state: DossierState, over: Partial<DossierSnapshot> = {}): DossierSnapshot {
  return {
    state,
    serviceType: 'both',
    returnMethod: 'home',
    complete: true,
    reclaimOldPapers: false,
    feeDueOnDelivery: 0,
    batchId: state === 'batched' ? 'B1' : null,
    deliveryAttempts: 0,
    nextInvitationDate: null,
    appointmentDate: null,
    filedAt: null,
    ...over,
  };
}

/** The value of an accepted step (fails the test, with the refusal, otherwise). */
function value(r: Check<DossierSnapshot>): DossierSnapshot {
  if (!r.ok) throw new Error(`expected the step to be accepted, refused ${r.code}: ${r.message}`);
  return r.value;
}

/** Asserts WHICH refusal: the code, and the exact Vietnamese message when given. */
function expectRefused(r: Check<unknown>, code: string, message?: string | RegExp): void {
  expect(r.ok ? 'accepted' : r.code).toBe(code);
  if (r.ok) return;
  if (typeof message === 'string') expect(r.message).toBe(message);
  else if (message) expect(r.message).toMatch(message);
  else expect(r.message).toMatch(/[À-ỹ]/);
}

/** Every event body that a clerk (or manager, for cancel) may try. */
const ALL_EVENTS: Record<string, DossierEvent> = {
  supplemented: ev({ type: 'supplemented', added: ['Tờ khai'], complete: true }),
  batched: ev({ type: 'batched', batchId: 'B1', agencyCode: 'STP' }),
  unbatched: ev({ type: 'unbatched', batchId: 'B1' }),
  filed: ev({ type: 'filed', batchId: 'B1', filedAt: 1, receivingOfficer: 'Cầm Thị B' }),
  appointment_recorded: ev({ type: 'appointment_recorded', appointmentDate: '2026-03-20', agencyDossierCode: null }),
  result_collected: ev({ type: 'result_collected', originalsReturned: [] }),
  delivery_failed: failed('2026-03-04'),
  handed_over: handed(),
  returned_to_agency: ev({ type: 'returned_to_agency', reason: 'Không liên lạc được' }),
  cancelled: cancel('manager'),
};

/** The action named in an ILLEGAL_STEP message, per event. */
const ACTION: Record<string, string> = {
  supplemented: 'bổ sung giấy tờ',
  batched: 'đóng chuyến',
  unbatched: 'rút khỏi chuyến',
  filed: 'ghi nhận cơ quan đã nhận',
  appointment_recorded: 'ghi ngày hẹn trả kết quả',
  result_collected: 'nhận kết quả từ cơ quan',
  delivery_failed: 'ghi phát không thành công',
  handed_over: 'trả kết quả',
  returned_to_agency: 'trả lại cơ quan',
  cancelled: 'hủy hồ sơ',
};

/**
 * The matrix's starting snapshot: a 'both'/'home' dossier whose every field a step may clear or keep
 * is set (a past next-invitation date, an appointment, a filing time), so a step that drops or keeps
 * the wrong field shows.
 */
const base = (state: DossierState): DossierSnapshot =>
  snap(state, { nextInvitationDate: '2026-02-27', appointmentDate: '2026-03-10', filedAt: 5, feeDueOnDelivery: 0 });

/** The legal (state, event) pairs for a 'both'/'home' dossier, and what each changes in the snapshot. */
const LEGAL: Record<string, Partial<Record<DossierState, Partial<DossierSnapshot>>>> = {
  supplemented: { incomplete: { state: 'accepted', complete: true } },
  batched: { accepted: { state: 'batched', batchId: 'B1' }, incomplete: { state: 'batched', batchId: 'B1' } },
  unbatched: { batched: { state: 'accepted', batchId: null } },
  filed: { batched: { state: 'filed', filedAt: 1 } },
  appointment_recorded: { filed: { appointmentDate: '2026-03-20' }, awaiting_result: { appointmentDate: '2026-03-20' } },
  result_collected: { filed: { state: 'out_for_delivery' }, awaiting_result: { state: 'out_for_delivery' } },
  delivery_failed: {
    out_for_delivery: { state: 'delivery_failed', deliveryAttempts: 1, nextInvitationDate: '2026-03-04' },
    delivery_failed: { state: 'delivery_failed', deliveryAttempts: 1, nextInvitationDate: '2026-03-04' },
  },
  handed_over: Object.fromEntries((['ready_for_pickup', 'out_for_delivery', 'delivery_failed', 'to_return'] as const).map((s) => [s, { state: 'handed_over', nextInvitationDate: null }])),
  returned_to_agency: Object.fromEntries((['to_return', 'ready_for_pickup'] as const).map((s) => [s, { state: 'returned_to_agency', nextInvitationDate: null }])),
  cancelled: Object.fromEntries((['incomplete', 'accepted', 'batched', 'awaiting_result'] as const).map((s) => [s, { state: 'cancelled', batchId: null }])),
};

/** Refusals of the matrix that are not ILLEGAL_STEP: the state is right but something else is missing. */
const OTHER_REFUSALS: Record<string, Partial<Record<DossierState, string>>> = {
  returned_to_agency: { delivery_failed: 'INVITATIONS_PENDING' },
};

describe('dossier state machine: every (state, event) pair', () => {
  for (const [type, event] of Object.entries(ALL_EVENTS)) {
    for (const state of DOSSIER_STATES) {
      const change = LEGAL[type]![state];
      const other = OTHER_REFUSALS[type]?.[state];
      const outcome = change ? 'legal' : `refused (${other ?? 'ILLEGAL_STEP'})`;
      it(`${type} from ${state} is ${outcome}`, () => {
        const r = applyEvent(base(state), event);
        if (change) expect(value(r)).toEqual({ ...base(state), ...change });
        else if (other) expectRefused(r, other);
        else expectRefused(r, 'ILLEGAL_STEP', `Không thể ${ACTION[type]} khi hồ sơ ở trạng thái “${STATE_LABELS[state]}”.`);
      });
    }
  }
  it('accepted is refused on an existing dossier, and anything else before acceptance', () => {
    expectRefused(applyEvent(snap('accepted'), accepted('send', 'none')), 'ALREADY_ACCEPTED', 'Hồ sơ này đã được tiếp nhận.');
    for (const event of Object.values(ALL_EVENTS)) expectRefused(applyEvent(null, event), 'NO_DOSSIER', 'Hồ sơ chưa được tiếp nhận.');
  });
});

describe('initial states per service', () => {
  it.each([
    ['send', 'none', true, 'accepted'],
    ['send', 'none', false, 'incomplete'],
    ['both', 'home', true, 'accepted'],
    ['both', 'pickup', false, 'incomplete'],
    ['return', 'home', true, 'awaiting_result'],
    ['return', 'pickup', false, 'awaiting_result'],
  ] as const)('%s/%s complete=%s → %s', (service, method, complete, state) => {
    expect(value(applyEvent(null, accepted(service, method, complete)))).toEqual({
      state,
      serviceType: service,
      returnMethod: method,
      // A return-only dossier has no papers to send: it is complete by definition.
      complete: service === 'return' ? true : complete,
      reclaimOldPapers: false,
      feeDueOnDelivery: 0,
      batchId: null,
      deliveryAttempts: 0,
      nextInvitationDate: null,
      appointmentDate: null,
      filedAt: null,
    });
  });
  it('keeps what the acceptance says about reclaiming old papers and the fee still due', () => {
    expect(value(initialSnapshot(acceptedBody('both', 'pickup', true, { reclaimOldPapers: true, feeDueOnDelivery: 135_000 })))).toMatchObject({
      reclaimOldPapers: true,
      feeDueOnDelivery: 135_000,
    });
  });
  it('refuses a return method that contradicts the service', () => {
    const sendOnly = 'Dịch vụ chỉ gửi hồ sơ không có cách nhận kết quả qua bưu điện.';
    const choose = 'Hãy chọn cách nhận kết quả: tại địa chỉ hoặc tại bưu cục.';
    expectRefused(initialSnapshot(acceptedBody('send', 'home')), 'BAD_RETURN_METHOD', sendOnly);
    expectRefused(initialSnapshot(acceptedBody('send', 'pickup')), 'BAD_RETURN_METHOD', sendOnly);
    expectRefused(initialSnapshot(acceptedBody('both', 'none')), 'BAD_RETURN_METHOD', choose);
    expectRefused(initialSnapshot(acceptedBody('return', 'none')), 'BAD_RETURN_METHOD', choose);
  });
  it('the fee due on delivery is a whole, non-negative number of đồng', () => {
    const bad = 'Số tiền thu khi trả kết quả phải là số nguyên đồng không âm.';
    for (const fee of [-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expectRefused(initialSnapshot(acceptedBody('both', 'home', true, { feeDueOnDelivery: fee })), 'BAD_AMOUNT', bad);
    }
    for (const fee of [0, 1, Number.MAX_SAFE_INTEGER]) {
      expect(value(initialSnapshot(acceptedBody('both', 'home', true, { feeDueOnDelivery: fee }))).feeDueOnDelivery).toBe(fee);
    }
  });
});

describe('supplementing, batching and filing', () => {
  it('supplementing needs at least one paper, and may leave the dossier still incomplete', () => {
    expectRefused(applyEvent(snap('incomplete', { complete: false }), ev({ type: 'supplemented', added: [], complete: true })), 'NOTHING_ADDED', 'Chưa chọn giấy tờ nào được bổ sung.');
    const still = value(applyEvent(snap('incomplete', { complete: false }), ev({ type: 'supplemented', added: ['Bản sao CCCD'], complete: false })));
    expect(still).toMatchObject({ state: 'incomplete', complete: false });
  });
  it('unbatching returns to the previous completeness, only from its own batch', () => {
    const r = replay([accepted('send', 'none', false), ALL_EVENTS.batched!, ALL_EVENTS.unbatched!]);
    expect(value(r)).toMatchObject({ state: 'incomplete', complete: false, batchId: null });
    expectRefused(applyEvent(snap('batched', { batchId: 'B2' }), ALL_EVENTS.unbatched!), 'WRONG_BATCH', 'Hồ sơ không thuộc chuyến này.');
  });
  it('filing is recorded only under the dossier’s own batch and with the officer who signed', () => {
    expectRefused(applyEvent(snap('batched', { batchId: 'B2' }), ALL_EVENTS.filed!), 'WRONG_BATCH', 'Hồ sơ không thuộc chuyến này.');
    const filing = (receivingOfficer: string) => ev({ type: 'filed', batchId: 'B1', filedAt: 7, receivingOfficer });
    expectRefused(applyEvent(snap('batched'), filing('')), 'NO_OFFICER', 'Hãy ghi họ tên cán bộ cơ quan ký nhận.');
    expectRefused(applyEvent(snap('batched'), filing('   ')), 'NO_OFFICER');
    expect(value(applyEvent(snap('batched'), filing('B')))).toMatchObject({ state: 'filed', filedAt: 7, batchId: 'B1' });
  });
  it('an appointment is recorded without moving the dossier', () => {
    expect(value(applyEvent(snap('filed'), ALL_EVENTS.appointment_recorded!))).toEqual(snap('filed', { appointmentDate: '2026-03-20' }));
  });
});

describe('results', () => {
  it('a send-only dossier has no result to collect, whatever its state', () => {
    const msg = 'Hồ sơ chỉ dùng dịch vụ gửi hồ sơ: kết quả không chuyển trả qua bưu điện.';
    for (const state of ['filed', 'accepted', 'handed_over'] as const) {
      expectRefused(applyEvent(snap(state, { serviceType: 'send', returnMethod: 'none' }), ALL_EVENTS.result_collected!), 'NOT_RETURN_SERVICE', msg);
    }
  });
  it('a collected result goes to the pickup shelf or out for delivery, by the return method', () => {
    expect(value(applyEvent(snap('filed', { returnMethod: 'pickup' }), ALL_EVENTS.result_collected!)).state).toBe('ready_for_pickup');
    expect(value(applyEvent(snap('awaiting_result', { serviceType: 'return', returnMethod: 'home' }), ALL_EVENTS.result_collected!)).state).toBe('out_for_delivery');
  });
});

describe('full lifecycles', () => {
  it('send only: ends at filing; the result does not come back through the post', () => {
    const r = replay([accepted('send', 'none'), ALL_EVENTS.batched!, ALL_EVENTS.filed!, ALL_EVENTS.appointment_recorded!]);
    expect(value(r)).toMatchObject({ state: 'filed', appointmentDate: '2026-03-20', filedAt: 1 });
    expectRefused(applyEvent(value(r), ALL_EVENTS.result_collected!), 'NOT_RETURN_SERVICE');
  });
  it('both, pickup: accepted → batched → filed → collected → pickup shelf → handed over', () => {
    const r = replay([accepted('both', 'pickup'), ALL_EVENTS.batched!, ALL_EVENTS.filed!, ALL_EVENTS.result_collected!]);
    expect(value(r).state).toBe('ready_for_pickup');
    expect(value(applyEvent(value(r), handed())).state).toBe('handed_over');
  });
  it('incomplete, supplemented, then sent', () => {
    const r = replay([accepted('both', 'home', false), ALL_EVENTS.supplemented!, ALL_EVENTS.batched!]);
    expect(value(r)).toMatchObject({ state: 'batched', complete: true });
  });
  it('a replay stops at the first refused event and reports it; an empty history is no dossier', () => {
    expectRefused(replay([accepted('both', 'home'), ALL_EVENTS.filed!, ALL_EVENTS.batched!]), 'ILLEGAL_STEP');
    expectRefused(replay([ALL_EVENTS.batched!]), 'NO_DOSSIER');
    expectRefused(replay([]), 'NO_DOSSIER', 'Hồ sơ chưa được tiếp nhận.');
  });
});

describe('failed home delivery', () => {
  const out = () => value(replay([accepted('return', 'home'), ALL_EVENTS.result_collected!]));

  it('two failed invitations, the second not before the date set, then return to the agency', () => {
    expect(out().state).toBe('out_for_delivery');
    const f1 = value(applyEvent(out(), failed('2026-03-04', '2026-03-02')));
    expect(f1).toMatchObject({ state: 'delivery_failed', deliveryAttempts: 1, nextInvitationDate: '2026-03-04' });
    expectRefused(applyEvent(f1, failed(null, '2026-03-03')), 'TOO_EARLY', 'Chưa đến ngày mời lần sau (04/03/2026).');
    expectRefused(applyEvent(f1, ALL_EVENTS.returned_to_agency!), 'INVITATIONS_PENDING', 'Phải mời người nhận đủ hai lần trước khi trả lại cơ quan.');
    // On the day itself the second attempt may be recorded; it needs no further invitation.
    const f2 = value(applyEvent(f1, failed(null, '2026-03-04')));
    expect(f2).toEqual({ ...f1, state: 'to_return', deliveryAttempts: 2, nextInvitationDate: null });
    expect(value(applyEvent(f2, ALL_EVENTS.returned_to_agency!)).state).toBe('returned_to_agency');
  });
  it('the too-early rule applies only while an invitation is pending', () => {
    // Out for delivery with a stale date from elsewhere: no pending invitation to wait for.
    expect(value(applyEvent(snap('out_for_delivery', { nextInvitationDate: '2026-03-09' }), failed('2026-03-04'))).state).toBe('delivery_failed');
    expect(value(applyEvent(snap('delivery_failed', { nextInvitationDate: null, deliveryAttempts: 1 }), failed(null))).state).toBe('to_return');
  });
  it('a failure needs its reason', () => {
    expectRefused(applyEvent(snap('out_for_delivery'), failed('2026-03-04', '2026-03-02', '  ')), 'NO_REASON', 'Hãy ghi lý do phát không thành công.');
    expectRefused(applyEvent(snap('out_for_delivery'), failed('2026-03-04', '2026-03-02', '')), 'NO_REASON');
  });
  it('a first failure must schedule the next invitation after the failed attempt', () => {
    expectRefused(applyEvent(snap('out_for_delivery'), failed(null)), 'NO_NEXT_INVITATION', 'Phải hẹn ngày mời lần sau.');
    const soon = 'Ngày mời lần sau phải sau ngày phát không thành công.';
    expectRefused(applyEvent(snap('out_for_delivery'), failed('2026-03-02', '2026-03-02')), 'INVITATION_TOO_SOON', soon);
    expectRefused(applyEvent(snap('out_for_delivery'), failed('2026-03-01', '2026-03-02')), 'INVITATION_TOO_SOON', soon);
    expect(value(applyEvent(snap('out_for_delivery'), failed('2026-03-03', '2026-03-02'))).nextInvitationDate).toBe('2026-03-03');
  });
  it('recorded at the counter, the next invitation is at least two working days after the failed attempt', () => {
    const calendar = new WorkCalendar();
    const friday = '2026-03-13';
    const atCounter = (next: string, date = friday) => applyEvent(snap('out_for_delivery'), failed(next, date), { calendar });
    const msg = 'Ngày mời lần sau phải cách lần phát không thành công ít nhất 2 ngày làm việc: sớm nhất là ngày 17/03/2026.';
    // Saturday and Sunday do not count: Monday is one working day later, Tuesday two.
    expectRefused(atCounter('2026-03-16'), 'INVITATION_TOO_SOON', msg);
    expectRefused(atCounter(friday), 'INVITATION_TOO_SOON', msg);
    expect(value(atCounter('2026-03-17')).nextInvitationDate).toBe('2026-03-17');
    expect(value(atCounter('2026-03-18')).nextInvitationDate).toBe('2026-03-18');
    // Reunification Day and Labour Day (30/4, 1/5/2026, Thursday and Friday) are not working days either.
    expectRefused(atCounter('2026-05-04', '2026-04-29'), 'INVITATION_TOO_SOON', /sớm nhất là ngày 05\/05\/2026/);
    expect(value(atCounter('2026-05-05', '2026-04-29')).state).toBe('delivery_failed');
  });
});

describe('handover rules', () => {
  it('a recipient name is required', () => {
    expectRefused(applyEvent(snap('ready_for_pickup'), handed({ recipientName: ' ' })), 'NO_RECIPIENT', 'Hãy ghi họ tên người nhận.');
    expectRefused(applyEvent(snap('ready_for_pickup'), handed({ recipientName: '' })), 'NO_RECIPIENT');
    expect(value(applyEvent(snap('ready_for_pickup'), handed({ recipientName: 'A' }))).state).toBe('handed_over');
  });
  it('a proxy needs an authorisation; the recipient in person does not', () => {
    const msg = 'Người nhận thay phải xuất trình giấy ủy quyền; hãy ghi số/ngày của giấy ủy quyền.';
    expectRefused(applyEvent(snap('ready_for_pickup'), handed({ byProxy: true, authorisationRef: null })), 'NO_AUTHORISATION', msg);
    expectRefused(applyEvent(snap('ready_for_pickup'), handed({ byProxy: true, authorisationRef: '   ' })), 'NO_AUTHORISATION', msg);
    expectRefused(applyEvent(snap('ready_for_pickup'), handed({ byProxy: true, authorisationRef: '' })), 'NO_AUTHORISATION', msg);
    expect(value(applyEvent(snap('ready_for_pickup'), handed({ byProxy: true, authorisationRef: 'GUQ 12/2026' }))).state).toBe('handed_over');
    expect(value(applyEvent(snap('ready_for_pickup'), handed({ byProxy: false, authorisationRef: null }))).state).toBe('handed_over');
  });
  it('old papers must be reclaimed when the procedure says so', () => {
    const s = snap('ready_for_pickup', { reclaimOldPapers: true });
    expectRefused(applyEvent(s, handed()), 'RECLAIM_REQUIRED', 'Thủ tục này phải thu hồi giấy tờ cũ trước khi trả kết quả.');
    expect(value(applyEvent(s, handed({ reclaimed: ['Giấy phép lái xe cũ'] }))).state).toBe('handed_over');
  });
  it('the fee still due must be collected exactly', () => {
    const s = snap('ready_for_pickup', { feeDueOnDelivery: 135000 });
    const msg = (typed: string) => `Phải thu đúng số tiền còn nợ khi trả kết quả: 135.000 đồng (đã nhập ${typed} đồng).`;
    expectRefused(applyEvent(s, handed({ feeDueCollected: 100000 })), 'FEE_DUE_MISMATCH', msg('100.000'));
    expectRefused(applyEvent(s, handed({ feeDueCollected: 135001 })), 'FEE_DUE_MISMATCH', msg('135.001'));
    expectRefused(applyEvent(s, handed({ feeDueCollected: 0 })), 'FEE_DUE_MISMATCH', msg('0'));
    expect(value(applyEvent(s, handed({ feeDueCollected: 135000 }))).state).toBe('handed_over');
  });
  // Issue #16 defect 7: typing 50000 when nothing was due said "collect the 0 đồng still due".
  it('money typed when nothing is due is refused saying that nothing is due', () => {
    const s = snap('ready_for_pickup', { feeDueOnDelivery: 0 });
    expectRefused(
      applyEvent(s, handed({ feeDueCollected: 50000 })),
      'NOTHING_DUE',
      'Hồ sơ này không còn khoản nào phải thu khi trả kết quả (phí đã thu khi tiếp nhận); để ô “Thu khi trả” là 0 (đã nhập 50.000 đồng).',
    );
    expect(value(applyEvent(s, handed({ feeDueCollected: 0 }))).state).toBe('handed_over');
  });
});

describe('returning to the agency', () => {
  it('needs a reason, checked before the pending invitations', () => {
    const reason = (r: string) => ev({ type: 'returned_to_agency', reason: r });
    expectRefused(applyEvent(snap('to_return'), reason(' ')), 'NO_REASON', 'Hãy ghi lý do trả lại cơ quan.');
    expectRefused(applyEvent(snap('delivery_failed'), reason('')), 'NO_REASON', 'Hãy ghi lý do trả lại cơ quan.');
    expect(value(applyEvent(snap('to_return'), reason('Quá hạn lưu giữ'))).state).toBe('returned_to_agency');
  });
});

describe('cancellation', () => {
  it('only a manager or an admin, checked before the state', () => {
    const msg = 'Chỉ trưởng bưu cục được hủy hồ sơ.';
    expectRefused(applyEvent(snap('accepted'), cancel('clerk')), 'FORBIDDEN', msg);
    expectRefused(applyEvent(snap('handed_over'), cancel('clerk')), 'FORBIDDEN', msg);
    expect(value(applyEvent(snap('accepted'), cancel('manager'))).state).toBe('cancelled');
    expect(value(applyEvent(snap('batched'), cancel('admin')))).toMatchObject({ state: 'cancelled', batchId: null });
  });
  it('only with a reason', () => {
    expectRefused(applyEvent(snap('accepted'), cancel('manager', '')), 'NO_REASON', 'Hãy ghi lý do hủy hồ sơ.');
    expectRefused(applyEvent(snap('accepted'), cancel('manager', '  ')), 'NO_REASON', 'Hãy ghi lý do hủy hồ sơ.');
  });
});

describe('deadline status', () => {
  it.each([
    [null, '2026-03-02', 'none'],
    ['2026-03-03', '2026-03-02', 'on_time'],
    ['2026-03-02', '2026-03-02', 'due_today'],
    ['2026-03-01', '2026-03-02', 'overdue'],
  ] as const)('deadline %s on %s → %s', (d, today, status) => {
    expect(deadlineStatus(d, today)).toBe(status);
  });
});
