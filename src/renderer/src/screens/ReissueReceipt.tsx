/**
 * Hủy và cấp lại biên lai (on the shift close screen): a fee receipt printed wrong or spoiled is
 * cancelled — it keeps its number and is printed again marked HỦY — and the same payment gets the
 * next number of the series. Needs a reason and the manager's user name and password; no money moves.
 * Enter goes from field to field; Enter in the password field submits.
 */
import { useState } from 'react';
import { api } from '../api';
import { useShell } from '../shell';
import { beep, TextInput } from '../ui';

/** "SL-TP-Q01-0000012", or "12" in the series of today's receipts: the series and the number. */
function parseReceipt(raw: string, series: string): { series: string; number: number } | null {
  const t = raw.trim().toUpperCase();
  const full = /^(.+)-(\d{7})$/.exec(t);
  if (full) return { series: full[1]!, number: Number(full[2]) };
  return /^\d{1,7}$/.test(t) && Number(t) > 0 ? { series, number: Number(t) } : null;
}

export function ReissueReceipt({ series, onDone }: { series: string; onDone: () => void }) {
  const shell = useShell();
  const [no, setNo] = useState('');
  const [reason, setReason] = useState('');
  const [manager, setManager] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const fail = (field: string, message: string) => {
    setErrors({ [field]: message });
    beep();
    shell.flash({ kind: 'error', text: message });
  };

  async function submit() {
    const r = parseReceipt(no, series);
    if (!r) return fail('rr-number', `Số biên lai gồm tối đa 7 chữ số, hoặc đủ dạng ${series}-0000001.`);
    const res = await api()['receipt.reissue']({ ...r, reason, managerUsername: manager, managerPassword: password });
    if (!res.ok) return fail(res.error.field ? `rr-${res.error.field === 'managerPassword' ? 'password' : res.error.field === 'managerUsername' ? 'manager' : res.error.field}` : 'rr-number', res.error.message);
    setErrors({});
    setNo('');
    setReason('');
    setPassword('');
    shell.flash({ kind: 'ok', text: res.value.message });
    onDone();
  }

  return (
    <form
      aria-labelledby="h-reissue"
      data-testid="reissue-receipt"
      data-form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="h-reissue">Hủy và cấp lại biên lai thu phí</h3>
      <p className="hint">Biên lai bị hủy giữ nguyên số và được in lại có chữ HỦY; khoản thu nhận số biên lai kế tiếp. Không thay đổi tiền trong sổ.</p>
      <TextInput id="rr-number" label="Số biên lai cần hủy" value={no} onChange={setNo} error={errors['rr-number']} inputMode="numeric" />
      <TextInput id="rr-reason" label="Lý do hủy" value={reason} onChange={setReason} error={errors['rr-reason']} wide />
      <TextInput id="rr-manager" label="Trưởng bưu cục (tên đăng nhập)" value={manager} onChange={setManager} error={errors['rr-manager']} autoComplete="off" />
      <TextInput id="rr-password" label="Mật khẩu trưởng bưu cục" type="password" value={password} onChange={setPassword} error={errors['rr-password']} autoComplete="off" />
      <button type="submit" id="rr-submit" className="btn secondary">
        Hủy và cấp lại
      </button>
    </form>
  );
}
