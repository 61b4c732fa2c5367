/** The procedure catalogue and the administrative units (reference data the forms pick from). */
import { z } from 'zod';
import { channel, empty } from '../define';
import type { AgencyDto, IntakeTariff, Place, ProcedureDto, ProcedureHit } from '../dto';

export const catalogueChannels = {
  'catalogue.search': channel<ProcedureHit[]>()(z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(50).optional() }).strict(), 'clerk'),
  'catalogue.get': channel<ProcedureDto>()(z.object({ code: z.string().min(1).max(40) }).strict(), 'clerk'),
  'catalogue.agencies': channel<AgencyDto[]>()(empty, 'clerk'),
  'reference.provinces': channel<Place[]>()(empty, 'clerk'),
  'reference.communes': channel<Place[]>()(z.object({ provinceCode: z.string().min(1).max(3) }).strict(), 'clerk'),
  /** The province's postage tariff (every service × return method priced) and the account for VietQR transfers. */
  'reference.tariff': channel<IntakeTariff>()(empty, 'clerk'),
} as const;
