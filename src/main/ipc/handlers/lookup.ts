/** lookup.*: finding a dossier by search, by item number, or by id. */
import type { lookupChannels } from '../../../shared/ipc/channels/lookup';
import type { Services } from '../../services';
import type { HandlerTable } from '../registry';

export function lookupHandlers({ lookup }: Pick<Services, 'lookup'>): HandlerTable<typeof lookupChannels> {
  return {
    'lookup.search': (i) => lookup.search(i),
    'lookup.item': (i) => lookup.byItemNumber(i.itemNumber),
    'lookup.get': (i) => lookup.get(i.dossierId),
  };
}
