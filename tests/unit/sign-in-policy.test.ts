/** The sign-in policy's pure parts: the growing wait, its Vietnamese wording, the province's document checked. */
import { describe, expect, it } from 'vitest';
import { checkReference } from '../../src/shared/reference-kinds';
import { clockVi, DEFAULT_COUNTER_SECURITY, lockedOutMessage, lockoutMs, waitVi } from '../../src/shared/sign-in-policy';

describe('sign-in policy', () => {
  it('doubles the wait after each round, capped', () => {
    const p = { lockoutMinutes: 5, maxLockoutMinutes: 60 };
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => lockoutMs(n, p) / 60_000)).toEqual([5, 10, 20, 40, 60, 60, 60]);
  });

  it('says a wait as a clerk reads it, rounded up to the second, and the end in Vietnam time', () => {
    expect(waitVi(300_000)).toBe('5 phút');
    expect(waitVi(150_001)).toBe('2 phút 31 giây');
    expect(waitVi(400)).toBe('1 giây');
    expect(waitVi(3_900_000)).toBe('1 giờ 5 phút');
    expect(clockVi(Date.UTC(2026, 2, 2, 2, 5))).toBe('09:05');
    expect(lockedOutMessage(300_000, Date.UTC(2026, 2, 2, 17, 30))).toBe('Tài khoản đang tạm khoá vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau 5 phút (lúc 00:30), hoặc nhờ trưởng bưu cục.');
  });

  it("refuses a document that would make the wait shorter than its start, or the idle lock off, saying which field", () => {
    const bad = checkReference('counter_security', { ...DEFAULT_COUNTER_SECURITY, lockoutMinutes: 30, maxLockoutMinutes: 10 });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_REFERENCE', message: expect.stringContaining('maxLockoutMinutes') });
    const off = checkReference('counter_security', { ...DEFAULT_COUNTER_SECURITY, idleLockMinutes: 0 });
    expect(off).toMatchObject({ ok: false, problems: [{ code: 'too_small', path: 'idleLockMinutes' }] });
    expect(checkReference('counter_security', DEFAULT_COUNTER_SECURITY).ok).toBe(true);
  });
});
