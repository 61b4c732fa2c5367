/**
 * The wait after wrong passwords (issue #15 §4), per account, in the store (a restart does not end
 * it): after `maxFailedAttempts` wrong passwords in a row — at log-in, at unlock, in a manager's
 * confirmation or a password change — the account waits `lockoutMinutes`, then twice as long after
 * each further round, up to `maxLockoutMinutes` (reference kind `counter_security`). A right password
 * forgets it all; so does a day without a mistake. While the account waits, no password is even
 * checked. The audit rows are written by the caller (auth.ts); this only counts.
 */
import type { Db as Database } from '../store/db';
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/ports';
import type { CounterSecurity } from '../../shared/sign-in-policy';
import { CounterSecuritySchema, DEFAULT_COUNTER_SECURITY, LOCKOUT_MEMORY_MS, lockedOutMessage, lockoutMs } from '../../shared/sign-in-policy';

interface FailureRow {
  failures: number;
  lockouts: number;
  locked_until: number | null;
  last_failure_at: number;
}

/** What one more wrong password did: the count in this round and, when it started a wait, its end. */
export interface FailureOutcome {
  attempt: number;
  of: number;
  lockedUntil: number | null;
  lockouts: number;
}

/** The province's `counter_security` document, or the defaults when it has sent none (or a bad one). */
export function readCounterSecurity(db: Database): CounterSecurity {
  const row = db.prepare("SELECT payload FROM reference_docs WHERE name = 'counter_security'").get() as { payload: string } | undefined;
  if (!row) return DEFAULT_COUNTER_SECURITY;
  const r = CounterSecuritySchema.safeParse(JSON.parse(row.payload));
  return r.success ? r.data : DEFAULT_COUNTER_SECURITY;
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;

export function createSignInGuard(db: Database, clock: Clock) {
  const get = db.prepare<[string], FailureRow>('SELECT failures, lockouts, locked_until, last_failure_at FROM sign_in_failures WHERE clerk_id = ?');
  const put = db.prepare(
    `INSERT INTO sign_in_failures (clerk_id, failures, lockouts, locked_until, last_failure_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(clerk_id) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
  );
  const clear = db.prepare('DELETE FROM sign_in_failures WHERE clerk_id = ?');

  /** The wait still to run for this account (0: none). A clock set back never makes it longer than the cap. */
  function remaining(clerkId: string): { ms: number; until: number } {
    const row = get.get(clerkId);
    const now = clock.now();
    if (!row?.locked_until || row.locked_until <= now) return { ms: 0, until: now };
    const cap = readCounterSecurity(db).maxLockoutMinutes * 60_000;
    return { ms: Math.min(row.locked_until - now, cap), until: Math.min(row.locked_until, now + cap) };
  }

  return {
    remaining,

    /** Throws `account_locked` (with the wait in Vietnamese) while the account waits. */
    check(clerkId: string, field = 'password'): void {
      const r = remaining(clerkId);
      if (r.ms > 0) throw new DomainError('account_locked', lockedOutMessage(r.ms, r.until), field);
    },

    /** Counts one wrong password; the last one of a round starts the wait. */
    failed(clerkId: string): FailureOutcome {
      const policy = readCounterSecurity(db);
      const now = clock.now();
      const row = get.get(clerkId);
      const fresh = !row || now - row.last_failure_at > LOCKOUT_MEMORY_MS;
      const failures = (fresh ? 0 : row.failures) + 1;
      let lockouts = fresh ? 0 : row.lockouts;
      let lockedUntil: number | null = null;
      if (failures >= policy.maxFailedAttempts) {
        lockouts += 1;
        lockedUntil = now + lockoutMs(lockouts, policy);
      }
      put.run(clerkId, lockedUntil === null ? failures : 0, lockouts, lockedUntil, now);
      return { attempt: failures, of: policy.maxFailedAttempts, lockedUntil, lockouts };
    },

    /** A right password: the account starts afresh. */
    succeeded(clerkId: string): void {
      clear.run(clerkId);
    },
  };
}
