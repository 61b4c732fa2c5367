/**
 * The calendar's guards on both sides of each bound: what a local date is, what a lunar date is, the
 * 1968 switch of the lunar calendar to UTC+7, and the parts of WorkCalendar that list days.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  WorkCalendar,
  addDays,
  calendarOverridesSchema,
  dayNumber,
  formatDateVi,
  fromDayNumber,
  isLocalDate,
  localDateSchema,
  localEpochOf,
  lunarNewYear,
  lunarToSolar,
  parseDateVi,
  ruleHolidays,
  weekday,
  weekdayNameVi,
  type CalendarOverrides,
} from '../../../src/shared/calendar';

/** A 2026 table that replaces one rule holiday with a shorter closure, closes two March days outside any rule,
 * and works one of them, New Year's Day and a Saturday (listed out of date order). */
const TEST_TABLE: CalendarOverrides = {
  schemaVersion: 1,
  timeZone: 'Asia/Ho_Chi_Minh',
  years: [
    {
      year: 2026,
      verified: true,
      source: 'test',
      periods: [
        { name: 'Quốc khánh (thử)', replaces: ['national_day'], closedFrom: '2026-09-02', closedTo: '2026-09-02', workingDays: [{ date: '2026-09-05' }] },
        {
          name: 'Đóng cửa trụ sở',
          closedFrom: '2026-03-02',
          closedTo: '2026-03-03',
          workingDays: [
            { date: '2026-03-03', note: 'Mở lại' },
            { date: '2026-01-01', note: 'Làm việc ngày 1/1' },
          ],
        },
      ],
    },
  ],
};

let official: WorkCalendar;
beforeAll(() => {
  official = new WorkCalendar(JSON.parse(readFileSync(join(__dirname, '../../../resources/reference/calendar-overrides.json'), 'utf8')) as CalendarOverrides);
});

describe('isLocalDate', () => {
  it.each([
    ['2026-03-01', true],
    ['2026-03-00', false], // day 00
    ['2026-01-15', true],
    ['2026-00-15', false], // month 00
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['1000-01-01', true],
    ['0999-12-31', false],
    ['9999-12-31', true],
    ['x2026-03-01', false],
    ['2026-03-01x', false],
    ['2026-03-011', false],
    ['2026-03-012026-03-01', false], // a whole date behind another: only the start anchor refuses it
    ['2026/03/01', false],
  ])('%j → %s', (s, real) => {
    expect(isLocalDate(s)).toBe(real);
    expect(localDateSchema.safeParse(s).success).toBe(real);
  });
  it('is false for anything but a string', () => {
    for (const v of [20260301, null, undefined, new Date(0), ['2026-03-01']]) expect(isLocalDate(v)).toBe(false);
  });
  it('explains a refused date in Vietnamese (schema) and names it (arithmetic)', () => {
    const r = localDateSchema.safeParse('2026-02-30');
    expect(r.success ? 'accepted' : r.error.issues[0]!.message).toBe('Ngày phải có dạng YYYY-MM-DD và là ngày có thật.');
    expect(() => dayNumber('2026-02-30')).toThrow(`Not a local date 'YYYY-MM-DD': "2026-02-30"`);
    expect(() => formatDateVi('2026-02-30')).toThrow(RangeError);
  });
});

describe('day numbers and instants', () => {
  it('counts days from 1970-01-01, both ways', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });
  it('writes years below 1000 with four digits', () => {
    expect(fromDayNumber(Date.UTC(999, 11, 31) / 86_400_000)).toBe('0999-12-31');
  });
  it('gives the instant of a local time of day (UTC+7), midnight by default', () => {
    expect(localEpochOf('2026-03-02')).toBe(Date.UTC(2026, 2, 1, 17, 0, 0));
    expect(localEpochOf('2026-03-02', 8)).toBe(Date.UTC(2026, 2, 2, 1, 0, 0));
    expect(localEpochOf('2026-03-02', 8, 30)).toBe(Date.UTC(2026, 2, 2, 1, 30, 0));
    expect(localEpochOf('2026-03-02', 8, 30, 15)).toBe(Date.UTC(2026, 2, 2, 1, 30, 15));
  });
  it('knows the weekday before 1970 too', () => {
    expect(weekday('1969-12-31')).toBe(3);
    expect(weekday('1969-12-28')).toBe(0);
    expect(weekday('1969-12-27')).toBe(6);
    expect(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'].map(weekdayNameVi)).toEqual([
      'Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy',
    ]);
  });
});

describe('parseDateVi', () => {
  it.each([
    ['05/03/2026', '2026-03-05'],
    ['5-3-2026', '2026-03-05'],
    ['5.3.2026', '2026-03-05'],
    ['  31/12/2026  ', '2026-12-31'],
  ])('%j → %s', (input, d) => {
    expect(parseDateVi(input)).toEqual({ ok: true, value: d });
  });
  it.each(['5/3/26', '005/3/2026', '5/003/2026', '5 3 2026', 'x5/3/2026', '5/3/2026x', '5/3/20261'])('%j is not a date as typed', (input) => {
    expect(parseDateVi(input)).toEqual({ ok: false, code: 'date.format', message: 'Ngày phải có dạng ngày/tháng/năm, ví dụ 05/03/2026.' });
  });
  it('names a date that is not in the calendar', () => {
    expect(parseDateVi(' 31/02/2026 ')).toEqual({ ok: false, code: 'date.invalid', message: 'Ngày 31/02/2026 không có trong lịch.' });
    expect(parseDateVi('0/3/2026')).toMatchObject({ ok: false, code: 'date.invalid' });
  });
});

describe('lunarToSolar input', () => {
  it('covers 1900–2199 and no further', () => {
    expect(lunarNewYear(1900)).toBe('1900-01-31');
    expect(isLocalDate(lunarNewYear(2199))).toBe(true);
    expect(() => lunarToSolar(1, 1, 1899)).toThrow('Year 1899 outside 1900–2199');
    expect(() => lunarToSolar(1, 1, 2200)).toThrow('Year 2200 outside 1900–2199');
  });
  it.each([
    [0, 1],
    [31, 1],
    [1.5, 1],
    [1, 0],
    [1, 13],
    [1, 2.5],
  ])('day %d of month %d is not a lunar date', (day, month) => {
    expect(() => lunarToSolar(day, month, 2026)).toThrow(`Not a lunar date: ${day}/${month}/2026`);
  });
  it('accepts the extreme days and months', () => {
    expect(lunarToSolar(30, 12, 2025)).toBe(addDays(lunarToSolar(1, 12, 2025), 29));
    expect(lunarToSolar(1, 12, 2025)).toBe('2026-01-19');
  });
  it('finds a leap month right after month 11 (2033: leap 11th month from 22/12/2033)', () => {
    expect(lunarToSolar(1, 11, 2033)).toBe('2033-11-22');
    expect(lunarToSolar(1, 11, 2033, true)).toBe('2033-12-22');
    expect(lunarToSolar(1, 12, 2033)).toBe('2034-01-20');
    expect(() => lunarToSolar(1, 12, 2033, true)).toThrow('Lunar year 2033 has no leap month 12');
  });
  it('names the leap month that does not exist', () => {
    expect(() => lunarToSolar(1, 3, 2023, true)).toThrow('Lunar year 2023 has no leap month 3');
  });
  it('uses UTC+7 from 1968 on: Tết Mậu Thân 1968 was 29/01 in the North (30/01 by the UTC+8 calendar)', () => {
    expect(lunarNewYear(1968)).toBe('1968-01-29');
  });
});

describe('ruleHolidays', () => {
  it('lists the days sorted by date, every year', () => {
    for (let y = 2020; y <= 2040; y++) {
      const dates = ruleHolidays(y).map((d) => d.date);
      expect(dates, String(y)).toEqual([...dates].sort());
      expect(new Set(dates).size, String(y)).toBe(dates.length);
    }
  });
});

describe('WorkCalendar listings', () => {
  it('closedDays: every closed day of the year in date order, without the swapped working days', () => {
    const closed = official.closedDays(2025);
    const dates = closed.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toContain('2025-01-25');
    expect(dates).toContain('2025-02-02');
    expect(dates).not.toContain('2025-02-08');
    expect(dates.every((d) => d.startsWith('2025-'))).toBe(true);
    expect(closed.find((d) => d.date === '2025-01-27')).toMatchObject({ name: 'Nghỉ Tết Nguyên đán Ất Tỵ', source: 'override', kind: 'closure' });
    expect(new WorkCalendar().closedDays(2026).map((d) => d.date)).toEqual(ruleHolidays(2026).map((d) => d.date));
  });
  it('swappedWorkingDays: only that year’s, in date order', () => {
    expect(official.swappedWorkingDays(2025).map((x) => x.date)).toEqual(['2025-02-08', '2025-04-26']);
    expect(official.swappedWorkingDays(2024)).toEqual([]);
  });
  it('addWorkingDays takes whole numbers of days only', () => {
    expect(() => official.addWorkingDays('2026-03-02', 1.5)).toThrow('Working days must be an integer: 1.5');
    expect(official.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    expect(official.addWorkingDays('2026-03-09', -1)).toBe('2026-03-06');
  });
});

describe('ruleHolidays: days two rules give, and the order of compensation', () => {
  it('lists a day two rules give once, under the first rule (Giỗ Tổ fell on 30/04 in 1917 and 1947)', () => {
    for (const y of [1917, 1947]) {
      const on3004 = ruleHolidays(y).filter((d) => d.date === `${y}-04-30`);
      expect(on3004.map((d) => d.key), String(y)).toEqual(['hung_kings']);
    }
  });
  it('gives the earlier weekend holiday the earlier compensation day (2023: Giỗ Tổ Sat 29/04, 30/04 Sun)', () => {
    expect(ruleHolidays(2023).filter((d) => d.kind === 'compensation').map((d) => [d.date, d.key])).toEqual([
      ['2023-01-02', 'new_year'],
      ['2023-01-25', 'tet'],
      ['2023-01-26', 'tet'],
      ['2023-05-02', 'hung_kings'],
      ['2023-05-03', 'reunification'],
      ['2023-09-04', 'national_day'],
    ]);
  });
  it('compensates weekend holidays in date order, every year 1900–2199', () => {
    for (let y = 1900; y <= 2199; y++) {
      const days = ruleHolidays(y);
      const onWeekend = days.filter((d) => d.kind === 'holiday' && (weekday(d.date) === 0 || weekday(d.date) === 6)).map((d) => d.key);
      expect(days.filter((d) => d.kind === 'compensation').map((d) => d.key), String(y)).toEqual(onWeekend);
    }
  });
});

describe('the override table: bounds of its checks', () => {
  const year = (periods: unknown[]): unknown => ({ schemaVersion: 1, timeZone: 'Asia/Ho_Chi_Minh', years: [{ year: 2026, verified: true, source: 'x', periods }] });
  it('accepts a one-day closure and refuses one that ends before it starts', () => {
    expect(calendarOverridesSchema.safeParse(year([{ name: 'x', closedFrom: '2026-03-02', closedTo: '2026-03-02' }])).success).toBe(true);
    const r = calendarOverridesSchema.safeParse(year([{ name: 'x', closedFrom: '2026-03-03', closedTo: '2026-03-02' }]));
    expect(r.success ? 'accepted' : r.error.issues.map((i) => i.message)).toEqual(['closedFrom must not be after closedTo']);
  });
  it('refuses a year whose second period lies in another year', () => {
    const r = calendarOverridesSchema.safeParse(
      year([
        { name: 'x', closedFrom: '2026-03-02', closedTo: '2026-03-02' },
        { name: 'y', closedFrom: '2027-03-02', closedTo: '2027-03-02' },
      ]),
    );
    expect(r.success ? 'accepted' : r.error.issues.map((i) => i.message)).toEqual(['every closed period must lie inside its year']);
  });
});

describe('WorkCalendar with a table that replaces, closes and swaps', () => {
  let cal: WorkCalendar;
  beforeAll(() => {
    cal = new WorkCalendar(TEST_TABLE);
  });
  it('a replaced rule holiday (the adjacent 03/09) is worked; the period closes what it lists', () => {
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
    expect(cal.holidayName('2026-09-03')).toBeNull();
    expect(cal.isWorkingDay('2026-09-02')).toBe(false);
    expect(cal.holidayName('2026-09-02')).toBe('Quốc khánh (thử)');
    expect(new WorkCalendar().isWorkingDay('2026-09-03')).toBe(false);
  });
  it('a worked day inside a closure or on a rule holiday has no holiday name and is not listed as closed', () => {
    expect(cal.isWorkingDay('2026-03-02')).toBe(false);
    expect(cal.holidayName('2026-03-02')).toBe('Đóng cửa trụ sở');
    expect(cal.isWorkingDay('2026-03-03')).toBe(true);
    expect(cal.holidayName('2026-03-03')).toBeNull();
    expect(cal.isWorkingDay('2026-01-01')).toBe(true);
    expect(cal.holidayName('2026-01-01')).toBeNull();
  });
  it('closedDays: in date order, the closure under the key it replaces or "other", without worked days', () => {
    const closed = cal.closedDays(2026);
    const dates = closed.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates).not.toContain('2026-01-01');
    expect(dates).not.toContain('2026-03-03');
    expect(dates).not.toContain('2026-09-03');
    expect(closed.find((d) => d.date === '2026-03-02')).toEqual({ date: '2026-03-02', key: 'other', name: 'Đóng cửa trụ sở', kind: 'closure', source: 'override' });
    expect(closed.find((d) => d.date === '2026-09-02')).toEqual({ date: '2026-09-02', key: 'national_day', name: 'Quốc khánh (thử)', kind: 'closure', source: 'override' });
  });
  it('swappedWorkingDays: in date order, with the note given or one naming the period', () => {
    expect(cal.swappedWorkingDays(2026)).toEqual([
      { date: '2026-01-01', note: 'Làm việc ngày 1/1' },
      { date: '2026-03-03', note: 'Mở lại' },
      { date: '2026-09-05', note: 'Làm bù (Quốc khánh (thử))' },
    ]);
    expect(cal.swappedWorkingDays(2027)).toEqual([]);
  });
  it('counts a swapped Saturday as a working day in J+n', () => {
    expect(cal.addWorkingDays('2026-09-04', 1)).toBe('2026-09-05');
    expect(cal.addWorkingDays('2026-09-07', -1)).toBe('2026-09-05');
    expect(cal.addWorkingDays('2026-09-05', 0)).toBe('2026-09-05');
  });
});
