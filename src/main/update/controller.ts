/**
 * Drives electron-updater's platform updater (NsisUpdater on the counters' Windows) by the hub's
 * policy and the counter's work:
 *
 * - Source: the generic provider at the URL the hub gave (its own /updates/<channel>/ by default),
 *   reading `<channel>.yml`. The channel is set with electron-updater's `channel` setter, which turns
 *   `allowDowngrade` on; it is set back explicitly right after, to what IT said.
 * - Staged rollout and integrity are electron-updater's: `stagingPercentage` against its persistent
 *   staging id (same answer every time for one counter), sha512 of the download, and on Windows the
 *   publisher's signature (`publisherName` in app-update.yml, from electron-builder.yml).
 * - Download: in the background as soon as an update is offered, progress on the status bar.
 * - Install: only at a right moment AND when the counter is idle (`busy()` empty: no unsaved form,
 *   no print job waiting or printing, no operation waiting to be pushed). Right moments: the shift
 *   close (log-out), the lock screen after `lockIdleMs`, quit; below the hub's minimum version, any
 *   moment the counter is idle. A moment that finds the counter busy holds the install and checks
 *   again every `retryMs` until it is idle or the moment has passed (someone unlocked).
 *
 * electron-updater's own install-on-quit is off: quitting installs only through `moment('quit')`.
 */
import type { BaseUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import { compareVersions, isBelowMinimum } from '../../shared/app-update';
import type { ResolvedPolicy } from './policy';

export type Moment = 'shift-close' | 'lock' | 'active' | 'quit';

export interface UpdateLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export interface ControllerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
}

export interface UpdateControllerOptions {
  updater: BaseUpdater;
  currentVersion: string;
  /** The hub's latest policy with its feed URL; null when the counter is not enrolled. */
  policy: () => ResolvedPolicy | null;
  /** Why installing now would lose or interrupt work (Vietnamese), empty when idle. */
  busy: () => string[];
  /** Called after the installer was started: the application quits so it can replace it. */
  quit: () => void;
  log: UpdateLog;
  /** How long the lock screen stays up before an update installs (default 10 minutes). */
  lockIdleMs?: number;
  /** While an install is held: how often idleness is checked again (default 15 s). */
  retryMs?: number;
  timers?: ControllerTimers;
}

export type ControllerPhase = 'idle' | 'checking' | 'downloading' | 'ready' | 'installing' | 'error';

export interface ControllerState {
  phase: ControllerPhase;
  /** The version offered / downloaded. */
  version: string | null;
  percent: number | null;
  /** Why an install waits (busy reasons), when it does. */
  heldBy: string[];
  error: string | null;
  /** electron-updater's error code (ERR_CHECKSUM_MISMATCH, ERR_UPDATER_INVALID_SIGNATURE…). */
  errorCode: string | null;
}

const defaultTimers: ControllerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class UpdateController {
  private readonly o: UpdateControllerOptions;
  private readonly timers: ControllerTimers;
  private phase: ControllerPhase = 'idle';
  private version: string | null = null;
  private percent: number | null = null;
  private lastLoggedQuarter = -1;
  private error: string | null = null;
  private errorCode: string | null = null;
  private heldBy: string[] = [];
  /** The moment an install is waiting at (null: none). */
  private waiting: Exclude<Moment, 'active' | 'quit'> | 'minimum' | null = null;
  private lockTimer: unknown = null;
  /**
   * Nobody is at work: logged out (shift closed) or on the lock screen. A download that finishes
   * meanwhile installs (after the lock's countdown) without waiting for another moment.
   */
  private away: 'shift-close' | 'lock' | null = null;
  private retryTimer: unknown = null;
  private appliedFeed: string | null = null;
  private running: Promise<void> | null = null;

  constructor(o: UpdateControllerOptions) {
    this.o = o;
    this.timers = o.timers ?? defaultTimers;
    const u = o.updater;
    u.autoDownload = true;
    u.autoInstallOnAppQuit = false;
    u.disableWebInstaller = true;
    u.logger = o.log;
    u.on('update-available', (info: UpdateInfo) => {
      this.phase = 'downloading';
      this.version = info.version;
      this.percent = 0;
      this.lastLoggedQuarter = 0;
      o.log.info(`update ${info.version} offered (running ${o.currentVersion}); downloading in the background`);
    });
    u.on('update-not-available', (info: UpdateInfo) => {
      if (this.phase !== 'ready') this.phase = 'idle';
      o.log.info(`no update to install (channel file says ${info.version}, running ${o.currentVersion})`);
    });
    u.on('download-progress', (p: ProgressInfo) => {
      this.percent = Math.floor(p.percent);
      const quarter = Math.floor(p.percent / 25);
      if (quarter > this.lastLoggedQuarter) {
        this.lastLoggedQuarter = quarter;
        // In MB: byte counts are runs of digits, which the log's scrubber takes for ID numbers.
        const mb = (n: number) => (n / 1_048_576).toFixed(1);
        o.log.info(`update ${this.version ?? '?'} download ${Math.floor(p.percent)}% (${mb(p.transferred)} / ${mb(p.total)} MB)`);
      }
    });
    u.on('update-downloaded', (info: UpdateInfo) => {
      this.phase = 'ready';
      this.version = info.version;
      this.percent = 100;
      this.error = null;
      this.errorCode = null;
      o.log.info(`update ${info.version} downloaded and verified; installs at the next idle moment`);
      if (this.enforceMinimum() !== 'nothing') return;
      if (this.away === 'shift-close') this.tryInstall('shift-close');
      else if (this.away === 'lock' && this.lockTimer === null) this.startLockCountdown();
    });
    u.on('error', (err: Error & { code?: unknown }) => {
      this.error = err.message;
      this.errorCode = typeof err.code === 'string' ? err.code : null;
      if (this.phase !== 'ready') this.phase = 'error';
      o.log.error('update failed', err);
    });
  }

  /** Applies the hub's policy to the updater; false when there is none (not enrolled). */
  private applyPolicy(): boolean {
    const p = this.o.policy();
    if (!p) return false;
    const u = this.o.updater;
    if (this.appliedFeed !== p.feedUrl) {
      u.setFeedURL({ provider: 'generic', url: p.feedUrl, channel: p.policy.channel });
      this.appliedFeed = p.feedUrl;
    }
    // The setter turns allowDowngrade on (electron-updater's choice for beta → stable moves): set it
    // back to what IT said, after the setter, every time.
    u.channel = p.policy.channel;
    u.allowDowngrade = p.policy.allowDowngrade;
    return true;
  }

  /**
   * Asks the channel for a newer version; an offered one downloads in the background. Resolves when
   * the check (and the download it started) is over; a call during one joins it.
   */
  check(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runCheck().finally(() => (this.running = null));
    return this.running;
  }

  private async runCheck(): Promise<void> {
    if (this.phase === 'installing') return;
    if (!this.applyPolicy()) return;
    const before = this.phase;
    this.phase = 'checking';
    try {
      const r = await this.o.updater.checkForUpdates();
      if (this.phase === 'checking') this.phase = before === 'ready' ? 'ready' : 'idle';
      // Waits for the background download (its errors are reported through 'error').
      await r?.downloadPromise?.catch(() => undefined);
    } catch {
      // Reported through the updater's 'error' event (logged there).
      if (this.phase === 'checking') this.phase = 'error';
    }
  }

  belowMinimum(): boolean {
    const p = this.o.policy();
    return p !== null && isBelowMinimum(this.o.currentVersion, p.policy.minVersion);
  }

  state(): ControllerState {
    return { phase: this.phase, version: this.version, percent: this.percent, heldBy: [...this.heldBy], error: this.error, errorCode: this.errorCode };
  }

  /** A moment in the counter's day; returns what happened to a downloaded update. */
  moment(m: Moment): 'installed' | 'held' | 'waiting' | 'nothing' {
    if (m === 'active') {
      this.away = null;
      this.clearLock();
      if (this.waiting !== 'minimum') this.release();
      return 'nothing';
    }
    if (m === 'lock') {
      this.away = 'lock';
      this.clearLock();
      if (this.phase !== 'ready') return 'nothing';
      this.startLockCountdown();
      return 'waiting';
    }
    if (m === 'quit') {
      // The application is going: install now if nothing would be lost, else at the next moment.
      if (this.phase !== 'ready') return 'nothing';
      const busy = this.o.busy();
      if (busy.length > 0) {
        this.o.log.warn(`update ${this.version ?? '?'} not installed at quit: ${busy.join('; ')}`);
        return 'held';
      }
      return this.install(false) ? 'installed' : 'nothing';
    }
    this.away = 'shift-close';
    return this.tryInstall('shift-close');
  }

  /** Below the hub's minimum version: install at the first idle moment, whatever the moment. */
  enforceMinimum(): 'installed' | 'held' | 'nothing' {
    if (this.phase !== 'ready' || !this.belowMinimum()) return 'nothing';
    return this.tryInstall('minimum');
  }

  private startLockCountdown(): void {
    this.lockTimer = this.timers.setTimeout(() => {
      this.lockTimer = null;
      if (this.away === 'lock') this.tryInstall('lock');
    }, this.o.lockIdleMs ?? 10 * 60_000);
  }

  /** Checks a held install again (also on a timer): installs when the counter has become idle. */
  retryHeld(): 'installed' | 'held' | 'nothing' {
    if (this.waiting === null) return 'nothing';
    return this.tryInstall(this.waiting);
  }

  private tryInstall(at: 'shift-close' | 'lock' | 'minimum'): 'installed' | 'held' | 'nothing' {
    if (this.phase !== 'ready') return 'nothing';
    const busy = this.o.busy();
    if (busy.length > 0) {
      if (this.waiting === null || this.heldBy.join() !== busy.join()) this.o.log.info(`update ${this.version ?? '?'} install held (${at}): ${busy.join('; ')}`);
      this.waiting = at;
      this.heldBy = busy;
      this.scheduleRetry();
      return 'held';
    }
    this.release();
    return this.install(true) ? 'installed' : 'nothing';
  }

  /** Runs the installer silently and quits; `relaunch`: the counter comes back by itself. */
  private install(relaunch: boolean): boolean {
    if (this.version !== null && compareVersions(this.version, this.o.currentVersion) === 0) return false;
    this.phase = 'installing';
    this.o.log.info(`installing update ${this.version ?? '?'} over ${this.o.currentVersion}${relaunch ? ', then restarting' : ''}`);
    const started = this.o.updater.install(true, relaunch);
    if (!started) {
      this.phase = 'error';
      this.error = 'Không chạy được bộ cài đặt.';
      this.o.log.error(`update ${this.version ?? '?'}: the installer did not start`);
      return false;
    }
    this.o.quit();
    return true;
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null) return;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.retryHeld();
    }, this.o.retryMs ?? 15_000);
  }

  private release(): void {
    this.waiting = null;
    this.heldBy = [];
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearLock(): void {
    if (this.lockTimer !== null) this.timers.clearTimeout(this.lockTimer);
    this.lockTimer = null;
  }

  /** Stops the timers (the counter is closing). */
  stop(): void {
    this.clearLock();
    this.release();
  }
}
