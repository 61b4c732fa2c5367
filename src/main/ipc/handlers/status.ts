/** status.get: the status bar (printer, sync, main's clock). */
import type { statusChannels } from '../../../shared/ipc/channels/status';
import type { Clock } from '../../../shared/ports';
import type { PrintPort } from '../../printing/port';
import type { SyncService } from '../../sync/service';
import type { HandlerTable } from '../registry';

export function statusHandlers({ printer, sync, clock }: { printer: PrintPort; sync: SyncService; clock: Clock }): HandlerTable<typeof statusChannels> {
  return {
    'status.get': () => {
      const now = clock.now();
      return { printer: printer.state(), sync: sync.statusLine(), now };
    },
  };
}
