/** The sign-in policy's pure parts: the growing wait, its Vietnamese wording, the province's document checked. */
import { describe, expect, it } from 'vitest';
import { checkReference } from '../../src/shared/reference-kinds';
import { clockVi, DEFAULT_COUNTER_SECURITY, lockedOutMessage, lockoutMs, waitVi } from '../../src/shared/sign-in-policy';

describe('sign-in policy', () => {
  it('doubles the wait after each round, capped', () => {
    const p = { lockoutMinutes: 5, maxLockoutMinutes: 60 };
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => lockoutMs(n, p) / 60_000)).toEqual([5, 10, 20, 40, 60, 60, 60]);
  });

  it('never waits less than the first wait, and a long cap is reached by doubling', () => {
    const p = { lockoutMinutes: 3, maxLockoutMinutes: 1440 };
    expect([0, -5, 1, 2, 9, 10, 11, 5000].map((n) => lockoutMs(n, p) / 60_000)).toEqual([3, 3, 3, 6, 768, 1440, 1440, 1440]);
  });

  it('says a wait as a clerk reads it, rounded up to the second, and the end in Vietnam time', () => {
    expect(waitVi(300_000)).toBe('5 phút');
    expect(waitVi(150_001)).toBe('2 phút 31 giây');
    expect(waitVi(400)).toBe('1 giây');
    expect(waitVi(3_900_000)).toBe('1 giờ 5 phút');
    // Once the wait is counted in hours its seconds are left out; whole hours and minutes say only those.
    expect(waitVi(3_661_000)).toBe('1 giờ 1 phút');
    expect(waitVi(7_200_000)).toBe('2 giờ');
    expect(waitVi(7_230_000)).toBe('2 giờ');
    expect(waitVi(60_000)).toBe('1 phút');
    expect(waitVi(59_001)).toBe('1 phút');
    expect(waitVi(45_000)).toBe('45 giây');
    expect(waitVi(0)).toBe('1 giây');
    expect(waitVi(-5000)).toBe('1 giây');
    expect(clockVi(Date.UTC(2026, 2, 2, 16, 59))).toBe('23:59');
    expect(clockVi(Date.UTC(2026, 2, 2, 17, 0))).toBe('00:00');
    expect(clockVi(Date.UTC(2026, 2, 2, 2, 5))).toBe('09:05');
    expect(lockedOutMessage(300_000, Date.UTC(2026, 2, 2, 17, 30))).toBe('Tài khoản đang tạm khoá vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau 5 phút (lúc 00:30), hoặc nhờ trưởng bưu cục.');
  });

  it("refuses a document that would make the wait shorter than its start, or the idle lock off, saying which field", () => {
    const bad = checkReference('counter_security', { ...DEFAULT_COUNTER_SECURITY, lockoutMinutes: 30, maxLockoutMinutes: 10 });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_REFERENCE', message: expect.stringContaining('maxLockoutMinutes') });
    const off = checkReference('counter_security', { ...DEFAULT_COUNTER_SECURITY, idleLockMinutes: 0 });
    expect(off).toMatchObject({ ok: false, problems: [{ code: 'too_small', path: 'idleLockMinutes' }] });
    expect(checkReference('counter_security', DEFAULT_COUNTER_SECURITY).ok).toBe(true);
    // A longest wait equal to the first one is allowed (the wait then never grows).
    expect(checkReference('counter_security', { ...DEFAULT_COUNTER_SECURITY, lockoutMinutes: 10, maxLockoutMinutes: 10 }).ok).toBe(true);
    expect(checkReference('counter_security', { ...DEFAULT_COUNTER_SECURITY, lockoutMinutes: 11, maxLockoutMinutes: 10 }).ok).toBe(false);
  });
});
