/** sync.*: the worker's state, sync now, enrollment (admin), refused operations (manager). */
import type { syncChannels } from '../../../shared/ipc/channels/sync';
import type { SyncService } from '../../sync/service';
import type { HandlerTable } from '../registry';

export function syncHandlers({ sync }: { sync: SyncService }): HandlerTable<typeof syncChannels> {
  return {
    'sync.info': () => sync.info(),
    'sync.now': () => sync.syncNow(),
    'sync.enroll': (i) => sync.enroll(i.hubUrl, i.code),
    'sync.rejected': (i) => sync.rejected(i),
    'sync.acknowledge': (i, { actor }) => sync.acknowledge(i.seq, actor),
  };
}
