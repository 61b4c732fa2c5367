/**
 * Dates and working days (domain.md 3.4).
 *
 * Local dates are strings 'YYYY-MM-DD' in Asia/Ho_Chi_Minh (UTC+7 all year, no DST; older instants in the South used other offsets, ignored here), so the
 * conversion from an instant is a fixed offset and needs no time-zone database.
 *
 * Working days: agencies work Monday–Friday. Public holidays from the rules of the Labour Code 2019
 * Art. 112, computed per Gregorian year:
 *  - new_year      1/1;
 *  - tet           five days around the lunar new year: the two days before lunar 1/1 and lunar 1/1–3/1.
 *                  This default reproduces the closed days of the public-sector Tết of 2021–2026 once
 *                  weekend compensation is applied, except 2025's swap (Sat 08/02 worked), which is in the
 *                  table. 2026: the rule makes Sun 15 (28 Chạp) a Tết day and Fri 20 its compensation,
 *                  so Mon 16–Fri 20 are off as decided; only the labels differ (the decision calls
 *                  16–20 the five Tết days; holidayName says 'Nghỉ bù Tết Nguyên đán' for Fri 20 when
 *                  no table entry exists);
 *  - hung_kings    10th day of the 3rd lunar month;
 *  - reunification 30/4;  labour_day 1/5;
 *  - national_day  2/9 plus one adjacent day, chosen by the weekday of 2/9 so that the break joins a
 *                  weekend: Mon→Tue 3/9, Tue→Mon 1/9, Wed→Thu 3/9, Thu→Fri 3/9, Fri→Thu 1/9, Sat→Fri 1/9,
 *                  Sun→Mon 3/9 (matches the decisions of 2021–2025; Wednesday is a guess).
 * A holiday that falls on Saturday or Sunday gives the next working day that is not itself a holiday
 * off (compensation, Labour Code Art. 111.3), in date order.
 * Lunar dates: the Vietnamese lunisolar calendar is the Chinese one computed for UTC+7 instead of
 * UTC+8, so Chinese-calendar libraries give a different Tết in some years (e.g. 2030: 02/02 here,
 * 03/02 in China). The conversion below is Hồ Ngọc Đức's published astronomical algorithm (new moons
 * and solar longitude after Meeus, month 11 holds the winter solstice, leap month = first month
 * without a major solar term), in pure TypeScript, for UTC+8 before 1968 (Vietnam followed the Chinese
 * calendar until the 1967 reform). The installed package @dqcai/vn-lunar gives the same first day of
 * every month 1968–2053 (compared in the tests) and differs by one day on 8 months of 2054–2199 where
 * a new moon falls within minutes of local midnight (and on a few months before 1968). It is not used
 * at run time: its published code is obfuscated and its CommonJS entry loads as an empty module under
 * Node 20.19 / Electron's CommonJS main process ("type": "module" with a CommonJS lib/index.js).
 *
 * Then the yearly official table (resources/reference/calendar-overrides.json, validated by
 * `calendarOverridesSchema`) corrects the rules: each period closes a date range and *replaces* the
 * listed rule holidays of that year (their compensation days included); its `workingDays` are working
 * days even on Saturday or Sunday (swaps). Rule holidays not replaced by any period still apply.
 */
import { z } from 'zod';
import { fail, ok, type Check } from './errors';

export type LocalDate = string;

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

function ymd(d: LocalDate): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

/** True for a real calendar date written 'YYYY-MM-DD' (years 1000–9999). */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = ymd(s);
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function assertDate(d: LocalDate): void {
  if (!isLocalDate(d)) throw new RangeError(`Not a local date 'YYYY-MM-DD': ${JSON.stringify(d)}`);
}

/** zod schema of a local date string. */
export const localDateSchema = z.string().refine(isLocalDate, { message: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật.' });

/** Days since 1970-01-01 (the "day number" used for arithmetic). */
export function dayNumber(d: LocalDate): number {
  assertDate(d);
  const [y, m, day] = ymd(d);
  return Date.UTC(y, m - 1, day) / DAY_MS;
}

export function fromDayNumber(n: number): LocalDate {
  const t = new Date(n * DAY_MS);
  return `${pad4(t.getUTCFullYear())}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The local (UTC+7) date of an instant. */
export function localDateOf(epochMs: number): LocalDate {
  return fromDayNumber(Math.floor((epochMs + VN_OFFSET_MS) / DAY_MS));
}

export interface LocalDateTimeParts {
  date: LocalDate;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 'HH:mm'. */
  time: string;
}

export function localDateTimeParts(epochMs: number): LocalDateTimeParts {
  const t = new Date(epochMs + VN_OFFSET_MS);
  const parts = {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    weekday: t.getUTCDay(),
  };
  return {
    ...parts,
    date: `${pad4(parts.year)}-${pad2(parts.month)}-${pad2(parts.day)}`,
    time: `${pad2(parts.hour)}:${pad2(parts.minute)}`,
  };
}

/** The instant of a local date and time of day (UTC+7). */
export function localEpochOf(d: LocalDate, hour = 0, minute = 0, second = 0): number {
  return dayNumber(d) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 - VN_OFFSET_MS;
}

/** 'dd/MM/yyyy'. */
export function formatDateVi(d: LocalDate): string {
  assertDate(d);
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** 'HH:mm dd/MM/yyyy' of an instant, local time. */
export function formatDateTimeVi(epochMs: number): string {
  const p = localDateTimeParts(epochMs);
  return `${p.time} ${formatDateVi(p.date)}`;
}

/** Parses what a clerk types: 'd/M/yyyy', 'dd/MM/yyyy', also with '-' or '.' separators. */
export function parseDateVi(input: string): Check<LocalDate> {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(input);
  if (!m) return fail('date.format', 'Ngày phải có dạng ngày/tháng/năm, ví dụ 05/03/2026.');
  const d = `${m[3]}-${pad2(Number(m[2]))}-${pad2(Number(m[1]))}`;
  if (!isLocalDate(d)) return fail('date.invalid', `Ngày ${input.trim()} không có trong lịch.`);
  return ok(d);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** Calendar days from a to b (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: LocalDate): number {
  return (((dayNumber(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
export function weekdayNameVi(d: LocalDate): string {
  return WEEKDAY_VI[weekday(d)]!;
}

// ---------------------------------------------------------------------------------------------------
// Holiday rules

export const HOLIDAY_KEYS = ['new_year', 'tet', 'hung_kings', 'reunification', 'labour_day', 'national_day', 'other'] as const;
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

export const HOLIDAY_NAMES: Readonly<Record<HolidayKey, string>> = {
  new_year: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hung_kings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng',
  labour_day: 'Ngày Quốc tế Lao động',
  national_day: 'Quốc khánh',
  other: 'Ngày nghỉ',
};

/** Years the lunar tables cover safely. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export interface CalendarDay {
  date: LocalDate;
  key: HolidayKey;
  /** Vietnamese, shown to clerks. */
  name: string;
  kind: 'holiday' | 'compensation' | 'closure';
  source: 'rule' | 'override';
}

// Hồ Ngọc Đức's algorithm ("Thuật toán tính âm lịch"), time zone in hours east of UTC.
const INT = Math.floor;
const SYNODIC = 29.530588853;
const JD_1900 = 2415021.076998695;

function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  return dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
}

/** Julian day of the k-th new moon after 1900-01-01 (mean new moon + main periodic terms). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltat =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltat;
}

/** Apparent solar longitude in radians, [0, 2π), at Julian day `jdn`. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - Math.PI * 2 * INT(L / (Math.PI * 2));
  return L;
}

const newMoonDay = (k: number, tz: number): number => INT(newMoon(k) + 0.5 + tz / 24);
/** Solar-term sector 0..11 (30° each) at the start of local day `dayNumber`. */
const sunSector = (dayNumber: number, tz: number): number => INT((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);

/** Julian day of the start of lunar month 11 (the month holding the winter solstice) of year `yy`. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / SYNODIC);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** Offset (in months after month 11) of the leap month in a 13-month year starting at `a11`. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - JD_1900) / SYNODIC + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Julian day number of a lunar date; NaN if `leap` is asked for a month that is not the leap month. */
export function lunarToJulianDay(day: number, month: number, year: number, leap = false, tz = 7): number {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = INT(0.5 + (a11 - JD_1900) / SYNODIC);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return Number.NaN;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return Number.NaN;
  }
  return newMoonDay(k + off, tz) + day - 1;
}

/** Vietnam computed its lunar calendar for UTC+8 (the Chinese one) until the 1967 reform. */
export const VN_UTC7_LUNAR_FROM = 1968;

/** Julian day number of 1970-01-01. */
const JDN_UNIX_EPOCH = 2440588;

/**
 * Gregorian date of a lunar date of the Vietnamese calendar (UTC+7; UTC+8 before 1968). `year` is the lunar year, i.e.
 * the Gregorian year in which its month 1 begins. Throws RangeError outside 1900–2199 or for a leap
 * month that does not exist.
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): LocalDate {
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Year ${year} outside ${MIN_YEAR}–${MAX_YEAR}`);
  if (!Number.isInteger(day) || day < 1 || day > 30 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Not a lunar date: ${day}/${month}/${year}`);
  }
  const jd = lunarToJulianDay(day, month, year, leap, year < VN_UTC7_LUNAR_FROM ? 8 : 7);
  if (Number.isNaN(jd)) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  return fromDayNumber(jd - JDN_UNIX_EPOCH);
}

/** Lunar new year's day (mùng 1 Tết) falling in Gregorian `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar(1, 1, year);
}

const NATIONAL_DAY_ADJACENT: readonly number[] = [+1, +1, -1, +1, +1, -1, -1]; // by weekday of 2/9, Sun..Sat

/** Holidays of `year` from the rules alone, with weekend compensation, sorted by date. */
export function ruleHolidays(year: number): CalendarDay[] {
  const days: Array<{ date: LocalDate; key: HolidayKey }> = [];
  const add = (date: LocalDate, key: HolidayKey): void => {
    if (!days.some((x) => x.date === date)) days.push({ date, key });
  };
  const y = pad4(year);
  add(`${y}-01-01`, 'new_year');
  const tet = lunarNewYear(year);
  for (let i = -2; i <= 2; i++) add(addDays(tet, i), 'tet');
  add(lunarToSolar(10, 3, year), 'hung_kings');
  add(`${y}-04-30`, 'reunification');
  add(`${y}-05-01`, 'labour_day');
  const nd = `${y}-09-02`;
  add(nd, 'national_day');
  add(addDays(nd, NATIONAL_DAY_ADJACENT[weekday(nd)]!), 'national_day');
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const taken = new Set(days.map((x) => x.date));
  const out: CalendarDay[] = days.map((x) => ({ ...x, name: HOLIDAY_NAMES[x.key], kind: 'holiday', source: 'rule' }));
  for (const h of days) {
    const wd = weekday(h.date);
    if (wd !== 0 && wd !== 6) continue;
    let c = addDays(h.date, 1);
    while (weekday(c) === 0 || weekday(c) === 6 || taken.has(c)) c = addDays(c, 1);
    taken.add(c);
    out.push({ date: c, key: h.key, name: `Nghỉ bù ${HOLIDAY_NAMES[h.key]}`, kind: 'compensation', source: 'rule' });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------
// Override table

export const calendarPeriodSchema = z
  .object({
    /** Vietnamese name shown for every closed day of the period. */
    name: z.string().min(1),
    /** Rule holidays of that year this period replaces (with their compensation days). */
    replaces: z.array(z.enum(HOLIDAY_KEYS)).default([]),
    closedFrom: localDateSchema,
    closedTo: localDateSchema,
    /** Days worked although Saturday/Sunday or a rule holiday (the other half of a swap). */
    workingDays: z.array(z.object({ date: localDateSchema, note: z.string().optional() })).default([]),
    /** Overrides the year's flag for this period. */
    verified: z.boolean().optional(),
    note: z.string().optional(),
  })
  .refine((p) => p.closedFrom <= p.closedTo, { message: 'closedFrom must not be after closedTo' });

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    /** False when the entries are a reconstruction awaiting the official decision. */
    verified: z.boolean(),
    source: z.string().min(1),
    note: z.string().optional(),
    periods: z.array(calendarPeriodSchema),
  })
  .refine((y) => y.periods.every((p) => p.closedFrom.startsWith(`${y.year}-`) && p.closedTo.startsWith(`${y.year}-`)), {
    message: 'every closed period must lie inside its year',
  });

export const calendarOverridesSchema = z
  .object({
    $comment: z.string().optional(),
    schemaVersion: z.literal(1),
    timeZone: z.literal(TIME_ZONE),
    years: z.array(calendarYearSchema),
  })
  .refine((o) => new Set(o.years.map((y) => y.year)).size === o.years.length, { message: 'each year appears once' });

/** The override table as written in JSON (defaults may be omitted). */
export type CalendarOverrides = z.input<typeof calendarOverridesSchema>;
export type CalendarOverridesParsed = z.output<typeof calendarOverridesSchema>;

export const EMPTY_CALENDAR_OVERRIDES: CalendarOverrides = { schemaVersion: 1, timeZone: TIME_ZONE, years: [] };

interface YearInfo {
  closed: Map<LocalDate, CalendarDay>;
}

const MEMO_LIMIT = 20_000;

export class WorkCalendar {
  private readonly table: CalendarOverridesParsed;
  private readonly forcedWorking = new Map<LocalDate, string>();
  private readonly years = new Map<number, YearInfo>();
  // The calendar never changes once built, so answers are kept: every intake asks the same few
  // questions (is today a working day, J+n from today), and each costs a walk over dates.
  private readonly workingMemo = new Map<LocalDate, boolean>();
  private readonly addMemo = new Map<string, LocalDate>();

  /** Validates the table (throws a ZodError when it is malformed). */
  constructor(overrides: CalendarOverrides = EMPTY_CALENDAR_OVERRIDES) {
    this.table = calendarOverridesSchema.parse(overrides);
    for (const y of this.table.years) {
      for (const p of y.periods) for (const w of p.workingDays) this.forcedWorking.set(w.date, w.note ?? `Làm bù (${p.name})`);
    }
  }

  private year(y: number): YearInfo {
    let info = this.years.get(y);
    if (info) return info;
    const entry = this.table.years.find((e) => e.year === y);
    const replaced = new Set<HolidayKey>(entry?.periods.flatMap((p) => p.replaces) ?? []);
    const closed = new Map<LocalDate, CalendarDay>();
    for (const d of ruleHolidays(y)) if (!replaced.has(d.key)) closed.set(d.date, d);
    for (const p of entry?.periods ?? []) {
      const key = p.replaces[0] ?? 'other';
      for (let d = p.closedFrom; d <= p.closedTo; d = addDays(d, 1)) {
        closed.set(d, { date: d, key, name: p.name, kind: 'closure', source: 'override' });
      }
    }
    info = { closed };
    this.years.set(y, info);
    return info;
  }

  private closedDay(d: LocalDate): CalendarDay | undefined {
    assertDate(d);
    if (this.forcedWorking.has(d)) return undefined;
    return this.year(Number(d.slice(0, 4))).closed.get(d);
  }

  isWorkingDay(d: LocalDate): boolean {
    const known = this.workingMemo.get(d);
    if (known !== undefined) return known;
    assertDate(d);
    let working: boolean;
    if (this.forcedWorking.has(d)) working = true;
    else if (this.closedDay(d)) working = false;
    else {
      const wd = weekday(d);
      working = wd !== 0 && wd !== 6;
    }
    if (this.workingMemo.size >= MEMO_LIMIT) this.workingMemo.clear();
    this.workingMemo.set(d, working);
    return working;
  }

  /** Name of the holiday or official closure covering `d`; null on working days and ordinary weekends. */
  holidayName(d: LocalDate): string | null {
    return this.closedDay(d)?.name ?? null;
  }

  /** Every closed day of `year` (holidays, compensation days, official closures incl. weekends inside them). */
  closedDays(year: number): CalendarDay[] {
    return [...this.year(year).closed.values()]
      .filter((x) => !this.forcedWorking.has(x.date))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** Swapped working days of `year` (Saturdays worked), with their note. */
  swappedWorkingDays(year: number): Array<{ date: LocalDate; note: string }> {
    return [...this.forcedWorking]
      .filter(([d]) => d.startsWith(`${pad4(year)}-`))
      .map(([date, note]) => ({ date, note }))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** Whether the table has a verified entry for `year` (false: rules or a reconstruction only). */
  isYearVerified(year: number): boolean {
    return this.table.years.find((e) => e.year === year)?.verified ?? false;
  }

  /**
   * The date `n` working days after `d` (J+n); n = 0 returns `d` unchanged; negative n counts backwards.
   * `d` itself need not be a working day: J+1 of a Saturday is the first working day after it.
   */
  addWorkingDays(d: LocalDate, n: number): LocalDate {
    if (!Number.isSafeInteger(n)) throw new RangeError(`Working days must be an integer: ${n}`);
    const key = `${d}|${n}`;
    const known = this.addMemo.get(key);
    if (known !== undefined) return known;
    assertDate(d);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let cur = d;
    while (left > 0) {
      cur = addDays(cur, step);
      if (this.isWorkingDay(cur)) left--;
    }
    if (this.addMemo.size >= MEMO_LIMIT) this.addMemo.clear();
    this.addMemo.set(key, cur);
    return cur;
  }

  /**
   * Working days in (a, b] when b ≥ a, minus the working days in (b, a] when b < a; so
   * `addWorkingDays(a, workingDaysBetween(a, b)) === b` whenever b is a working day.
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    const from = dayNumber(a);
    const to = dayNumber(b);
    const sign = to >= from ? 1 : -1;
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    let count = 0;
    for (let n = lo + 1; n <= hi; n++) if (this.isWorkingDay(fromDayNumber(n))) count++;
    return sign * count;
  }

  /** The first working day strictly after `d`. */
  nextWorkingDay(d: LocalDate): LocalDate {
    return this.addWorkingDays(d, 1);
  }

  /** `d` if it is a working day, else the next one. */
  workingDayOnOrAfter(d: LocalDate): LocalDate {
    return this.isWorkingDay(d) ? d : this.nextWorkingDay(d);
  }
}
