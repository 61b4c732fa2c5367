/**
 * Working days: Monday–Friday, minus the rule holidays (holidays.ts) as the yearly official table
 * corrects them (overrides.ts), plus the table's swapped working days; J+n deadlines.
 */
import { byDate, ruleHolidays, type CalendarDay, type HolidayKey } from './holidays';
import { addDays, assertDate, dayNumber, fromDayNumber, pad4, weekday, type LocalDate } from './local-date';
import { calendarOverridesSchema, EMPTY_CALENDAR_OVERRIDES, type CalendarOverrides, type CalendarOverridesParsed } from './overrides';

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
    // Stryker disable next-line ConditionalExpression: the memo is a cache: skipping it recomputes the same answer
    if (known !== undefined) return known;
    assertDate(d);
    let working: boolean;
    if (this.forcedWorking.has(d)) working = true;
    else if (this.closedDay(d)) working = false;
    else {
      const wd = weekday(d);
      working = wd !== 0 && wd !== 6;
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the memo is a cache: clearing it sooner, later or never changes no answer, only memory and time
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
      .sort(byDate);
  }

  /** Swapped working days of `year` (Saturdays worked), with their note. */
  swappedWorkingDays(year: number): Array<{ date: LocalDate; note: string }> {
    return [...this.forcedWorking]
      .filter(([d]) => d.startsWith(`${pad4(year)}-`))
      .map(([date, note]) => ({ date, note }))
      .sort(byDate);
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
    // Stryker disable next-line ConditionalExpression: the memo is a cache: skipping it recomputes the same answer
    if (known !== undefined) return known;
    assertDate(d);
    const step = Math.sign(n);
    let left = Math.abs(n);
    let cur = d;
    while (left > 0) {
      cur = addDays(cur, step);
      if (this.isWorkingDay(cur)) left--;
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the memo is a cache: clearing it sooner, later or never changes no answer, only memory and time
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
