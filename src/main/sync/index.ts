/**
 * The counter's sync with the provincial hub. Composition (src/main/counter.ts does this):
 *
 *   const worker = new SyncWorker({ ctx, online, onReferenceChanged: app.refreshReference });
 *   worker.start();                       // syncs at once, then on schedule
 *   const sync = createSyncService({ db, clock, secrets, counterId, worker });
 *   after each write through IPC: sync.nudge();  // push soon
 *   status bar: sync.statusLine(); the sync screen: sync.info(), sync.syncNow()
 *   manager: sync.rejected(); sync.acknowledge(seq, actor)
 *   setup: await sync.enroll(hubUrl, code)     // enrollCounter (enroll.ts)
 */
export { SyncWorker } from './worker';
export type { OnlineSignal, RejectedOp, SyncState, SyncStatus, SyncWorkerOptions, Timers } from './worker';
export { enrollCounter } from './enroll';
export { createSyncService, type SyncService } from './service';
export type { EnrollResult } from './enroll';
export { HubRefused, HubUnreachable } from './client';
