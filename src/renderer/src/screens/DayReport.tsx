/**
 * Báo cáo cuối ngày (Ctrl+K → “Báo cáo cuối ngày”, manager): the shifts of a date (closed or still
 * open), the day's report on screen, Ctrl+P prints it in one key press (thermal paper, A4 saved as
 * PDF, spreadsheet), Ctrl+S saves a readable copy of the A4 report (the files in the data folder are
 * sealed), F10 closes the day. Any past date can be chosen and reprinted, marked as such.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DayReport } from '../../../shared/day-report';
import type { DayStatus } from '../../../shared/ipc/channels/manager';
import { formatVnd } from '../../../shared/money';
import { api } from '../api';
import { saveCopy } from '../save-copy';
import { useScreenActions, useShell } from '../shell';
import { beep, viDate, viDateTime } from '../ui';
import { DateField } from '../components/DateField';

const localToday = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

export function DayReportScreen() {
  const shell = useShell();
  const [date, setDate] = useState(() => localToday(shell.now()));
  const [status, setStatus] = useState<DayStatus | null>(null);
  const [report, setReport] = useState<DayReport | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const [printed, setPrinted] = useState<{ date: string; name: string } | null>(null);

  const load = useCallback(async () => {
    const [s, r] = await Promise.all([api()['day.status']({ businessDate: date }), api()['day.report']({ businessDate: date })]);
    if (s.ok) setStatus(s.value);
    if (r.ok) setReport(r.value);
    else {
      setReport(null);
      shell.flash({ kind: 'error', text: r.error.message });
    }
  }, [date, shell]);
  useEffect(() => void load(), [load]);

  async function print() {
    shell.flash({ kind: 'info', text: 'Đang in báo cáo: giấy nhiệt, A4 (PDF) và bảng tính…' });
    const r = await api()['day.print']({ businessDate: date });
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setLast(r.value.message);
    setPrinted({ date, name: r.value.pdfName ?? r.value.xlsxName });
    shell.flash({ kind: 'ok', text: r.value.copyNo > 0 ? `Đã in lại báo cáo (bản in lại lần ${r.value.copyNo}).` : 'Đã in báo cáo cuối ngày.' });
  }

  async function closeDay() {
    const r = await api()['day.close']({ businessDate: date });
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setStatus(r.value);
    const open = r.value.closed?.openShifts ?? [];
    shell.flash({ kind: 'ok', text: `Đã chốt sổ ngày ${viDate(date)}${open.length ? `; ca còn mở: ${open.join(', ')}` : '; mọi ca đã kết'}.` });
    await load();
  }

  async function copy() {
    const r = await saveCopy(printed?.date === date ? printed.name : null);
    if (r.kind === 'error') beep();
    shell.flash(r.kind === 'ok' || printed?.date === date ? r : { kind: 'error', text: `Chưa in báo cáo ngày ${viDate(date)} trong lần làm việc này: bấm Ctrl+P để lập báo cáo, rồi Ctrl+S để lưu bản sao.` });
  }

  useScreenActions({ print: () => void print(), save: () => void closeDay(), copy: () => void copy() });

  return (
    <div className="report-screen">
      <div className="row">
        <DateField id="report-date" label="Ngày nghiệp vụ (Enter để xem)" value={date} max={localToday(shell.now())} onChange={(d) => d && setDate(d)} autoFocus />
        <span className="hint">Ctrl+P: in báo cáo (nhiệt + A4 + Excel) · Ctrl+S: lưu bản sao đọc được · F10: chốt sổ ngày</span>
      </div>
      {last ? (
        <p className="notice" data-testid="report-print-result">
          {last}
        </p>
      ) : null}
      <div className="cols2">
        <section className="panel" aria-labelledby="h-shifts">
          <h2 id="h-shifts">Các ca ngày {viDate(date)}</h2>
          <p data-testid="day-closed">{status?.closed ? `Đã chốt sổ lúc ${viDateTime(status.closed.at)} (${status.closed.by})` : 'Chưa chốt sổ ngày'}</p>
          <table>
            <caption className="sr-only">Các ca</caption>
            <thead>
              <tr>
                <th scope="col">Giao dịch viên</th>
                <th scope="col">Ca</th>
                <th scope="col">Tiền mặt theo sổ</th>
                <th scope="col">Đã đếm</th>
                <th scope="col">Chênh lệch</th>
                <th scope="col">Chuyển khoản</th>
              </tr>
            </thead>
            <tbody>
              {(status?.shifts ?? []).map((s) => (
                <tr key={s.clerkId}>
                  <td>{s.clerkName}</td>
                  <td>{s.state === 'closed' ? <span className="pill ok">Đã kết</span> : <span className="pill warn">Chưa kết</span>}</td>
                  <td className="num">{formatVnd(s.expectedCash)}</td>
                  <td className="num">{s.countedCash === null ? '—' : formatVnd(s.countedCash)}</td>
                  <td className="num">{s.difference === null ? '—' : formatVnd(s.difference)}</td>
                  <td className="num">{formatVnd(s.transferTotal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {report ? (
          <section className="panel" aria-labelledby="h-report">
            <h2 id="h-report">Báo cáo: {report.intakes.total} hồ sơ tiếp nhận</h2>
            <table data-testid="report-money">
              <caption>Tiền theo loại khoản</caption>
              <thead>
                <tr>
                  <th scope="col">Loại</th>
                  <th scope="col">Tiền mặt</th>
                  <th scope="col">Chuyển khoản</th>
                  <th scope="col">Cộng</th>
                </tr>
              </thead>
              <tbody>
                {report.money.byCategory.map((m) => (
                  <tr key={m.category}>
                    <td>{m.label}</td>
                    <td className="num">{formatVnd(m.cash)}</td>
                    <td className="num">{formatVnd(m.transfer)}</td>
                    <td className="num">{formatVnd(m.total)}</td>
                  </tr>
                ))}
                <tr className="total">
                  <td>Tổng cộng</td>
                  <td className="num">{formatVnd(report.money.cash)}</td>
                  <td className="num">{formatVnd(report.money.transfer)}</td>
                  <td className="num">{formatVnd(report.money.total)}</td>
                </tr>
              </tbody>
            </table>
            <p>
              Kết quả nhận {report.results.received} · đã trả {report.results.handedOver} · phát không thành công {report.results.deliveriesFailed} · trả lại cơ quan{' '}
              {report.results.returnedToAgency} · quá hạn đang mở {report.overdue.total}
            </p>
            <table>
              <caption>Hủy hồ sơ và in lại theo giao dịch viên</caption>
              <thead>
                <tr>
                  <th scope="col">Giao dịch viên</th>
                  <th scope="col">Tiếp nhận</th>
                  <th scope="col">Hủy</th>
                  <th scope="col">In lại</th>
                  <th scope="col">Chênh lệch</th>
                </tr>
              </thead>
              <tbody>
                {report.clerks.map((c) => (
                  <tr key={c.clerkId}>
                    <td>{c.name}</td>
                    <td className="num">{c.intakes}</td>
                    <td className="num">{c.cancellations}</td>
                    <td className="num">{c.reprints}</td>
                    <td className="num">{c.difference === null ? '—' : formatVnd(c.difference)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </div>
    </div>
  );
}
