/** setup.*: the guided first run (admin): its state, each step, the summary. */
import type { setupChannels } from '../../../shared/ipc/channels/setup';
import type { SetupService } from '../../services/setup';
import type { FirstRun } from '../../sync/first-run';
import type { HandlerTable } from '../registry';

export function setupHandlers({ setup, firstRun }: { setup: SetupService; firstRun: FirstRun }): HandlerTable<typeof setupChannels> {
  return {
    'setup.state': () => setup.state(),
    'setup.testHub': (i) => firstRun.testHub(i.hubUrl),
    'setup.hub': (i, { actor }) => firstRun.hub(i, actor),
    'setup.identity': (i, { actor }) => firstRun.identity(i, actor),
    'setup.step': (i, { actor }) => {
      setup.markStep(i.step, i.outcome, {}, actor);
      return setup.state();
    },
    'setup.summary': () => firstRun.summary(),
    'setup.printSummary': (_i, { actor, session }) => firstRun.printSummary(actor, session.clerk?.fullName ?? ''),
    'setup.finish': (_i, { actor }) => setup.finish(actor),
  };
}
