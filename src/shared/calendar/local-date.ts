/**
 * Local dates (domain.md 3.4): strings 'YYYY-MM-DD' in Asia/Ho_Chi_Minh (UTC+7 all year, no DST; older
 * instants in the South used other offsets, ignored here), so the conversion from an instant is a
 * fixed offset and needs no time-zone database. Day arithmetic, weekdays, and the Vietnamese date
 * formats a clerk reads and types.
 */
import { z } from 'zod';
import { fail, ok, type Check } from '../errors';

export type LocalDate = string;

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const pad2 = (n: number): string => String(n).padStart(2, '0');
export const pad4 = (n: number): string => String(n).padStart(4, '0');

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

export function assertDate(d: LocalDate): void {
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
