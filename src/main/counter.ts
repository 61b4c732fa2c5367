/**
 * THE composition root: one counter built from a data folder. The store, reference data and use
 * cases (createApp, app.ts), then the printing (printing/), the sync worker and its service (sync/),
 * the store's upkeep (maintenance.ts) and the IPC registry that answers the screens (ipc/). Electron
 * main (index.ts), browser mode (src/main/bridge/start.ts), the end-to-end tests and the benchmarks
 * all build this same graph; each says only what differs: which printer a new counter starts on and
 * how A4 is printed, whether it syncs, whether upkeep runs.
 */
import { trackingBase } from './sync/sync-state';
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
import { readPersonalDataPolicy } from './services/retention';
import { createCitizenRequests } from './services/citizen-data';
import { DEFAULT_OFFICE } from './printing/documents';
import type { A4Output, RecordSources } from './printing/handover-record';
import type { Printing } from './printing/start';
import { noPrinting, startingProfiles, startPrinting } from './printing/start';
import { createReceiptUseCases } from './services/receipts';
import { createManagerDay } from './services/manager-day';
import { createRecovery } from './services/recovery';
import { createDocumentCopies } from './services/document-copies';
import { createCustomerDisplay } from './services/customer-display';
import { createSyncService } from './sync/service';
import type { SyncService } from './sync/service';
import { SyncWorker } from './sync/worker';
import { createFirstRun } from './sync/first-run';
import type { UpdateLog } from './update/controller';
import { createUpdateService, type UpdateService } from './update/service';
import { documentFolder, sealPlainDocuments, type DocumentFolder } from './store/sealed-files';
import { APP_VERSION } from './version';

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
  /** The main log file (src/main/log.ts): update events and errors. */
  updateLog?: UpdateLog;
  /** The version this counter runs; default package.json's (tests of updates pass others). */
  appVersion?: string;
}

export interface Counter extends Wired {
  app: App;
  counter: CounterInfo;
  auth: App['services']['auth'];
  printing: Printing;
  syncService: SyncService;
  /** Updates: the Electron shell attaches electron-updater to it (electron/updater.ts). */
  updates: UpdateService;
  /** The sync worker, when the counter syncs. */
  sync: SyncWorker | null;
  maintenance: ReturnType<typeof createMaintenance> | null;
  /** Stops upkeep, printing and sync, then closes the store. */
  close(): Promise<void>;
}

/** "Bưu điện tỉnh Sơn La": the office of this counter's province, as documents name it on top. */
export function officeOf(app: App): string {
  const p = app.db.prepare('SELECT full_name FROM provinces WHERE code = ?').get(app.counter.provinceCode) as { full_name: string } | undefined;
  return p ? `Bưu điện ${p.full_name.charAt(0).toLowerCase()}${p.full_name.slice(1)}` : DEFAULT_OFFICE;
}

/**
 * This counter's identity as everyone reads it: the store's (app.counter, re-read after enrollment
 * or the first run's identity step), so the status bar, receipts, records and audit entries always
 * name the counter the same way.
 */
function liveCounter(app: App): CounterInfo {
  return {
    get id() {
      return app.counter.id;
    },
    get name() {
      return app.counter.name;
    },
    get branchName() {
      return app.counter.branchName;
    },
  };
}

/** The data folder's documents/, sealed with the store's key. */
function documentsOf(app: App): DocumentFolder {
  return documentFolder(join(app.dataDir, 'documents'), app.storeKey);
}

function documentSources(app: App): RecordSources {
  const s = app.services;
  return {
    counter: Object.defineProperty(liveCounter(app), 'office', { get: () => officeOf(app), enumerable: true }) as CounterInfo & { office: string },
    view: (id) => s.lookup.get(id),
    batch: (id) => s.dispatch.getBatch(id),
    feePayments: (id) => s.lookup.feePayments(id),
    clerkName: (id) => s.auth.get(id)?.fullName ?? '',
    now: () => app.ctx.clock.now(),
    trackingBase: () => trackingBase(app.db),
    caseView: (id) => s.cases.get(id),
    branchReport: (period) => s.reports.branchPeriodic(period),
    privacyNotice: () => readPersonalDataPolicy(app.db).receiptNotice,
    documents: documentsOf(app),
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

/** The daily pruning of old store copies goes to the main log, as counts. */
function withPruneLog(log: UpdateLog | undefined): Pick<MaintenanceOptions, 'onPruned'> {
  if (!log) return {};
  return {
    onPruned: ({ quarantine, backups }) => {
      if (quarantine + backups > 0) log.info(`retention: removed ${quarantine} quarantine copies and ${backups} old backups`);
    },
  };
}

export function createCounter(opts: CounterOptions): Counter {
  const app = createApp(opts);
  // Documents an older version wrote before they were sealed are sealed once, here, before anything
  // else reads or writes documents/ (store/sealed-files.ts; crash-safe file by file).
  const sealedNow = sealPlainDocuments(documentsOf(app).dir, app.storeKey);
  if (sealedNow > 0) opts.updateLog?.info(`documents: sealed ${sealedNow} files written before sealing existed`);
  app.services.auth.ensureFirstAdmin();
  const counter: CounterInfo = liveCounter(app);
  const printing = counterPrinting(app, opts.printing);
  const worker = opts.sync ? new SyncWorker({ ctx: app.ctx, onReferenceChanged: () => app.refreshReference(), pollIntervalMs: opts.sync.pollIntervalMs }) : null;
  if (worker && opts.sync?.start !== false) worker.start();
  const maintenance = opts.maintenance ? createMaintenance(app.db, app.dataDir, { now: () => app.ctx.clock.now(), ...withPruneLog(opts.updateLog), ...opts.maintenance }) : null;
  maintenance?.start();
  const syncService = createSyncService({ db: app.db, clock: app.ctx.clock, secrets: app.secrets, counterId: app.counter.id, worker, onIdentityChanged: () => app.reloadIdentity() });
  const firstRun = createFirstRun({
    db: app.db,
    clock: app.ctx.clock,
    secrets: app.secrets,
    setup: app.services.setup,
    printing,
    worker,
    onIdentityChanged: () => app.reloadIdentity(),
    office: () => officeOf(app),
    appVersion: opts.appVersion ?? APP_VERSION,
  });
  const updates = createUpdateService({ db: app.db, appVersion: opts.appVersion ?? APP_VERSION, ...(opts.updateLog ? { log: opts.updateLog } : {}) });
  const managerDay = createManagerDay(app.ctx, {
    printDocument: (doc, actor) => printing.printDocument(doc, actor),
    htmlToPdf: opts.printing?.htmlToPdf,
    printHtml: opts.printing?.printHtml,
    documents: documentsOf(app),
    // Read at print time: the first run or an enrollment may change the identity while running.
    branch: {
      get office() {
        return officeOf(app);
      },
      get branchName() {
        return app.counter.branchName;
      },
      get counterName() {
        return app.counter.name;
      },
    },
  });
  const citizenRequests = createCitizenRequests(app.ctx, {
    htmlToPdf: opts.printing?.htmlToPdf,
    documents: documentsOf(app),
    heldBy: () => ({ office: officeOf(app), branch: app.counter.branchName, counter: app.counter.name }),
  });
  const display = createCustomerDisplay({ tariff: () => app.services.reference.tariff(), branchName: () => app.counter.branchName });
  const registry: Registry<Contract> = wire(
    {
      counter,
      clock: app.ctx.clock,
      services: app.services,
      receipts: createReceiptUseCases(app.services, printing),
      managerDay,
      printing,
      sync: syncService,
      firstRun,
      updates,
      citizenRequests,
      display,
      documents: createDocumentCopies(app.ctx, documentsOf(app)),
      recovery: createRecovery({
        db: app.db,
        clock: app.ctx.clock,
        key: app.storeKey,
        printing: {
          printDocument: (doc, actor) => printing.printDocument(doc, actor),
          place: () => ({ office: officeOf(app), branchName: app.counter.branchName, counterId: app.counter.id, counterName: app.counter.name }),
        },
      }),
    },
    opts.log,
  );
  return {
    app,
    counter,
    auth: app.services.auth,
    printing,
    syncService,
    updates,
    sync: worker,
    maintenance,
    registry,
    newSession: () => new Session(() => app.counter.id),
    async close() {
      updates.stop();
      display.close();
      await Promise.all([maintenance?.stop(), printing.stop(), worker?.stop()]).finally(() => app.close());
    },
  };
}
