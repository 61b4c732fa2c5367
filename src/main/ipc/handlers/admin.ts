/** admin.*: what only a manager may do to a dossier. */
import type { adminChannels } from '../../../shared/ipc/channels/admin';
import type { Services } from '../../services';
import type { HandlerTable } from '../registry';

export function adminHandlers({ admin, lookup }: Pick<Services, 'admin' | 'lookup'>): HandlerTable<typeof adminChannels> {
  return {
    'admin.cancel': (i, { actor }) => {
      admin.cancel(i, actor);
      return lookup.get(i.dossierId);
    },
  };
}
