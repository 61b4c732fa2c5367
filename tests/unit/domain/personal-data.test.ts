/**
 * The personal-data policy's pure rules (src/shared/personal-data.ts): the cut-off instants of the
 * counter's purge and of the branch's pull, the hub's purge date, and the ID mask that is recorded.
 */
import { describe, expect, it } from 'vitest';
import { counterPurgeCutoff, DEFAULT_PERSONAL_DATA_POLICY, hubPurgeBeforeDate, maskedIdForRecord, PersonalDataPolicySchema, pullCutoff } from '../../../src/shared/personal-data';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 9, 30);

describe('cut-off instants', () => {
  it('the counter purges what closed more than counterRetentionDays whole days before now', () => {
    expect(counterPurgeCutoff({ counterRetentionDays: 90 }, NOW)).toBe(NOW - 90 * DAY);
    expect(counterPurgeCutoff({ counterRetentionDays: 1 }, NOW)).toBe(NOW - DAY);
  });
  it('the branch stops pulling what closed more than pullWindowDays before now; a window of 0 is now itself', () => {
    expect(pullCutoff({ pullWindowDays: 30 }, NOW)).toBe(NOW - 30 * DAY);
    expect(pullCutoff({ pullWindowDays: 0 }, NOW)).toBe(NOW);
  });
});

describe('hubPurgeBeforeDate', () => {
  it('is the same day `years` whole years before today', () => {
    expect(hubPurgeBeforeDate(5, '2031-06-15')).toBe('2026-06-15');
    expect(hubPurgeBeforeDate(5, '2031-12-01')).toBe('2026-12-01');
    expect(hubPurgeBeforeDate(0, '2031-01-09')).toBe('2031-01-09');
  });
  it('29 February falls back to 28 (the target year may have none); other 29ths and 28 February stay', () => {
    expect(hubPurgeBeforeDate(5, '2028-02-29')).toBe('2023-02-28');
    expect(hubPurgeBeforeDate(4, '2028-02-29')).toBe('2024-02-28');
    expect(hubPurgeBeforeDate(5, '2028-03-29')).toBe('2023-03-29');
    expect(hubPurgeBeforeDate(5, '2028-01-29')).toBe('2023-01-29');
    expect(hubPurgeBeforeDate(5, '2028-02-28')).toBe('2023-02-28');
    expect(hubPurgeBeforeDate(5, '2028-02-15')).toBe('2023-02-15');
  });
  it('writes the year with four digits', () => {
    expect(hubPurgeBeforeDate(2000, '2026-07-04')).toBe('0026-07-04');
  });
});

describe('maskedIdForRecord', () => {
  it('shows only the last four characters, one dot for each hidden one', () => {
    expect(maskedIdForRecord('001086012345')).toBe('••••••••2345');
    expect(maskedIdForRecord('C1234567')).toBe('••••4567');
    expect(maskedIdForRecord('12345')).toBe('•2345');
  });
  it('hides nothing of an ID of four characters or fewer (nothing to hide behind)', () => {
    expect(maskedIdForRecord('1234')).toBe('1234');
    expect(maskedIdForRecord('123')).toBe('123');
    expect(maskedIdForRecord('')).toBe('');
  });
});

describe('PersonalDataPolicySchema', () => {
  it('accepts the bundled default and refuses a hub retention under 5 years (TT 17 Art. 14.3)', () => {
    expect(PersonalDataPolicySchema.safeParse(DEFAULT_PERSONAL_DATA_POLICY).success).toBe(true);
    const short = PersonalDataPolicySchema.safeParse({ ...DEFAULT_PERSONAL_DATA_POLICY, hubRetentionYears: 4 });
    expect(short.success ? null : short.error.issues[0]!.message).toBe('Hồ sơ điện tử phải được lưu ít nhất 5 năm (TT 17/2017 Điều 14.3).');
    const zero = PersonalDataPolicySchema.safeParse({ ...DEFAULT_PERSONAL_DATA_POLICY, counterRetentionDays: 0 });
    expect(zero.success ? null : zero.error.issues[0]!.message).toBe('Thời hạn giữ dữ liệu cá nhân tại quầy tối thiểu 1 ngày.');
    expect(PersonalDataPolicySchema.safeParse({ ...DEFAULT_PERSONAL_DATA_POLICY, pullWindowDays: 0 }).success).toBe(true);
  });
});
