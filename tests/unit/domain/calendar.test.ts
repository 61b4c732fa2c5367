import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getSolarDate } from '@dqcai/vn-lunar';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  WorkCalendar,
  addDays,
  calendarOverridesSchema,
  daysBetween,
  fromDayNumber,
  formatDateTimeVi,
  formatDateVi,
  isLocalDate,
  localDateOf,
  localDateTimeParts,
  localEpochOf,
  lunarNewYear,
  lunarToJulianDay,
  lunarToSolar,
  parseDateVi,
  ruleHolidays,
  weekday,
  weekdayNameVi,
  type CalendarOverrides,
} from '../../../src/shared/calendar';

const table = JSON.parse(
  readFileSync(join(__dirname, '../../../resources/reference/calendar-overrides.json'), 'utf8'),
) as CalendarOverrides;
// Built in beforeAll, not at collection: a mutant that throws here must fail tests, not the file
// (StrykerJS counts a file that fails to collect as a surviving mutant).
let official: WorkCalendar;
let rulesOnly: WorkCalendar;
beforeAll(() => {
  official = new WorkCalendar(table);
  rulesOnly = new WorkCalendar();
});

/** Dates d..e inclusive. */
function range(d: string, e: string): string[] {
  const out: string[] = [];
  for (let x = d; x <= e; x = addDays(x, 1)) out.push(x);
  return out;
}
/** Non-working dates between d and e inclusive. */
const closedIn = (cal: WorkCalendar, d: string, e: string): string[] => range(d, e).filter((x) => !cal.isWorkingDay(x));

describe('local dates in Asia/Ho_Chi_Minh', () => {
  it.each([
    [Date.UTC(2026, 0, 1, 16, 59, 59), '2026-01-01', '23:59'],
    [Date.UTC(2026, 0, 1, 17, 0, 0), '2026-01-02', '00:00'],
    [Date.UTC(2025, 11, 31, 17, 0, 0), '2026-01-01', '00:00'],
    [Date.UTC(2024, 1, 28, 17, 30, 0), '2024-02-29', '00:30'],
    [Date.UTC(1969, 11, 31, 20, 0, 0), '1970-01-01', '03:00'],
  ])('%d → %s %s', (ms, date, time) => {
    expect(localDateOf(ms)).toBe(date);
    const p = localDateTimeParts(ms);
    expect(p.date).toBe(date);
    expect(p.time).toBe(time);
    expect(localEpochOf(p.date, p.hour, p.minute, p.second)).toBe(ms);
  });

  it('gives all parts', () => {
    expect(localDateTimeParts(Date.UTC(2026, 10, 29, 8, 5, 9))).toEqual({
      date: '2026-11-29', year: 2026, month: 11, day: 29, hour: 15, minute: 5, second: 9, weekday: 0, time: '15:05',
    });
    expect(formatDateTimeVi(Date.UTC(2026, 10, 29, 8, 5, 9))).toBe('15:05 29/11/2026');
  });

  it.each([
    ['2026-02-17', '17/02/2026', 2, 'Thứ Ba'],
    ['2025-01-01', '01/01/2025', 3, 'Thứ Tư'],
    ['2026-11-29', '29/11/2026', 0, 'Chủ nhật'],
    ['2027-02-06', '06/02/2027', 6, 'Thứ Bảy'],
  ])('%s → %s, weekday %d %s', (d, vi, wd, name) => {
    expect(formatDateVi(d)).toBe(vi);
    expect(weekday(d)).toBe(wd);
    expect(weekdayNameVi(d)).toBe(name);
    expect(parseDateVi(vi)).toEqual({ ok: true, value: d });
  });

  it('adds days across months, leap years and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
  });

  it('validates dates', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-1', '25-01-01', '', '2025-04-31']) {
      expect(isLocalDate(bad)).toBe(false);
      expect(() => addDays(bad, 1)).toThrow(RangeError);
    }
    expect(parseDateVi('5/3/2026')).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseDateVi('31/02/2026').ok).toBe(false);
    expect(parseDateVi('2026-03-05').ok).toBe(false);
  });
});

/** The Gregorian date @dqcai/vn-lunar (an independent implementation) gives for a lunar date. */
const theirs = (d: number, m: number, y: number, leap = false): string => {
  const s = getSolarDate(d, m, y, leap);
  return `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
};

describe('lunar dates (own implementation of the UTC+7 algorithm)', () => {
  it('agrees with @dqcai/vn-lunar on the first day of every regular month, 1968–2199, except where documented', () => {
    const differ: string[] = [];
    for (let year = 1968; year <= 2199; year++) {
      for (let month = 1; month <= 12; month++) {
        if (lunarToSolar(1, month, year) !== theirs(1, month, year)) differ.push(`${month}/${year}`);
      }
      if (year <= 2053) expect(lunarToSolar(10, 3, year)).toBe(theirs(10, 3, year));
    }
    // From 2054 on: new moons within minutes of local midnight, where the two computations round differently.
    expect(differ).toEqual(['4/2054', '11/2072', '10/2077', '4/2130', '5/2150', '4/2159', '1/2175', '1/2199']);
    // Before 1968 the UTC+8 calendar applied: Tết 1925 was 24/01 (the package says 25/01), 1965 was 02/02.
    expect(lunarToSolar(1, 1, 1925)).toBe('1925-01-24');
    expect(lunarToSolar(1, 1, 1965)).toBe('1965-02-02');
  });

  it('agrees with @dqcai/vn-lunar on the first day of every regular month of 1900–1967 (UTC+8) but five', () => {
    // Every month is compared, so a change to a correction term of the new moon or the solar longitude
    // that moves any first day before 1968 is seen, not only Tết. The five months where the two
    // computations differ by one day (a new moon near local midnight), ours first:
    const differ: string[] = [];
    for (let year = 1900; year <= 1967; year++) {
      for (let month = 1; month <= 12; month++) {
        const ours = lunarToSolar(1, month, year);
        if (ours !== theirs(1, month, year)) differ.push(`${month}/${year} ${ours} ${theirs(1, month, year)}`);
      }
    }
    expect(differ).toEqual(['4/1906 1906-04-24 1906-04-23', '10/1914 1914-11-18 1914-11-17', '1/1916 1916-02-04 1916-02-03', '10/1920 1920-11-11 1920-11-10', '1/1925 1925-01-24 1925-01-25']);
  });

  it('agrees with @dqcai/vn-lunar on the first day of every leap month, 1900–2199', () => {
    // A leap month's own new moon is seen by no regular month: compared here. Years without a leap
    // month refuse every month (tested below); those with one accept exactly one.
    const leapMonths: string[] = [];
    for (let year = 1900; year <= 2199; year++) {
      for (let month = 1; month <= 12; month++) {
        let ours: string;
        try {
          ours = lunarToSolar(1, month, year, true);
        } catch {
          continue;
        }
        expect(`${month}/${year} ${ours}`).toBe(`${month}/${year} ${theirs(1, month, year, true)}`);
        leapMonths.push(`${month}/${year}`);
      }
    }
    // Leap months a printed Vietnamese calendar shows: 2017 month 6, 2020 month 4, 2023 month 2, 2025 month 6, 2028 month 5.
    expect(leapMonths.filter((m) => /\/20(1[7-9]|2[0-8])$/.test(m))).toEqual(['6/2017', '4/2020', '2/2023', '6/2025', '5/2028']);
    // About 7 leap months every 19 years (the Metonic cycle): 300 years hold 110 or 111.
    expect(leapMonths.length).toBeGreaterThanOrEqual(110);
    expect(leapMonths.length).toBeLessThanOrEqual(111);
  });

  it('differs from the Chinese (UTC+8) calendar where it should', () => {
    // Vietnamese Tết vs Chinese New Year: 1985 (21/01 vs 20/02), 2007 (17/02 vs 18/02), 2030 (02/02 vs 03/02)
    for (const [year, vn, cn] of [[1985, '1985-01-21', '1985-02-20'], [2007, '2007-02-17', '2007-02-18'], [2030, '2030-02-02', '2030-02-03']] as const) {
      expect(lunarToSolar(1, 1, year)).toBe(vn);
      expect(fromDayNumber(lunarToJulianDay(1, 1, year, false, 8) - 2440588)).toBe(cn);
    }
    // The Chinese calendar of 1987 had a leap 6th month from 26 July (闰六月初一).
    expect(fromDayNumber(lunarToJulianDay(1, 6, 1987, true, 8) - 2440588)).toBe('1987-07-26');
  });

  it('handles leap months (2023 had a leap 2nd month; 2025 a leap 6th month)', () => {
    expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(() => lunarToSolar(1, 3, 2023, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2026, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 1899)).toThrow(RangeError);
  });

  it.each([
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ])('lunar new year %d is %s', (y, d) => {
    expect(lunarNewYear(y)).toBe(d);
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) %d is %s', (y, d) => {
    expect(lunarToSolar(10, 3, y)).toBe(d);
  });
});

describe('the override table file', () => {
  it('is valid, covers 2025–2027, and marks 2027 as unverified', () => {
    const parsed = calendarOverridesSchema.parse(table);
    expect(parsed.years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    expect(parsed.years.find((y) => y.year === 2027)?.verified).toBe(false);
    expect(official.isYearVerified(2026)).toBe(true);
    expect(official.isYearVerified(2027)).toBe(false);
    expect(official.isYearVerified(2030)).toBe(false);
    for (const y of parsed.years) for (const p of y.periods) expect(p.name).toBe(p.name.normalize('NFC'));
  });

  it('rejects malformed tables', () => {
    const bad: unknown[] = [
      { ...table, schemaVersion: 2 },
      { ...table, timeZone: 'UTC' },
      { ...table, years: [...table.years, table.years[0]] },
      { schemaVersion: 1, timeZone: 'Asia/Ho_Chi_Minh', years: [{ year: 2025, verified: true, source: 'x', periods: [{ name: 'x', closedFrom: '2025-02-02', closedTo: '2025-01-25' }] }] },
      { schemaVersion: 1, timeZone: 'Asia/Ho_Chi_Minh', years: [{ year: 2025, verified: true, source: 'x', periods: [{ name: 'x', closedFrom: '2024-12-31', closedTo: '2025-01-01' }] }] },
      { schemaVersion: 1, timeZone: 'Asia/Ho_Chi_Minh', years: [{ year: 2025, verified: true, source: 'x', periods: [{ name: 'x', closedFrom: '2025-02-30', closedTo: '2025-03-01' }] }] },
      { schemaVersion: 1, timeZone: 'Asia/Ho_Chi_Minh', years: [{ year: 2025, verified: true, source: 'x', periods: [{ name: 'x', replaces: ['easter'], closedFrom: '2025-03-01', closedTo: '2025-03-01' }] }] },
    ];
    for (const b of bad) {
      expect(calendarOverridesSchema.safeParse(b).success).toBe(false);
      expect(() => new WorkCalendar(b as CalendarOverrides)).toThrow();
    }
  });
});

describe('Tết 2025 (official table: closed 25/01–02/02, Saturday 08/02 worked)', () => {
  it('closes exactly Sat 25/01 to Sun 02/02 and the weekends around it', () => {
    expect(closedIn(official, '2025-01-20', '2025-02-16')).toEqual([
      ...range('2025-01-25', '2025-02-02'),
      '2025-02-09', '2025-02-15', '2025-02-16',
    ]);
  });

  it('works the swap Saturday 08/02/2025 and Mon 03/02 (rules alone would give it off)', () => {
    expect(official.isWorkingDay('2025-02-08')).toBe(true);
    expect(official.holidayName('2025-02-08')).toBeNull();
    expect(official.isWorkingDay('2025-02-03')).toBe(true);
    expect(official.isWorkingDay('2025-01-24')).toBe(true);
    expect(official.isWorkingDay('2025-01-27')).toBe(false);
    expect(official.holidayName('2025-01-27')).toBe('Nghỉ Tết Nguyên đán Ất Tỵ');
    expect(official.holidayName('2025-01-25')).toBe('Nghỉ Tết Nguyên đán Ất Tỵ'); // a weekend inside the closure
    expect(official.swappedWorkingDays(2025).map((x) => x.date)).toEqual(['2025-04-26', '2025-02-08'].sort());
  });

  it('counts working days across it', () => {
    expect(official.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(official.addWorkingDays('2025-01-23', 2)).toBe('2025-02-03');
    expect(official.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08'); // the swap Saturday counts
    expect(official.addWorkingDays('2025-02-07', 2)).toBe('2025-02-10');
    expect(official.nextWorkingDay('2025-01-25')).toBe('2025-02-03');
    expect(official.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7); // 3,4,5,6,7,8(Sat),10
  });

  it('rules alone: 27–31/01 off (two days before Tết, mùng 1–3), the same closure without the swap', () => {
    expect(closedIn(rulesOnly, '2025-01-20', '2025-02-09')).toEqual([
      ...range('2025-01-25', '2025-02-02'), '2025-02-08', '2025-02-09',
    ]);
    expect(rulesOnly.holidayName('2025-01-29')).toBe('Tết Nguyên đán');
  });
});

describe('Tết 2026 (official: closed Sat 14/02–Sun 22/02, Mon 16–Fri 20 the holiday days)', () => {
  it('official table', () => {
    expect(closedIn(official, '2026-02-09', '2026-03-01')).toEqual([
      ...range('2026-02-14', '2026-02-22'), '2026-02-28', '2026-03-01',
    ]);
    expect(official.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(official.holidayName('2026-02-17')).toBe('Nghỉ Tết Nguyên đán Bính Ngọ');
  });

  it('the default rule reproduces it without any table (Sun 15/02 is a Tết day, compensated on Fri 20/02)', () => {
    expect(closedIn(rulesOnly, '2026-02-09', '2026-03-01')).toEqual([
      ...range('2026-02-14', '2026-02-22'), '2026-02-28', '2026-03-01',
    ]);
    const tet = ruleHolidays(2026).filter((h) => h.key === 'tet');
    expect(tet.map((h) => [h.date, h.kind])).toEqual([
      ['2026-02-15', 'holiday'], ['2026-02-16', 'holiday'], ['2026-02-17', 'holiday'], ['2026-02-18', 'holiday'],
      ['2026-02-19', 'holiday'], ['2026-02-20', 'compensation'],
    ]);
    expect(rulesOnly.holidayName('2026-02-20')).toBe('Nghỉ bù Tết Nguyên đán');
  });
});

describe('the default Tết rule against earlier public-sector decisions (as recalled, not in the table)', () => {
  it.each([
    ['2021', '2021-02-10', '2021-02-16'], // Wed 29 Chạp – Tue mùng 5
    ['2022', '2022-01-29', '2022-02-06'], // Sat – Sun, nine days
    ['2023', '2023-01-20', '2023-01-26'], // Fri – Thu
    ['2024', '2024-02-08', '2024-02-14'], // Thu 29 Chạp – Wed mùng 5
  ])('Tết %s: closed %s to %s from rules alone', (_y, from, to) => {
    const before = addDays(from, -1);
    const after = addDays(to, 1);
    expect(range(from, to).every((d) => !rulesOnly.isWorkingDay(d))).toBe(true);
    expect(rulesOnly.isWorkingDay(before) || rulesOnly.isWorkingDay(after)).toBe(true);
    expect(rulesOnly.workingDayOnOrAfter(after)).toBe(after); // the first day after the closure is worked
    expect([0, 6].includes(weekday(before)) ? true : rulesOnly.isWorkingDay(before)).toBe(true);
  });
});

describe('Tết 2027 (lunar new year on Saturday 06/02; reconstruction, unverified)', () => {
  it('rules: Thu 04/02–Mon 08/02 plus compensation Tue 09 and Wed 10/02 for the weekend days', () => {
    expect(closedIn(rulesOnly, '2027-02-01', '2027-02-14')).toEqual([...range('2027-02-04', '2027-02-10'), '2027-02-13', '2027-02-14']);
    expect(rulesOnly.holidayName('2027-02-09')).toBe('Nghỉ bù Tết Nguyên đán');
    expect(rulesOnly.holidayName('2027-02-10')).toBe('Nghỉ bù Tết Nguyên đán');
    expect(rulesOnly.isWorkingDay('2027-02-11')).toBe(true);
  });

  it('table agrees with the rules', () => {
    expect(closedIn(official, '2027-02-01', '2027-02-14')).toEqual(closedIn(rulesOnly, '2027-02-01', '2027-02-14'));
    expect(official.addWorkingDays('2027-02-03', 1)).toBe('2027-02-11');
  });
});

describe('30/04–01/05', () => {
  it('2025 official: closed Wed 30/04–Sun 04/05, Fri 02/05 swapped for Sat 26/04', () => {
    expect(closedIn(official, '2025-04-21', '2025-05-11')).toEqual([
      '2025-04-27', ...range('2025-04-30', '2025-05-04'), '2025-05-10', '2025-05-11',
    ]);
    expect(official.isWorkingDay('2025-04-26')).toBe(true);
    expect(official.isWorkingDay('2025-05-02')).toBe(false);
    expect(official.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
    expect(official.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
  });

  it('2025 rules alone: only Wed 30/04 and Thu 01/05', () => {
    expect(closedIn(rulesOnly, '2025-04-28', '2025-05-02')).toEqual(['2025-04-30', '2025-05-01']);
    expect(rulesOnly.isWorkingDay('2025-04-26')).toBe(false);
  });

  it('2022 rules: Sat 30/04 and Sun 01/05 are compensated on Mon 02 and Tue 03/05', () => {
    expect(closedIn(rulesOnly, '2022-04-29', '2022-05-06')).toEqual(range('2022-04-30', '2022-05-03'));
    expect(rulesOnly.holidayName('2022-05-02')).toBe('Nghỉ bù Ngày Chiến thắng');
    expect(rulesOnly.holidayName('2022-05-03')).toBe('Nghỉ bù Ngày Quốc tế Lao động');
  });

  it('2027 rules: Fri 30/04, Sat 01/05 compensated on Mon 03/05', () => {
    expect(closedIn(official, '2027-04-29', '2027-05-05')).toEqual(['2027-04-30', '2027-05-01', '2027-05-02', '2027-05-03']);
  });
});

describe('Giỗ Tổ Hùng Vương and New Year from rules', () => {
  it.each([
    ['2025-04-07', false, 'Giỗ Tổ Hùng Vương'],
    ['2026-04-26', false, 'Giỗ Tổ Hùng Vương'], // Sunday
    ['2026-04-27', false, 'Nghỉ bù Giỗ Tổ Hùng Vương'], // Monday in compensation
    ['2026-04-28', true, null],
    ['2027-04-16', false, 'Giỗ Tổ Hùng Vương'],
    ['2025-01-01', false, 'Tết Dương lịch'],
    ['2026-01-01', false, 'Tết Dương lịch'],
    ['2026-01-02', true, null],
    ['2022-01-01', false, 'Tết Dương lịch'], // Saturday
    ['2022-01-03', false, 'Nghỉ bù Tết Dương lịch'], // Monday
    ['2026-11-29', false, null], // an ordinary Sunday
    ['2026-11-30', true, null],
  ])('%s working=%s name=%s', (d, working, name) => {
    expect(official.isWorkingDay(d)).toBe(working);
    expect(official.holidayName(d)).toBe(name);
  });
});

describe('Quốc khánh 2/9', () => {
  it('2025 official: closed Sat 30/08–Tue 02/09', () => {
    expect(closedIn(official, '2025-08-28', '2025-09-05')).toEqual(range('2025-08-30', '2025-09-02'));
  });

  it.each([
    // year, closed days from the rules (2/9 plus the adjacent day, plus compensation), recalled decisions in comments
    [2021, ['2021-09-02', '2021-09-03', '2021-09-04', '2021-09-05']], // Thu + Fri
    [2022, ['2022-09-01', '2022-09-02', '2022-09-03', '2022-09-04']], // Thu 1/9 + Fri
    [2023, ['2023-09-01', '2023-09-02', '2023-09-03', '2023-09-04']], // Fri 1/9 + Sat 2/9 compensated Mon 4/9
    [2024, ['2024-08-31', '2024-09-01', '2024-09-02', '2024-09-03']], // Mon + Tue 3/9
    [2025, ['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02']], // Mon 1/9 + Tue
    [2026, ['2026-09-02', '2026-09-03']], // Wed + Thu (rule guess)
    [2029, ['2029-09-01', '2029-09-02', '2029-09-03', '2029-09-04']], // Sun 2/9 + Mon 3/9, compensation Tue 4/9
  ])('%d from rules', (year, closed) => {
    expect(closedIn(rulesOnly, `${year}-08-29`, `${year}-09-06`).filter((d) => !['0', '6'].includes(String(weekday(d))) || closed.includes(d))).toEqual(
      closed,
    );
  });
});

describe('weekend compensation from rules alone', () => {
  it('every holiday that falls on a weekend has a compensation day on a later weekday that is not a holiday', () => {
    for (let year = 2020; year <= 2040; year++) {
      const days = ruleHolidays(year);
      const holidays = days.filter((d) => d.kind === 'holiday');
      const comps = days.filter((d) => d.kind === 'compensation');
      const onWeekend = holidays.filter((d) => weekday(d.date) === 0 || weekday(d.date) === 6);
      expect(comps).toHaveLength(onWeekend.length);
      expect(holidays).toHaveLength(11); // Labour Code Art. 112: 1 + 5 + 1 + 1 + 1 + 2
      for (const c of comps) {
        expect([1, 2, 3, 4, 5]).toContain(weekday(c.date));
        expect(holidays.some((h) => h.date === c.date)).toBe(false);
      }
      expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
    }
  });
});

describe('working-day arithmetic', () => {
  it('addWorkingDays and workingDaysBetween are inverse on working days', () => {
    const start = '2024-12-20';
    let d = start;
    for (let n = 1; n <= 300; n++) {
      d = official.nextWorkingDay(d);
      expect(official.addWorkingDays(start, n)).toBe(d);
      expect(official.workingDaysBetween(start, d)).toBe(n);
      expect(official.workingDaysBetween(d, start)).toBe(-n);
      expect(official.addWorkingDays(d, -n)).toBe(official.isWorkingDay(start) ? start : official.addWorkingDays(official.nextWorkingDay(start), -1));
    }
  });

  it('J+0 is the day itself; J+1 from a Saturday is the next working day; negatives go back', () => {
    expect(official.addWorkingDays('2026-11-28', 0)).toBe('2026-11-28');
    expect(official.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
    expect(official.addWorkingDays('2026-11-30', -1)).toBe('2026-11-27');
    expect(official.workingDayOnOrAfter('2026-11-28')).toBe('2026-11-30');
    expect(official.workingDayOnOrAfter('2026-11-30')).toBe('2026-11-30');
    expect(official.workingDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
    expect(() => official.addWorkingDays('2026-11-28', 1.5)).toThrow(RangeError);
  });

  it('a year of 2026 has the expected number of working days', () => {
    // 261 weekdays in 2026, minus closed weekdays: 01/01, Tết 16–20/02 (5), 27/04, 30/04, 01/05, 02–03/09 (2) = 11
    expect(official.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 11);
  });
});
