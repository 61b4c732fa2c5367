/**
 * A clerk's business date (ngày nghiệp vụ): the calendar date of the entry, unless that clerk's shift
 * for the date is already closed, in which case the entry belongs to the next date whose shift is
 * still open. So a closed shift's totals never change after the close: a payment taken after the
 * close counts in the next day's drawer, and a reopen (manager's password and reason, audited) is
 * the only way back into a closed date.
 */
import { addDays } from '../../shared/calendar';
import type { LocalDate } from '../../shared/calendar';
import type { Db } from '../store/db';
import { prep } from '../store/stmt';

export function isShiftClosed(db: Db, clerkId: string, date: LocalDate): boolean {
  return prep(db, 'SELECT 1 FROM shift_closes WHERE clerk_id = ? AND business_date = ? AND reopened_at IS NULL').get(clerkId, date) !== undefined;
}

export function openBusinessDate(db: Db, clerkId: string, date: LocalDate): LocalDate {
  let d = date;
  // Bounded: a clerk cannot have closed more than a few dates ahead of the calendar.
  for (let i = 0; i < 366 && isShiftClosed(db, clerkId, d); i++) d = addDays(d, 1);
  return d;
}
