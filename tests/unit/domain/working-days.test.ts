import { beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../src/shared/calendar';
import { earlyAppointmentWarning, nonWorkingDayReason, weekdayDate } from '../../../src/shared/working-days';

let cal: WorkCalendar;
beforeAll(() => {
  cal = new WorkCalendar();
});

describe('working days in words (issue #16 defect 4)', () => {
  it('names the weekday, and the holiday when there is one', () => {
    expect(weekdayDate('2026-12-13')).toBe('Chủ nhật 13/12/2026');
    expect(nonWorkingDayReason(cal, '2026-12-13')).toBe('Chủ nhật 13/12/2026');
    expect(nonWorkingDayReason(cal, '2026-12-12')).toBe('Thứ Bảy 12/12/2026');
    expect(nonWorkingDayReason(cal, '2026-04-30')).toMatch(/^.+, Thứ Năm 30\/04\/2026$/);
    expect(nonWorkingDayReason(cal, '2026-12-14')).toBeNull();
  });
  it('warns (does not refuse) for an appointment earlier than the estimate', () => {
    expect(earlyAppointmentWarning('2026-12-09', '2026-12-11')).toBe(
      'Lưu ý: ngày hẹn 09/12/2026 sớm hơn ngày dự kiến theo thời hạn giải quyết (11/12/2026). Hãy đối chiếu lại với giấy hẹn của cơ quan.',
    );
    expect(earlyAppointmentWarning('2026-12-11', '2026-12-11')).toBeNull();
    expect(earlyAppointmentWarning('2026-12-11', null)).toBeNull();
  });
});
