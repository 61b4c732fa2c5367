/** recovery.*: the store's recovery code, for a manager. */
import type { recoveryChannels } from '../../../shared/ipc/channels/recovery';
import type { RecoveryUseCases } from '../../services/recovery';
import type { HandlerTable } from '../registry';

export function recoveryHandlers(recovery: RecoveryUseCases): HandlerTable<typeof recoveryChannels> {
  return {
    'recovery.show': (_i, { actor }) => recovery.show(actor),
    'recovery.confirm': (i, { actor }) => recovery.confirm(actor, i.lastGroup),
    'recovery.print': (_i, { actor, session }) => recovery.print(actor, session.clerk?.fullName ?? ''),
  };
}
