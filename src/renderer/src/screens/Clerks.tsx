/** Giao dịch viên (Ctrl+K → “Giao dịch viên”): the list, and for an admin a form to add one (F10). */
import { useCallback, useEffect, useState } from 'react';
import type { ClerkInfo } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useScreenActions, useShell } from '../shell';
import { beep, Select, TextInput } from '../ui';

const ROLES = [
  { value: 'clerk', label: 'Giao dịch viên' },
  { value: 'manager', label: 'Trưởng bưu cục' },
  { value: 'admin', label: 'Quản trị' },
] as const;

export function ClerksScreen() {
  const shell = useShell();
  const [list, setList] = useState<ClerkInfo[] | null>(null);
  const [denied, setDenied] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<'clerk' | 'manager' | 'admin'>('clerk');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const load = useCallback(async () => {
    const r = await api()['clerks.list']({});
    if (r.ok) setList(r.value);
    else setDenied(r.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create() {
    const r = await api()['clerks.create']({ username, fullName, role, password });
    if (!r.ok) {
      setErrors({ [r.error.field ?? 'username']: r.error.message });
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setErrors({});
    setUsername('');
    setFullName('');
    setPassword('');
    shell.flash({ kind: 'ok', text: `Đã thêm ${r.value.fullName} (${r.value.username}); lần đăng nhập đầu sẽ phải đổi mật khẩu.` });
    await load();
  }
  useScreenActions({ save: () => void create() });

  if (denied) return <p className="notice">{denied}</p>;
  return (
    <div className="cols2">
      <section className="panel" aria-labelledby="h-clerks">
        <h2 id="h-clerks">Danh sách</h2>
        <table>
          <caption className="sr-only">Giao dịch viên</caption>
          <thead>
            <tr>
              <th scope="col">Họ tên</th>
              <th scope="col">Tên đăng nhập</th>
              <th scope="col">Vai trò</th>
            </tr>
          </thead>
          <tbody>
            {(list ?? []).map((c) => (
              <tr key={c.id}>
                <td>{c.fullName}</td>
                <td>{c.username}</td>
                <td>
                  {ROLES.find((r) => r.value === c.role)?.label}
                  {c.mustChangePassword ? ' · chưa đổi mật khẩu' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" data-form aria-labelledby="h-new-clerk">
        <h2 id="h-new-clerk">Thêm người dùng (chỉ quản trị, F10 để lưu)</h2>
        <TextInput id="clerk-fullName" label="Họ và tên" value={fullName} onChange={setFullName} error={errors['fullName']} autoFocus />
        <TextInput id="clerk-username" label="Tên đăng nhập (chữ không dấu, số)" value={username} onChange={setUsername} error={errors['username']} />
        <Select id="clerk-role" label="Vai trò" value={role} options={ROLES} onChange={setRole} />
        <TextInput id="clerk-password" label="Mật khẩu ban đầu (ít nhất 6 ký tự)" type="password" value={password} onChange={setPassword} error={errors['password']} autoComplete="new-password" />
      </section>
    </div>
  );
}
