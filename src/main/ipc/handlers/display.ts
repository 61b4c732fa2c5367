/** display.*: the customer display (review before commit, clear, watch) and intake.defaults. */
import type { displayChannels } from '../../../shared/ipc/channels/display';
import type { Services } from '../../services';
import type { CustomerDisplay } from '../../services/customer-display';
import type { HandlerTable } from '../registry';

export function displayHandlers({ intake, display }: Pick<Services, 'intake'> & { display: CustomerDisplay }): HandlerTable<typeof displayChannels> {
  return {
    'display.review': (i, { actor }) => display.review(intake.check(i, actor)),
    'display.clear': () => display.clear(),
    'display.watch': (i) => display.watch(i.since),
    'intake.defaults': (_i, { actor }) => intake.defaults(actor),
  };
}
