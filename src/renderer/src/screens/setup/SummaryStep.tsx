/**
 * Step 5, the summary: what was set (identity, hub, printer, people), printable on the receipt
 * printer for the branch's records (Ctrl+P; no password, no token). Enter finishes the first run.
 */
import { useEffect, useState } from 'react';
import type { SetupSummaryDto } from '../../../../shared/ipc/contract';
import { SETUP_STEP_TITLES } from '../../../../shared/ipc/channels/setup';
import { api } from '../../api';
import { useScreenActions, useShell } from '../../shell';
import { beep, viDateTime } from '../../ui';
import type { StepProps } from './SetupScreen';

const ROLE_LABEL: Record<string, string> = { clerk: 'Giao dịch viên', manager: 'Trưởng bưu cục', admin: 'Quản trị' };
const OUTCOME: Record<string, string> = {
  enrolled: 'đã đăng ký',
  later: 'để sau',
  hub: 'theo máy chủ',
  local: 'nhập tại quầy',
  confirmed: 'in thử đạt',
  not_confirmed: 'chưa xác nhận',
  done: 'xong',
  put_away: 'đã ghi lại và cất giữ',
};

export function SummaryStep({ done }: StepProps) {
  const shell = useShell();
  const [s, setS] = useState<SetupSummaryDto | null>(null);
  useEffect(() => {
    void api()['setup.summary']({}).then((r) => r.ok && setS(r.value));
  }, []);

  async function print() {
    const r = await api()['setup.printSummary']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    shell.flash({ kind: 'ok', text: `Đã gửi biên bản cài đặt ra máy in. ${r.value.message}` });
  }
  async function finish() {
    const r = await api()['setup.finish']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    done(r.value, 'Đã thiết lập xong quầy. Mọi bước vẫn mở lại được từ Ctrl+K → “Thiết lập”.');
    shell.go('intake');
    shell.flash({ kind: 'ok', text: 'Đã thiết lập xong quầy. Mọi bước vẫn mở lại được từ Ctrl+K → “Thiết lập”.' });
  }
  useScreenActions({ print: () => void print() });

  if (!s) return <p>Đang mở…</p>;
  const id = s.identity;
  return (
    <section className="panel" aria-labelledby="setup-step-title" data-testid="setup-summary">
      <dl className="dl">
        <dt>Bưu cục</dt>
        <dd>
          {id.branchName} ({id.branchCode})
        </dd>
        <dt>Quầy</dt>
        <dd>
          {id.counterName} ({id.counterId})
        </dd>
        <dt>Địa bàn</dt>
        <dd>{[id.communeName, id.provinceName].filter(Boolean).join(', ') || '—'}</dd>
        <dt>Định danh do</dt>
        <dd>{id.source === 'hub' ? 'máy chủ tỉnh cấp' : id.source === 'local' ? 'nhập tại quầy (chưa đăng ký máy chủ)' : 'mặc định khi cài'}</dd>
        <dt>Máy chủ tỉnh</dt>
        <dd>{s.hub.enrolled ? `${s.hub.hubUrl ?? ''} — đăng ký lúc ${s.hub.enrolledAt ? viDateTime(s.hub.enrolledAt) : '—'}` : 'chưa đăng ký (quầy chạy riêng)'}</dd>
        <dt>Máy in biên nhận</dt>
        <dd>{s.printer ? `${s.printer.name}, ${s.printer.widthMm} mm, ${s.printer.connection}${s.printer.confirmed === true ? ' — in thử đạt' : s.printer.confirmed === false ? ' — chưa xác nhận in thử' : ''}` : 'chưa có'}</dd>
      </dl>
      <table>
        <caption className="caption">Người dùng ({s.people.length})</caption>
        <thead>
          <tr>
            <th scope="col">Họ tên</th>
            <th scope="col">Tên đăng nhập</th>
            <th scope="col">Vai trò</th>
          </tr>
        </thead>
        <tbody>
          {s.people.map((p) => (
            <tr key={p.username}>
              <td>{p.fullName}</td>
              <td>{p.username}</td>
              <td>
                {ROLE_LABEL[p.role]}
                {p.mustChangePassword ? ' · phải đổi mật khẩu khi đăng nhập lần đầu' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {s.steps
          .filter((x) => x.step !== 'summary')
          .map((x) => `${SETUP_STEP_TITLES[x.step]}: ${OUTCOME[x.outcome] ?? x.outcome} (${viDateTime(x.doneAt)})`)
          .join(' · ')}
      </p>
      <div className="actions">
        <button id="summary-finish" className="btn" autoFocus onClick={() => void finish()}>
          Hoàn tất (Enter)
        </button>
        <span className="hint">Ctrl+P: in biên bản cài đặt cho bưu cục lưu</span>
      </div>
    </section>
  );
}
