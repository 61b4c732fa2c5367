/** What only a manager may do to a dossier. */
import { ReasonInput } from '../../schemas';
import { channel } from '../define';
import type { DossierView } from '../dto';

export const adminChannels = {
  'admin.cancel': channel<DossierView>()(ReasonInput, 'manager'),
} as const;
