/**
 * The application's gate: the session decides between the first-run password, the log-in, the lock
 * and the forced password change (Login.tsx), and the signed-in shell with its screens (SignedIn.tsx).
 *
 * The shell is a chunk of its own: the log-in screen paints from a small entry script, and the shell
 * is fetched in the background as soon as that screen is on the glass. A sign-in that finishes first
 * waits for it, so the shell always appears whole, at once, with its keys bound (as before the split).
 */
import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/ipc/contract';
import { api } from './api';
import { enterToNext } from './keyboard';
import { ChangePassword, LockedGate, Login, SetupAdmin } from './Login';
import type * as SignedIn from './SignedIn';

type ShellModule = typeof SignedIn;
let shellModule: ShellModule | null = null;
let shellLoading: Promise<ShellModule> | null = null;

/** The shell's chunk, fetched once (a failed fetch may be tried again). */
function loadShell(): Promise<ShellModule> {
  shellLoading ??= import('./SignedIn').then(
    (m) => (shellModule = m),
    (err: unknown) => {
      shellLoading = null;
      throw err;
    },
  );
  return shellLoading;
}

/** A session that shows the shell (everything but the gate's own screens). */
const inShell = (s: SessionInfo): boolean => !s.needsSetup && !!s.clerk && !s.clerk.mustChangePassword;

const SHELL_FAILED = 'Không tải được các màn hình làm việc. Hãy tải lại trang (F5) hoặc khởi động lại ứng dụng.';

export function App() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** Shows a session; one that needs the shell is shown once the shell is here. */
  const show = useCallback((s: SessionInfo) => {
    if (!inShell(s) || shellModule) return setSession(s);
    void loadShell().then(
      () => setSession(s),
      () => setLoadError(SHELL_FAILED),
    );
  }, []);
  useEffect(() => {
    // Enter moves to the next field on every form, the log-in forms included.
    const onKey = (e: KeyboardEvent) => void enterToNext(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    void api()['session.get']({}).then((r) => (r.ok ? show(r.value) : setLoadError(r.error.message)));
  }, [show]);
  // Once a gate screen is painted, fetch the shell in the background (after the paint, not before it).
  const gateShown = session !== null;
  useEffect(() => {
    if (!gateShown || shellModule) return;
    const frame = requestAnimationFrame(() => setTimeout(() => void loadShell().catch(() => {}), 0));
    return () => cancelAnimationFrame(frame);
  }, [gateShown]);
  if (loadError) return <main className="login"><p role="alert">{loadError}</p></main>;
  if (!session) return <main className="login"><p>Đang mở…</p></main>;
  if (session.needsSetup) return <SetupAdmin session={session} onDone={show} />;
  if (!session.clerk) return <Login session={session} onDone={show} />;
  if (session.locked && session.clerk.mustChangePassword) return <LockedGate session={session} onDone={show} unsaved={() => null} />;
  if (session.clerk.mustChangePassword) return <ChangePassword onDone={show} />;
  const { LockableShell } = shellModule!;
  return <LockableShell session={session} onSession={show} />;
}
