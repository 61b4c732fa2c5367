/**
 * Holiday rules. Agencies work Monday–Friday. Public holidays from the rules of the Labour Code 2019
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
 */
import { addDays, pad4, weekday, type LocalDate } from './local-date';
import { lunarNewYear, lunarToSolar } from './lunar';

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
export interface CalendarDay {
  date: LocalDate;
  key: HolidayKey;
  /** Vietnamese, shown to clerks. */
  name: string;
  kind: 'holiday' | 'compensation' | 'closure';
  source: 'rule' | 'override';
}
const isWeekend = (d: LocalDate): boolean => weekday(d) === 0 || weekday(d) === 6;
/** Date order of days with distinct dates ('YYYY-MM-DD' compares as text). */
export const byDate = (a: { date: LocalDate }, b: { date: LocalDate }): number => a.date.localeCompare(b.date);
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
  // `days` is in date order already, except the national day's adjacent 1/9, which is never on a
  // weekend (it is taken only when 2/9 is a Tuesday, Friday or Saturday): so the weekend holidays
  // below are compensated in date order (an earlier holiday takes the earlier day; a test checks
  // it for every year 1900–2199).

  const taken = new Set(days.map((x) => x.date));
  const out: CalendarDay[] = days.map((x) => ({ ...x, name: HOLIDAY_NAMES[x.key], kind: 'holiday', source: 'rule' }));
  for (const h of days) {
    if (!isWeekend(h.date)) continue;
    let c = addDays(h.date, 1);
    while (isWeekend(c) || taken.has(c)) c = addDays(c, 1);
    taken.add(c);
    out.push({ date: c, key: h.key, name: `Nghỉ bù ${HOLIDAY_NAMES[h.key]}`, kind: 'compensation', source: 'rule' });
  }
  return out.sort(byDate);
}
