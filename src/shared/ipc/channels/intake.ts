/** Taking in a dossier: the dates told before saving, accepting (with its receipts), supplementing. */
import { z } from 'zod';
import { AcceptDossierInput, SupplementInput } from '../../schemas';
import { channel } from '../define';
import type { AcceptOutput, DossierView } from '../dto';

export interface IntakePreview {
  /** J: the day the dossier counts as accepted (the next working day when today is not one). */
  jDate: string;
  route: string;
  routeLabel: string;
  transitDeadline: string | null;
  appointmentEstimate: string | null;
}

export const intakeChannels = {
  'intake.preview': channel<IntakePreview>()(
    z
      .object({
        procedureCode: z.string().min(1).max(40),
        serviceType: z.enum(['send', 'return', 'both']),
        provinceCode: z.string().max(3).nullable().optional(),
        communeCode: z.string().max(5).nullable().optional(),
      })
      .strict(),
    'clerk',
  ),
  'intake.accept': channel<AcceptOutput>()(AcceptDossierInput, 'clerk'),
  'intake.supplement': channel<DossierView>()(SupplementInput, 'clerk'),
} as const;
