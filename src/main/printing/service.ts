/**
 * The durable print queue and its worker.
 *
 * Rules (issue 4): a job is committed before the clerk is told "đã xếp hàng in"; one job at a time
 * per printer, in order; an automatic retry only when not a byte of the job was offered to the link;
 * after a partial or unknown send the job waits for the clerk (print a marked copy, or mark as
 * printed); every repeat is a new job printed "BẢN IN LẠI – lần n" with the time, so an original is
 * never printed twice unmarked; jobs survive restarts (one found 'sending' at start needs attention);
 * every attempt is a print_attempts row and an audit_log row.
 *
 * The parts: the tables (queue-store.ts), the clerk's decisions (queue-decisions.ts), sending one job
 * (queue-sender.ts), the printers' states (queue-status.ts). This file runs the worker: one loop per
 * printer, woken by a new job and by a timer.
 */
import type { Clock } from '../../shared/ports';
import type { Db } from '../store/db';
import { createTransport, type PrinterProfile } from './profiles';
import { createDecisions } from './queue-decisions';
import type { RetryPolicy } from './queue-sender';
import { createSender } from './queue-sender';
import { createPrinterStatus } from './queue-status';
import { createQueueStore, jobView } from './queue-store';
import type { Transport } from './transports/types';

export interface PrintServiceDeps {
  db: Db;
  clock: Clock;
  profiles: PrinterProfile[];
  /** Transports by profile id; missing ones are built from the profile. */
  transports?: Record<string, Transport>;
  retry?: Partial<RetryPolicy>;
  /** Worker poll interval (ms). */
  pollMs?: number;
  /** Printer status poll interval when idle (ms); 0 turns polling off. */
  statusPollMs?: number;
  random?: () => number;
  log?: (msg: string, err?: unknown) => void;
}

export type PrintService = ReturnType<typeof createPrintService>;

export function createPrintService(deps: PrintServiceDeps) {
  const { db, clock } = deps;
  const pollMs = deps.pollMs ?? 250;
  const statusPollMs = deps.statusPollMs ?? 30_000;
  const log = deps.log ?? ((m: string, e?: unknown) => console.error(`[print] ${m}`, e ?? ''));
  if (deps.profiles.length === 0) throw new Error('no printer profiles');
  const profiles = new Map(deps.profiles.map((p) => [p.id, p]));
  const transports = new Map<string, Transport>();
  for (const p of deps.profiles) transports.set(p.id, deps.transports?.[p.id] ?? createTransport(p));
  const defaultPrinter = (deps.profiles.find((p) => p.isDefault) ?? deps.profiles[0]!).id;
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let draining = false;
  let lastStatusPoll = 0;

  const store = createQueueStore(db, clock);
  const status = createPrinterStatus({ clock, store, profiles: deps.profiles, transports, busy, log });
  const sender = createSender({
    db,
    clock,
    store,
    profiles,
    transports,
    reportState: status.set,
    retry: { baseMs: 1000, maxMs: 30_000, maxAuto: 6, ...deps.retry },
    random: deps.random ?? Math.random,
  });
  const decisions = createDecisions({ db, clock, store, profiles, defaultPrinter, kick });

  function runPrinter(printerId: string): void {
    if (busy.has(printerId)) return;
    busy.add(printerId);
    const p = (async () => {
      try {
        while (running || draining) {
          if (!(await sender.processJob(printerId))) break;
        }
      } catch (e) {
        log(`worker ${printerId}`, e);
      } finally {
        busy.delete(printerId);
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  function tick(): void {
    if (!running) return;
    for (const id of profiles.keys()) runPrinter(id);
    if (statusPollMs > 0 && clock.now() - lastStatusPoll >= statusPollMs) {
      lastStatusPoll = clock.now();
      void status.refreshStatus().catch((e) => log('status poll', e));
    }
  }

  function kick(): void {
    if (running) setImmediate(tick);
  }

  function start(): { recovered: number } {
    if (running) return { recovered: 0 };
    const recovered = sender.recover();
    running = true;
    timer = setInterval(tick, pollMs);
    kick();
    return { recovered };
  }

  /** Stops taking new jobs and waits for the sends in progress to end. */
  async function stop(): Promise<void> {
    running = false;
    if (timer) clearInterval(timer);
    timer = null;
    await Promise.allSettled([...inFlight]);
  }

  /** Processes every due job once, without the timer (tests, and a manual "print now"). */
  async function drain(): Promise<void> {
    draining = true;
    try {
      for (const id of profiles.keys()) runPrinter(id);
      await Promise.allSettled([...inFlight]);
    } finally {
      draining = false;
    }
  }

  return {
    ...decisions,
    jobs: store.jobs,
    attempts: store.attempts,
    printerStatus: status.printerStatus,
    refreshStatus: status.refreshStatus,
    start,
    stop,
    drain,
    recover: sender.recover,
    job: (id: string) => jobView(store.getJob(id)),
  };
}
