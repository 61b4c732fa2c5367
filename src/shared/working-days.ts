/**
 * Dates the law counts in working days (issue #16 defect 4): an agency's appointment date and a
 * home-delivery invitation must fall on a working day of the province's calendar. This says why a
 * date is not one, in the words a clerk reads aloud, and warns about an appointment earlier than
 * the procedure's own estimate (possible, but worth a second look: a typo in the month is common).
 *
 * Pure TypeScript: no platform imports.
 */
import type { WorkCalendar } from './calendar';
import { formatDateVi, weekdayNameVi } from './calendar';

/** 'Thứ Năm 30/04/2026'. */
export function weekdayDate(d: string): string {
  return `${weekdayNameVi(d)} ${formatDateVi(d)}`;
}

/** Why `d` is not a working day ("Chủ nhật 13/12/2026", "<holiday name>, Thứ Năm 30/04/2026"), or null when it is one. */
export function nonWorkingDayReason(cal: WorkCalendar, d: string): string | null {
  if (cal.isWorkingDay(d)) return null;
  const holiday = cal.holidayName(d);
  return holiday ? `${holiday}, ${weekdayDate(d)}` : weekdayDate(d);
}

/** A warning when an agency's appointment is earlier than the estimate told to the citizen at intake. */
export function earlyAppointmentWarning(appointment: string, estimate: string | null): string | null {
  if (estimate === null || appointment >= estimate) return null;
  return `Lưu ý: ngày hẹn ${formatDateVi(appointment)} sớm hơn ngày dự kiến theo thời hạn giải quyết (${formatDateVi(estimate)}). Hãy đối chiếu lại với giấy hẹn của cơ quan.`;
}
