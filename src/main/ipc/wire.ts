/**
 * Builds the one handler registry from the application (createApp). Electron main, the browser
 * bridge and the end-to-end tests all call this, so they share validation and handlers exactly.
 */
import { v7 } from 'uuid';
import type { App } from '../app';
import type { Contract } from '../../shared/ipc/contract';
import { contract } from '../../shared/ipc/contract';
import { createAuthService } from '../services/auth';
import type { AuthService } from '../services/auth';
import type { SyncState, SyncWorker } from '../sync/worker';
import { registerSyncHandlers } from './sync-handlers';
import type { Logger } from './registry';
import { Registry, Session } from './registry';
import type { PrintPort } from './service-handlers';
import { noPrinter, registerServiceHandlers } from './service-handlers';
import type { CounterInfo } from './session-handlers';
import { registerSessionHandlers } from './session-handlers';
import { intakePreview } from './preview';
import type { PrintAdmin } from './print-admin';
import { registerPrintAdminHandlers } from './print-admin';
import { CLOCK_SKEW_WARN_MS } from '../../shared/sync-protocol';

export interface WireOptions {
  log?: Logger;
  printer?: PrintPort;
  /** The print queue's history and the printer settings (absent: the screens say no printer is set up). */
  printAdmin?: PrintAdmin;
  /** The sync worker's state, when the counter is enrolled with the provincial hub. */
  sync?: () => SyncState;
  /** The sync worker itself: its channels (state, sync now, enrollment, refused operations) and nudges. */
  syncWorker?: SyncWorker;
}

const SYNC_LABELS: Record<SyncState['status'], string> = { synced: 'Đã đồng bộ', pending: 'Đang chờ gửi', offline: 'Mất kết nối máy chủ tỉnh', error: 'Lỗi đồng bộ' };

export interface Wired {
  registry: Registry<Contract>;
  auth: AuthService;
  counter: CounterInfo;
  newSession(): Session;
}

export function wire(app: App, opts: WireOptions = {}): Wired {
  const clock = app.ctx.clock;
  const auth = createAuthService({ db: app.db, clock, ids: { uuid: v7 } });
  auth.ensureFirstAdmin();
  const counter: CounterInfo = { id: app.counter.id, name: app.counter.name, branchName: app.counter.branchName };
  const printer = opts.printer ?? noPrinter;
  const registry = new Registry(contract, opts.log);
  registerSessionHandlers(registry, auth, counter);
  registerServiceHandlers(registry, app.services, printer);
  registerPrintAdminHandlers(registry, opts.printAdmin ?? null);
  registerSyncHandlers(registry, app, opts.syncWorker ?? null);
  const syncState = opts.sync ?? (opts.syncWorker ? () => opts.syncWorker!.getState() : undefined);
  registry.register('intake.preview', (i) => intakePreview(app, i));
  registry.register('status.get', () => {
    const now = clock.now();
    const st = syncState?.();
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
      return { printer: printer.state(), sync: { state, label: extra ? `${SYNC_LABELS[st.status]} (${extra})` : SYNC_LABELS[st.status], pending: st.pending }, now };
    }
    const pending = (app.db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number } | undefined)?.n ?? 0;
    return {
      printer: printer.state(),
      sync: { state: pending > 0 ? 'offline' : 'none', label: pending > 0 ? `Chưa nối máy chủ tỉnh, chờ gửi ${pending}` : 'Chưa nối máy chủ tỉnh', pending },
      now,
    };
  });
  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`IPC: no handler for ${missing.join(', ')}`);
  return { registry, auth, counter, newSession: () => new Session(counter.id) };
}
