/**
 * Step 4, the people: the clerks and the manager, each with a first password they must change at
 * their first log-in. Enter on the password adds the person and starts the next one; Enter on an
 * empty name (or F10) goes on.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClerkInfo } from '../../../../shared/ipc/contract';
import { suggestUsername } from './username';
import { api } from '../../api';
import { useFocusRequest, useScreenActions, useShell } from '../../shell';
import { beep, Select, TextInput } from '../../ui';
import type { StepProps } from './SetupScreen';

const ROLES = [
  { value: 'clerk', label: 'Giao dịch viên' },
  { value: 'manager', label: 'Trưởng bưu cục' },
] as const;
const ROLE_LABEL: Record<string, string> = { clerk: 'Giao dịch viên', manager: 'Trưởng bưu cục', admin: 'Quản trị' };


export function PeopleStep({ done }: StepProps) {
  const shell = useShell();
  const focus = useFocusRequest();
  const [list, setList] = useState<ClerkInfo[]>([]);
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const [usernameTouched, setTouched] = useState(false);
  const [role, setRole] = useState<'clerk' | 'manager'>('clerk');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const busy = useRef(false);

  const load = useCallback(async () => {
    const r = await api()['clerks.list']({});
    if (r.ok) setList(r.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function add() {
    if (busy.current) return;
    busy.current = true;
    try {
      const r = await api()['clerks.create']({ fullName, username, role, password });
      if (!r.ok) {
        const field = r.error.field ?? 'username';
        setErrors({ [field]: r.error.message });
        beep();
        shell.flash({ kind: 'error', text: r.error.message });
        return focus(`pp-${field}`);
      }
      setErrors({});
      setFullName('');
      setUsername('');
      setTouched(false);
      setPassword('');
      setRole('clerk');
      shell.flash({ kind: 'ok', text: `Đã thêm ${r.value.fullName} (${r.value.username}, ${ROLE_LABEL[r.value.role]}); lần đăng nhập đầu phải đổi mật khẩu.` });
      await load();
      focus('pp-fullName');
    } finally {
      busy.current = false;
    }
  }

  async function next() {
    const r = await api()['setup.step']({ step: 'people', outcome: 'done' });
    if (!r.ok) return shell.flash({ kind: 'error', text: r.error.message });
    const n = list.filter((c) => c.role !== 'admin').length;
    done(r.value, `Người dùng: ${n} người ngoài quản trị.`);
  }
  useScreenActions({ save: () => void next() });

  return (
    <div className="cols2">
      <section className="panel" aria-labelledby="h-people-new">
        <h3 id="h-people-new">Thêm người dùng</h3>
        <form
          data-form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div
            onKeyDown={(e) => {
              // Enter on an empty name: everyone is added, go on.
              if (e.key === 'Enter' && !e.nativeEvent.isComposing && e.keyCode !== 229 && fullName.trim() === '') {
                e.preventDefault();
                e.stopPropagation();
                void next();
              }
            }}
          >
            <TextInput id="pp-fullName" label="Họ và tên" hint="Để trống và Enter (hoặc F10) khi đã thêm đủ người." value={fullName} onChange={(v) => {
              setFullName(v);
              if (!usernameTouched) setUsername(suggestUsername(v));
            }} error={errors['fullName']} autoFocus />
          </div>
          <TextInput id="pp-username" label="Tên đăng nhập (gợi ý theo họ tên)" value={username} onChange={(v) => {
            setUsername(v);
            setTouched(true);
          }} error={errors['username']} />
          <Select id="pp-role" label="Vai trò" value={role} options={ROLES} onChange={setRole} />
          <TextInput id="pp-password" label="Mật khẩu ban đầu (ít nhất 6 ký tự; người dùng phải đổi khi đăng nhập lần đầu)" type="password" value={password} onChange={setPassword} error={errors['password']} autoComplete="new-password" />
          <button type="submit" className="sr-only" tabIndex={-1}>
            Thêm
          </button>
        </form>
      </section>
      <section className="panel" aria-labelledby="h-people-list">
        <h3 id="h-people-list">Đã có ({list.length})</h3>
        <table data-testid="people">
          <caption className="sr-only">Người dùng của quầy</caption>
          <thead>
            <tr>
              <th scope="col">Họ tên</th>
              <th scope="col">Tên đăng nhập</th>
              <th scope="col">Vai trò</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id}>
                <td>{c.fullName}</td>
                <td>{c.username}</td>
                <td>
                  {ROLE_LABEL[c.role]}
                  {c.mustChangePassword ? ' · phải đổi mật khẩu' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button id="pp-next" className="btn" onClick={() => void next()}>
            Xong, tiếp tục (F10)
          </button>
        </div>
      </section>
    </div>
  );
}
