/**
 * The signed-in part of the counter: the shell (navigation, global keys, scanner, status bar, idle
 * lock) and every screen. A chunk of its own, loaded by App.tsx while the log-in screen is shown, so
 * that the log-in screen paints from a small entry script (the cold start, tests/bench/startup.bench.ts).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SessionInfo, StatusInfo } from '../../shared/ipc/contract';
import { checkItemNumber } from '../../shared/s10';
import { api } from './api';
import { enterToNext, globalChord, KEYMAP, onWindowKey, SCREEN_KEYS, suspendScreenKeys } from './keyboard';
import type { ScreenId } from './keyboard';
import { LockedGate } from './Login';
import { ScanDetector } from './scanner';
import type { ScreenActions, ShellApi } from './shell';
import { ShellContext } from './shell';
import { beep, FlashLine, viDateTime } from './ui';
import type { Flash } from './ui';
import { IntakeScreen } from './screens/Intake';
import { LookupScreen } from './screens/Lookup';
import { DossierScreen } from './screens/Dossier';
import { DispatchScreen } from './screens/Dispatch';
import { ResultsScreen } from './screens/Results';
import { HandoverScreen } from './screens/Handover';
import { DeliveryScreen } from './screens/Delivery';
import { ClerksScreen } from './screens/Clerks';
import { PrintersScreen } from './screens/Printers';
import { SyncScreen } from './screens/Sync';
import { ShiftCloseScreen } from './screens/ShiftClose';
import { DayReportScreen } from './screens/DayReport';
import { OverdueScreen } from './screens/Overdue';
import { AuditScreen } from './screens/Audit';
import { DashboardScreen } from './screens/Dashboard';
import { SetupScreen } from './screens/setup/SetupScreen';
import type { SetupStep } from '../../shared/ipc/contract';
import { SETUP_STEP_TITLES, SETUP_STEPS } from '../../shared/ipc/channels/setup';
import { CasesScreen } from './screens/cases/Cases';
import { CitizenDataScreen } from './screens/CitizenData';
import { RecoveryScreen } from './screens/Recovery';

export const SCREEN_TITLES: Record<ScreenId, string> = {
  intake: 'Tiếp nhận hồ sơ',
  lookup: 'Tra cứu',
  dispatch: 'Giao hồ sơ cho cơ quan',
  handover: 'Trả kết quả',
  results: 'Nhận kết quả',
  delivery: 'Danh sách phát',
  dossier: 'Chi tiết hồ sơ',
  clerks: 'Giao dịch viên',
  printers: 'Máy in và hàng đợi in',
  sync: 'Đồng bộ máy chủ tỉnh',
  shift: 'Kết ca',
  dayReport: 'Báo cáo cuối ngày',
  overdue: 'Danh sách quá hạn',
  audit: 'Nhật ký thao tác',
  dashboard: 'Bảng điều khiển 30 ngày',
  setup: 'Thiết lập quầy',
  cases: 'Khiếu nại, mất hỏng, bồi thường',
  citizenData: 'Yêu cầu dữ liệu cá nhân của công dân',
  recovery: 'Mã khôi phục dữ liệu',
};

const NAV: { screen: ScreenId; key: string }[] = [
  { screen: 'intake', key: 'F2' },
  { screen: 'lookup', key: 'F3' },
  { screen: 'dispatch', key: 'F4' },
  { screen: 'handover', key: 'F6' },
  { screen: 'printers', key: 'F7' },
  { screen: 'cases', key: 'F8' },
  { screen: 'results', key: 'F9' },
];

/** The element that had the focus when the counter locked: it gets it back at unlock. */
let focusAtLock: string | null = null;
const rememberFocus = () => (focusAtLock = document.activeElement?.id || null);

/**
 * The shell stays mounted under the lock screen, hidden and inert, so the clerk's unsaved form
 * survives the lock; the screens hear no key meanwhile (onWindowKey). Unlocked by the same clerk or
 * a manager (who then works on it as themselves); Esc signs out, and the next person starts with
 * an empty shell: nobody else ever sees the form.
 */
export function LockableShell({ session, onSession }: { session: SessionInfo; onSession: (s: SessionInfo) => void }) {
  const unsaved = useRef<() => string | null>(() => null);
  const locked = session.locked;
  useLayoutEffect(() => {
    suspendScreenKeys(locked);
    return () => suspendScreenKeys(false);
  }, [locked]);
  useEffect(() => {
    if (locked || !focusAtLock) return;
    document.getElementById(focusAtLock)?.focus();
    focusAtLock = null;
  }, [locked]);
  return (
    <>
      <div style={{ display: locked ? 'none' : 'contents' }} inert={locked} aria-hidden={locked || undefined} data-testid="shell-frame">
        <Shell session={session} onSession={onSession} unsavedRef={unsaved} />
      </div>
      {locked ? <LockedGate session={session} onDone={onSession} unsaved={() => unsaved.current()} /> : null}
    </>
  );
}

/** The input that counts as someone at the counter: keys, the mouse, a touch. */
const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Locks the counter after `minutes` without input (reference kind counter_security; null: not now).
 * Measured on the wall clock each second, so a PC that slept locks at once when it wakes.
 */
function useIdleLock(minutes: number | null, lock: (idle: boolean) => void): void {
  useEffect(() => {
    if (minutes === null) return;
    let last = Date.now();
    const bump = () => (last = Date.now());
    for (const e of ACTIVITY) window.addEventListener(e, bump, { capture: true, passive: true });
    const t = setInterval(() => {
      if (Date.now() - last < minutes * 60_000) return;
      last = Date.now();
      lock(true);
    }, 1000);
    return () => {
      clearInterval(t);
      for (const e of ACTIVITY) window.removeEventListener(e, bump, { capture: true });
    };
  }, [minutes, lock]);
}

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;

/** Takes a scanned code back out of the field it was typed into (React sees the change). */
function unType(el: Element | null, code: string): void {
  if (!(el instanceof HTMLInputElement) || !nativeValue) return;
  if (!el.value.endsWith(code)) return;
  nativeValue.call(el, el.value.slice(0, el.value.length - code.length));
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function Shell({ session, onSession, unsavedRef }: { session: SessionInfo; onSession: (s: SessionInfo) => void; unsavedRef: { current: () => string | null } }) {
  const [screen, setScreen] = useState<ScreenId>('intake');
  const [dossierId, setDossierId] = useState<string | null>(null);
  const [history, setHistory] = useState<ScreenId[]>([]);
  const [overlay, setOverlay] = useState<'help' | 'palette' | null>(null);
  const [flash, setFlash] = useState<Flash>(null);
  const [status, setStatus] = useState<StatusInfo | null>(null);
  const [overdue, setOverdue] = useState<number | null>(null);
  const [skew, setSkew] = useState(0);
  const skewRef = useRef(0);
  skewRef.current = skew;
  const [, tick] = useState(0);
  const actions = useRef<ScreenActions>({});
  const [visit, setVisit] = useState(0);
  const [setupStep, setSetupStep] = useState<SetupStep | null>(null);
  const locked = session.locked;
  unsavedRef.current = () => actions.current.dirty?.() ?? null;

  const go = useCallback((s: ScreenId, id?: string) => {
    setHistory((h) => [...h.slice(-9), screen]);
    if (id) setDossierId(id);
    // The handover screen opens the dossier it was sent with (from the delivery list), the complaints
    // screen the case it was sent with (from the overdue list); else they start empty.
    else if (s === 'handover' || s === 'cases') setDossierId(null);
    setFlash(null);
    setScreen(s);
    setVisit((v) => v + 1);
    setOverlay(null);
  }, [screen]);

  const loadStatus = useCallback(
    () =>
      void api()['status.get']({}).then((r) => {
        if (r.ok) {
          setStatus(r.value);
          setSkew(r.value.now - Date.now());
        }
      }),
    [],
  );
  const shell: ShellApi = useMemo(
    () => ({ go, flash: setFlash, setActions: (a) => (actions.current = a), clerkName: session.clerk?.fullName ?? '', role: session.clerk?.role ?? 'clerk', now: () => Date.now() + skewRef.current, refreshStatus: loadStatus }),
    [go, session.clerk?.fullName, session.clerk?.role, loadStatus],
  );

  // Status: printer, sync and the time from main, every 5 s (a local call); the clock ticks locally in between.
  useEffect(() => {
    if (locked) return;
    const load = loadStatus;
    // The manager sees the overdue count from the log-in on (refreshed each minute); a clerk does not ask.
    const isManager = session.clerk?.role === 'manager' || session.clerk?.role === 'admin';
    const loadOverdue = () => void (isManager ? api()['overdue.count']({}).then((r) => r.ok && setOverdue(r.value.count)) : undefined);
    load();
    loadOverdue();
    const c = setInterval(loadOverdue, 60_000);
    const a = setInterval(load, 5_000);
    const b = setInterval(() => tick((t) => t + 1), 1000);
    return () => {
      clearInterval(a);
      clearInterval(b);
      clearInterval(c);
    };
  }, [loadStatus, session.clerk?.role, locked]);

  const lock = useCallback(
    (idle = false) => {
      rememberFocus();
      void api()['session.lock'](idle ? { idle } : {}).then((r) => r.ok && onSession(r.value));
    },
    [onSession],
  );
  useIdleLock(locked ? null : session.idleLockMinutes, lock);
  // Sign-out ends the session (the next clerk logs in); unsaved input on the screen stops it with what to do.
  const logout = useCallback(() => {
    const unsaved = actions.current.dirty?.();
    if (unsaved) {
      beep();
      setFlash({ kind: 'error', text: `Chưa đăng xuất: ${unsaved}` });
      return;
    }
    void api()['session.logout']({}).then((r) => r.ok && onSession(r.value));
  }, [onSession]);

  // After the admin's first password, and after a crash in the middle: the first run, where it stopped.
  useEffect(() => {
    if (session.clerk?.role !== 'admin') return;
    void api()['setup.state']({}).then((r) => {
      if (!r.ok || !r.value.active) return;
      setSetupStep(r.value.resumeAt);
      setScreen('setup');
      setVisit((v) => v + 1);
    });
  }, [session.clerk?.role]);
  const pick = useCallback(
    (c: Command) => {
      if (c === 'lock') return lock();
      if (c === 'logout') return logout();
      if (c.startsWith('setup:')) {
        setSetupStep(c.slice('setup:'.length) as SetupStep);
        return go('setup');
      }
      go(c as ScreenId);
    },
    [go, lock, logout],
  );
  const openItem = useCallback(
    async (code: string) => {
      const chk = checkItemNumber(code);
      if (!chk.ok) {
        beep();
        setFlash({ kind: 'error', text: `Mã vừa quét không phải số hiệu bưu gửi hợp lệ (${code}): ${chk.message}` });
        return;
      }
      const r = await api()['lookup.item']({ itemNumber: code });
      if (r.ok) {
        go('dossier', r.value.id);
        const late = r.value.overdue;
        if (late) beep();
        setFlash(
          late
            ? { kind: 'error', text: `Hồ sơ ${r.value.itemNumberDisplay} QUÁ HẠN ${late.daysOverdue} ngày: ${late.label} (hạn ${late.deadline.split('-').reverse().join('/')}).` }
            : { kind: 'info', text: `Đã mở hồ sơ ${r.value.itemNumberDisplay}.` },
        );
      } else {
        beep();
        setFlash({ kind: 'error', text: r.error.message });
      }
    },
    [go],
  );

  // Scanner: listens first (capture), decides on event.timeStamp, routes by content.
  useEffect(() => {
    const det = new ScanDetector();
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.keyCode === 229) return;
      const v = det.feed({ key: e.key, timeStamp: e.timeStamp, modified: e.ctrlKey || e.altKey || e.metaKey });
      if (v.kind !== 'scan') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      unType(document.activeElement, v.code);
      const code = v.code.trim().toUpperCase();
      void Promise.resolve(actions.current.scan?.(code, v.code.trim()) ?? false).then((handled) => {
        if (!handled) void openItem(code);
      });
    };
    return onWindowKey(onKey, true);
  }, [openItem]);

  // Global keys (bubble phase: fields and comboboxes get their keys first).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const chord = globalChord(e);
      if (chord) {
        const screenKey = SCREEN_KEYS[chord];
        e.preventDefault();
        if (overlay && chord !== 'F1' && chord !== 'Ctrl+K' && chord !== 'Esc') setOverlay(null);
        if (screenKey) return go(screenKey);
        switch (chord) {
          case 'F1':
            return setOverlay((o) => (o === 'help' ? null : 'help'));
          case 'Ctrl+K':
            return setOverlay((o) => (o === 'palette' ? null : 'palette'));
          case 'Ctrl+L':
            return lock();
          case 'F10':
            return actions.current.save?.();
          case 'Ctrl+P':
            return actions.current.print?.();
          case 'Ctrl+S':
            return actions.current.copy?.();
          case 'Esc':
            if (overlay) return setOverlay(null);
            if (actions.current.back?.()) return;
            if (history.length > 0) {
              const prev = history[history.length - 1]!;
              setHistory((h) => h.slice(0, -1));
              setScreen(prev);
              setVisit((v) => v + 1);
            }
            return;
          default:
            return;
        }
      }
      enterToNext(e);
    };
    return onWindowKey(onKey);
  }, [go, lock, overlay, history]);

  const now = Date.now() + skew;
  const clerk = session.clerk!;
  const roleLabel = clerk.role === 'admin' ? 'Quản trị' : clerk.role === 'manager' ? 'Trưởng bưu cục' : 'Giao dịch viên';
  const pill = (s: string) => (s === 'ready' || s === 'ok' ? 'ok' : s === 'none' ? 'none' : s === 'error' || s === 'offline' ? 'bad' : 'warn');

  return (
    <ShellContext.Provider value={shell}>
      <div className="app">
        <header className="topbar">
          <span className="brand">Quầy HCC</span>
          <nav aria-label="Màn hình">
            <ul>
              {NAV.map((n) => (
                <li key={n.screen} aria-current={screen === n.screen ? 'page' : undefined}>
                  <kbd>{n.key}</kbd>
                  {SCREEN_TITLES[n.screen]}
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main aria-labelledby="screen-title">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h1 id="screen-title">{SCREEN_TITLES[screen]}</h1>
            <FlashLine flash={flash} />
          </div>
          {screen === 'intake' ? <IntakeScreen key={visit} /> : null}
          {screen === 'lookup' ? <LookupScreen key={visit} /> : null}
          {screen === 'dossier' && dossierId ? <DossierScreen key={`${visit}-${dossierId}`} dossierId={dossierId} /> : null}
          {screen === 'dispatch' ? <DispatchScreen key={visit} /> : null}
          {screen === 'results' ? <ResultsScreen key={visit} /> : null}
          {screen === 'handover' ? <HandoverScreen key={visit} initialDossierId={dossierId} /> : null}
          {screen === 'delivery' ? <DeliveryScreen key={visit} /> : null}
          {screen === 'clerks' ? <ClerksScreen key={visit} /> : null}
          {screen === 'printers' ? <PrintersScreen key={visit} /> : null}
          {screen === 'sync' ? <SyncScreen key={visit} /> : null}
          {screen === 'shift' ? <ShiftCloseScreen key={visit} /> : null}
          {screen === 'dayReport' ? <DayReportScreen key={visit} /> : null}
          {screen === 'overdue' ? <OverdueScreen key={visit} /> : null}
          {screen === 'audit' ? <AuditScreen key={visit} /> : null}
          {screen === 'dashboard' ? <DashboardScreen key={visit} /> : null}
          {screen === 'setup' ? <SetupScreen key={visit} step={setupStep} /> : null}
          {screen === 'cases' ? <CasesScreen key={visit} initialCaseId={dossierId} /> : null}
          {screen === 'citizenData' ? <CitizenDataScreen key={visit} /> : null}
          {screen === 'recovery' ? <RecoveryScreen key={visit} /> : null}
        </main>
        <footer>
          <div className="fkeys" aria-label="Phím tắt">
            {KEYMAP.filter((k) => k.bar).map((k) => (
              <span key={k.chord}>
                <kbd>{k.chord}</kbd> {k.label}
              </span>
            ))}
          </div>
          {status?.update.state === 'required' ? (
            <div className="update-banner" role="alert" data-testid="update-banner">
              {status.update.label}
            </div>
          ) : null}
          <div className="statusbar" role="status" aria-label="Trạng thái quầy">
            <span>
              Người trực quầy: <strong data-testid="status-clerk">{clerk.fullName}</strong> ({roleLabel})
            </span>
            <span data-testid="status-counter">
              {status?.identity.branchName ?? session.counter.branchName} — {status?.identity.counterName ?? session.counter.name}
              {status && status.identity.source !== 'hub' ? <span className="pill warn status-identity" data-testid="status-identity">chạy riêng, chưa đăng ký máy chủ tỉnh</span> : null}
            </span>
            <span className="grow" />
            {overdue !== null ? (
              <span>
                Quá hạn:{' '}
                <span className={`pill ${overdue > 0 ? 'bad' : 'ok'}`} data-testid="status-overdue">
                  {overdue} mục
                </span>
              </span>
            ) : null}
            <span>
              Máy in:{' '}
              <span className={`pill ${pill(status?.printer.state ?? 'none')}`} data-testid="status-printer">
                {status?.printer.label ?? '…'}
              </span>
            </span>
            <span>
              Đồng bộ:{' '}
              <span className={`pill ${pill(status?.sync.state ?? 'none')}`} data-testid="status-sync">
                {status?.sync.label ?? '…'}
              </span>
            </span>
            {status && status.update.state !== 'none' && status.update.state !== 'required' ? (
              <span>
                Cập nhật:{' '}
                <span className={`pill ${status.update.state === 'ready' ? 'ok' : 'warn'}`} data-testid="status-update">
                  {status.update.label}
                </span>
              </span>
            ) : null}
            <time dateTime={new Date(now).toISOString()}>{viDateTime(now)}</time>
          </div>
        </footer>
        {overlay === 'help' ? <HelpSheet session={session} /> : null}
        {overlay === 'palette' ? <Palette manager={clerk.role !== 'clerk'} onPick={pick} onClose={() => setOverlay(null)} /> : null}
      </div>
    </ShellContext.Provider>
  );
}

function HelpSheet({ session }: { session: SessionInfo }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
      <div className="sheet">
        <h2 id="help-title">Phím tắt (F1 hoặc Esc để đóng)</h2>
        <table>
          <caption className="sr-only">Bảng phím tắt</caption>
          <thead>
            <tr>
              <th scope="col">Phím</th>
              <th scope="col">Việc</th>
            </tr>
          </thead>
          <tbody>
            {KEYMAP.map((k) => (
              <tr key={k.chord}>
                <td>
                  <kbd>{k.chord}</kbd>
                </td>
                <td>{k.label}</td>
              </tr>
            ))}
            <tr>
              <td>↑ ↓</td>
              <td>Chọn trong danh sách gợi ý</td>
            </tr>
            <tr>
              <td>Máy quét</td>
              <td>Quét số hiệu bưu gửi ở bất cứ màn hình nào để mở hồ sơ</td>
            </tr>
          </tbody>
        </table>
        <p className="hint">Gõ tiếng Việt (Telex, VNI) bình thường: các phím chữ, Backspace, Ctrl+Shift, Alt+Z không bị chiếm.</p>
        <p className="hint" data-testid="about">
          Quầy HCC phiên bản {session.appVersion} · {session.counter.branchName} — {session.counter.name} (mã quầy {session.counter.id})
        </p>
      </div>
    </div>
  );
}

type Command = ScreenId | 'lock' | 'logout' | `setup:${SetupStep}`;

const SETUP_WORDS: Record<SetupStep, string> = {
  hub: 'may chu tinh dang ky quet ma qr hub',
  identity: 'buu cuc quay ten ma dinh danh',
  printer: 'may in bien nhan trang thu printer',
  people: 'nguoi dung giao dich vien truong buu cuc mat khau',
  recovery: 'phong bi cat giu khoa giai ma may hong',
  summary: 'tom tat bien ban in',
};

const COMMANDS: { id: Command; label: string; words: string; manager?: boolean }[] = [
  { id: 'intake', label: 'Tiếp nhận hồ sơ (F2)', words: 'tiep nhan ho so intake' },
  { id: 'lookup', label: 'Tra cứu (F3)', words: 'tra cuu tim lookup' },
  { id: 'dispatch', label: 'Giao hồ sơ cho cơ quan (F4)', words: 'giao co quan chuyen batch' },
  { id: 'handover', label: 'Trả kết quả (F6)', words: 'tra ket qua handover' },
  { id: 'results', label: 'Nhận kết quả (F9)', words: 'nhan ket qua results' },
  { id: 'cases', label: 'Khiếu nại, mất hỏng, bồi thường (F8)', words: 'khieu nai mat hong hu hong boi thuong complaint loss' },
  { id: 'delivery', label: 'Danh sách phát: in cho bưu tá, ghi kết quả phát', words: 'danh sach phat buu ta phat tan dia chi delivery list' },
  { id: 'printers', label: 'Máy in, hàng đợi in, in trang thử (F7)', words: 'may in hang doi in lai trang thu printer cau hinh' },
  { id: 'sync', label: 'Đồng bộ máy chủ tỉnh, thao tác bị từ chối, đăng ký quầy', words: 'dong bo may chu tinh sync hub dang ky tu choi' },
  { id: 'clerks', label: 'Giao dịch viên (quản trị)', words: 'giao dich vien nguoi dung clerk quan tri mat khau' },
  { id: 'shift', label: 'Kết ca: kiểm đếm tiền, xác nhận chuyển khoản', words: 'ket ca chot ca dem tien quy chuyen khoan shift close' },
  { id: 'dayReport', label: 'Báo cáo cuối ngày, chốt sổ ngày, in lại ngày cũ (trưởng bưu cục)', words: 'bao cao cuoi ngay chot so in xuat excel report', manager: true },
  { id: 'overdue', label: 'Danh sách quá hạn (trưởng bưu cục)', words: 'qua han tre han overdue xuat excel', manager: true },
  { id: 'audit', label: 'Nhật ký thao tác (trưởng bưu cục)', words: 'nhat ky thao tac audit log xuat excel', manager: true },
  { id: 'dashboard', label: 'Bảng điều khiển 30 ngày (trưởng bưu cục)', words: 'bang dieu khien bieu do thong ke dashboard', manager: true },
  { id: 'citizenData', label: 'Dữ liệu cá nhân: công dân yêu cầu cung cấp (trưởng bưu cục)', words: 'du lieu ca nhan yeu cau cong dan xuat pdf json luat 91 privacy', manager: true },
  { id: 'recovery', label: 'Mã khôi phục dữ liệu khi máy hỏng (trưởng bưu cục)', words: 'ma khoi phuc du lieu ma hoa khoa sao luu may hong recovery code backup', manager: true },
  { id: 'lock', label: 'Khoá quầy (Ctrl+L)', words: 'khoa quay lock' },
  { id: 'logout', label: 'Đăng xuất', words: 'dang xuat thoat doi nguoi logout sign out' },
  ...SETUP_STEPS.map((s) => ({ id: `setup:${s}` as const, label: `Thiết lập: ${SETUP_STEP_TITLES[s].toLowerCase()}`, words: `thiet lap ${SETUP_WORDS[s]} cai dat lan dau setup`, manager: true })),
];

function Palette({ manager, onPick, onClose }: { manager: boolean; onPick: (s: Command) => void; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
  // Manager-only screens are not offered to a clerk (and main refuses their channels anyway).
  const list = COMMANDS.filter((c) => (manager || !c.manager) && fold(`${c.label} ${c.words}`).includes(fold(q.trim())));
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="palette-title">
      <div className="sheet" style={{ maxWidth: 520 }}>
        <h2 id="palette-title">Lệnh (Ctrl+K)</h2>
        <label htmlFor="palette-input" className="sr-only">
          Tìm lệnh
        </label>
        <input
          id="palette-input"
          autoFocus
          value={q}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={list[active] ? `cmd-${list[active]!.id}` : undefined}
          style={{ width: '100%', height: 32 }}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing || e.keyCode === 229) return;
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, list.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter') {
              e.preventDefault();
              const c = list[active];
              if (c) onPick(c.id);
              onClose();
            }
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Lệnh" className="palette-list">
          {list.map((c, i) => (
            <li key={c.id} id={`cmd-${c.id}`} role="option" aria-selected={i === active}>
              {c.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
