/** Handing results to citizens: at the counter, by delivery, or back to the agency. */
import { DeliveryAttemptInput, HandOverInput, ReasonInput } from '../../schemas';
import { channel } from '../define';
import type { DossierView } from '../dto';

export const handoverChannels = {
  'handover.handOver': channel<DossierView>()(HandOverInput, 'clerk'),
  'handover.deliveryAttempt': channel<DossierView>()(DeliveryAttemptInput, 'clerk'),
  'handover.returnToAgency': channel<DossierView>()(ReasonInput, 'clerk'),
} as const;
