/**
 * The store's recovery code (issue #15 §1): shown to a manager to write down or print and keep
 * away from the counter; with it IT restores the encrypted data on a new machine.
 */
import { empty } from '../define';
import { channel } from '../define';

export interface RecoveryCodeDto {
  /** 14 groups of 4 characters, joined by dashes. */
  code: string;
  /** When a manager last confirmed having written it down (null: never). */
  confirmedAt: number | null;
  confirmedBy: string | null;
}

export const recoveryChannels = {
  /** Shows the code; every showing is recorded in the audit log. */
  'recovery.show': channel<RecoveryCodeDto>()(empty, 'manager'),
  /** The manager has written the code down and put it away. */
  'recovery.confirm': channel<RecoveryCodeDto>()(empty, 'manager'),
} as const;
