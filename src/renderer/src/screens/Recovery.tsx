/**
 * Mã khôi phục dữ liệu (Ctrl+K → “mã khôi phục”, manager): the store is encrypted with a key kept
 * by this PC's Windows account; if the PC dies, IT restores the data on a new one with this code
 * (npm run restore / Quầy HCC --restore … --recovery-code …). The manager writes it down or prints
 * the page, keeps it locked away from the counter, and confirms; every showing is in the audit log.
 */
import { api } from '../api';
import { useScreenActions, useShell } from '../shell';
import { beep, viDateTime } from '../ui';
import { RecoveryCodeGroups, useRecoveryCode } from './recovery-code';

export function RecoveryScreen() {
  const shell = useShell();
  // Asked once per visit: every showing is audited.
  const { dto, setDto, print } = useRecoveryCode();

  async function confirm() {
    const r = await api()['recovery.confirm']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setDto(r.value);
    shell.flash({ kind: 'ok', text: 'Đã ghi nhận: mã khôi phục đã được cất giữ.' });
  }

  useScreenActions({ save: () => void confirm(), print: () => void print() });

  return (
    <section className="panel recovery" aria-labelledby="h-recovery">
      <h2 id="h-recovery">Mã khôi phục dữ liệu của quầy</h2>
      <p>
        Dữ liệu công dân trên máy này được mã hoá. Khoá giải mã được hệ điều hành giữ cho tài khoản Windows của quầy; nếu máy hỏng, bộ phận CNTT chỉ khôi phục được bản sao lưu
        trên máy mới bằng mã dưới đây.
      </p>
      <RecoveryCodeGroups dto={dto} />
      <ul>
        <li>Chép tay hoặc in ra máy in biên nhận (Ctrl+P), cho vào phong bì dán kín, trưởng bưu cục cất trong tủ khoá — không để tại quầy, không chụp ảnh, không gửi qua mạng.</li>
        <li>Ai có mã này và bản sao lưu thì đọc được dữ liệu công dân: giữ như chìa khoá két.</li>
        <li>Mỗi lần xem mã đều được ghi vào nhật ký thao tác.</li>
      </ul>
      <p data-testid="recovery-confirmed">
        {dto?.confirmedAt ? (
          <span className="pill ok">
            Đã cất giữ: {dto.confirmedBy}, {viDateTime(dto.confirmedAt)}
          </span>
        ) : (
          <span className="pill warn">Chưa xác nhận đã cất giữ mã</span>
        )}
      </p>
      <button type="button" id="recovery-confirm" onClick={() => void confirm()} disabled={!dto}>
        Tôi đã ghi lại và cất giữ mã (F10)
      </button>
    </section>
  );
}
