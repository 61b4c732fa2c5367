/**
 * The counter's sync with the provincial hub. Composition (main process):
 *
 *   const worker = new SyncWorker({ ctx, online, onReferenceChanged: app.refreshReference });
 *   worker.start();                       // syncs at once, then on schedule
 *   after each use case: worker.nudge();  // push soon
 *   status bar: worker.subscribe(s => send('sync:state', s)); worker.getState()
 *   manager: worker.rejectedOps(); worker.acknowledgeRejected(seq, actor)
 *   setup: await enrollCounter(db, { clock }, hubUrl, code)
 */
export { SyncWorker } from './worker';
export type { OnlineSignal, RejectedOp, SyncState, SyncStatus, SyncWorkerOptions, Timers } from './worker';
export { enrollCounter } from './enroll';
export type { EnrollResult } from './enroll';
export { HubRefused, HubUnreachable } from './client';
