/**
 * The recovery code of the store key (store/recovery-code.ts), for the manager: shown on request
 * (recorded in the audit log each time, as a look at a secret), and confirmed once written down.
 */
import { DomainError } from '../../shared/errors';
import type { RecoveryCodeDto } from '../../shared/ipc/channels/recovery';
import type { Clock } from '../../shared/ports';
import type { PrintDocument } from '../../shared/print-model';
import { recoveryCodeSheet } from '../../shared/print-model';
import type { StoreKey } from '../store/cipher';
import type { Db } from '../store/db';
import { toRecoveryCode } from '../store/recovery-code';
import type { Actor } from './context';
import { audit } from './journal';

export interface RecoveryUseCases {
  show(actor: Actor): RecoveryCodeDto;
  /** `lastGroup`, when given, must be the code's last four characters (as read back from the paper). */
  confirm(actor: Actor, lastGroup?: string): RecoveryCodeDto;
  /** Prints the code on the receipt printer for the envelope. */
  print(actor: Actor, byName: string): { jobId: string; message: string };
  /** Whether a manager has confirmed writing the code down (the status can remind until then). */
  confirmed(): boolean;
}

export interface RecoveryDeps {
  db: Db;
  clock: Clock;
  key: StoreKey;
  /** The receipt printer, and what its header names (given by the composition root). */
  printing?: {
    printDocument(doc: PrintDocument, actor: Actor): { queued: boolean; jobId: string | null; message: string };
    place(): { office: string; branchName: string; counterId: string; counterName: string };
  };
}

/** The last group as typed from paper: spaces gone, upper case, the letters Crockford reads as digits. */
const normalizeGroup = (s: string) => s.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');

export function createRecovery(deps: RecoveryDeps): RecoveryUseCases {
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
    confirm(actor, lastGroup) {
      if (lastGroup !== undefined) {
        const last = toRecoveryCode(deps.key).split('-').at(-1)!;
        if (normalizeGroup(lastGroup) !== last) {
          throw new DomainError('RECOVERY_CHECK_WRONG', 'Bốn ký tự cuối không khớp với mã khôi phục: hãy đọc lại nhóm cuối cùng (nhóm 14) trên giấy đã ghi hoặc đã in.', 'lastGroup');
        }
      }
      audit(deps.db, actor, deps.clock.now(), 'store.recovery_code_confirmed', 'store', null, lastGroup !== undefined ? { readBack: true } : {});
      return dto();
    },
    print(actor, byName) {
      if (!deps.printing) throw new DomainError('NO_PRINTER', 'Quầy này chưa có máy in biên nhận: hãy chép tay mã khôi phục.');
      const p = deps.printing.place();
      const doc = recoveryCodeSheet({ header: { office: p.office, branch: p.branchName }, at: deps.clock.now(), counter: { id: p.counterId, name: p.counterName, branchName: p.branchName }, code: toRecoveryCode(deps.key), by: byName });
      const r = deps.printing.printDocument(doc, actor);
      if (!r.queued || r.jobId === null) throw new DomainError('NO_PRINTER', r.message);
      audit(deps.db, actor, deps.clock.now(), 'store.recovery_code_printed', 'store', null, { job: r.jobId });
      return { jobId: r.jobId, message: r.message };
    },
    confirmed: () => lastConfirmation() !== undefined,
  };
}
