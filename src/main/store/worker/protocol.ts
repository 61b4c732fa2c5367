/** What the main thread and the store worker's thread say to each other (store-worker.ts and
 * worker/store-thread.ts). */

/** Given to the thread at start. */
export interface StoreWorkerData {
  /** The store's database file. */
  file: string;
  /** Absolute path of the SQLite driver's entry (store/driver.ts), unpacked from the asar when packaged. */
  driver: string;
  /** The store key, hex (store/cipher.ts); absent for a plain database. */
  key?: string;
  thresholdBytes: number;
  hardCapBytes: number;
  intervalMs: number;
  quietMs: number;
}

export interface CheckpointStats {
  checkpoints: number;
  /** Frames in the WAL, and frames copied back, at the last checkpoint. */
  lastLogFrames: number;
  lastCopiedFrames: number;
  /** Checkpoints that could not copy everything (a reader held an older snapshot). */
  busy: number;
}

/** Requests with an `id` are answered by a `Reply` with the same id. */
export type Request =
  | { type: 'nudge' }
  | { type: 'stop' }
  | { type: 'stats'; id: number }
  | { type: 'integrity'; id: number }
  | { type: 'backup'; id: number; target: string };

export interface Reply {
  id: number;
  value?: unknown;
  error?: string;
}

/** Told without being asked: everything in the log was copied back, so the next commit restarts it. */
export interface CopiedNotice {
  notice: 'copied';
}
