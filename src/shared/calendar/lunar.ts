/**
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
 */
import { fromDayNumber, type LocalDate } from './local-date';

/** Years the lunar tables cover safely. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

// Hồ Ngọc Đức's algorithm ("Thuật toán tính âm lịch"), time zone in hours east of UTC.
const INT = Math.floor;
const SYNODIC = 29.530588853;
const JD_1900 = 2415021.076998695;

/** Julian day number of 31 December of Gregorian year `yy` (the published algorithm's jdFromDate(31, 12, yy)). */
function jdOfDecember31(yy: number): number {
  return Date.UTC(yy, 11, 31) / 86_400_000 + JDN_UNIX_EPOCH;
}

// The correction terms below marked equivalent were each checked by applying the mutant and comparing
// the first day of every regular and leap month of 1900–2199 (the calendar's range): none moved.

/** Julian day of the k-th new moon after 1900-01-01 (mean new moon + main periodic terms). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  // Stryker disable next-line ArithmeticOperator: T is 0–3 in 1900–2199 (k up to about 3,700); the T² terms weigh under 0.001 day or 0.1°, and 1 instead of T² moves no new moon across local midnight
  const T2 = T * T;
  // Stryker disable next-line ArithmeticOperator: the T³ terms are below 0.0003 of a day or degree in 1900–2199
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  // Stryker disable next-line ArithmeticOperator: the sign of the T³ term (under 0.000003 day) moves no new moon across midnight
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  // Stryker disable next-line ArithmeticOperator: the T² part of this 0.00033-day term's angle (under 0.07°) changes it by under 0.000001 day
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  // Stryker disable next-line ArithmeticOperator: the T² and T³ terms of M (under 0.0003°) move the sun's anomaly term by under 0.00001 day
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  // Stryker disable next-line ArithmeticOperator: the T³ term of M′ (under 0.0003°) moves the 0.4-day term by under 0.000003 day
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  // Stryker disable next-line ArithmeticOperator: the T² and T³ terms of F (under 0.013°) move the 0.01-day terms by under 0.000003 day
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  // Stryker disable next-line ArithmeticOperator: the 0.0004-day term flipped or distorted moves only the UTC+8 reading of month 9 of 2133, which the calendar never makes (UTC+8 serves 1900–1967)
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  // ΔT for T ≥ 0 (k ≥ 0: from 1900 on); the published algorithm's other polynomial, for T < −11
  // (before the 9th century), is left out: the calendar covers 1900–2199.
  const deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltat;
}

/** Apparent solar longitude in radians, [0, 2π), at Julian day `jdn`. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  // Stryker disable next-line ArithmeticOperator: T is −1 to 2 in 1900–2199; the T² terms (under 0.0013°) move no solar term across a new moon's day
  const T2 = T * T;
  const dr = Math.PI / 180;
  // Stryker disable next-line ArithmeticOperator: the T² and T³ terms of the sun's anomaly are under 0.0007°
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  // Stryker disable next-line ArithmeticOperator: the T² term of the mean longitude is under 0.0013°
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  // Stryker disable next-line ArithmeticOperator: the T and T² parts of the equation of centre's amplitude (under 0.01°) move no first day of a month in 1900–2199 (two of them move the UTC+8 reading of 1987, tested in calendar.test.ts)
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  // Stryker disable next-line ArithmeticOperator: mutants of the 2M and 3M harmonics (0.02° and 0.0003°) move no solar term across a day in 1900–2199; the T part flipped moves the UTC+8 reading of 1987 only (tested)
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
  const off = jdOfDecember31(yy) - 2415021;
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
  } while (
    // Stryker disable next-line ConditionalExpression,EqualityOperator: i < 14 is a safety bound; in 1900–2199 the sector always changes within the 13 months of a leap year, before i reaches 14
    arc !== last && i < 14
  );
  return i - 1;
}

/** Julian day number of a lunar date; NaN if `leap` is asked for a month that is not the leap month. */
export function lunarToJulianDay(day: number, month: number, year: number, leap: boolean, tz: number): number {
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
  // Stryker disable next-line EqualityOperator: two months 11 are 354–355 days apart (12 months) or 383–385 (13), never 365
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    // The leap month repeats the month at offset leapOff − 1 after month 11: offset 0 is month 11,
    // 1 is month 12 (leapOff − 2 = 0), 2 is month 1.
    let leapMonth = leapOff - 2;
    // Stryker disable next-line EqualityOperator: no lunar year of 1900–2199 has a leap 12th month (the only leapOff of 2), so < and <= agree there
    if (leapMonth <= 0) leapMonth += 12;
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
