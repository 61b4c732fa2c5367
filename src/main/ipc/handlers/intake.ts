/** intake.*: the dates told before saving, accepting a dossier with its receipts, supplementing. */
import type { intakeChannels } from '../../../shared/ipc/channels/intake';
import type { Services } from '../../services';
import type { ReceiptUseCases } from '../../services/receipts';
import type { HandlerTable } from '../registry';

export function intakeHandlers({ intake, lookup, receipts }: Pick<Services, 'intake' | 'lookup'> & { receipts: ReceiptUseCases }): HandlerTable<typeof intakeChannels> {
  return {
    'intake.preview': (i) => intake.preview(i),
    'intake.accept': (i, { actor }) => receipts.acceptAndPrint(i, actor),
    'intake.supplement': (i, { actor }) => {
      intake.supplement(i, actor);
      return lookup.get(i.dossierId);
    },
  };
}
