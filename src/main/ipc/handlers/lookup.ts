/** lookup.*: finding a dossier by search, by item number, or by id. */
import type { lookupChannels } from '../../../shared/ipc/channels/lookup';
import type { Services } from '../../services';
import type { HandlerTable } from '../registry';

export function lookupHandlers({ lookup }: Pick<Services, 'lookup'>): HandlerTable<typeof lookupChannels> {
  return {
    'lookup.search': (i, { actor }) => lookup.search(i, actor),
    'lookup.item': (i, { actor }) => lookup.byItemNumber(i.itemNumber, actor),
    'lookup.get': (i, { actor }) => lookup.view(i.dossierId, actor),
  };
}
