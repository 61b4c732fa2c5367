/**
 * The store's recovery code (issue #15 §1): shown to a manager to write down or print and keep
 * away from the counter; with it IT restores the encrypted data on a new machine.
 */
import { z } from 'zod';
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
  /**
   * The manager has written the code down and put it away. `lastGroup`: the code's last four
   * characters read back from the paper (the first run asks for them; a wrong one records nothing).
   */
  'recovery.confirm': channel<RecoveryCodeDto>()(z.object({ lastGroup: z.string().max(20).optional() }).strict(), 'manager'),
  /** Prints the code on the receipt printer (recorded in the audit log); never reprinted from the queue. */
  'recovery.print': channel<{ jobId: string; message: string }>()(empty, 'manager'),
} as const;
