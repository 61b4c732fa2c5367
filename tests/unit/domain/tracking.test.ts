import { describe, expect, it } from 'vitest';
import type { DossierState, ReturnMethod } from '../../../src/shared/dossier';
import { DEFAULT_HOTLINE, trackingNotFound, trackingStatus, trackingView, type TrackingEventInput, type TrackingInput } from '../../../src/shared/tracking';

const BRANCH = 'Bưu điện huyện Mộc Châu';
const ev = (type: string, at: number, over: Partial<TrackingEventInput> = {}): TrackingEventInput => ({ type, at, branchName: BRANCH, ...over });

function input(state: DossierState, returnMethod: ReturnMethod, events: TrackingEventInput[], over: Partial<TrackingInput['snapshot']> = {}): TrackingInput {
  return {
    itemNumber: 'EA123456785VN',
    branchName: BRANCH,
    snapshot: { state, serviceType: returnMethod === 'none' ? 'send' : 'both', returnMethod, appointmentDate: null, nextInvitationDate: null, ...over },
    events,
  };
}

describe('trackingView', () => {
  it('turns each event into the citizen’s step, in order, with where it happened', () => {
    const v = trackingView(
      input('handed_over', 'pickup', [
        ev('accepted', 1),
        ev('supplemented', 2),
        ev('batched', 3, { agencyName: 'Sở Tư pháp tỉnh Sơn La' }),
        ev('filed', 4, { filedAt: 40, agencyName: 'Sở Tư pháp tỉnh Sơn La' }),
        ev('appointment_recorded', 5, { appointmentDate: '2027-01-15' }),
        ev('result_collected', 6),
        ev('handed_over', 7),
      ]),
    );
    expect(v.steps).toEqual([
      { code: 'accepted', label: 'Bưu điện tiếp nhận hồ sơ', at: 1, place: BRANCH },
      { code: 'supplemented', label: 'Bổ sung giấy tờ', at: 2, place: BRANCH },
      { code: 'sent_to_agency', label: 'Chuyển hồ sơ đến Sở Tư pháp tỉnh Sơn La', at: 3, place: BRANCH },
      { code: 'filed', label: 'Cơ quan giải quyết đã ký nhận hồ sơ', at: 40, place: 'Sở Tư pháp tỉnh Sơn La' },
      { code: 'appointment', label: 'Cơ quan hẹn trả kết quả ngày 15/01/2027', at: 5, place: BRANCH },
      { code: 'result_received', label: 'Bưu điện đã nhận kết quả từ cơ quan', at: 6, place: BRANCH },
      { code: 'handed_over', label: 'Đã trả kết quả tại bưu điện', at: 7, place: BRANCH },
    ]);
    expect(v).toMatchObject({ found: true, itemNumber: 'EA123456785VN', finished: true, expectedDate: null, collectAt: null, hotline: DEFAULT_HOTLINE, status: 'Đã trả kết quả cho người nhận' });
  });

  it('without agency names or dates, the steps still read well', () => {
    const v = trackingView(
      input('filed', 'pickup', [ev('batched', 3), ev('filed', 4), ev('appointment_recorded', 5), ev('delivery_failed', 6)]),
    );
    expect(v.steps.map((s) => [s.label, s.at, s.place])).toEqual([
      ['Chuyển hồ sơ đến cơ quan giải quyết', 3, BRANCH],
      ['Cơ quan giải quyết đã ký nhận hồ sơ', 4, null],
      ['Cơ quan hẹn ngày trả kết quả', 5, BRANCH],
      ['Phát không thành công', 6, BRANCH],
    ]);
  });

  it('a dossier taken off a batch before it left loses its "sent" step; a later batch counts', () => {
    const v = trackingView(input('batched', 'pickup', [ev('accepted', 1), ev('batched', 2), ev('unbatched', 3), ev('batched', 4)]));
    expect(v.steps.map((s) => [s.code, s.at])).toEqual([
      ['accepted', 1],
      ['sent_to_agency', 4],
    ]);
    const alone = trackingView(input('accepted', 'pickup', [ev('accepted', 1), ev('unbatched', 3)]));
    expect(alone.steps.map((s) => s.code)).toEqual(['accepted']);
  });

  it('events the citizen need not see (and unknown ones) add no step', () => {
    expect(trackingView(input('accepted', 'pickup', [ev('accepted', 1), ev('note', 2), ev('something_new', 3)])).steps).toHaveLength(1);
  });

  it('home delivery reads as delivery; returned and cancelled dossiers are finished', () => {
    const home = trackingView(input('handed_over', 'home', [ev('result_collected', 1), ev('delivery_failed', 2, { nextInvitationDate: '2027-01-20' }), ev('handed_over', 3)]));
    expect(home.steps.map((s) => s.label)).toEqual(['Bưu điện đã nhận kết quả, chuẩn bị phát đến địa chỉ', 'Phát không thành công; hẹn phát lại ngày 20/01/2027', 'Đã phát kết quả đến người nhận']);
    expect(home.steps.at(-1)!.code).toBe('delivered');
    expect(home.status).toBe('Đã phát kết quả đến người nhận');
    const back = trackingView(input('returned_to_agency', 'home', [ev('returned_to_agency', 9)]));
    expect(back).toMatchObject({ finished: true, steps: [{ code: 'returned_to_agency', label: 'Trả kết quả lại cơ quan giải quyết' }] });
    const cancelled = trackingView(input('cancelled', 'pickup', [ev('cancelled', 9)], { appointmentDate: '2027-01-01' }));
    expect(cancelled).toMatchObject({ finished: true, expectedDate: null, collectAt: null, steps: [{ code: 'cancelled', label: 'Hồ sơ đã hủy' }] });
  });

  it('a send-only dossier is finished once the agency has it, and never has a date or a place to collect', () => {
    const v = trackingView(input('filed', 'none', [ev('filed', 1)], { appointmentDate: '2027-01-15' }));
    expect(v).toMatchObject({ finished: true, expectedDate: null, collectAt: null, status: 'Cơ quan giải quyết đã nhận hồ sơ' });
    const before = trackingView(input('batched', 'none', [], { appointmentDate: '2027-01-15' }));
    expect(before).toMatchObject({ finished: false, expectedDate: null, collectAt: null });
    // Filed with a result to come back is not finished: the appointment is the date to expect.
    const withResult = trackingView(input('filed', 'pickup', [ev('filed', 1)], { appointmentDate: '2027-01-15' }));
    expect(withResult).toMatchObject({ finished: false, expectedDate: '2027-01-15', collectAt: BRANCH, status: 'Cơ quan đang giải quyết hồ sơ' });
  });

  it('expected date: the appointment while the result is awaited, the next attempt after a failed one, none once it waits at the counter', () => {
    const awaiting = trackingView(input('awaiting_result', 'pickup', [], { appointmentDate: '2027-01-15', nextInvitationDate: '2027-01-20' }));
    expect(awaiting).toMatchObject({ expectedDate: '2027-01-15', collectAt: BRANCH, finished: false });
    const failed = trackingView(input('delivery_failed', 'home', [], { appointmentDate: '2027-01-15', nextInvitationDate: '2027-01-20' }));
    expect(failed).toMatchObject({ expectedDate: '2027-01-20', collectAt: null });
    const waiting = trackingView(input('ready_for_pickup', 'pickup', [], { appointmentDate: '2027-01-15' }));
    expect(waiting).toMatchObject({ expectedDate: null, collectAt: BRANCH });
    const homeOut = trackingView(input('out_for_delivery', 'home', [], { appointmentDate: '2027-01-15' }));
    expect(homeOut).toMatchObject({ expectedDate: '2027-01-15', collectAt: null });
    // A home delivery that could not be made waits at the post office: collect it there, no date.
    const heldAtBranch = trackingView(input('ready_for_pickup', 'home', [], { appointmentDate: '2027-01-15' }));
    expect(heldAtBranch).toMatchObject({ expectedDate: null, collectAt: BRANCH, finished: false });
  });

  it('the hotline is the province’s when given', () => {
    expect(trackingView(input('accepted', 'pickup', []), '0212 3852 123').hotline).toBe('0212 3852 123');
    expect(trackingNotFound('X', '0212 3852 123')).toMatchObject({ found: false, itemNumber: 'X', hotline: '0212 3852 123' });
    expect(trackingNotFound('X').hotline).toBe('1900 54 54 81');
    expect(trackingNotFound('X').message).toMatch(/^Không tìm thấy bưu gửi có số hiệu này\. /);
  });
});

describe('trackingStatus', () => {
  it('says where the dossier is in the citizen’s words, for every state', () => {
    const cases: [DossierState, ReturnMethod, string][] = [
      ['incomplete', 'pickup', 'Hồ sơ đã tiếp nhận nhưng còn thiếu giấy tờ; mời ông/bà bổ sung tại bưu điện'],
      ['accepted', 'pickup', 'Bưu điện đã tiếp nhận hồ sơ, đang chuẩn bị chuyển đến cơ quan giải quyết'],
      ['batched', 'pickup', 'Hồ sơ đang được chuyển đến cơ quan giải quyết'],
      ['filed', 'none', 'Cơ quan giải quyết đã nhận hồ sơ'],
      ['filed', 'home', 'Cơ quan đang giải quyết hồ sơ'],
      ['awaiting_result', 'pickup', 'Bưu điện đang chờ nhận kết quả từ cơ quan giải quyết'],
      ['ready_for_pickup', 'pickup', `Kết quả đã về, mời ông/bà đến nhận tại ${BRANCH}`],
      ['out_for_delivery', 'home', 'Kết quả đang được phát đến địa chỉ của ông/bà'],
      ['delivery_failed', 'home', 'Phát kết quả chưa thành công; bưu điện sẽ phát lại'],
      ['to_return', 'home', 'Kết quả đang được trả lại cơ quan giải quyết'],
      ['handed_over', 'home', 'Đã phát kết quả đến người nhận'],
      ['handed_over', 'pickup', 'Đã trả kết quả cho người nhận'],
      ['returned_to_agency', 'pickup', 'Kết quả đã được trả lại cơ quan giải quyết'],
      ['cancelled', 'pickup', 'Hồ sơ đã hủy'],
    ];
    for (const [state, rm, text] of cases) expect(trackingStatus(state, rm, BRANCH), `${state}/${rm}`).toBe(text);
  });
});
