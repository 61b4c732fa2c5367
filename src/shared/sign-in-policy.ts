/**
 * Sign-in that resists guessing (issue #15 §4): the province's policy (reference kind
 * `counter_security`), the growing wait after repeated wrong passwords, and the Vietnamese wording
 * of a wait. Pure: main enforces it (src/main/services/sign-in-guard.ts), the screens only show it.
 */
import { z } from 'zod';

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} phải là một số.` })
    .int({ error: `${what} phải là số nguyên.` })
    .min(min, { error: `${what} tối thiểu ${min}.` })
    .max(max, { error: `${what} tối đa ${max}.` });

export const CounterSecuritySchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.string({ error: 'Thiếu phiên bản (version) của tài liệu.' }).trim().min(1, { error: 'Thiếu phiên bản (version) của tài liệu.' }).max(64),
    sample: z.boolean({ error: 'Thiếu đánh dấu dữ liệu mẫu (sample: true hoặc false).' }),
    /** Minutes without a key press or mouse move before the counter locks itself. */
    idleLockMinutes: int('Số phút không thao tác trước khi tự khoá quầy (idleLockMinutes)', 1, 60),
    /** Wrong passwords in a row (log-in, unlock, a manager's confirmation) before the account waits. */
    maxFailedAttempts: int('Số lần nhập sai mật khẩu liên tiếp (maxFailedAttempts)', 3, 20),
    /** The first wait, in minutes; it doubles after each further round of wrong passwords. */
    lockoutMinutes: int('Thời gian chờ lần đầu (lockoutMinutes)', 1, 60),
    /** The longest wait, in minutes. */
    maxLockoutMinutes: int('Thời gian chờ tối đa (maxLockoutMinutes)', 1, 1440),
  })
  .refine((d) => d.maxLockoutMinutes >= d.lockoutMinutes, { error: 'Thời gian chờ tối đa (maxLockoutMinutes) phải không nhỏ hơn thời gian chờ lần đầu (lockoutMinutes).' });
export type CounterSecurity = z.infer<typeof CounterSecuritySchema>;

/** What a counter uses until the province sends its own document. */
export const DEFAULT_COUNTER_SECURITY: CounterSecurity = {
  version: 'mac-dinh',
  sample: true,
  idleLockMinutes: 5,
  maxFailedAttempts: 5,
  lockoutMinutes: 5,
  maxLockoutMinutes: 60,
};

/** A round of wrong passwords without any further mistake for this long starts again at the first wait. */
export const LOCKOUT_MEMORY_MS = 24 * 3_600_000;

/** The wait of the `n`-th lockout in a row (1-based): the first wait, doubled each time, capped. */
export function lockoutMs(n: number, p: Pick<CounterSecurity, 'lockoutMinutes' | 'maxLockoutMinutes'>): number {
  const minutes = Math.min(p.lockoutMinutes * 2 ** Math.max(0, Math.min(n - 1, 20)), p.maxLockoutMinutes);
  return minutes * 60_000;
}

/** "4 phút 30 giây", "1 giờ 5 phút", "45 giây": a wait as a clerk reads it (rounded up to the second). */
export function waitVi(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} giờ`);
  if (m > 0) parts.push(`${m} phút`);
  if (s > 0 && h === 0) parts.push(`${s} giây`);
  return parts.join(' ');
}

/** hh:mm in Vietnam's time (UTC+7, no daylight saving): the moment the wait ends. */
export function clockVi(epochMs: number): string {
  const d = new Date(epochMs + 7 * 3_600_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** The refusal while an account waits: how long still, and until when. */
export function lockedOutMessage(remainingMs: number, until: number): string {
  return `Tài khoản đang tạm khoá vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau ${waitVi(remainingMs)} (lúc ${clockVi(until)}), hoặc nhờ trưởng bưu cục.`;
}
