/**
 * Updates as the rest of the counter sees them: whether the counter is idle (for the controller),
 * the status bar's update line (below the hub's minimum, downloading with its progress, ready, held
 * and why), the renderer's report of an unsaved form, and the moments of the counter's day (log-out
 * = shift close, lock, back to work, quit). Works without an updater too (browser mode, a counter run
 * from source): the status bar still says when this version is below the province's minimum.
 *
 * The Electron shell attaches electron-updater's platform updater (src/main/electron/updater.ts);
 * the tests attach the same class built with a test app adapter.
 */
import type { BaseUpdater } from 'electron-updater';
import type { StatusInfo } from '../../shared/ipc/channels/status';
import { isBelowMinimum } from '../../shared/app-update';
import type { Db } from '../store/db';
import { UpdateController, type ControllerTimers, type Moment, type UpdateLog } from './controller';
import { readUpdatePolicy } from './policy';

export interface UpdateServiceDeps {
  db: Db;
  /** The version this counter runs (package.json). */
  appVersion: string;
  log?: UpdateLog;
}

export interface AttachOptions {
  quit: () => void;
  /** How often the hub's policy is looked at (a changed one is applied and checked at once). Default 1 min. */
  tickMs?: number;
  /** A check for a new version at least this often. Default 4 h. */
  checkEveryMs?: number;
  lockIdleMs?: number;
  retryMs?: number;
  timers?: ControllerTimers;
}

export type UpdateService = ReturnType<typeof createUpdateService>;

const silent: UpdateLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function createUpdateService(d: UpdateServiceDeps) {
  const log = d.log ?? silent;
  let unsavedForm = false;
  let controller: UpdateController | null = null;
  let tick: unknown = null;
  let timers: ControllerTimers | null = null;

  const pendingPrints = d.db.prepare("SELECT count(*) AS n FROM print_jobs WHERE state IN ('queued', 'sending')");
  const pendingOps = d.db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");

  /** Why the counter is not idle now, in Vietnamese (empty: idle). */
  function busy(): string[] {
    const out: string[] = [];
    if (unsavedForm) out.push('biểu mẫu đang nhập dở chưa lưu');
    const prints = (pendingPrints.get() as { n: number }).n;
    if (prints > 0) out.push(`còn ${prints} lệnh in đang chờ hoặc đang in`);
    const ops = (pendingOps.get() as { n: number }).n;
    if (ops > 0) out.push(`còn ${ops} thao tác chưa gửi lên máy chủ tỉnh`);
    return out;
  }

  function statusLine(): StatusInfo['update'] {
    const policy = readUpdatePolicy(d.db);
    const min = policy?.policy.minVersion ?? null;
    const below = isBelowMinimum(d.appVersion, min);
    const s = controller?.state();
    const held = s && s.heldBy.length > 0 ? ` Đang chờ: ${s.heldBy.join('; ')}.` : '';
    if (s?.phase === 'installing') return { state: 'ready', label: `Đang cài bản ${s.version ?? ''}; phần mềm sẽ tự mở lại.`, percent: 100 };
    if (below) {
      const what = s?.phase === 'downloading' ? ` Đang tải bản mới: ${s.percent ?? 0}%.` : s?.phase === 'ready' ? ` Bản ${s.version ?? ''} đã tải xong.` : '';
      return { state: 'required', label: `Phiên bản ${d.appVersion} thấp hơn mức tối thiểu ${min ?? ''} của tỉnh: quầy sẽ tự cập nhật ngay khi rảnh.${what}${held}`, percent: s?.phase === 'downloading' ? (s.percent ?? 0) : null };
    }
    if (s?.phase === 'downloading') return { state: 'downloading', label: `Đang tải bản cập nhật ${s.version ?? ''}: ${s.percent ?? 0}%`, percent: s.percent ?? 0 };
    if (s?.phase === 'ready') return { state: 'ready', label: `Bản ${s.version ?? ''} đã tải xong; sẽ cài khi quầy rảnh (đóng ca, khoá quầy lâu hoặc tắt phần mềm).${held}`, percent: 100 };
    if (s?.phase === 'error') return { state: 'error', label: 'Chưa tải được bản cập nhật; sẽ thử lại sau.', percent: null };
    return { state: 'none', label: '', percent: null };
  }

  return {
    busy,
    statusLine,
    /** The renderer says whether a form holds input not yet saved. */
    setActivity(a: { unsavedForm: boolean }): void {
      unsavedForm = a.unsavedForm;
      if (!unsavedForm) controller?.retryHeld();
    },
    moment(m: Moment): ReturnType<UpdateController['moment']> {
      return controller ? controller.moment(m) : 'nothing';
    },
    /** The attached controller (null until the Electron shell attached an updater). */
    controller: (): UpdateController | null => controller,
    /** Plugs in electron-updater's platform updater and starts checking. */
    attach(updater: BaseUpdater, o: AttachOptions): UpdateController {
      const t = o.timers ?? { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms).unref(), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
      timers = t;
      const c = new UpdateController({
        updater,
        currentVersion: d.appVersion,
        policy: () => readUpdatePolicy(d.db),
        busy,
        quit: o.quit,
        log,
        ...(o.lockIdleMs !== undefined ? { lockIdleMs: o.lockIdleMs } : {}),
        ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}),
        timers: t,
      });
      controller = c;
      let seen = '';
      let lastCheck = -Infinity;
      const every = o.checkEveryMs ?? 4 * 3_600_000;
      const loop = () => {
        const p = readUpdatePolicy(d.db);
        const key = JSON.stringify(p);
        if (p && (key !== seen || Date.now() - lastCheck >= every)) {
          seen = key;
          lastCheck = Date.now();
          void c.check();
        }
        // Learned later that this version is below the minimum: install at the next idle moment.
        c.enforceMinimum();
        tick = t.setTimeout(loop, o.tickMs ?? 60_000);
      };
      loop();
      return c;
    },
    stop(): void {
      if (tick !== null && timers) timers.clearTimeout(tick);
      tick = null;
      controller?.stop();
    },
  };
}
