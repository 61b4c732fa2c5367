/**
 * The counter's sync with the provincial hub as the screens reach it: the worker's state, "sync
 * now", enrollment with a one-time code (admin), and the operations the hub refused, which a manager
 * reviews. Every successful write through IPC nudges the worker so the hub hears of it soon.
 */
import { DomainError } from '../../shared/errors';
import type { Contract, SyncInfoDto } from '../../shared/ipc/contract';
import type { App } from '../app';
import { enrollCounter } from '../sync/enroll';
import type { SyncWorker } from '../sync/worker';
import type { Registry } from './registry';

/** Channels that only read: they do not nudge the worker. */
const READS = /^(catalogue|reference|lookup|status|session|print\.(jobs|printers|settings)|sync\.|dispatch\.(pending|openBatches|awaitingAppointment)|results\.lists|intake\.preview)/;

export function registerSyncHandlers(reg: Registry<Contract>, app: App, worker: SyncWorker | null): void {
  const info = (): SyncInfoDto => {
    const row = app.db.prepare('SELECT hub_url, branch_code FROM sync_state WHERE id = 1').get() as { hub_url: string | null; branch_code: string | null } | undefined;
    const state = worker
      ? worker.getState()
      : { status: 'offline' as const, pending: 0, offlineSince: null, rejected: 0, clockSkewMs: null, lastSyncAt: null, lastError: null, enrolled: false, nextAttemptAt: null, notice: null };
    return { state, hubUrl: row?.hub_url ?? null, branchCode: row?.branch_code ?? null, available: worker !== null };
  };
  const need = (): SyncWorker => {
    if (!worker) throw new DomainError('NO_SYNC', 'Quầy này chạy không đồng bộ với máy chủ tỉnh.');
    return worker;
  };
  reg
    .register('sync.info', () => info())
    .register('sync.now', async () => {
      await need().syncNow();
      return info();
    })
    .register('sync.enroll', async (i) => {
      need();
      const r = await enrollCounter(app.db, { clock: app.ctx.clock, secrets: app.secrets }, i.hubUrl, i.code, `Quầy HCC ${app.counter.id}`);
      void worker?.syncNow();
      return r;
    })
    .register('sync.rejected', (i) => need().rejectedOps(i.includeReviewed ? { includeReviewed: true } : {}))
    .register('sync.acknowledge', (i, { actor }) => {
      need().acknowledgeRejected(i.seq, actor);
      return need().rejectedOps();
    });
  if (worker) reg.onSuccess((name) => (READS.test(name) ? undefined : worker.nudge()));
}
