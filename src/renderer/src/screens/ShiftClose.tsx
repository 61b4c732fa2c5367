/**
 * Kết ca (Ctrl+K → “Kết ca”): the clerk's own shift. What the ledger expects in the drawer by
 * category, the transfers (not in the drawer; each waits for the bank's reference), the count by
 * denomination with its sum and the difference (thừa / thiếu), a reason when it differs, and the
 * manager's user name and password (two people saw the cash). F10 closes. A closed shift shows its
 * record and can be reopened with the manager's password and a reason.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ShiftView } from '../../../shared/ipc/channels/manager';
import { differenceWord } from '../../../shared/cash';
import { formatVnd } from '../../../shared/money';
import { api } from '../api';
import { useScreenActions, useShell } from '../shell';
import { beep, TextInput, viDate, viDateTime } from '../ui';
import { ReissueReceipt } from './ReissueReceipt';

const key = (d: { value: number; kind: string }) => `${d.kind}-${d.value}`;
const denomLabel = (d: { value: number; kind: string }) => `${d.kind === 'coin' ? 'Xu' : 'Tờ'} ${formatVnd(d.value)}`;

/** A count typed by the clerk: empty is zero; anything else must be a whole number ≥ 0. */
function parseCount(s: string): number | null {
  const t = s.trim();
  if (t === '') return 0;
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

export function ShiftCloseScreen() {
  const shell = useShell();
  const [view, setView] = useState<ShiftView | null>(null);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [manager, setManager] = useState('');
  const [password, setPassword] = useState('');
  const [refs, setRefs] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const load = useCallback(async () => {
    const r = await api()['shift.get']({});
    if (r.ok) setView(r.value);
    else shell.flash({ kind: 'error', text: r.error.message });
  }, [shell]);
  useEffect(() => void load(), [load]);

  const lines = (view?.denominations ?? []).map((d) => ({ ...d, raw: counts[key(d)] ?? '', count: parseCount(counts[key(d)] ?? '') }));
  const bad = lines.find((l) => l.count === null);
  const total = lines.reduce((s, l) => s + l.value * (l.count ?? 0), 0);
  const diff = view ? total - view.expectedCash : 0;

  const fail = (field: string, message: string) => {
    setErrors({ [field]: message });
    beep();
    shell.flash({ kind: 'error', text: message });
  };

  async function close() {
    if (!view || view.state === 'closed') return;
    if (bad) return fail(`count-${key(bad)}`, `Số lượng ${denomLabel(bad).toLowerCase()} phải là số nguyên không âm.`);
    if (diff !== 0 && reason.trim().length < 3) return fail('shift-reason', `Quỹ ${differenceWord(diff)} ${formatVnd(Math.abs(diff))}: hãy ghi lý do chênh lệch.`);
    const r = await api()['shift.close']({
      counts: lines.filter((l) => (l.count ?? 0) > 0).map((l) => ({ value: l.value, kind: l.kind, count: l.count ?? 0 })),
      ...(reason.trim() ? { reason } : {}),
      managerUsername: manager,
      managerPassword: password,
    });
    setPassword('');
    if (!r.ok) {
      const f = r.error.field === 'reason' ? 'shift-reason' : r.error.field === 'managerUsername' ? 'shift-manager' : r.error.field?.startsWith('counts') ? 'shift-counts' : 'shift-password';
      return fail(f, r.error.message);
    }
    setErrors({});
    setReason('');
    setCounts({});
    setView(r.value.view);
    shell.flash({ kind: 'ok', text: r.value.message });
  }

  async function reopen() {
    if (!view || view.state !== 'closed') return;
    const r = await api()['shift.reopen']({ shiftOf: view.clerkId, businessDate: view.businessDate, reason, managerUsername: manager, managerPassword: password });
    setPassword('');
    if (!r.ok) return fail(r.error.field === 'reason' ? 'shift-reason' : 'shift-password', r.error.message);
    setErrors({});
    setReason('');
    setView(r.value);
    shell.flash({ kind: 'ok', text: `Đã mở lại ca ngày ${viDate(r.value.businessDate)}; việc mở lại được ghi vào nhật ký.` });
  }

  async function confirmTransfer(ledgerId: number) {
    const r = await api()['shift.confirmTransfer']({ ledgerId, bankRef: refs[ledgerId] ?? '' });
    if (!r.ok) return fail(`ref-${ledgerId}`, r.error.message);
    setErrors({});
    setView(r.value);
    shell.flash({ kind: 'ok', text: 'Đã ghi mã giao dịch ngân hàng cho khoản chuyển khoản.' });
  }

  useScreenActions({ save: () => void (view?.state === 'closed' ? reopen() : close()) });
  if (!view) return <p>Đang tải…</p>;
  const closed = view.state === 'closed';
  const standing = view.closes.find((c) => c.reopenedAt === null);

  return (
    <div className="cols2 shift">
      <section className="panel" aria-labelledby="h-expected">
        <h2 id="h-expected">
          Ca của {view.clerkName} · ngày nghiệp vụ {viDate(view.businessDate)} · {closed ? 'ĐÃ KẾT CA' : 'đang mở'}
        </h2>
        <table data-testid="shift-expected">
          <caption>Tiền mặt phải có trong két theo sổ</caption>
          <tbody>
            {view.cash.map((c) => (
              <tr key={c.category}>
                <th scope="row">{c.label}</th>
                <td className="num">{formatVnd(c.amount)}</td>
              </tr>
            ))}
            <tr className="total">
              <th scope="row">Tiền mặt phải có</th>
              <td className="num" data-testid="shift-expected-cash">
                {formatVnd(view.expectedCash)}
              </td>
            </tr>
          </tbody>
        </table>
        <h3>Chuyển khoản (không có trong két): {formatVnd(view.transferTotal)}</h3>
        {view.transfers.length === 0 ? <p className="hint">Không có khoản chuyển khoản.</p> : null}
        <table>
          <caption className="sr-only">Các khoản chuyển khoản</caption>
          <tbody>
            {view.transfers.map((t) => (
              <tr key={t.ledgerId}>
                <td>{t.itemNumber ?? '—'}</td>
                <td className="num">{formatVnd(t.amount)}</td>
                <td>
                  {t.bankRef ? (
                    <span className="pill ok">Đã xác nhận · {t.bankRef}</span>
                  ) : (
                    <span className="row">
                      <span className="pill warn">Chờ xác nhận</span>
                      <label className="sr-only" htmlFor={`ref-${t.ledgerId}`}>
                        Mã giao dịch ngân hàng
                      </label>
                      <input
                        id={`ref-${t.ledgerId}`}
                        placeholder="Mã giao dịch ngân hàng"
                        value={refs[t.ledgerId] ?? ''}
                        aria-invalid={errors[`ref-${t.ledgerId}`] ? true : undefined}
                        onChange={(e) => setRefs((r) => ({ ...r, [t.ledgerId]: e.target.value }))}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                            e.preventDefault();
                            e.stopPropagation();
                            void confirmTransfer(t.ledgerId);
                          }
                        }}
                      />
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Biên lai thu phí, lệ phí đã lập: {view.receipts.issued}
          {view.receipts.first ? ` (từ ${view.receipts.first} đến ${view.receipts.last})` : ''}
          {view.receipts.cancelled.length ? ` · đã hủy: ${view.receipts.cancelled.join(', ')}` : ''}
        </p>
        {view.receipts.last ? <ReissueReceipt series={view.receipts.last.replace(/-\d{7}$/, '')} onDone={() => void load()} /> : null}
        {view.closes.length > 0 ? (
          <>
            <h3>Lịch sử kết ca ngày này</h3>
            <ul>
              {view.closes.map((c) => (
                <li key={c.id}>
                  Kết lúc {viDateTime(c.closedAt)}, {c.confirmedBy} xác nhận: đếm {formatVnd(c.countedCash)}, sổ {formatVnd(c.expectedCash)}, chênh lệch {formatVnd(c.difference)}
                  {c.reason ? ` (${c.reason})` : ''}
                  {c.reopenedAt ? ` · mở lại lúc ${viDateTime(c.reopenedAt)} bởi ${c.reopenedBy}: ${c.reopenReason}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="panel" data-form aria-labelledby="h-count">
        {closed ? (
          <>
            <h2 id="h-count">Ca đã kết{standing ? ` lúc ${viDateTime(standing.closedAt)}` : ''}</h2>
            <p>Khoản thu mới của bạn được tính vào ngày nghiệp vụ kế tiếp. Muốn mở lại ca này cần trưởng bưu cục nhập mật khẩu và ghi lý do (F10).</p>
            <TextInput id="shift-reason" label="Lý do mở lại ca" value={reason} onChange={setReason} error={errors['shift-reason']} autoFocus />
          </>
        ) : (
          <>
            <h2 id="h-count">Kiểm đếm tiền mặt trong két (F10 để kết ca)</h2>
            <table className="count" data-testid="shift-count">
              <caption className="sr-only">Số tờ, số xu theo mệnh giá</caption>
              <thead>
                <tr>
                  <th scope="col">Mệnh giá</th>
                  <th scope="col">Số lượng</th>
                  <th scope="col">Thành tiền</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  <tr key={key(l)}>
                    <th scope="row">
                      <label htmlFor={`count-${key(l)}`}>{denomLabel(l)}</label>
                    </th>
                    <td>
                      <input
                        id={`count-${key(l)}`}
                        inputMode="numeric"
                        autoFocus={i === 0}
                        value={l.raw}
                        aria-invalid={l.count === null || errors[`count-${key(l)}`] ? true : undefined}
                        onChange={(e) => setCounts((c) => ({ ...c, [key(l)]: e.target.value }))}
                      />
                    </td>
                    <td className="num">{l.count === null ? 'không hợp lệ' : formatVnd(l.value * l.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {errors['shift-counts'] ? <p className="error" role="alert">{errors['shift-counts']}</p> : null}
            <p className="total" data-testid="shift-counted">
              Đã đếm: <strong>{formatVnd(total)}</strong> · Sổ: {formatVnd(view.expectedCash)} ·{' '}
              <strong className={diff === 0 ? 'diff-ok' : 'diff-bad'} data-testid="shift-difference">
                {diff === 0 ? 'Khớp' : `${differenceWord(diff) === 'thừa' ? 'Thừa' : 'Thiếu'} ${formatVnd(Math.abs(diff))}`}
              </strong>
            </p>
            <TextInput id="shift-reason" label="Lý do chênh lệch (bắt buộc khi thừa hoặc thiếu)" value={reason} onChange={setReason} error={errors['shift-reason']} />
          </>
        )}
        <TextInput id="shift-manager" label="Trưởng bưu cục xác nhận: tên đăng nhập" value={manager} onChange={setManager} error={errors['shift-manager']} />
        <TextInput id="shift-password" label="Mật khẩu của trưởng bưu cục" type="password" value={password} onChange={setPassword} error={errors['shift-password']} autoComplete="off" />
        <button type="button" className="btn" onClick={() => void (closed ? reopen() : close())}>
          {closed ? 'Mở lại ca (F10)' : 'Kết ca (F10)'}
        </button>
      </section>
    </div>
  );
}
