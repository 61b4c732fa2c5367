/** citizen.*: a citizen's request for their personal data, answered by the branch manager (issue 15). */
import type { privacyChannels } from '../../../shared/ipc/channels/privacy';
import type { CitizenRequests } from '../../services/citizen-data';
import type { HandlerTable } from '../registry';

export function privacyHandlers({ citizenRequests }: { citizenRequests: CitizenRequests }): HandlerTable<typeof privacyChannels> {
  return {
    'citizen.export': (i, { actor }) => citizenRequests.export(i, actor),
    'citizen.requests': () => citizenRequests.list(),
  };
}
