/** Sending dossiers to the agencies: batches, filing, and the agencies' appointment dates. */
import { CreateBatchInput, RecordAppointmentInput, RecordFilingInput, RemoveFromBatchInput } from '../../schemas';
import { channel, empty } from '../define';
import type { BatchDto, DossierSummary, DossierView, PendingGroup } from '../dto';

export const dispatchChannels = {
  'dispatch.pending': channel<PendingGroup[]>()(empty, 'clerk'),
  'dispatch.openBatches': channel<BatchDto[]>()(empty, 'clerk'),
  'dispatch.createBatch': channel<BatchDto>()(CreateBatchInput, 'clerk'),
  'dispatch.removeFromBatch': channel<BatchDto>()(RemoveFromBatchInput, 'clerk'),
  'dispatch.recordFiling': channel<BatchDto>()(RecordFilingInput, 'clerk'),
  'dispatch.awaitingAppointment': channel<DossierSummary[]>()(empty, 'clerk'),
  'dispatch.recordAppointment': channel<DossierView>()(RecordAppointmentInput, 'clerk'),
} as const;
