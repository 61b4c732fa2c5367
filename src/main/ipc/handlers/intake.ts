/** intake.*: the dates told before saving, accepting a dossier with its receipts, supplementing. */
import type { intakeChannels } from '../../../shared/ipc/channels/intake';
import type { Services } from '../../services';
import type { CustomerDisplay } from '../../services/customer-display';
import type { ReceiptUseCases } from '../../services/receipts';
import type { HandlerTable } from '../registry';

export function intakeHandlers({ intake, lookup, receipts, display }: Pick<Services, 'intake' | 'lookup'> & { receipts: ReceiptUseCases; display: CustomerDisplay }): HandlerTable<typeof intakeChannels> {
  return {
    'intake.preview': (i) => intake.preview(i),
    'intake.accept': async (i, { actor }) => {
      const out = await receipts.acceptAndPrint(i, actor);
      // The citizen sees the item number of what they agreed to; the clerk's next intake starts on these choices.
      display.accepted(out);
      intake.remember(i, actor);
      return out;
    },
    'intake.supplement': (i, { actor }) => {
      intake.supplement(i, actor);
      return lookup.get(i.dossierId);
    },
  };
}
