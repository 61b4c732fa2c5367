/**
 * The provincial console (/console/): login, the counters with their health, enrollment codes with
 * their QR, and the catalogue spreadsheet. Talks only to /console/api/… with the session cookie and
 * the CSRF header. Keyboard: every action is a button or a form; Alt+1…7 switch pages (the pages
 * a role may open: IT all; managers counters, updates, reports and complaints, reference data).
 */
import { StrictMode, useCallback, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { api, ApiError, fmt, ROLE_LABELS, type User } from './api';
import { ReferencePage } from './reference';
import { ReportsPage } from './reports';
import { UpdatesPage } from './updates';
import { UsersPage } from './users';
import './style.css';

const SILENT_MS = 24 * 3_600_000;
const SKEW_WARN_MS = 2 * 60_000;

interface Counter {
  counterId: string;
  counterName: string;
  branchCode: string;
  branchName: string;
  enrolledAt: number | null;
  lastSeenAt: number | null;
  lastPushAt: number | null;
  appVersion: string | null;
  clockSkewMs: number | null;
  opsReceived: number;
  opsRefused: number;
  revokedAt: number | null;
  /** Enrolled and running a version below the province's minimum (or one it never reported). */
  belowMinimum: boolean;
}

type Filter = 'all' | 'attention' | 'below' | 'silent' | 'clock';
const FILTERS: [Filter, string][] = [
  ['all', 'Tất cả quầy'],
  ['attention', 'Quầy có cảnh báo'],
  ['below', 'Dưới phiên bản tối thiểu'],
  ['silent', 'Im lặng quá 24 giờ'],
  ['clock', 'Lệch giờ quá 2 phút'],
];
function ago(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'vừa xong';
  if (min < 60) return `${min} phút trước`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} giờ trước` : `${Math.floor(h / 24)} ngày trước`;
}

function skew(ms: number): string {
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a < 60_000) return `${sign}${Math.round(a / 1000)} giây`;
  if (a < 90 * 60_000) return `${sign}${Math.round(a / 60_000)} phút`;
  return `${sign}${Math.round(a / 3_600_000)} giờ`;
}

function Login({ onIn }: { onIn: (u: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const r = await api<{ user: User }>('login', { body: { username, password } });
      onIn(r.user);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <h1>Trang quản trị tỉnh — Quầy HCC</h1>
      <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'login-error' : undefined}>
        <label>
          Tên đăng nhập
          <input name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          Mật khẩu
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p id="login-error" role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Đăng nhập
        </button>
      </form>
    </main>
  );
}

function Counters({ user, onAuthLost }: { user: User; onAuthLost: () => void }) {
  const [list, setList] = useState<Counter[] | null>(null);
  const [minVersion, setMinVersion] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [now, setNow] = useState(Date.now());
  const [message, setMessage] = useState('');
  const load = useCallback(async () => {
    try {
      const r = await api<{ now: number; minVersion: string | null; counters: Counter[] }>('counters');
      setList(r.counters);
      setMinVersion(r.minVersion);
      setNow(r.now);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onAuthLost();
      else setMessage(err instanceof Error ? err.message : String(err));
    }
  }, [onAuthLost]);
  useEffect(() => void load(), [load]);
  const revoke = async (c: Counter) => {
    if (!window.confirm(`Thu hồi khoá truy cập của quầy ${c.counterId} (${c.branchName})? Quầy này sẽ không gửi hay nhận dữ liệu được nữa cho đến khi đăng ký lại bằng mã mới.`)) return;
    try {
      await api(`counters/${encodeURIComponent(c.counterId)}/revoke`, { method: 'POST', body: {} });
      setMessage(`Đã thu hồi khoá truy cập của quầy ${c.counterId}.`);
      await load();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  if (!list) return <p>Đang tải…</p>;
  const silent = (c: Counter) => c.enrolledAt !== null && c.revokedAt === null && (c.lastSeenAt === null || now - c.lastSeenAt >= SILENT_MS);
  const wrongClock = (c: Counter) => c.revokedAt === null && c.clockSkewMs !== null && Math.abs(c.clockSkewMs) > SKEW_WARN_MS;
  const below = (c: Counter) => c.revokedAt === null && c.belowMinimum;
  const flagsOf = (c: Counter) => [silent(c) ? 'Im lặng' : '', wrongClock(c) ? 'Sai giờ' : '', below(c) ? 'Dưới bản tối thiểu' : ''].filter(Boolean);
  const nSilent = list.filter(silent).length;
  const nClock = list.filter(wrongClock).length;
  const nBelow = list.filter(below).length;
  const test: Record<Filter, (c: Counter) => boolean> = { all: () => true, attention: (c) => flagsOf(c).length > 0, below, silent, clock: wrongClock };
  const shown = list.filter(test[filter]);
  return (
    <section aria-labelledby="counters-title">
      <h2 id="counters-title">Các quầy</h2>
      <p className="summary">
        {list.length} quầy · <strong className={nSilent ? 'warn' : ''}>{nSilent} im lặng quá 24 giờ</strong> · <strong className={nClock ? 'warn' : ''}>{nClock} lệch giờ quá 2 phút</strong> ·{' '}
        <strong className={nBelow ? 'warn' : ''} data-testid="below-minimum">
          {nBelow} dưới phiên bản tối thiểu{minVersion ? ` (${minVersion})` : ' (chưa đặt)'}
        </strong>{' '}
        <button type="button" onClick={() => void load()}>
          Làm mới
        </button>
      </p>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <div className="summary">
        <label className="check">
          Hiện
          <select className="filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            {FILTERS.map(([f, label]) => (
              <option key={f} value={f}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <span role="status">{filter === 'all' ? '' : `${shown.length} trên ${list.length} quầy`}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">Bưu cục</th>
            <th scope="col">Quầy</th>
            <th scope="col">Phiên bản</th>
            <th scope="col">Liên lạc gần nhất</th>
            <th scope="col">Gửi dữ liệu gần nhất</th>
            <th scope="col">Lệch giờ</th>
            <th scope="col">Bị từ chối</th>
            <th scope="col">Tình trạng</th>
            {user.role === 'it_admin' && <th scope="col">Thao tác</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => {
            const flags = flagsOf(c);
            return (
              <tr key={c.counterId} className={flags.length ? 'flagged' : ''}>
                <td>
                  {c.branchName}
                  <br />
                  <small>{c.branchCode}</small>
                </td>
                <td>
                  {c.counterName}
                  <br />
                  <small>{c.counterId}</small>
                </td>
                <td>
                  {c.appVersion ?? '—'}
                  {below(c) && minVersion && (
                    <>
                      <br />
                      <small>cần từ {minVersion}</small>
                    </>
                  )}
                </td>
                <td>{c.enrolledAt === null ? 'chưa đăng ký' : c.lastSeenAt === null ? 'chưa có' : `${fmt(c.lastSeenAt)} (${ago(now - c.lastSeenAt)})`}</td>
                <td>{c.lastPushAt === null ? 'chưa có' : `${fmt(c.lastPushAt)} (${ago(now - c.lastPushAt)})`}</td>
                <td>{c.clockSkewMs === null ? '—' : skew(c.clockSkewMs)}</td>
                <td>{c.opsRefused}</td>
                <td>{c.revokedAt !== null ? `Đã thu hồi ${fmt(c.revokedAt)}` : flags.length ? <strong className="warn">⚠ {flags.join(', ')}</strong> : 'Bình thường'}</td>
                {user.role === 'it_admin' && (
                  <td>
                    {c.revokedAt === null && c.enrolledAt !== null && (
                      <button type="button" className="danger" onClick={() => void revoke(c)} aria-label={`Thu hồi quầy ${c.counterId}`}>
                        Thu hồi
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.length === 0 && <p>Chưa có quầy nào. Hãy tạo mã đăng ký cho quầy đầu tiên.</p>}
      {list.length > 0 && shown.length === 0 && <p>Không quầy nào khớp bộ lọc.</p>}
    </section>
  );
}

interface Ticket {
  code: string;
  expiresAt: number;
  counterId: string;
  branchCode: string;
  hubUrl: string;
  qrText: string;
  qrSvg: string;
}

function Codes({ publicUrl }: { publicUrl: string | null }) {
  const [f, setF] = useState({ branchCode: '', branchName: '', counterId: '', counterName: '', hubUrl: publicUrl ?? window.location.host, ttlHours: '24' });
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState('');
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    setTicket(null);
    const hours = Number(f.ttlHours);
    try {
      const t = await api<Ticket>('codes', {
        body: {
          branchCode: f.branchCode.trim(),
          counterId: f.counterId.trim(),
          ...(f.branchName.trim() ? { branchName: f.branchName.trim() } : {}),
          ...(f.counterName.trim() ? { counterName: f.counterName.trim() } : {}),
          hubUrl: f.hubUrl.trim(),
          ttlMinutes: Number.isFinite(hours) && hours > 0 ? Math.round(hours * 60) : 0,
        },
      });
      setTicket(t);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section aria-labelledby="codes-title">
      <h2 id="codes-title">Mã đăng ký quầy</h2>
      <form className="grid no-print" onSubmit={(e) => void submit(e)}>
        <label>
          Mã bưu cục
          <input required value={f.branchCode} onChange={set('branchCode')} />
        </label>
        <label>
          Tên bưu cục
          <input value={f.branchName} onChange={set('branchName')} />
        </label>
        <label>
          Mã quầy
          <input required value={f.counterId} onChange={set('counterId')} />
        </label>
        <label>
          Tên quầy
          <input value={f.counterName} onChange={set('counterName')} />
        </label>
        <label>
          Địa chỉ máy chủ (quầy kết nối tới)
          <input required value={f.hubUrl} onChange={set('hubUrl')} />
        </label>
        <label>
          Hiệu lực (giờ)
          <input inputMode="numeric" value={f.ttlHours} onChange={set('ttlHours')} />
        </label>
        <div>
          <button type="submit">Tạo mã đăng ký</button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {ticket && (
        <div className="ticket" aria-live="polite">
          <h3>
            Mã đăng ký cho quầy {ticket.counterId} — bưu cục {ticket.branchCode}
          </h3>
          <div className="qr" role="img" aria-label={`Mã QR đăng ký quầy ${ticket.counterId}`} dangerouslySetInnerHTML={{ __html: ticket.qrSvg }} />
          <p className="code" data-testid="enroll-code">
            {ticket.code}
          </p>
          <p>Máy chủ: {ticket.hubUrl}</p>
          <p>Hết hạn: {fmt(ticket.expiresAt)}. Dùng một lần; quét mã QR trên màn hình đăng ký của quầy hoặc gõ mã.</p>
          <button type="button" className="no-print" onClick={() => window.print()}>
            In mã
          </button>
        </div>
      )}
    </section>
  );
}

type Page = 'counters' | 'codes' | 'catalogue' | 'updates' | 'reports' | 'reference' | 'users';

function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [publicUrl, setPublicUrl] = useState<string | null>(null);
  const [page, setPage] = useState<Page>('counters');
  useEffect(() => {
    api<{ user: User; publicUrl: string | null }>('me').then(
      (r) => {
        setUser(r.user);
        setPublicUrl(r.publicUrl);
      },
      () => setUser(null),
    );
  }, []);
  const pages: [Page, string][] = [['counters', 'Các quầy']];
  if (user?.role === 'it_admin') pages.push(['codes', 'Mã đăng ký'], ['catalogue', 'Danh mục thủ tục']);
  pages.push(['updates', 'Cập nhật'], ['reports', 'Báo cáo, khiếu nại'], ['reference', 'Dữ liệu dùng chung']);
  if (user?.role === 'it_admin') pages.push(['users', 'Tài khoản']);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const i = Number(e.key) - 1;
      const p = pages[i];
      if (p) {
        e.preventDefault();
        setPage(p[0]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const lost = useCallback(() => setUser(null), []);
  if (user === undefined) return <p>Đang tải…</p>;
  if (user === null) return <Login onIn={setUser} />;
  const logout = async () => {
    await api('logout', { method: 'POST', body: {} }).catch(() => undefined);
    setUser(null);
  };
  return (
    <>
      <header className="no-print">
        <h1 className="brand">Quầy HCC · Quản trị tỉnh</h1>
        <nav aria-label="Trang">
          {pages.map(([p, label], i) => (
            <button key={p} type="button" aria-current={page === p ? 'page' : undefined} onClick={() => setPage(p)} title={`Alt+${i + 1}`}>
              {label}
            </button>
          ))}
        </nav>
        <span className="who">
          {user.displayName} — {ROLE_LABELS[user.role]}
          {user.branchCode ? ` (${user.branchCode})` : ''}
        </span>
        <button type="button" onClick={() => void logout()}>
          Đăng xuất
        </button>
      </header>
      <main>
        {page === 'counters' && <Counters user={user} onAuthLost={lost} />}
        {page === 'codes' && <Codes publicUrl={publicUrl} />}
        {page === 'catalogue' && <CataloguePage />}
        {page === 'updates' && <UpdatesPage user={user} />}
        {page === 'reports' && <ReportsPage user={user} />}
        {page === 'reference' && <ReferencePage user={user} />}
        {page === 'users' && <UsersPage me={user} />}
      </main>
    </>
  );
}

interface Problem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}
interface CheckResult {
  ok: boolean;
  problems: Problem[];
  procedures: number;
  diff: { added: string[]; changed: string[]; removed: string[] };
  currentVersion: string | null;
  token?: string;
}

function CataloguePage() {
  const [result, setResult] = useState<CheckResult | null>(null);
  const [fileName, setFileName] = useState('');
  const [version, setVersion] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const upload = async (file: File) => {
    setError('');
    setMessage('');
    setResult(null);
    setFileName(file.name);
    const buf = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    try {
      setResult(await api<CheckResult>('catalogue/check', { body: { file: btoa(bin) } }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    if (!result?.token) return;
    try {
      const r = await api<{ version: string; diff: CheckResult['diff'] }>('catalogue/publish', { body: { token: result.token, version: version.trim() } });
      setMessage(`Đã phát hành danh mục phiên bản ${r.version}: thêm ${r.diff.added.length}, sửa ${r.diff.changed.length}, bỏ ${r.diff.removed.length} thủ tục. Các quầy sẽ nhận ở lần đồng bộ tới.`);
      setResult(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section aria-labelledby="cat-title">
      <h2 id="cat-title">Danh mục thủ tục (bảng tính XLSX)</h2>
      <p>
        Bảng tính gồm ba trang: <strong>thu_tuc</strong>, <strong>thanh_phan_ho_so</strong>, <strong>le_phi</strong>.{' '}
        <a href="/console/api/catalogue/template.xlsx" download>
          Tải mẫu trống
        </a>{' '}
        ·{' '}
        <a href="/console/api/catalogue/export.xlsx" download>
          Tải danh mục đang dùng
        </a>
      </p>
      <label className="file">
        Chọn tệp XLSX để kiểm tra
        <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {result && !result.ok && (
        <div role="alert">
          <h3 className="error">
            Tệp {fileName} có {result.problems.length} lỗi; chưa phát hành gì. Sửa rồi tải lên lại.
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">Trang</th>
                <th scope="col">Dòng</th>
                <th scope="col">Cột</th>
                <th scope="col">Lỗi</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.sheet}</td>
                  <td>{p.row || '—'}</td>
                  <td>{p.column || '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result?.ok && (
        <form onSubmit={(e) => void publish(e)} className="publish">
          <h3>Tệp {fileName} hợp lệ: {result.procedures} thủ tục</h3>
          <p>
            So với danh mục đang dùng{result.currentVersion ? ` (phiên bản ${result.currentVersion})` : ''}: thêm <strong>{result.diff.added.length}</strong>, sửa{' '}
            <strong>{result.diff.changed.length}</strong>, bỏ <strong>{result.diff.removed.length}</strong> thủ tục.
          </p>
          {(['added', 'changed', 'removed'] as const).map((k) =>
            result.diff[k].length ? (
              <p key={k}>
                {k === 'added' ? 'Thêm' : k === 'changed' ? 'Sửa' : 'Bỏ'}: {result.diff[k].slice(0, 30).join(', ')}
                {result.diff[k].length > 30 ? '…' : ''}
              </p>
            ) : null,
          )}
          <label>
            Phiên bản mới
            <input required value={version} onChange={(e) => setVersion(e.target.value)} placeholder="vd. 2026.12.1" />
          </label>
          <button type="submit">Phát hành cho mọi quầy</button>
        </form>
      )}
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
