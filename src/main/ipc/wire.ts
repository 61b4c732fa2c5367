/**
 * The one handler registry: every channel of the contract, answered by the handler table of its
 * capability (handlers/<capability>.ts), each a call into the services it is given. Built by the
 * composition root (src/main/counter.ts) for Electron main, browser mode and the tests alike, so they
 * share validation and handlers exactly.
 */
import type { Contract } from '../../shared/ipc/contract';
import { contract } from '../../shared/ipc/contract';
import type { Clock } from '../../shared/ports';
import type { Printing } from '../printing/start';
import type { Services } from '../services';
import type { ReceiptUseCases } from '../services/receipts';
import { createCaseUseCases } from '../services/case-receipts';
import type { SyncService } from '../sync/service';
import { adminHandlers } from './handlers/admin';
import { casesHandlers } from './handlers/cases';
import { catalogueHandlers } from './handlers/catalogue';
import { dispatchHandlers } from './handlers/dispatch';
import { handoverHandlers } from './handlers/handover';
import { intakeHandlers } from './handlers/intake';
import { lookupHandlers } from './handlers/lookup';
import { printHandlers } from './handlers/print';
import { resultsHandlers } from './handlers/results';
import type { CounterInfo } from './handlers/session';
import { sessionHandlers } from './handlers/session';
import { statusHandlers } from './handlers/status';
import { syncHandlers } from './handlers/sync';
import type { Logger, Session } from './registry';
import { Registry } from './registry';

/** What the handlers call. */
export interface IpcServices {
  counter: CounterInfo;
  clock: Clock;
  /** The use cases (src/main/services). */
  services: Services;
  /** The use cases that commit and then print (services/receipts.ts). */
  receipts: ReceiptUseCases;
  printing: Printing;
  sync: SyncService;
}

/** What an entry point (Electron's IPC, the browser bridge, the e2e binding) needs to take calls. */
export interface Wired {
  registry: Registry<Contract>;
  /** A new session: one per window (Electron) or per bridge. */
  newSession(): Session;
}

/** Channels that only read: they do not nudge the sync worker. */
const READS = /^(catalogue|reference|lookup|status|session|print\.(jobs|printers|settings)|sync\.|dispatch\.(pending|openBatches|awaitingAppointment)|results\.lists|intake\.preview|cases\.(list|get|overdue))/;

export function wire(s: IpcServices, log?: Logger): Registry<Contract> {
  const u = s.services;
  const registry = new Registry(contract, log)
    .registerAll(sessionHandlers({ auth: u.auth, counter: s.counter }))
    .registerAll(statusHandlers({ printer: s.printing, sync: s.sync, clock: s.clock }))
    .registerAll(catalogueHandlers(u))
    .registerAll(intakeHandlers({ ...u, receipts: s.receipts }))
    .registerAll(dispatchHandlers(u))
    .registerAll(resultsHandlers(u))
    .registerAll(handoverHandlers({ ...u, receipts: s.receipts }))
    .registerAll(adminHandlers(u))
    .registerAll(lookupHandlers(u))
    .registerAll(printHandlers({ printing: s.printing }))
    .registerAll(syncHandlers({ sync: s.sync }))
    .registerAll(casesHandlers({ cases: u.cases, reports: u.reports, caseReceipts: createCaseUseCases(u, s.printing) }));
  // Every successful write tells the sync worker, so the hub hears of it soon.
  registry.onSuccess((name) => (READS.test(name) ? undefined : s.sync.nudge()));
  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`IPC: no handler for ${missing.join(', ')}`);
  return registry;
}
