/** status.get: the status bar (printer, sync, updates, main's clock); status.activity: an unsaved form. */
import type { statusChannels } from '../../../shared/ipc/channels/status';
import type { Clock } from '../../../shared/ports';
import type { PrintPort } from '../../printing/port';
import type { SyncService } from '../../sync/service';
import type { UpdateService } from '../../update/service';
import type { HandlerTable } from '../registry';

export function statusHandlers({ printer, sync, updates, clock }: { printer: PrintPort; sync: SyncService; updates: UpdateService; clock: Clock }): HandlerTable<typeof statusChannels> {
  return {
    'status.get': () => {
      const now = clock.now();
      return { printer: printer.state(), sync: sync.statusLine(), update: updates.statusLine(), now };
    },
    'status.activity': (input) => {
      updates.setActivity(input);
      return null;
    },
  };
}
