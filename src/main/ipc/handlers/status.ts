/** status.get: the status bar (printer, sync, updates, main's clock); status.activity: an unsaved form. */
import type { statusChannels } from '../../../shared/ipc/channels/status';
import type { Clock } from '../../../shared/ports';
import type { IdentityDto } from '../../../shared/ipc/channels/setup';
import type { PrintPort } from '../../printing/port';
import type { SyncService } from '../../sync/service';
import type { UpdateService } from '../../update/service';
import type { HandlerTable } from '../registry';

export function statusHandlers({ printer, sync, updates, clock, identity }: { printer: PrintPort; sync: SyncService; updates: UpdateService; clock: Clock; identity: () => IdentityDto }): HandlerTable<typeof statusChannels> {
  return {
    'status.get': () => {
      const now = clock.now();
      const { counterId, counterName, branchCode, branchName, source } = identity();
      return { printer: printer.state(), sync: sync.statusLine(), update: updates.statusLine(), now, identity: { counterId, counterName, branchCode, branchName, source } };
    },
    'status.activity': (input) => {
      updates.setActivity(input);
      return null;
    },
  };
}
