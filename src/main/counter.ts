/**
 * THE composition root: one counter built from a data folder. The store, reference data and use
 * cases (createApp, app.ts), then the printing (printing/), the sync worker and its service (sync/),
 * the store's upkeep (maintenance.ts) and the IPC registry that answers the screens (ipc/). Electron
 * main (index.ts), browser mode (scripts/start-browser.ts), the end-to-end tests and the benchmarks
 * all build this same graph; each says only what differs: which printer a new counter starts on and
 * how A4 is printed, whether it syncs, whether upkeep runs.
 */
import { join } from 'node:path';
import type { Contract } from '../shared/ipc/contract';
import type { App, AppOptions } from './app';
import { createApp } from './app';
import type { CounterInfo } from './ipc/handlers/session';
import type { Logger } from './ipc/registry';
import type { Registry } from './ipc/registry';
import { Session } from './ipc/registry';
import type { Wired } from './ipc/wire';
import { wire } from './ipc/wire';
import type { MaintenanceOptions } from './maintenance';
import { createMaintenance } from './maintenance';
import { DEFAULT_OFFICE } from './printing/documents';
import type { A4Output, RecordSources } from './printing/handover-record';
import type { Printing } from './printing/start';
import { noPrinting, startingProfiles, startPrinting } from './printing/start';
import { createReceiptUseCases } from './services/receipts';
import { createSyncService } from './sync/service';
import type { SyncService } from './sync/service';
import { SyncWorker } from './sync/worker';

export interface CounterPrintingOptions extends A4Output {
  /** What a new counter prints on until a manager configures the printer (printing/start.ts). */
  startOn: 'bundled' | 'file';
  /** Printer status poll interval when idle (ms); 0, the default, turns it off. */
  statusPollMs?: number;
}

export interface CounterOptions extends AppOptions {
  /** Receipt and A4 printing; absent: a counter without a printer (the screens say so). */
  printing?: CounterPrintingOptions;
  /** The sync worker; absent: a counter that does not sync with the hub. */
  sync?: {
    pollIntervalMs: number;
    /** Start syncing at once and on schedule (default); false: only when asked (tests). */
    start?: boolean;
  };
  /** Store upkeep (checkpoints, integrity check, daily backup); absent: none. */
  maintenance?: MaintenanceOptions;
  /** Where the registry reports handler failures (never with the input). */
  log?: Logger;
}

export interface Counter extends Wired {
  app: App;
  counter: CounterInfo;
  auth: App['services']['auth'];
  printing: Printing;
  syncService: SyncService;
  /** The sync worker, when the counter syncs. */
  sync: SyncWorker | null;
  maintenance: ReturnType<typeof createMaintenance> | null;
  /** Stops upkeep, printing and sync, then closes the store. */
  close(): Promise<void>;
}

function documentSources(app: App): RecordSources {
  const s = app.services;
  return {
    counter: { id: app.counter.id, name: app.counter.name, branchName: app.counter.branchName, office: DEFAULT_OFFICE },
    view: (id) => s.lookup.get(id),
    batch: (id) => s.dispatch.getBatch(id),
    feePayments: (id) => s.lookup.feePayments(id),
    clerkName: (id) => s.auth.get(id)?.fullName ?? '',
    now: () => app.ctx.clock.now(),
    caseView: (id) => s.cases.get(id),
    branchReport: (period) => s.reports.branchPeriodic(period),
    documentsDir: join(app.dataDir, 'documents'),
  };
}

function counterPrinting(app: App, opts: CounterPrintingOptions | undefined): Printing {
  if (!opts) return noPrinting;
  const { startOn, statusPollMs, ...a4 } = opts;
  return startPrinting(
    { db: app.db, clock: app.ctx.clock, sources: documentSources(app) },
    { ...startingProfiles(startOn, app.resourcesDir, app.dataDir), ...a4, ...(statusPollMs !== undefined ? { statusPollMs } : {}) },
  );
}

export function createCounter(opts: CounterOptions): Counter {
  const app = createApp(opts);
  app.services.auth.ensureFirstAdmin();
  const counter: CounterInfo = { id: app.counter.id, name: app.counter.name, branchName: app.counter.branchName };
  const printing = counterPrinting(app, opts.printing);
  const worker = opts.sync ? new SyncWorker({ ctx: app.ctx, onReferenceChanged: () => app.refreshReference(), pollIntervalMs: opts.sync.pollIntervalMs }) : null;
  if (worker && opts.sync?.start !== false) worker.start();
  const maintenance = opts.maintenance ? createMaintenance(app.db, app.dataDir, opts.maintenance) : null;
  maintenance?.start();
  const syncService = createSyncService({ db: app.db, clock: app.ctx.clock, secrets: app.secrets, counterId: app.counter.id, worker });
  const registry: Registry<Contract> = wire(
    { counter, clock: app.ctx.clock, services: app.services, receipts: createReceiptUseCases(app.services, printing), printing, sync: syncService },
    opts.log,
  );
  return {
    app,
    counter,
    auth: app.services.auth,
    printing,
    syncService,
    sync: worker,
    maintenance,
    registry,
    newSession: () => new Session(counter.id),
    async close() {
      await Promise.all([maintenance?.stop(), printing.stop(), worker?.stop()]).finally(() => app.close());
    },
  };
}
