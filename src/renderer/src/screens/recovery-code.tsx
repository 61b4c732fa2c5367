/**
 * The recovery code as both screens show it (Ctrl+K → “Mã khôi phục dữ liệu”, and step 5 of the
 * first run): asked once per visit (every showing is audited), printed with Ctrl+P on the receipt
 * printer, displayed in its 14 groups.
 */
import { useEffect, useRef, useState } from 'react';
import type { RecoveryCodeDto } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useShell } from '../shell';
import { beep } from '../ui';

export function useRecoveryCode() {
  const shell = useShell();
  const [dto, setDto] = useState<RecoveryCodeDto | null>(null);
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

  async function print() {
    const r = await api()['recovery.print']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    shell.flash({ kind: 'ok', text: `Đã gửi mã khôi phục ra máy in: cho tờ in vào phong bì dán kín. ${r.value.message}` });
  }

  return { dto, setDto, print };
}

export function RecoveryCodeGroups({ dto }: { dto: RecoveryCodeDto | null }) {
  return dto ? (
    <p className="recovery-code" data-testid="recovery-code" aria-label="Mã khôi phục, 14 nhóm 4 ký tự">
      {dto.code.split('-').map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </p>
  ) : (
    <p className="hint">Đang lấy mã…</p>
  );
}
