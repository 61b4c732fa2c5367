/** Updates: channels with staged rollout and published version, the minimum version, who is on what. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, fmt, Messages, messageOf, type User } from './api';

interface Channel {
  name: string;
  url: string | null;
  stagingPercentage: number | null;
  publishedVersion: string | null;
  counters: number;
  belowMinimum: number;
  /** The URL this channel's counters read from; null: this hub's /updates/<name>/ at the address each counter enrolled with. */
  feedUrl: string | null;
}
interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
}
interface View {
  minVersion: string | null;
  belowMinimum: number;
  channels: Channel[];
  counters: { counterId: string; counterName: string; branchCode: string; branchName: string; appVersion: string | null; channel: string; lastSeenAt: number | null; belowMinimum: boolean }[];
  audit: AuditEntry[];
}

const feedText = (c: Channel): string => c.feedUrl ?? `máy chủ tỉnh, /updates/${c.name}/ (theo địa chỉ máy chủ quầy đã đăng ký)`;

const AUDIT_LABELS: Record<string, string> = {
  'update.channel.create': 'Tạo kênh',
  'update.channel.url': 'Địa chỉ tệp cập nhật',
  'update.channel.staging': 'Tỉ lệ triển khai',
  'update.minimum': 'Phiên bản tối thiểu',
};

function auditValue(action: string, v: string | null): string {
  if (action === 'update.channel.staging') return v === null ? 'theo tệp kênh' : `${v}%`;
  if (action === 'update.minimum') return v ?? 'không đặt';
  return v ?? 'máy chủ tỉnh';
}

/** One setting as a small form: a labelled field, Save, and its refusal beside it. */
function SettingForm({ label, initial, size, placeholder, save }: { label: string; initial: string; size: number; placeholder?: string; save: (value: string) => Promise<void> }) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      await save(value.trim());
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form className="inline" onSubmit={(e) => void submit(e)}>
      <label>
        {label}
        <input value={value} onChange={(e) => setValue(e.target.value)} size={size} placeholder={placeholder} />
      </label>
      <button type="submit">Lưu</button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </form>
  );
}

function stagingSaver(c: Channel, onSaved: (v: View, msg: string) => void) {
  return async (value: string) => {
    const n = value === '' ? null : Number(value);
    if (n !== null && (!Number.isInteger(n) || n < 0 || n > 100)) throw new Error('Tỉ lệ triển khai phải là số nguyên từ 0 đến 100.');
    const v = await api<View>(`updates/channels/${encodeURIComponent(c.name)}/staging`, { method: 'PUT', body: { stagingPercentage: n } });
    onSaved(v, `Kênh ${c.name}: tỉ lệ triển khai ${n === null ? 'theo tệp kênh' : `${n}%`}.`);
  };
}

function urlSaver(c: Channel, onSaved: (v: View, msg: string) => void) {
  return async (value: string) => {
    const v = await api<View>(`updates/channels/${encodeURIComponent(c.name)}/url`, { method: 'PUT', body: { url: value || null } });
    const now = v.channels.find((x) => x.name === c.name);
    onSaved(v, `Kênh ${c.name}: các quầy của kênh lấy bản cập nhật từ ${now ? feedText(now) : value} kể từ lần đồng bộ tới.`);
  };
}

function minimumSaver(onSaved: (v: View, msg: string) => void) {
  return async (value: string) => {
    const v = await api<View>('updates/minimum', { method: 'PUT', body: { version: value || null } });
    onSaved(v, v.minVersion ? `Phiên bản tối thiểu: ${v.minVersion}. Quầy thấp hơn được báo phải cập nhật.` : 'Đã bỏ phiên bản tối thiểu.');
  };
}

export function UpdatesPage({ user }: { user: User }) {
  const [view, setView] = useState<View | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(() => api<View>('updates').then(setView, (err: unknown) => setError(messageOf(err))), []);
  useEffect(() => void load(), [load]);
  const saved = (v: View, msg: string) => {
    setView(v);
    setMessage(msg);
  };
  if (!view) return <Messages message="" error={error} />;
  const it = user.role === 'it_admin';
  return (
    <section aria-labelledby="updates-title">
      <h2 id="updates-title">Cập nhật phần mềm</h2>
      <Messages message={message} error={error} />
      <p>
        Phiên bản tối thiểu: <strong>{view.minVersion ?? 'không đặt'}</strong>
        {view.minVersion && (
          <>
            {' · '}
            <strong className={view.belowMinimum ? 'warn' : ''} data-testid="below-minimum">
              {view.belowMinimum ? `⚠ ${view.belowMinimum} quầy dưới phiên bản tối thiểu` : 'Không quầy nào dưới phiên bản tối thiểu'}
            </strong>
          </>
        )}
      </p>
      {it && <SettingForm label="Phiên bản tối thiểu của tỉnh" initial={view.minVersion ?? ''} size={10} placeholder="vd. 1.4.2" save={minimumSaver(saved)} />}
      <h3>Các kênh</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Kênh</th>
            <th scope="col">Phiên bản phát hành</th>
            <th scope="col">Địa chỉ quầy lấy bản cập nhật</th>
            <th scope="col">Tỉ lệ triển khai</th>
            <th scope="col">Số quầy</th>
            <th scope="col">Dưới mức tối thiểu</th>
          </tr>
        </thead>
        <tbody>
          {view.channels.map((c) => (
            <tr key={c.name} className={c.belowMinimum ? 'flagged' : ''}>
              <td>{c.name}</td>
              <td>{c.publishedVersion ?? '—'}</td>
              <td className="url">{feedText(c)}</td>
              <td>{c.stagingPercentage === null ? 'theo tệp kênh' : `${c.stagingPercentage}%`}</td>
              <td>{c.counters}</td>
              <td>{c.belowMinimum ? <strong className="warn">⚠ {c.belowMinimum}</strong> : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {it &&
        view.channels.map((c) => (
          <div key={c.name} className="channel-settings">
            <SettingForm key={`s-${c.stagingPercentage ?? ''}`} label={`Tỉ lệ triển khai kênh ${c.name} (%)`} initial={c.stagingPercentage === null ? '' : String(c.stagingPercentage)} size={4} save={stagingSaver(c, saved)} />
            <SettingForm
              key={`u-${c.url ?? ''}`}
              label={`Địa chỉ tệp cập nhật kênh ${c.name} (để trống: máy chủ tỉnh)`}
              initial={c.url ?? ''}
              size={46}
              placeholder="https://…"
              save={urlSaver(c, saved)}
            />
          </div>
        ))}
      <h3>Quầy nào đang ở đâu</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Bưu cục</th>
            <th scope="col">Quầy</th>
            <th scope="col">Kênh</th>
            <th scope="col">Phiên bản đang chạy</th>
            <th scope="col">Liên lạc gần nhất</th>
          </tr>
        </thead>
        <tbody>
          {view.counters.map((k) => (
            <tr key={k.counterId} className={k.belowMinimum ? 'flagged' : ''}>
              <td>{k.branchName}</td>
              <td>
                {k.counterName} <small>{k.counterId}</small>
              </td>
              <td>{k.channel}</td>
              <td>
                {k.appVersion ?? '—'}
                {k.belowMinimum && <strong className="warn"> ⚠ dưới bản tối thiểu</strong>}
              </td>
              <td>{fmt(k.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Nhật ký thay đổi</h3>
      {view.audit.length === 0 ? (
        <p>Chưa có thay đổi nào.</p>
      ) : (
        <table aria-label="Nhật ký thay đổi cài đặt cập nhật">
          <thead>
            <tr>
              <th scope="col">Thời gian</th>
              <th scope="col">Người thay đổi</th>
              <th scope="col">Thay đổi</th>
              <th scope="col">Trước</th>
              <th scope="col">Sau</th>
            </tr>
          </thead>
          <tbody>
            {view.audit.map((a, i) => (
              <tr key={i}>
                <td>{fmt(a.at)}</td>
                <td>{a.actor === 'cli' ? 'dòng lệnh' : a.actor === 'admin-api' ? 'API quản trị' : a.actor}</td>
                <td>
                  {AUDIT_LABELS[a.action] ?? a.action}
                  {a.action.startsWith('update.channel.') ? ` — kênh ${a.subject}` : ''}
                </td>
                <td className="url">{a.action === 'update.channel.create' ? '—' : auditValue(a.action, a.before)}</td>
                <td className="url">{auditValue(a.action, a.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
