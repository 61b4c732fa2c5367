import { describe, expect, it } from 'vitest';
import type { DossierEvent, DossierEventBody, DossierSnapshot, DossierState, Role, ServiceType, ReturnMethod } from '../../../src/shared/dossier';
import { DOSSIER_STATES, applyEvent, deadlineStatus, initialSnapshot, replay } from '../../../src/shared/dossier';

const meta = (date = '2026-03-02', role: Role = 'clerk') => ({ at: Date.parse(`${date}T03:00:00Z`), date, actorId: 'c1', actorRole: role, counterId: 'Q1' });
const ev = (body: DossierEventBody, date?: string, role?: Role): DossierEvent => ({ ...body, ...meta(date, role) }) as DossierEvent;

const accepted = (serviceType: ServiceType, returnMethod: ReturnMethod, complete = true, extra: Partial<{ reclaimOldPapers: boolean; feeDueOnDelivery: number }> = {}) =>
  ev({ type: 'accepted', serviceType, returnMethod, complete, missing: complete ? [] : ['Tờ khai'], reclaimOldPapers: false, feeDueOnDelivery: 0, ...extra });

const handed = (over: Partial<Extract<DossierEventBody, { type: 'handed_over' }>> = {}) =>
  ev({ type: 'handed_over', recipientName: 'Lò Văn A', idKind: 'cccd', byProxy: false, authorisationRef: null, reclaimed: [], feeDueCollected: 0, ...over });

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

/** Every event body that a clerk (or manager, for cancel) may try. */
const ALL_EVENTS: Record<string, DossierEvent> = {
  supplemented: ev({ type: 'supplemented', added: ['Tờ khai'], complete: true }),
  batched: ev({ type: 'batched', batchId: 'B1', agencyCode: 'STP' }),
  unbatched: ev({ type: 'unbatched', batchId: 'B1' }),
  filed: ev({ type: 'filed', batchId: 'B1', filedAt: 1, receivingOfficer: 'Cầm Thị B' }),
  appointment_recorded: ev({ type: 'appointment_recorded', appointmentDate: '2026-03-20', agencyDossierCode: null }),
  result_collected: ev({ type: 'result_collected', originalsReturned: [] }),
  delivery_failed: ev({ type: 'delivery_failed', reason: 'Vắng nhà', nextInvitationDate: '2026-03-04' }),
  handed_over: handed(),
  returned_to_agency: ev({ type: 'returned_to_agency', reason: 'Không liên lạc được' }),
  cancelled: ev({ type: 'cancelled', reason: 'Công dân rút hồ sơ' }, undefined, 'manager'),
};

/** The legal (state, event) pairs for a 'both'/'home' dossier; everything else must be refused. */
const LEGAL: Record<string, DossierState[]> = {
  supplemented: ['incomplete'],
  batched: ['accepted', 'incomplete'],
  unbatched: ['batched'],
  filed: ['batched'],
  appointment_recorded: ['filed', 'awaiting_result'],
  result_collected: ['filed', 'awaiting_result'],
  delivery_failed: ['out_for_delivery', 'delivery_failed'],
  handed_over: ['ready_for_pickup', 'out_for_delivery', 'delivery_failed', 'to_return'],
  returned_to_agency: ['to_return', 'ready_for_pickup'],
  cancelled: ['incomplete', 'accepted', 'batched', 'awaiting_result'],
};

describe('dossier state machine: every (state, event) pair', () => {
  for (const [type, event] of Object.entries(ALL_EVENTS)) {
    for (const state of DOSSIER_STATES) {
      const legal = LEGAL[type]!.includes(state);
      it(`${type} from ${state} is ${legal ? 'legal' : 'refused'}`, () => {
        const r = applyEvent(snap(state), event);
        expect(r.ok).toBe(legal);
        if (!r.ok) expect(r.message).toMatch(/[À-ỹ]/);
      });
    }
  }
  it('accepted is refused on an existing dossier, and anything else before acceptance', () => {
    expect(applyEvent(snap('accepted'), accepted('send', 'none')).ok).toBe(false);
    const r = applyEvent(null, ALL_EVENTS.batched!);
    expect(r.ok).toBe(false);
  });
});

describe('initial states per service', () => {
  it.each([
    ['send', 'none', true, 'accepted'],
    ['send', 'none', false, 'incomplete'],
    ['both', 'home', true, 'accepted'],
    ['both', 'pickup', false, 'incomplete'],
    ['return', 'home', true, 'awaiting_result'],
  ] as const)('%s/%s complete=%s → %s', (service, method, complete, state) => {
    const r = applyEvent(null, accepted(service, method, complete));
    expect(r.ok && r.value.state).toBe(state);
  });
  it('refuses a return method that contradicts the service', () => {
    expect(initialSnapshot({ type: 'accepted', serviceType: 'send', returnMethod: 'home', complete: true, missing: [], reclaimOldPapers: false, feeDueOnDelivery: 0 }).ok).toBe(false);
    expect(initialSnapshot({ type: 'accepted', serviceType: 'both', returnMethod: 'none', complete: true, missing: [], reclaimOldPapers: false, feeDueOnDelivery: 0 }).ok).toBe(false);
    expect(initialSnapshot({ type: 'accepted', serviceType: 'both', returnMethod: 'home', complete: true, missing: [], reclaimOldPapers: false, feeDueOnDelivery: -1 }).ok).toBe(false);
  });
});

describe('full lifecycles', () => {
  it('send only: ends at filing; the result does not come back through the post', () => {
    const r = replay([accepted('send', 'none'), ALL_EVENTS.batched!, ALL_EVENTS.filed!, ALL_EVENTS.appointment_recorded!]);
    expect(r.ok && r.value.state).toBe('filed');
    const after = applyEvent(r.ok ? r.value : null, ALL_EVENTS.result_collected!);
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.code).toBe('NOT_RETURN_SERVICE');
  });
  it('both, pickup: accepted → batched → filed → collected → pickup shelf → handed over', () => {
    const r = replay([accepted('both', 'pickup'), ALL_EVENTS.batched!, ALL_EVENTS.filed!, ALL_EVENTS.result_collected!]);
    expect(r.ok && r.value.state).toBe('ready_for_pickup');
    const h = applyEvent(r.ok ? r.value : null, handed());
    expect(h.ok && h.value.state).toBe('handed_over');
  });
  it('incomplete, supplemented, then sent', () => {
    const r = replay([accepted('both', 'home', false), ALL_EVENTS.supplemented!, ALL_EVENTS.batched!]);
    expect(r.ok && r.value).toMatchObject({ state: 'batched', complete: true });
  });
  it('unbatching returns to the previous completeness', () => {
    const r = replay([accepted('send', 'none', false), ALL_EVENTS.batched!, ALL_EVENTS.unbatched!]);
    expect(r.ok && r.value.state).toBe('incomplete');
    const wrong = applyEvent(snap('batched', { batchId: 'B2' }), ALL_EVENTS.unbatched!);
    expect(wrong.ok).toBe(false);
  });
  it('two failed invitations two working days apart, then return to the agency', () => {
    const base = replay([accepted('return', 'home'), ALL_EVENTS.result_collected!]);
    expect(base.ok && base.value.state).toBe('out_for_delivery');
    const f1 = applyEvent(base.ok ? base.value : null, ev({ type: 'delivery_failed', reason: 'Vắng nhà', nextInvitationDate: '2026-03-04' }, '2026-03-02'));
    expect(f1.ok && f1.value).toMatchObject({ state: 'delivery_failed', deliveryAttempts: 1, nextInvitationDate: '2026-03-04' });
    const early = applyEvent(f1.ok ? f1.value : null, ev({ type: 'delivery_failed', reason: 'Vắng nhà', nextInvitationDate: null }, '2026-03-03'));
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.message).toContain('04/03/2026');
    const tooSoonReturn = applyEvent(f1.ok ? f1.value : null, ALL_EVENTS.returned_to_agency!);
    expect(tooSoonReturn.ok).toBe(false);
    const f2 = applyEvent(f1.ok ? f1.value : null, ev({ type: 'delivery_failed', reason: 'Vắng nhà', nextInvitationDate: null }, '2026-03-04'));
    expect(f2.ok && f2.value).toMatchObject({ state: 'to_return', deliveryAttempts: 2 });
    const back = applyEvent(f2.ok ? f2.value : null, ALL_EVENTS.returned_to_agency!);
    expect(back.ok && back.value.state).toBe('returned_to_agency');
  });
  it('a first failure must schedule the next invitation', () => {
    const r = applyEvent(snap('out_for_delivery'), ev({ type: 'delivery_failed', reason: 'Vắng nhà', nextInvitationDate: null }));
    expect(r.ok).toBe(false);
    const blank = applyEvent(snap('out_for_delivery'), ev({ type: 'delivery_failed', reason: '  ', nextInvitationDate: '2026-03-04' }));
    expect(blank.ok).toBe(false);
  });
});

describe('handover rules', () => {
  it('a proxy needs an authorisation', () => {
    expect(applyEvent(snap('ready_for_pickup'), handed({ byProxy: true, authorisationRef: null })).ok).toBe(false);
    expect(applyEvent(snap('ready_for_pickup'), handed({ byProxy: true, authorisationRef: 'GUQ 12/2026' })).ok).toBe(true);
  });
  it('old papers must be reclaimed when the procedure says so', () => {
    const s = snap('ready_for_pickup', { reclaimOldPapers: true });
    const r = applyEvent(s, handed());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('RECLAIM_REQUIRED');
    expect(applyEvent(s, handed({ reclaimed: ['Giấy phép lái xe cũ'] })).ok).toBe(true);
  });
  it('the fee still due must be collected in full', () => {
    const s = snap('ready_for_pickup', { feeDueOnDelivery: 135000 });
    expect(applyEvent(s, handed({ feeDueCollected: 100000 })).ok).toBe(false);
    expect(applyEvent(s, handed({ feeDueCollected: 135000 })).ok).toBe(true);
  });
  it('a recipient name is required', () => {
    expect(applyEvent(snap('ready_for_pickup'), handed({ recipientName: ' ' })).ok).toBe(false);
  });
});

describe('cancellation', () => {
  it('only a manager, and only with a reason', () => {
    expect(applyEvent(snap('accepted'), ev({ type: 'cancelled', reason: 'Rút hồ sơ' }, undefined, 'clerk')).ok).toBe(false);
    expect(applyEvent(snap('accepted'), ev({ type: 'cancelled', reason: '' }, undefined, 'manager')).ok).toBe(false);
    const r = applyEvent(snap('batched'), ev({ type: 'cancelled', reason: 'Rút hồ sơ' }, undefined, 'admin'));
    expect(r.ok && r.value).toMatchObject({ state: 'cancelled', batchId: null });
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
