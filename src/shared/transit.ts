/**
 * Transit time limits (TT 17/2017/TT-BTTTT Art. 7, domain.md 2.3): working days after J, where J is
 * the day the dossier was accepted at the counter or the day the result was collected from the agency.
 * J+n is `WorkCalendar.addWorkingDays(J, n)`: a J on a Saturday or holiday still counts from that day,
 * so J+1 is the first working day after it.
 *
 * The limits are reference data (resources/reference/transit-limits.json, `transitLimitsSchema`)
 * because Vietnam Post may publish longer limits for remote areas; `TT17_LIMITS` is the statutory table.
 *
 * Route classes after the 2025 reorganisation (districts abolished on 01/07/2025; provinces and
 * communes remain):
 *  - intra_district: same commune/ward; or the same former district when both ends carry a legacy
 *    district code; or both communes in one `districtGroups` entry of the reference data (a province
 *    can list the communes that made up each former district);
 *  - intra_province: same province otherwise;
 *  - major_cities: different provinces, both ends in a special-class or class-I city — the
 *    centrally-run cities listed in `majorCities.provinceCodes`, or wards listed in
 *    `majorCities.communeCodes` (the former class-I provincial cities, which a province may list);
 *  - inter_province: everything else.
 * When a commune code is unknown the classification falls back to the coarser class, which has the
 * longer limit: a deadline is never promised earlier than the law allows.
 */
import { z } from 'zod';
import type { LocalDate, WorkCalendar } from './calendar';

export const ROUTE_CLASSES = ['intra_district', 'intra_province', 'major_cities', 'inter_province'] as const;
export type RouteClass = (typeof ROUTE_CLASSES)[number];

export const ROUTE_CLASS_LABELS: Readonly<Record<RouteClass, string>> = {
  intra_district: 'Nội huyện (cùng xã, phường hoặc cùng huyện cũ)',
  intra_province: 'Liên huyện trong tỉnh',
  major_cities: 'Giữa các thành phố loại đặc biệt, loại I',
  inter_province: 'Liên tỉnh',
};

const days = z.number().int().min(0).max(60);
const provinceCode = z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số');
const communeCode = z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số');

export const routeLimitSchema = z.object({
  /** Dossier or result only. */
  dossierOnly: days,
  /** When the appointment slip (giấy hẹn) must also be delivered. */
  withAppointmentSlip: days,
});

export const remoteAreaSchema = z.object({
  provinceCode,
  /** Omitted: the whole province. */
  communeCodes: z.array(communeCode).optional(),
  /** Working days added to the TT 17 limit for items to or from this area. */
  extraDays: days,
  source: z.string().min(1),
  note: z.string().optional(),
});

export const transitLimitsSchema = z.object({
  $comment: z.string().optional(),
  schemaVersion: z.literal(1),
  source: z.string().min(1),
  limits: z.object({
    intra_district: routeLimitSchema,
    intra_province: routeLimitSchema,
    major_cities: routeLimitSchema,
    inter_province: routeLimitSchema,
  }),
  majorCities: z.object({
    provinceCodes: z.array(provinceCode),
    communeCodes: z.array(communeCode).default([]),
    note: z.string().optional(),
  }),
  districtGroups: z
    .array(z.object({ name: z.string().min(1), provinceCode, legacyDistrictCode: z.string().optional(), communeCodes: z.array(communeCode) }))
    .default([]),
  remoteAreas: z.array(remoteAreaSchema).default([]),
});

/** As written in JSON (defaulted arrays may be omitted). */
export type TransitLimitsInput = z.input<typeof transitLimitsSchema>;
/** As returned by `transitLimitsSchema.parse` — what the functions below take. */
export type TransitLimits = z.output<typeof transitLimitsSchema>;

/** The statutory table of TT 17 Art. 7 with the centrally-run cities of 2025; no remote extensions. */
export const TT17_LIMITS: TransitLimits = {
  schemaVersion: 1,
  source: 'Thông tư 17/2017/TT-BTTTT, Điều 7',
  limits: {
    intra_district: { dossierOnly: 1, withAppointmentSlip: 2 },
    intra_province: { dossierOnly: 2, withAppointmentSlip: 4 },
    major_cities: { dossierOnly: 3, withAppointmentSlip: 6 },
    inter_province: { dossierOnly: 4, withAppointmentSlip: 8 },
  },
  majorCities: { provinceCodes: ['01', '31', '46', '48', '75', '79', '92'], communeCodes: [] },
  districtGroups: [],
  remoteAreas: [],
};

export interface RouteEnd {
  provinceCode: string;
  communeCode?: string;
  legacyDistrictCode?: string;
}

function isMajor(end: RouteEnd, limits: TransitLimits): boolean {
  return (
    limits.majorCities.provinceCodes.includes(end.provinceCode) ||
    (end.communeCode !== undefined && limits.majorCities.communeCodes.includes(end.communeCode))
  );
}

export function classifyRoute(from: RouteEnd, to: RouteEnd, limits: TransitLimits = TT17_LIMITS): RouteClass {
  if (from.provinceCode === to.provinceCode) {
    if (from.communeCode !== undefined && from.communeCode === to.communeCode) return 'intra_district';
    if (from.legacyDistrictCode !== undefined && from.legacyDistrictCode === to.legacyDistrictCode) return 'intra_district';
    if (from.communeCode !== undefined && to.communeCode !== undefined) {
      const a = from.communeCode;
      const b = to.communeCode;
      if (limits.districtGroups.some((g) => g.provinceCode === from.provinceCode && g.communeCodes.includes(a) && g.communeCodes.includes(b))) {
        return 'intra_district';
      }
    }
    return 'intra_province';
  }
  return isMajor(from, limits) && isMajor(to, limits) ? 'major_cities' : 'inter_province';
}

export interface TransitArea {
  provinceCode?: string;
  communeCode?: string;
}

/** Largest remote-area extension matching any of the given areas (0 when none). */
export function remoteExtraDays(limits: TransitLimits, areas: TransitArea | TransitArea[] | undefined): number {
  // Stryker disable next-line ArrayDeclaration: a non-empty list for no area holds a string, whose provinceCode (undefined) matches no remote area
  const list = areas === undefined ? [] : Array.isArray(areas) ? areas : [areas];
  let extra = 0;
  for (const area of list) {
    for (const r of limits.remoteAreas) {
      if (r.provinceCode !== area.provinceCode) continue;
      if (r.communeCodes !== undefined && (area.communeCode === undefined || !r.communeCodes.includes(area.communeCode))) continue;
      extra = Math.max(extra, r.extraDays);
    }
  }
  return extra;
}

/** The limit n of J+n for a route, including any remote-area extension for `areas`. */
export function transitLimitDays(
  route: RouteClass,
  withAppointmentSlip: boolean,
  limits: TransitLimits = TT17_LIMITS,
  areas?: TransitArea | TransitArea[],
): number {
  const l = limits.limits[route];
  return (withAppointmentSlip ? l.withAppointmentSlip : l.dossierOnly) + remoteExtraDays(limits, areas);
}

/**
 * The last day the item may arrive: J + n working days. `opts` names the remote end(s) — pass the
 * commune of the counter for intake, of the recipient for delivery, or both as an array.
 */
export function transitDeadline(
  cal: WorkCalendar,
  jDate: LocalDate,
  route: RouteClass,
  withAppointmentSlip: boolean,
  limits: TransitLimits = TT17_LIMITS,
  opts?: TransitArea | TransitArea[],
): LocalDate {
  return cal.addWorkingDays(jDate, transitLimitDays(route, withAppointmentSlip, limits, opts));
}

/** Overdue once the local date is past the deadline without delivery. */
export function isTransitOverdue(deadline: LocalDate, today: LocalDate): boolean {
  return today > deadline;
}

export interface AppointmentBreakdown {
  /** Latest day the dossier reaches the agency (J + outbound limit): the agency's clock starts then. */
  atAgencyBy: LocalDate;
  /** atAgencyBy + the agency's processing working days: the result is collected that day. */
  resultReadyBy: LocalDate;
  /** resultReadyBy + return limit: the date told to the citizen. */
  citizenBy: LocalDate;
}

export interface AppointmentOptions {
  /** Route of the result back, when it differs (e.g. delivered to another commune). Default: `route`. */
  returnRoute?: RouteClass;
  /** Remote ends for extensions, as in `transitDeadline`. */
  areas?: TransitArea | TransitArea[];
}

/**
 * The appointment a clerk gives at the counter, as a worst case the post can keep:
 *   atAgencyBy   = J + outbound limit (dossier only)
 *   resultReadyBy = atAgencyBy + processingWorkingDays
 *   citizenBy    = resultReadyBy + return limit (result only)
 * i.e. the legal transit limits both ways plus the agency's statutory processing time, all in working
 * days of `cal`. The appointment slip column is not used: the slip travels with the result here.
 */
export function appointmentBreakdown(
  cal: WorkCalendar,
  acceptedDate: LocalDate,
  route: RouteClass,
  processingWorkingDays: number,
  limits: TransitLimits = TT17_LIMITS,
  opts: AppointmentOptions = {},
): AppointmentBreakdown {
  if (!Number.isSafeInteger(processingWorkingDays) || processingWorkingDays < 0) {
    throw new RangeError(`processingWorkingDays must be a non-negative integer: ${processingWorkingDays}`);
  }
  const atAgencyBy = transitDeadline(cal, acceptedDate, route, false, limits, opts.areas);
  const resultReadyBy = cal.addWorkingDays(atAgencyBy, processingWorkingDays);
  const citizenBy = transitDeadline(cal, resultReadyBy, opts.returnRoute ?? route, false, limits, opts.areas);
  return { atAgencyBy, resultReadyBy, citizenBy };
}

/** The date a clerk tells the citizen (see `appointmentBreakdown`). */
export function appointmentEstimate(
  cal: WorkCalendar,
  acceptedDate: LocalDate,
  route: RouteClass,
  processingWorkingDays: number,
  limits: TransitLimits = TT17_LIMITS,
  opts: AppointmentOptions = {},
): LocalDate {
  return appointmentBreakdown(cal, acceptedDate, route, processingWorkingDays, limits, opts).citizenBy;
}
