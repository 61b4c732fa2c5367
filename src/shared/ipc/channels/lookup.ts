/** Finding a dossier: by search, by item number (a scan), or by id. */
import { z } from 'zod';
import { LookupInput } from '../../schemas';
import { channel } from '../define';
import type { DossierView, LookupResult } from '../dto';

export const lookupChannels = {
  'lookup.search': channel<LookupResult>()(LookupInput, 'clerk'),
  'lookup.item': channel<DossierView>()(z.object({ itemNumber: z.string().trim().min(1).max(30) }).strict(), 'clerk'),
  'lookup.get': channel<DossierView>()(z.object({ dossierId: z.string().min(1).max(64) }).strict(), 'clerk'),
} as const;
