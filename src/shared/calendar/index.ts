/**
 * Dates and working days (domain.md 3.4), split along their seams:
 *  - local-date.ts    local dates 'YYYY-MM-DD' in Asia/Ho_Chi_Minh (UTC+7, no DST), day arithmetic,
 *                     the Vietnamese date formats;
 *  - lunar.ts         the Vietnamese lunar calendar (Hồ Ngọc Đức's algorithm, UTC+7; UTC+8 before 1968);
 *  - holidays.ts      public holidays from the Labour Code's rules, with weekend compensation;
 *  - overrides.ts     the yearly official table that corrects the rules (closures, swapped days);
 *  - work-calendar.ts WorkCalendar: working days and J+n deadlines from the rules and the table.
 * Import from here ('shared/calendar'); the modules' other exports are internal.
 */
export {
  addDays,
  dayNumber,
  daysBetween,
  formatDateTimeVi,
  formatDateVi,
  fromDayNumber,
  isLocalDate,
  localDateOf,
  localDateSchema,
  localDateTimeParts,
  localEpochOf,
  parseDateVi,
  TIME_ZONE,
  VN_OFFSET_MS,
  weekday,
  weekdayNameVi,
} from './local-date';
export type { LocalDate, LocalDateTimeParts } from './local-date';
export { lunarNewYear, lunarToJulianDay, lunarToSolar, MAX_YEAR, MIN_YEAR, VN_UTC7_LUNAR_FROM } from './lunar';
export { HOLIDAY_KEYS, HOLIDAY_NAMES, ruleHolidays } from './holidays';
export type { CalendarDay, HolidayKey } from './holidays';
export { calendarOverridesSchema, calendarPeriodSchema, calendarYearSchema, EMPTY_CALENDAR_OVERRIDES } from './overrides';
export type { CalendarOverrides, CalendarOverridesParsed } from './overrides';
export { WorkCalendar } from './work-calendar';
