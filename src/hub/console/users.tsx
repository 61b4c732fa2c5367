/** Hub accounts (IT only): list, create, change role and branch, reset password, disable, unlock. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, fmt, Messages, messageOf, ROLE_LABELS, type User } from './api';

type Account = User & { lockedUntil: number | null; disabled: boolean };
const ROLES = Object.keys(ROLE_LABELS) as User['role'][];

function AccountForm({ edit, onDone }: { edit: Account | null; onDone: (msg: string) => void }) {
  const [f, setF] = useState({ username: edit?.username ?? '', displayName: edit?.displayName ?? '', role: edit?.role ?? 'branch_manager', branchCode: edit?.branchCode ?? '', password: '' });
  const [error, setError] = useState('');
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const branch = f.role === 'branch_manager' ? { branchCode: f.branchCode.trim() } : {};
    try {
      if (edit) await api(`users/${encodeURIComponent(edit.username)}`, { method: 'PUT', body: { role: f.role, displayName: f.displayName, ...branch } });
      else await api('users', { body: { username: f.username.trim(), displayName: f.displayName.trim(), role: f.role, password: f.password, ...branch } });
      onDone(edit ? `Đã sửa tài khoản ${edit.username}; người này cần đăng nhập lại.` : `Đã tạo tài khoản ${f.username.trim().toLowerCase()}.`);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form className="grid panel" onSubmit={(e) => void submit(e)} aria-label={edit ? `Sửa tài khoản ${edit.username}` : 'Tạo tài khoản'}>
      <label>
        Tên đăng nhập
        <input required value={f.username} onChange={set('username')} disabled={!!edit} />
      </label>
      <label>
        Họ tên
        <input value={f.displayName} onChange={set('displayName')} />
      </label>
      <label>
        Vai trò
        <select value={f.role} onChange={set('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      {f.role === 'branch_manager' && (
        <label>
          Mã bưu cục phụ trách
          <input required value={f.branchCode} onChange={set('branchCode')} />
        </label>
      )}
      {!edit && (
        <label>
          Mật khẩu ban đầu (ít nhất 10 ký tự)
          <input type="password" autoComplete="new-password" required value={f.password} onChange={set('password')} />
        </label>
      )}
      <div>
        <button type="submit">{edit ? 'Lưu thay đổi' : 'Tạo tài khoản'}</button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

type Act = (run: () => Promise<unknown>, msg: string) => Promise<void>;

function UserRow({ u, me, act, onEdit }: { u: Account; me: User; act: Act; onEdit: () => void }) {
  const locked = u.lockedUntil !== null && u.lockedUntil > Date.now();
  const path = `users/${encodeURIComponent(u.username)}`;
  const reset = () => {
    const password = window.prompt(`Mật khẩu mới cho ${u.username} (ít nhất 10 ký tự; báo cho người dùng trực tiếp):`);
    if (password) void act(() => api(`${path}/password`, { body: { password } }), `Đã đặt lại mật khẩu của ${u.username}; các phiên đăng nhập cũ đã kết thúc.`);
  };
  return (
    <tr className={u.disabled || locked ? 'flagged' : ''}>
      <td>{u.username}</td>
      <td>{u.displayName}</td>
      <td>{ROLE_LABELS[u.role]}</td>
      <td>{u.branchCode ?? '—'}</td>
      <td>{u.disabled ? 'Đã khoá' : locked ? `Tạm khoá đến ${fmt(u.lockedUntil)}` : 'Đang dùng'}</td>
      <td className="actions">
        <button type="button" onClick={onEdit} aria-label={`Sửa ${u.username}`}>
          Sửa
        </button>
        <button type="button" onClick={reset} aria-label={`Đặt lại mật khẩu ${u.username}`}>
          Đặt lại mật khẩu
        </button>
        {locked && (
          <button type="button" onClick={() => void act(() => api(`${path}/unlock`, { body: {} }), `Đã mở khoá ${u.username}.`)}>
            Mở khoá
          </button>
        )}
        {u.username !== me.username && (
          <button
            type="button"
            className={u.disabled ? '' : 'danger'}
            aria-label={`${u.disabled ? 'Mở lại' : 'Khoá'} tài khoản ${u.username}`}
            onClick={() => void act(() => api(`${path}/disabled`, { body: { disabled: !u.disabled } }), `${u.disabled ? 'Đã mở lại' : 'Đã khoá'} tài khoản ${u.username}.`)}
          >
            {u.disabled ? 'Mở lại' : 'Khoá'}
          </button>
        )}
      </td>
    </tr>
  );
}

export function UsersPage({ me }: { me: User }) {
  const [list, setList] = useState<Account[] | null>(null);
  const [form, setForm] = useState<Account | 'new' | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(() => api<{ users: Account[] }>('users').then((r) => setList(r.users), (err: unknown) => setError(messageOf(err))), []);
  useEffect(() => void load(), [load]);
  const act = async (run: () => Promise<unknown>, msg: string) => {
    setError('');
    setMessage('');
    try {
      await run();
      await load();
      setMessage(msg);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const done = (msg: string) => {
    setForm(null);
    setMessage(msg);
    void load();
  };
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Tài khoản trang quản trị</h2>
      <Messages message={message} error={error} />
      <p>
        <button type="button" onClick={() => setForm(form === 'new' ? null : 'new')}>
          Thêm tài khoản
        </button>
      </p>
      {form && <AccountForm key={form === 'new' ? 'new' : form.username} edit={form === 'new' ? null : form} onDone={done} />}
      <table>
        <thead>
          <tr>
            <th scope="col">Tên đăng nhập</th>
            <th scope="col">Họ tên</th>
            <th scope="col">Vai trò</th>
            <th scope="col">Bưu cục</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Thao tác</th>
          </tr>
        </thead>
        <tbody>
          {(list ?? []).map((u) => (
            <UserRow key={u.username} u={u} me={me} act={act} onEdit={() => setForm(u)} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
