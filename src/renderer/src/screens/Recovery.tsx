/**
 * Mã khôi phục dữ liệu (Ctrl+K → “mã khôi phục”, manager): the store is encrypted with a key kept
 * by this PC's Windows account; if the PC dies, IT restores the data on a new one with this code
 * (npm run restore / Quầy HCC --restore … --recovery-code …). The manager writes it down or prints
 * the page, keeps it locked away from the counter, and confirms; every showing is in the audit log.
 */
import { useEffect, useRef, useState } from 'react';
import type { RecoveryCodeDto } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useScreenActions, useShell } from '../shell';
import { beep, viDateTime } from '../ui';

export function RecoveryScreen() {
  const shell = useShell();
  const [dto, setDto] = useState<RecoveryCodeDto | null>(null);
  // Asked once per visit: every showing is audited.
  const asked = useRef(false);

  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void api()['recovery.show']({}).then((r) => {
      if (!r.ok) {
        beep();
        return shell.flash({ kind: 'error', text: r.error.message });
      }
      setDto(r.value);
    });
  }, [shell]);

  async function confirm() {
    const r = await api()['recovery.confirm']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setDto(r.value);
    shell.flash({ kind: 'ok', text: 'Đã ghi nhận: mã khôi phục đã được cất giữ.' });
  }

  async function print() {
    const r = await api()['recovery.print']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    shell.flash({ kind: 'ok', text: `Đã gửi mã khôi phục ra máy in: cho tờ in vào phong bì dán kín. ${r.value.message}` });
  }

  useScreenActions({ save: () => void confirm(), print: () => void print() });

  return (
    <section className="panel recovery" aria-labelledby="h-recovery">
      <h2 id="h-recovery">Mã khôi phục dữ liệu của quầy</h2>
      <p>
        Dữ liệu công dân trên máy này được mã hoá. Khoá giải mã được hệ điều hành giữ cho tài khoản Windows của quầy; nếu máy hỏng, bộ phận CNTT chỉ khôi phục được bản sao lưu
        trên máy mới bằng mã dưới đây.
      </p>
      {dto ? (
        <p className="recovery-code" data-testid="recovery-code" aria-label="Mã khôi phục, 14 nhóm 4 ký tự">
          {dto.code.split('-').map((g, i) => (
            <span key={i}>{g}</span>
          ))}
        </p>
      ) : (
        <p className="hint">Đang lấy mã…</p>
      )}
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
