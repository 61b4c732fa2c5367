/** Counters for sync tests: a real app on a real SQLite file in a temp folder, enrolled with a real hub. */
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { DEFAULT_COUNTER } from '../../../src/main/app';
import { enrollCounter } from '../../../src/main/sync/enroll';
import { SyncWorker, type SyncWorkerOptions } from '../../../src/main/sync/worker';
import { createTestApp, testClock, type TestApp, type TestClock } from '../../helpers/app';
import { afterEach } from 'vitest';
import { freshHub, type TestHub } from '../hub/harness';

export interface TestCounter extends TestApp {
  worker: SyncWorker;
  /** Every delay the worker scheduled, in order. */
  scheduled: number[];
  enroll(hub: TestHub): Promise<void>;
}

let rangeBase = 20_000_000;

/** Timers that record what the worker schedules but never fire: tests drive `syncNow()` themselves. */
export function recordingTimers(scheduled: number[]): NonNullable<SyncWorkerOptions['timers']> {
  let n = 0;
  return {
    setTimeout: (_fn, ms) => {
      scheduled.push(ms);
      return ++n;
    },
    clearTimeout: () => undefined,
  };
}

export function counter(id: string, opts: { clock?: TestClock; branchCode?: string; worker?: Partial<SyncWorkerOptions>; dir?: string } = {}): TestCounter {
  const first = (rangeBase += 1_000_000);
  const app = createTestApp({
    ...(opts.dir ? { dir: opts.dir } : {}),
    clock: opts.clock ?? testClock(),
    counter: { ...DEFAULT_COUNTER, id, name: `Quầy ${id}`, branchCode: opts.branchCode ?? DEFAULT_COUNTER.branchCode, provisionalRange: { prefix: 'EA', first, last: first + 999_999 } },
  });
  const scheduled: number[] = [];
  const worker = new SyncWorker({ ctx: app.ctx, timers: recordingTimers(scheduled), random: () => 0.5, onReferenceChanged: () => app.refreshReference(), ...opts.worker });
  return Object.assign(app, {
    worker,
    scheduled,
    async enroll(hub: TestHub) {
      const { code } = await createEnrollmentCode(hub.db, { branchCode: opts.branchCode ?? DEFAULT_COUNTER.branchCode, branchName: 'Bưu điện Thành phố Sơn La', counterId: id, counterName: `Quầy ${id}` }, Date.now());
      await enrollCounter(app.db, { clock: app.clock }, hub.url, code, `PC ${id}`);
    },
  });
}

/**
 * For a test file: a fresh database and a real hub before its tests, and every counter made with
 * `make` (or pushed to `live`) stopped and disposed after each test. Call inside the describe block.
 */
export function hubWithCounters(): {
  readonly hub: TestHub;
  /** The hub's database URL (for the hub's CLI). */
  readonly dbUrl: string;
  live: TestCounter[];
  make(id: string, opts?: Parameters<typeof counter>[1]): TestCounter;
  /** Two counters of one branch on one clock (`<tag>-Q1`, `<tag>-Q2`), enrolled and synced once (each has its serial range). */
  pair(tag: string): Promise<[TestCounter, TestCounter]>;
} {
  let hub: TestHub | undefined;
  let dbUrl: string | undefined;
  const live: TestCounter[] = [];
  freshHub((h, t) => {
    hub = h;
    dbUrl = t.url;
  });
  afterEach(async () => {
    for (const c of live.splice(0)) {
      await c.worker.stop();
      c.dispose();
    }
  });
  return {
    get dbUrl() {
      if (!dbUrl) throw new Error('the hub starts in beforeAll');
      return dbUrl;
    },
    get hub() {
      if (!hub) throw new Error('the hub starts in beforeAll');
      return hub;
    },
    live,
    make(id, opts = {}) {
      const c = counter(id, opts);
      live.push(c);
      return c;
    },
    async pair(tag) {
      const h = this.hub;
      const clock = testClock();
      const a = this.make(`${tag}-Q1`, { clock });
      const b = this.make(`${tag}-Q2`, { clock });
      await a.enroll(h);
      await b.enroll(h);
      for (const c of [a, b]) {
        const s = await c.worker.syncNow();
        if (s.status !== 'synced') throw new Error(`first sync of ${c.counter.id}: ${s.status}`);
      }
      return [a, b];
    },
  };
}
