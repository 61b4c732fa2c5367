/**
 * What a citizen sees when following an item by its number (TT 17: free of charge, online; domain.md
 * §6.5): the status and the steps, never a name, an ID number, a phone or an address. Built from the
 * dossier's snapshot and its events' types, dates and a few non-personal fields only; free-text fields
 * (a failed delivery's reason, the receiving officer, the recipient) are never read, since a clerk may
 * have typed a name into them.
 *
 * The same view is the JSON answer other portals read (TrackingViewSchema) and what the hub's page
 * renders.
 */
import { formatDateVi } from './calendar';
import { z } from 'zod';
import type { DossierSnapshot, DossierState, ReturnMethod } from './dossier';

/** One event as the hub reads it for tracking: its type, when, and the non-personal fields used here. */
export interface TrackingEventInput {
  type: string;
  /** Epoch ms (the counter's time of the event; `filed` uses the agency's signing time). */
  at: number;
  /** Where it happened: the branch (post office) of the counter that recorded it. */
  branchName: string | null;
  agencyName?: string | null;
  appointmentDate?: string | null;
  nextInvitationDate?: string | null;
  filedAt?: number | null;
}

export interface TrackingInput {
  itemNumber: string;
  /** The post office that took the dossier in (results come back there). */
  branchName: string;
  snapshot: Pick<DossierSnapshot, 'state' | 'serviceType' | 'returnMethod' | 'appointmentDate' | 'nextInvitationDate'>;
  events: TrackingEventInput[];
}

export const TRACKING_STEP_CODES = [
  'accepted',
  'supplemented',
  'sent_to_agency',
  'filed',
  'appointment',
  'result_received',
  'delivery_failed',
  'handed_over',
  'delivered',
  'returned_to_agency',
  'cancelled',
] as const;
export type TrackingStepCode = (typeof TRACKING_STEP_CODES)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TrackingStepSchema = z.strictObject({
  code: z.enum(TRACKING_STEP_CODES),
  label: z.string(),
  at: z.int().min(0),
  place: z.string().nullable(),
});
export type TrackingStep = z.infer<typeof TrackingStepSchema>;

export const TrackingViewSchema = z.strictObject({
  found: z.literal(true),
  itemNumber: z.string(),
  status: z.string(),
  /** True when nothing more will happen (handed over, returned to the agency, cancelled, send-only filed). */
  finished: z.boolean(),
  steps: z.array(TrackingStepSchema),
  /** The date the result is expected (the agency's appointment, or the next delivery attempt), YYYY-MM-DD. */
  expectedDate: localDate.nullable(),
  /** Where to collect the result, when it waits at a post office. */
  collectAt: z.string().nullable(),
  hotline: z.string(),
});
export type TrackingView = z.infer<typeof TrackingViewSchema>;

export const TrackingNotFoundSchema = z.strictObject({
  found: z.literal(false),
  itemNumber: z.string(),
  message: z.string(),
  hotline: z.string(),
});
export type TrackingNotFound = z.infer<typeof TrackingNotFoundSchema>;

/**
 * The hub tells its counters where citizens follow an item (HUB_TRACKING_URL) in this header on every
 * answer; the receipt's QR code is that address plus the item number.
 */
export const TRACKING_URL_HEADER = 'x-quayhcc-tracking';

/** Where the receipt's QR points before the counter has heard of its hub's page: Vietnam Post's own tracking. */
export const FALLBACK_TRACKING_BASE = 'https://www.vnpost.vn/tra-cuu-hanh-trinh/buu-pham?key=';

/**
 * A tracking base as the hub announces it: an http(s) URL ending in '/' or '=' (the item number is
 * appended), at most 200 characters, no spaces or quotes. Anything else is ignored (null).
 */
export function parseTrackingBase(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length > 200 || /[\s"'<>]/.test(value)) return null;
  // An empty value needs no test of its own: it does not end in '/' or '='.
  if (!/[/=]$/.test(value)) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? value : null;
  } catch {
    return null;
  }
}

/** The tracking page of the hub at `hubUrl` (its /tra-cuu/ path). */
export function hubTrackingBase(hubUrl: string): string {
  return `${hubUrl.replace(/\/+$/, '')}/tra-cuu/`;
}

/** Vietnam Post's customer hotline printed on documents (domain.md §1). */
export const DEFAULT_HOTLINE = '1900 54 54 81';


/** The status line for the citizen: what is happening now, in their words. */
export function trackingStatus(state: DossierState, returnMethod: ReturnMethod, branchName: string): string {
  switch (state) {
    case 'incomplete':
      return 'Hồ sơ đã tiếp nhận nhưng còn thiếu giấy tờ; mời ông/bà bổ sung tại bưu điện';
    case 'accepted':
      return 'Bưu điện đã tiếp nhận hồ sơ, đang chuẩn bị chuyển đến cơ quan giải quyết';
    case 'batched':
      return 'Hồ sơ đang được chuyển đến cơ quan giải quyết';
    case 'filed':
      return returnMethod === 'none' ? 'Cơ quan giải quyết đã nhận hồ sơ' : 'Cơ quan đang giải quyết hồ sơ';
    case 'awaiting_result':
      return 'Bưu điện đang chờ nhận kết quả từ cơ quan giải quyết';
    case 'ready_for_pickup':
      return `Kết quả đã về, mời ông/bà đến nhận tại ${branchName}`;
    case 'out_for_delivery':
      return 'Kết quả đang được phát đến địa chỉ của ông/bà';
    case 'delivery_failed':
      return 'Phát kết quả chưa thành công; bưu điện sẽ phát lại';
    case 'to_return':
      return 'Kết quả đang được trả lại cơ quan giải quyết';
    case 'handed_over':
      return returnMethod === 'home' ? 'Đã phát kết quả đến người nhận' : 'Đã trả kết quả cho người nhận';
    case 'returned_to_agency':
      return 'Kết quả đã được trả lại cơ quan giải quyết';
    case 'cancelled':
      return 'Hồ sơ đã hủy';
  }
}

const FINISHED: ReadonlySet<DossierState> = new Set(['handed_over', 'returned_to_agency', 'cancelled']);

/** One citizen-facing step for an event, or null for events that say nothing to the citizen. */
function stepOf(e: TrackingEventInput, returnMethod: ReturnMethod): TrackingStep | null {
  const step = (code: TrackingStepCode, label: string, at = e.at): TrackingStep => ({ code, label, at, place: e.branchName });
  switch (e.type) {
    case 'accepted':
      return step('accepted', 'Bưu điện tiếp nhận hồ sơ');
    case 'supplemented':
      return step('supplemented', 'Bổ sung giấy tờ');
    case 'batched':
      return step('sent_to_agency', e.agencyName ? `Chuyển hồ sơ đến ${e.agencyName}` : 'Chuyển hồ sơ đến cơ quan giải quyết');
    case 'filed':
      return { ...step('filed', 'Cơ quan giải quyết đã ký nhận hồ sơ', e.filedAt ?? e.at), place: e.agencyName ?? null };
    case 'appointment_recorded':
      return step('appointment', e.appointmentDate ? `Cơ quan hẹn trả kết quả ngày ${formatDateVi(e.appointmentDate)}` : 'Cơ quan hẹn ngày trả kết quả');
    case 'result_collected':
      return step('result_received', returnMethod === 'home' ? 'Bưu điện đã nhận kết quả, chuẩn bị phát đến địa chỉ' : 'Bưu điện đã nhận kết quả từ cơ quan');
    case 'delivery_failed':
      return step('delivery_failed', e.nextInvitationDate ? `Phát không thành công; hẹn phát lại ngày ${formatDateVi(e.nextInvitationDate)}` : 'Phát không thành công');
    case 'handed_over':
      return returnMethod === 'home' ? step('delivered', 'Đã phát kết quả đến người nhận') : step('handed_over', 'Đã trả kết quả tại bưu điện');
    case 'returned_to_agency':
      return step('returned_to_agency', 'Trả kết quả lại cơ quan giải quyết');
    case 'cancelled':
      return step('cancelled', 'Hồ sơ đã hủy');
    default:
      return null;
  }
}

/** The citizen's view of one dossier. Events must come in the dossier's order (the hub's hub_seq). */
export function trackingView(input: TrackingInput, hotline: string = DEFAULT_HOTLINE): TrackingView {
  const { snapshot } = input;
  const steps: TrackingStep[] = [];
  for (const e of input.events) {
    // A dossier taken off a batch before it left was never on its way: its "sent" step goes.
    if (e.type === 'unbatched') {
      const i = steps.map((s) => s.code).lastIndexOf('sent_to_agency');
      if (i >= 0) steps.splice(i, 1);
      continue;
    }
    const s = stepOf(e, snapshot.returnMethod);
    if (s) steps.push(s);
  }
  const finished = FINISHED.has(snapshot.state) || (snapshot.returnMethod === 'none' && snapshot.state === 'filed');
  const waitsAtBranch = snapshot.state === 'ready_for_pickup';
  const expectedDate = finished
    ? null
    : snapshot.state === 'delivery_failed'
      ? snapshot.nextInvitationDate
      : snapshot.returnMethod !== 'none' && !waitsAtBranch
        ? snapshot.appointmentDate
        : null;
  return {
    found: true,
    itemNumber: input.itemNumber,
    status: trackingStatus(snapshot.state, snapshot.returnMethod, input.branchName),
    finished,
    steps,
    expectedDate,
    collectAt: waitsAtBranch || (snapshot.returnMethod === 'pickup' && !finished) ? input.branchName : null,
    hotline,
  };
}

/** The answer for a number the hub does not hold (or that is not a valid item number): same shape for both. */
export function trackingNotFound(itemNumber: string, hotline: string = DEFAULT_HOTLINE): TrackingNotFound {
  return {
    found: false,
    itemNumber,
    message: 'Không tìm thấy bưu gửi có số hiệu này. Hãy kiểm tra lại số hiệu in trên giấy biên nhận (13 ký tự, ví dụ EA123456785VN); hồ sơ vừa tiếp nhận có thể cần ít phút để hiện lên.',
    hotline,
  };
}
