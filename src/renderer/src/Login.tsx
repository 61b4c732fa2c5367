/** First-run admin password, log-in, unlock, and the forced password change. */
import { useLayoutEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/ipc/contract';
import { api } from './api';
import { globalChord } from './keyboard';
import { FlashLine, TextInput } from './ui';
import type { Flash } from './ui';

type Errors = Record<string, string | undefined>;

function useForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [flash, setFlash] = useState<Flash>(null);
  return { errors, setErrors, flash, setFlash };
}

function Frame(props: { title: string; subtitle?: string; children: React.ReactNode; onSubmit: () => void; flash: Flash }) {
  return (
    <main className="login">
      <form
        className="panel"
        data-form
        aria-labelledby="login-title"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <h1 id="login-title">{props.title}</h1>
        {props.subtitle ? <p>{props.subtitle}</p> : null}
        {props.children}
        <FlashLine flash={props.flash} />
        <button type="submit" className="btn" data-enter-stop>
          Tiếp tục (Enter)
        </button>
      </form>
    </main>
  );
}

export function SetupAdmin({ session, onDone }: { session: SessionInfo; onDone: (s: SessionInfo) => void }) {
  const f = useForm();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return (
    <Frame
      title="Thiết lập lần đầu"
      subtitle={`Đặt mật khẩu cho tài khoản quản trị “${session.setupUsername ?? 'admin'}” (ít nhất 6 ký tự).`}
      flash={f.flash}
      onSubmit={async () => {
        const r = await api()['session.setupAdmin']({ username: session.setupUsername ?? 'admin', password, confirm });
        if (r.ok) onDone(r.value);
        else {
          f.setErrors({ [r.error.field ?? '']: r.error.message });
          f.setFlash({ kind: 'error', text: r.error.message });
        }
      }}
    >
      <TextInput id="setup-password" label="Mật khẩu mới" type="password" value={password} onChange={setPassword} error={f.errors['password']} autoFocus />
      <TextInput id="setup-confirm" label="Nhập lại mật khẩu" type="password" value={confirm} onChange={setConfirm} error={f.errors['confirm']} />
    </Frame>
  );
}

export function Login({ session, onDone }: { session: SessionInfo; onDone: (s: SessionInfo) => void }) {
  const f = useForm();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <Frame title="Đăng nhập quầy" subtitle={`${session.counter.branchName} — ${session.counter.name}`} flash={f.flash} onSubmit={async () => {
      const r = await api()['session.login']({ username, password });
      if (r.ok) onDone(r.value);
      else {
        f.setErrors({ [r.error.field ?? 'username']: r.error.message });
        f.setFlash({ kind: 'error', text: r.error.message });
        setPassword('');
      }
    }}>
      <TextInput id="login-username" label="Tên đăng nhập" value={username} onChange={setUsername} error={f.errors['username']} autoFocus autoComplete="username" />
      <TextInput id="login-password" label="Mật khẩu hoặc mã PIN" type="password" value={password} onChange={setPassword} error={f.errors['password']} autoComplete="current-password" />
    </Frame>
  );
}

/**
 * The lock screen: the clerk who locked it types their password; F8 lets a manager unlock with their
 * own name (the counter is then theirs); Esc signs out for someone else, and an unsaved form is dropped
 * (the screen says so). The form itself is kept, hidden, under this screen.
 */
export function Unlock({ session, onDone, byManager, unsaved }: { session: SessionInfo; onDone: (s: SessionInfo) => void; byManager: boolean; unsaved: string | null }) {
  const f = useForm();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const name = session.clerk?.fullName ?? '';
  return (
    <Frame
      title="Quầy đang khoá"
      subtitle={
        byManager
          ? `Trưởng bưu cục mở khoá quầy của ${name} bằng tài khoản của mình (F8: quay lại).`
          : `${name} đã khoá quầy. Nhập mật khẩu để mở. F8: trưởng bưu cục mở khoá. Esc: đăng nhập người khác.`
      }
      flash={f.flash}
      onSubmit={async () => {
        const r = await api()['session.unlock'](byManager ? { username, password } : { password });
        if (r.ok) onDone(r.value);
        else {
          f.setErrors({ [r.error.field ?? 'password']: r.error.message });
          f.setFlash({ kind: 'error', text: r.error.message });
          setPassword('');
          // Not a manager: back to the name, to type the manager's.
          if (r.error.field === 'username') document.getElementById('unlock-username')?.focus();
        }
      }}
    >
      {unsaved ? (
        <p className="unsaved-note" data-testid="lock-unsaved">
          Phiếu đang nhập dở được giữ nguyên, chưa lưu. Esc (đăng nhập người khác) sẽ bỏ phiếu này.
        </p>
      ) : null}
      {byManager ? (
        <TextInput key="m-user" id="unlock-username" label="Tên đăng nhập của trưởng bưu cục" value={username} onChange={setUsername} error={f.errors['username']} autoFocus autoComplete="username" />
      ) : null}
      <TextInput key={byManager ? 'm-pass' : 'pass'} id="unlock-password" label="Mật khẩu hoặc mã PIN" type="password" value={password} onChange={setPassword} error={f.errors['password']} autoFocus={!byManager} />
    </Frame>
  );
}

export function ChangePassword({ onDone }: { onDone: (s: SessionInfo) => void }) {
  const f = useForm();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  return (
    <Frame title="Đổi mật khẩu" subtitle="Lần đăng nhập đầu: hãy đặt mật khẩu của riêng bạn." flash={f.flash} onSubmit={async () => {
      const r = await api()['session.changePassword']({ oldPassword, newPassword, confirm });
      if (r.ok) onDone(r.value);
      else {
        f.setErrors({ [r.error.field ?? 'newPassword']: r.error.message });
        f.setFlash({ kind: 'error', text: r.error.message });
      }
    }}>
      <TextInput id="cp-old" label="Mật khẩu hiện tại" type="password" value={oldPassword} onChange={setOld} error={f.errors['oldPassword']} autoFocus />
      <TextInput id="cp-new" label="Mật khẩu mới" type="password" value={newPassword} onChange={setNew} error={f.errors['newPassword']} />
      <TextInput id="cp-confirm" label="Nhập lại mật khẩu mới" type="password" value={confirm} onChange={setConfirm} error={f.errors['confirm']} />
    </Frame>
  );
}

/**
 * The lock screen's keys: Esc signs out (someone else logs in), F8 switches to a manager's unlock.
 */
export function LockedGate({ session, onDone, unsaved }: { session: SessionInfo; onDone: (s: SessionInfo) => void; unsaved: () => string | null }) {
  const [byManager, setByManager] = useState(false);
  // Attached before the lock screen is painted, so an Esc pressed as soon as it shows is never lost.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const chord = globalChord(e);
      if (chord === 'Esc') {
        e.preventDefault();
        void api()['session.logout']({}).then((r) => r.ok && onDone(r.value));
      } else if (chord === 'F8') {
        e.preventDefault();
        setByManager((m) => !m);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDone]);
  return <Unlock session={session} onDone={onDone} byManager={byManager} unsaved={unsaved()} />;
}
