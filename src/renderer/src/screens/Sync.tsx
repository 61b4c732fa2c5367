/**
 * Đồng bộ máy chủ tỉnh (Ctrl+K → “đồng bộ”): the worker's state, “sync now”, enrollment of this
 * counter with a one-time code from provincial IT (admin; F10), and the operations the hub refused
 * for a manager to review (another counter acted first, or the data was refused).
 */
import { useCallback, useEffect, useState } from 'react';
import type { RejectedOpDto, SyncInfoDto } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useScreenActions, useShell } from '../shell';
import { beep, TextInput, viDateTime } from '../ui';
import { HUB_ADDRESS_EXAMPLE, looksLikeEnrollmentText, parseEnrollmentText } from '../../../shared/enrollment';

const STATUS_VI: Record<SyncInfoDto['state']['status'], string> = {
  synced: 'Đã đồng bộ',
  pending: 'Đang chờ gửi',
  offline: 'Mất kết nối máy chủ tỉnh',
  error: 'Lỗi đồng bộ',
};

export function SyncScreen() {
  const shell = useShell();
  const manager = shell.role !== 'clerk';
  const admin = shell.role === 'admin';
  const [info, setInfo] = useState<SyncInfoDto | null>(null);
  const [rejected, setRejected] = useState<RejectedOpDto[]>([]);
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const load = useCallback(async () => {
    const r = await api()['sync.info']({});
    if (r.ok) setInfo(r.value);
    if (manager) {
      const j = await api()['sync.rejected']({});
      if (j.ok) setRejected(j.value);
    }
  }, [manager]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 2000);
    return () => clearInterval(t);
  }, [load]);

  async function enroll() {
    if (!admin) return;
    // The enrollment QR's text, scanned or typed into the address field: address and code in one.
    const qr = looksLikeEnrollmentText(hubUrl) ? parseEnrollmentText(hubUrl) : null;
    if (qr && !qr.ok) {
      setErrors({ hubUrl: qr.message });
      beep();
      return shell.flash({ kind: 'error', text: qr.message });
    }
    const ticket = qr?.ok ? qr.ticket : { hubUrl, code };
    if (qr?.ok) {
      setHubUrl(ticket.hubUrl);
      setCode(ticket.code);
    }
    const r = await api()['sync.enroll']({ hubUrl: ticket.hubUrl, code: ticket.code });
    if (!r.ok) {
      setErrors({ [r.error.field === 'hubUrl' ? 'hubUrl' : 'code']: r.error.message });
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setErrors({});
    setCode('');
    shell.flash({ kind: 'ok', text: `Đã đăng ký ${r.value.counterName} — ${r.value.branchName} với máy chủ tỉnh.` });
    shell.refreshStatus();
    await load();
  }

  async function syncNow() {
    const r = await api()['sync.now']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setInfo(r.value);
    shell.flash({ kind: r.value.state.status === 'synced' ? 'ok' : 'info', text: `${STATUS_VI[r.value.state.status]}${r.value.state.lastError ? `: ${r.value.state.lastError}` : r.value.state.notice ? `: ${r.value.state.notice}` : ''}.` });
  }

  async function acknowledge(seq: number) {
    const r = await api()['sync.acknowledge']({ seq });
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setRejected(r.value);
    shell.flash({ kind: 'ok', text: 'Đã ghi nhận đã xem thao tác bị từ chối.' });
  }

  useScreenActions({ save: () => void enroll() });

  const st = info?.state;
  return (
    <div className="cols2">
      <div>
        <section className="panel" aria-labelledby="h-sync">
          <h2 id="h-sync">Trạng thái đồng bộ</h2>
          {st ? (
            <dl className="facts" data-testid="sync-state">
              <dt>Tình trạng</dt>
              <dd>
                <span className={`pill ${st.status === 'synced' ? 'ok' : 'warn'}`}>{st.enrolled ? STATUS_VI[st.status] : 'Chưa đăng ký với máy chủ tỉnh'}</span>
              </dd>
              <dt>Máy chủ tỉnh</dt>
              <dd>{info?.hubUrl ?? 'Chưa cấu hình'}</dd>
              <dt>Thao tác chờ gửi</dt>
              <dd>{st.pending}</dd>
              <dt>Bị từ chối, chưa xem</dt>
              <dd>{st.rejected}</dd>
              <dt>Lần đồng bộ gần nhất</dt>
              <dd>{st.lastSyncAt ? viDateTime(st.lastSyncAt) : 'Chưa có'}</dd>
              {st.offlineSince ? (
                <>
                  <dt>Mất kết nối từ</dt>
                  <dd>{viDateTime(st.offlineSince)}</dd>
                </>
              ) : null}
              {st.clockSkewMs !== null ? (
                <>
                  <dt>Lệch đồng hồ so với máy chủ</dt>
                  <dd>{Math.round(st.clockSkewMs / 1000)} giây</dd>
                </>
              ) : null}
              {st.notice ? (
                <>
                  <dt>Lưu ý</dt>
                  <dd>{st.notice}</dd>
                </>
              ) : null}
              {st.lastError ? (
                <>
                  <dt>Lỗi gần nhất</dt>
                  <dd>{st.lastError}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          <button type="button" id="sync-now" onClick={() => void syncNow()} disabled={!info?.available}>
            Đồng bộ ngay
          </button>
        </section>
        {manager ? (
          <section className="panel" aria-labelledby="h-rejected">
            <h2 id="h-rejected">Thao tác bị máy chủ từ chối ({rejected.length})</h2>
            {rejected.length === 0 ? <p>Không có thao tác nào bị từ chối.</p> : null}
            {rejected.length > 0 ? (
              <table data-testid="sync-rejected">
                <caption className="sr-only">Thao tác bị từ chối</caption>
                <thead>
                  <tr>
                    <th scope="col">Số hiệu</th>
                    <th scope="col">Thao tác</th>
                    <th scope="col">Lý do</th>
                    <th scope="col">Xử lý</th>
                  </tr>
                </thead>
                <tbody>
                  {rejected.map((op) => (
                    <tr key={op.seq}>
                      <td>{op.itemNumber ?? '—'}</td>
                      <td>
                        {op.action}
                        <br />
                        <small>{viDateTime(op.createdAt)}</small>
                      </td>
                      <td>{op.reason}</td>
                      <td>
                        <button type="button" id={`rejected-ack-${op.seq}`} onClick={() => void acknowledge(op.seq)}>
                          Đã xem
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
        ) : null}
      </div>
      {admin ? (
        <section className="panel" data-form aria-labelledby="h-enroll">
          <h2 id="h-enroll">Đăng ký quầy với máy chủ tỉnh (F10)</h2>
          <p>CNTT tỉnh cấp cho quầy này một mã đăng ký dùng một lần; mã được đổi lấy khoá truy cập riêng của quầy; có thể quét mã QR đăng ký vào ô địa chỉ.</p>
          <TextInput id="sync-hub" label="Địa chỉ máy chủ tỉnh" hint={`Ví dụ: ${HUB_ADDRESS_EXAMPLE}`} value={hubUrl} onChange={setHubUrl} error={errors['hubUrl']} autoFocus />
          <TextInput id="sync-code" label="Mã đăng ký" value={code} onChange={setCode} error={errors['code']} />
        </section>
      ) : null}
    </div>
  );
}
