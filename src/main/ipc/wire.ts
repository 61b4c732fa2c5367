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
import type { ManagerDay } from '../services/manager-day';
import { managerHandlers } from './handlers/manager';
import { createCaseUseCases } from '../services/case-receipts';
import type { SyncService } from '../sync/service';
import type { FirstRun } from '../sync/first-run';
import type { UpdateService } from '../update/service';
import { adminHandlers } from './handlers/admin';
import { casesHandlers } from './handlers/cases';
import { catalogueHandlers } from './handlers/catalogue';
import { dispatchHandlers } from './handlers/dispatch';
import { handoverHandlers } from './handlers/handover';
import { intakeHandlers } from './handlers/intake';
import { displayHandlers } from './handlers/display';
import type { CustomerDisplay } from '../services/customer-display';
import { lookupHandlers } from './handlers/lookup';
import { printHandlers } from './handlers/print';
import { resultsHandlers } from './handlers/results';
import type { CounterInfo } from './handlers/session';
import { sessionHandlers } from './handlers/session';
import { statusHandlers } from './handlers/status';
import { syncHandlers } from './handlers/sync';
import { setupHandlers } from './handlers/setup';
import { privacyHandlers } from './handlers/privacy';
import type { CitizenRequests } from '../services/citizen-data';
import { recoveryHandlers } from './handlers/recovery';
import type { RecoveryUseCases } from '../services/recovery';
import { documentsHandlers } from './handlers/documents';
import type { DocumentCopies } from '../services/document-copies';
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
  /** The manager's reports, printed and exported (services/manager-day.ts). */
  managerDay: ManagerDay;
  printing: Printing;
  sync: SyncService;
  /** The first run's hub step and summary (sync/first-run.ts). */
  firstRun: FirstRun;
  /** Updates: the status bar's line, the renderer's activity, the moments of the day. */
  updates: UpdateService;
  /** A citizen's request for their personal data (services/citizen-data.ts). */
  citizenRequests: CitizenRequests;
  /** The store's recovery code (services/recovery.ts). */
  recovery: RecoveryUseCases;
  /** The screen turned to the citizen (services/customer-display.ts). */
  display: CustomerDisplay;
  /** Readable copies of the sealed documents (services/document-copies.ts). */
  documents: DocumentCopies;
}

/** What an entry point (Electron's IPC, the browser bridge, the e2e binding) needs to take calls. */
export interface Wired {
  registry: Registry<Contract>;
  /** A new session: one per window (Electron) or per bridge. */
  newSession(): Session;
}

/** Channels that only read: they do not nudge the sync worker. */
const READS = /^(catalogue|reference|display\.|intake\.defaults|lookup|status|session|setup\.|print\.(jobs|printers|settings|systemPrinters)|sync\.|dispatch\.(pending|openBatches|awaitingAppointment)|results\.lists|intake\.preview|shift\.get|day\.(status|report)|overdue\.(list|count)|audit\.list|dashboard\.|cases\.(list|get|overdue)|citizen\.requests)/;

export function wire(s: IpcServices, log?: Logger): Registry<Contract> {
  const u = s.services;
  const registry = new Registry(contract, log)
    .registerAll(sessionHandlers({ auth: u.auth, counter: s.counter, setup: u.setup, moment: (m) => void s.updates.moment(m) }))
    .registerAll(statusHandlers({ printer: s.printing, sync: s.sync, updates: s.updates, clock: s.clock, identity: () => u.setup.identity() }))
    .registerAll(catalogueHandlers(u))
    .registerAll(intakeHandlers({ ...u, receipts: s.receipts, display: s.display }))
    .registerAll(displayHandlers({ ...u, display: s.display }))
    .registerAll(dispatchHandlers(u))
    .registerAll(resultsHandlers(u))
    .registerAll(handoverHandlers({ ...u, receipts: s.receipts }))
    .registerAll(adminHandlers(u))
    .registerAll(lookupHandlers(u))
    .registerAll(printHandlers({ printing: s.printing }))
    .registerAll(syncHandlers({ sync: s.sync }))
    .registerAll(managerHandlers({ shifts: u.shifts, managerDay: s.managerDay, receipts: s.receipts }))
    .registerAll(setupHandlers({ setup: u.setup, firstRun: s.firstRun }))

    .registerAll(casesHandlers({ cases: u.cases, reports: u.reports, caseReceipts: createCaseUseCases(u, s.printing) }))
    .registerAll(privacyHandlers({ citizenRequests: s.citizenRequests }))
    .registerAll(recoveryHandlers(s.recovery))
    .registerAll(documentsHandlers({ documents: s.documents }));
  // Every successful write tells the sync worker, so the hub hears of it soon.
  registry.onSuccess((name) => (READS.test(name) ? undefined : s.sync.nudge()));
  // A clerk who locks, signs out or hands over the counter leaves no citizen's data on the display.
  registry.onSuccess((name) => (/^session\.(lock|logout|login)$/.test(name) ? void s.display.clear() : undefined));
  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`IPC: no handler for ${missing.join(', ')}`);
  return registry;
}
