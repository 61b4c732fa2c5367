/** document.*: a readable copy of a sealed document, by its name (issue 15). */
import type { documentsChannels } from '../../../shared/ipc/channels/documents';
import type { DocumentCopies } from '../../services/document-copies';
import type { HandlerTable } from '../registry';

export function documentsHandlers({ documents }: { documents: DocumentCopies }): HandlerTable<typeof documentsChannels> {
  return {
    'document.copy': (i, { actor }) => documents.copy(i, actor),
  };
}
