/**
 * Step 5, the recovery code (issue #15): the store is encrypted with a key this PC's account keeps;
 * if the PC dies before anyone wrote the code down, the counter's data cannot be restored. The code
 * is shown (recorded in the audit log), Ctrl+P prints it on the receipt printer for the envelope,
 * and the step is done only when the technician reads back its last four characters from the paper
 * (recorded as the code put away). Every showing and print is in the audit log, as on Ctrl+K →
 * “Mã khôi phục dữ liệu”.
 */
import { useRef, useState } from 'react';
import { api } from '../../api';
import { useScreenActions, useShell } from '../../shell';
import { beep, TextInput } from '../../ui';
import type { StepProps } from './SetupScreen';
import { RecoveryCodeGroups, useRecoveryCode } from '../recovery-code';

export function RecoveryStep({ done }: StepProps) {
  const shell = useShell();
  // Asked once per visit: every showing is audited.
  const { dto, print } = useRecoveryCode();
  const [lastGroup, setLastGroup] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const busy = useRef(false);

  async function confirm() {
    if (busy.current || !dto) return;
    busy.current = true;
    try {
      const r = await api()['recovery.confirm']({ lastGroup });
      if (!r.ok) {
        beep();
        setError(r.error.message);
        return shell.flash({ kind: 'error', text: r.error.message });
      }
      const st = await api()['setup.state']({});
      if (!st.ok) return shell.flash({ kind: 'error', text: st.error.message });
      done(st.value, 'Đã ghi nhận: mã khôi phục đã được ghi lại và cất giữ.');
    } finally {
      busy.current = false;
    }
  }
  useScreenActions({ print: () => void print(), save: () => void confirm() });

  return (
    <section className="panel recovery" aria-labelledby="setup-step-title" data-testid="setup-recovery">
      <p>
        Dữ liệu công dân trên máy này được mã hoá. Khoá giải mã do tài khoản Windows của quầy giữ; nếu máy hỏng, bộ phận CNTT chỉ khôi phục được dữ liệu trên máy mới bằng mã dưới đây.
      </p>
      <RecoveryCodeGroups dto={dto} />
      <ul>
        <li>Chép tay mã, hoặc Ctrl+P in ra máy in biên nhận; cho vào phong bì dán kín, trưởng bưu cục cất trong tủ khoá — không để tại quầy, không chụp ảnh, không gửi qua mạng.</li>
        <li>Ai có mã này và bản sao lưu thì đọc được dữ liệu công dân. Mỗi lần xem, in mã đều được ghi vào nhật ký thao tác.</li>
      </ul>
      <form
        data-form
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <TextInput
          id="rc-last"
          label="Đọc lại 4 ký tự cuối (nhóm 14) từ giấy đã ghi hoặc đã in"
          hint="Enter: xác nhận đã ghi lại và cất giữ mã. Ctrl+P: in mã."
          value={lastGroup}
          onChange={(v) => {
            setLastGroup(v);
            setError(undefined);
          }}
          error={error}
          maxLength={9}
          autoComplete="off"
          autoFocus
        />
        <button type="submit" id="rc-confirm" className="btn" disabled={!dto}>
          Đã ghi lại và cất giữ mã (Enter)
        </button>
      </form>
    </section>
  );
}
