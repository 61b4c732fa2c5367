/**
 * The counter's sync with the provincial hub as the screens reach it: the worker's state and where
 * it syncs to, "sync now", enrollment with a one-time code, the operations the hub refused (which a
 * manager reviews), and the status bar's line. A counter built without a worker (it does not sync)
 * gets the same service, which says so.
 */
import { DomainError } from '../../shared/errors';
import type { StatusInfo } from '../../shared/ipc/channels/status';
import type { RejectedOpDto, SyncInfoDto, SyncStateDto } from '../../shared/ipc/dto';
import type { Clock, SecretBox } from '../../shared/ports';
import { CLOCK_SKEW_WARN_MS } from '../../shared/sync-protocol';
import type { Actor } from '../services/context';
import type { Db } from '../store/db';
import { enrollCounter, type EnrollResult } from './enroll';
import type { SyncWorker } from './worker';

/** What the service needs of the worker. */
export type SyncWorkerPort = Pick<SyncWorker, 'getState' | 'syncNow' | 'nudge' | 'rejectedOps' | 'acknowledgeRejected'>;

export interface SyncServiceDeps {
  db: Db;
  clock: Clock;
  secrets: SecretBox;
  /** This counter's id, named to the hub at enrollment. */
  counterId: string;
  worker: SyncWorkerPort | null;
  /** Enrollment gave this counter its names from the hub: everyone holding them re-reads. */
  onIdentityChanged?: () => void;
}

const SYNC_LABELS: Record<SyncStateDto['status'], string> = { synced: 'Đã đồng bộ', pending: 'Đang chờ gửi', offline: 'Mất kết nối máy chủ tỉnh', error: 'Lỗi đồng bộ' };

const NO_WORKER_STATE: SyncStateDto = { status: 'offline', pending: 0, offlineSince: null, rejected: 0, clockSkewMs: null, lastSyncAt: null, lastError: null, enrolled: false, nextAttemptAt: null, notice: null };

export type SyncService = ReturnType<typeof createSyncService>;

export function createSyncService(d: SyncServiceDeps) {
  const { db, worker } = d;
  const need = (): SyncWorkerPort => {
    if (!worker) throw new DomainError('NO_SYNC', 'Quầy này chạy không đồng bộ với máy chủ tỉnh.');
    return worker;
  };

  function info(): SyncInfoDto {
    const row = db.prepare('SELECT hub_url, branch_code FROM sync_state WHERE id = 1').get() as { hub_url: string | null; branch_code: string | null } | undefined;
    const state = worker ? worker.getState() : NO_WORKER_STATE;
    return { state, hubUrl: row?.hub_url ?? null, branchCode: row?.branch_code ?? null, available: worker !== null };
  }

  /** The status bar's sync line: the worker's state once enrolled, else how much waits to be sent. */
  function statusLine(): StatusInfo['sync'] {
    const st = worker?.getState();
    if (st && st.enrolled !== false) {
      const state = st.status === 'synced' ? 'ok' : st.status === 'pending' ? 'pending' : 'offline';
      // The hub's clock is the reference; a counter clock more than two minutes off is shown, never used.
      const skewMin = st.clockSkewMs !== null && Math.abs(st.clockSkewMs) > CLOCK_SKEW_WARN_MS ? Math.round(st.clockSkewMs / 60_000) : 0;
      const extra = [
        st.pending > 0 ? `chờ gửi ${st.pending}` : '',
        st.rejected > 0 ? `${st.rejected} bị từ chối` : '',
        skewMin !== 0 ? `đồng hồ máy lệch ${Math.abs(skewMin)} phút so với máy chủ` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const p = st.pullProgress;
      if (p) {
        // A new counter's first pull takes a while: say how far it has come.
        const n = (x: number) => x.toLocaleString('vi-VN');
        const of = p.total !== null && p.total > 0 ? ` / ${n(p.total)} (${Math.min(100, Math.floor((p.received * 100) / p.total))}%)` : ' mục';
        return { state: 'pending', label: `Đang tải dữ liệu từ máy chủ tỉnh: ${n(p.received)}${of}`, pending: st.pending };
      }
      return { state, label: extra ? `${SYNC_LABELS[st.status]} (${extra})` : SYNC_LABELS[st.status], pending: st.pending };
    }
    const pending = (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number } | undefined)?.n ?? 0;
    return { state: pending > 0 ? 'offline' : 'none', label: pending > 0 ? `Chưa nối máy chủ tỉnh, chờ gửi ${pending}` : 'Chưa nối máy chủ tỉnh', pending };
  }

  return {
    info,
    statusLine,
    async syncNow(): Promise<SyncInfoDto> {
      await need().syncNow();
      return info();
    },
    /** Enrollment with the one-time code provincial IT gave (admin); syncs at once after. */
    async enroll(hubUrl: string, code: string): Promise<EnrollResult> {
      need();
      const r = await enrollCounter(db, { clock: d.clock, secrets: d.secrets }, hubUrl, code, `Quầy HCC ${d.counterId}`);
      d.onIdentityChanged?.();
      void worker?.syncNow();
      return r;
    },
    rejected(opts: { includeReviewed?: boolean | undefined }): RejectedOpDto[] {
      return need().rejectedOps(opts.includeReviewed ? { includeReviewed: true } : {});
    },
    acknowledge(seq: number, actor: Actor): RejectedOpDto[] {
      need().acknowledgeRejected(seq, actor);
      return need().rejectedOps();
    },
    /** After a local write: push it to the hub soon. */
    nudge(): void {
      worker?.nudge();
    },
  };
}
