/** handover.*: handing results over (with the fee receipt), delivery attempts, returns to the agency. */
import type { handoverChannels } from '../../../shared/ipc/channels/handover';
import type { Services } from '../../services';
import type { ReceiptUseCases } from '../../services/receipts';
import type { HandlerTable } from '../registry';

export function handoverHandlers({ handover, lookup, receipts }: Pick<Services, 'handover' | 'lookup'> & { receipts: ReceiptUseCases }): HandlerTable<typeof handoverChannels> {
  return {
    'handover.handOver': (i, { actor }) => receipts.handOverAndPrint(i, actor),
    'handover.deliveryAttempt': (i, { actor }) => {
      handover.recordDeliveryAttempt(i, actor);
      return lookup.get(i.dossierId);
    },
    'handover.returnToAgency': (i, { actor }) => {
      handover.returnToAgency(i, actor);
      return lookup.get(i.dossierId);
    },
  };
}
