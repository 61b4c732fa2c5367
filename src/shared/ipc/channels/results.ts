/** Results coming back from the agencies, and the shelves and lists they go on. */
import { CollectResultInput } from '../../schemas';
import { channel, empty } from '../define';
import type { DossierSummary, DossierView } from '../dto';

export const resultsChannels = {
  'results.collect': channel<DossierView>()(CollectResultInput, 'clerk'),
  'results.lists': channel<{ pickup: DossierSummary[]; delivery: DossierSummary[]; toReturn: DossierSummary[] }>()(empty, 'clerk'),
} as const;
