/**
 * The recovery code of the store key (store/recovery-code.ts), for the manager: shown on request
 * (recorded in the audit log each time, as a look at a secret), and confirmed once written down.
 */
import type { RecoveryCodeDto } from '../../shared/ipc/channels/recovery';
import type { Clock } from '../../shared/ports';
import type { StoreKey } from '../store/cipher';
import type { Db } from '../store/db';
import { toRecoveryCode } from '../store/recovery-code';
import type { Actor } from './context';
import { audit } from './journal';

export interface RecoveryUseCases {
  show(actor: Actor): RecoveryCodeDto;
  confirm(actor: Actor): RecoveryCodeDto;
  /** Whether a manager has confirmed writing the code down (the status can remind until then). */
  confirmed(): boolean;
}

export function createRecovery(deps: { db: Db; clock: Clock; key: StoreKey }): RecoveryUseCases {
  const lastConfirmation = () =>
    deps.db
      .prepare(
        "SELECT a.at, coalesce(c.full_name, a.actor_id) AS name FROM audit_log a LEFT JOIN clerks c ON c.id = a.actor_id WHERE a.action = 'store.recovery_code_confirmed' ORDER BY a.at DESC, a.id DESC LIMIT 1",
      )
      .get() as { at: number; name: string } | undefined;
  const dto = (): RecoveryCodeDto => {
    const c = lastConfirmation();
    return { code: toRecoveryCode(deps.key), confirmedAt: c?.at ?? null, confirmedBy: c?.name ?? null };
  };
  return {
    show(actor) {
      audit(deps.db, actor, deps.clock.now(), 'store.recovery_code_shown', 'store', null);
      return dto();
    },
    confirm(actor) {
      audit(deps.db, actor, deps.clock.now(), 'store.recovery_code_confirmed', 'store', null);
      return dto();
    },
    confirmed: () => lastConfirmation() !== undefined,
  };
}
