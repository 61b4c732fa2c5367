/** print.*: a document for a dossier or batch, the queue's history and decisions, printer settings. */
import type { printChannels } from '../../../shared/ipc/channels/print';
import type { Printing } from '../../printing/start';
import type { HandlerTable } from '../registry';

export function printHandlers({ printing }: { printing: Printing }): HandlerTable<typeof printChannels> {
  return {
    'print.document': (i, { actor }) => printing.enqueue(i.kind, i.id, { copy: i.copy ?? true, clerkId: actor.clerkId, counterId: actor.counterId, look: true }),
    'print.deliveryList': (i, { actor }) => printing.deliveryList(i, { clerkId: actor.clerkId, counterId: actor.counterId }),
    'print.jobs': (i) => printing.jobs(i),
    'print.printers': (i) => printing.printers(i.refresh),
    'print.reprint': (i, { actor }) => printing.reprint(i.jobId, actor),
    'print.markPrinted': (i, { actor }) => printing.markPrinted(i.jobId, actor),
    'print.retry': (i, { actor }) => printing.retry(i.jobId, actor),
    'print.testPage': (i, { actor }) => printing.testPage(actor, i.printerId),
    'print.systemPrinters': () => printing.systemPrinters(),
    'print.settings': () => printing.settings(),
    'print.saveProfile': (i, { actor }) => printing.saveProfile(i.profile, actor),
  };
}
