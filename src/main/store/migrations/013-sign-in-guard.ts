import type { Migration } from './types';

/**
 * Wrong passwords per account (issue #15 §4): the failures of the current round, how many waits in a
 * row the account has had (each one twice as long, capped: src/shared/sign-in-policy.ts), until when
 * it waits now, and the last failure (a day without one forgets the past waits). A row exists only
 * while an account has failures; a right password deletes it. Kept in the store so a restart does
 * not end a wait. Local to this counter: guessing happens at a keyboard.
 */
export const m013SignInGuard: Migration = {
  version: 13,
  name: 'sign-in-guard',
  up(db) {
    db.exec(`
CREATE TABLE IF NOT EXISTS sign_in_failures (
  clerk_id TEXT PRIMARY KEY REFERENCES clerks(id),
  failures INTEGER NOT NULL CHECK (failures >= 0),
  lockouts INTEGER NOT NULL CHECK (lockouts >= 0),
  locked_until INTEGER,
  last_failure_at INTEGER NOT NULL
) STRICT;
`);
  },
};
