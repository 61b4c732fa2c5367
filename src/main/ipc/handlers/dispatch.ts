/** dispatch.*: batches to the agencies, filing, appointment dates. */
import type { dispatchChannels } from '../../../shared/ipc/channels/dispatch';
import type { Services } from '../../services';
import type { HandlerTable } from '../registry';

export function dispatchHandlers({ dispatch, lookup }: Pick<Services, 'dispatch' | 'lookup'>): HandlerTable<typeof dispatchChannels> {
  return {
    'dispatch.pending': () => dispatch.pendingByAgency(),
    'dispatch.openBatches': () => dispatch.openBatches(),
    'dispatch.createBatch': (i, { actor }) => dispatch.createBatch(i, actor),
    'dispatch.removeFromBatch': (i, { actor }) => {
      dispatch.removeFromBatch(i, actor);
      return dispatch.getBatch(i.batchId);
    },
    'dispatch.recordFiling': (i, { actor }) => dispatch.recordFiling(i, actor),
    'dispatch.awaitingAppointment': () => dispatch.awaitingAppointment(),
    'dispatch.recordAppointment': (i, { actor }) => {
      dispatch.recordAppointment(i, actor);
      return lookup.get(i.dossierId);
    },
  };
}
