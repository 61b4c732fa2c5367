/** results.*: results back from the agencies, and the lists they go on. */
import type { resultsChannels } from '../../../shared/ipc/channels/results';
import type { Services } from '../../services';
import type { HandlerTable } from '../registry';

export function resultsHandlers({ results, lookup }: Pick<Services, 'results' | 'lookup'>): HandlerTable<typeof resultsChannels> {
  return {
    'results.collect': (i, { actor }) => lookup.get(results.collect(i, actor).dossierId),
    'results.lists': () => ({ pickup: results.pickupShelf(), delivery: results.deliveryList(), toReturn: results.toReturn() }),
  };
}
