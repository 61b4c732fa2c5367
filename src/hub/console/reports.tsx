/** Reports and complaints: the periodic report of a period (figures, XLSX and PDF), complaints across branches. */
import { useEffect, useState, type FormEvent } from 'react';
import { COMPLAINT_KIND_LABELS, COMPLAINT_STATE_LABELS } from '../../shared/cases';
import { api, currentQuarter, dateVi, Messages, messageOf, type User } from './api';

interface Report {
  period: { key: string; label: string };
  branch: { code: string; name: string } | null;
  asOf: string;
  dossiers: { total: number };
  revenue: { postage: number; agencyFees: number; total: number };
  complaints: { received: number; settled: number; settledOnTime: number; open: number; overdue: number };
  losses: { total: number };
  safety: { intactPercent: number };
}
interface Complaint {
  caseId: string;
  branchCode: string;
  branchName: string;
  number: string | null;
  itemNumber: string | null;
  complaintKind: string | null;
  receivedDate: string;
  deadline: string | null;
  doneDate: string | null;
  state: string;
  overdue: boolean;
}

// The hub sends the codes as stored; one a newer counter knows and this console does not is shown as is.
const STATE: Readonly<Record<string, string>> = COMPLAINT_STATE_LABELS;
const KIND: Readonly<Record<string, string>> = COMPLAINT_KIND_LABELS;
const dong = (n: number) => `${n.toLocaleString('vi-VN')} đ`;

function ReportPanel({ user }: { user: User }) {
  const [period, setPeriod] = useState(currentQuarter());
  const [branch, setBranch] = useState(user.branchCode ?? '');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState('');
  const query = `period=${encodeURIComponent(period.trim())}${branch.trim() ? `&branch=${encodeURIComponent(branch.trim())}` : ''}`;
  const show = async (e?: FormEvent) => {
    e?.preventDefault();
    setError('');
    try {
      setReport((await api<{ report: Report }>(`report?${query}`)).report);
    } catch (err) {
      setReport(null);
      setError(messageOf(err));
    }
  };
  const c = report?.complaints;
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">Báo cáo định kỳ (TT 17 Điều 13)</h2>
      <form className="grid" onSubmit={(e) => void show(e)}>
        <label>
          Kỳ báo cáo (2026-Q1, 2026-H1, 2026)
          <input value={period} onChange={(e) => setPeriod(e.target.value)} required />
        </label>
        <label>
          Mã bưu cục (để trống: toàn tỉnh)
          <input value={branch} onChange={(e) => setBranch(e.target.value)} disabled={user.role === 'branch_manager'} />
        </label>
        <div>
          <button type="submit">Xem báo cáo</button>
        </div>
      </form>
      <Messages message="" error={error} />
      {report && c && (
        <div className="panel">
          <h3>
            {report.period.label} — {report.branch ? `${report.branch.name} (${report.branch.code})` : 'toàn tỉnh'}
          </h3>
          <ul className="figures">
            <li>Hồ sơ tiếp nhận: <strong>{report.dossiers.total}</strong></li>
            <li>Doanh thu: <strong>{dong(report.revenue.total)}</strong></li>
            <li>Khiếu nại: <strong>{c.received}</strong> nhận, {c.settled} đã giải quyết ({c.settledOnTime} đúng hạn), {c.open} đang xử lý, <strong className={c.overdue ? 'warn' : ''}>{c.overdue} quá hạn</strong> (tính đến {dateVi(report.asOf)})</li>
            <li>Vụ mất, hư hỏng: <strong>{report.losses.total}</strong> · Mức độ an toàn: <strong>{report.safety.intactPercent.toLocaleString('vi-VN')}%</strong></li>
          </ul>
          <p>
            <a href={`/console/api/report/bao-cao.xlsx?${query}`} download>
              Tải báo cáo XLSX
            </a>{' '}
            ·{' '}
            <a href={`/console/api/report/bao-cao.pdf?${query}`} download>
              Tải báo cáo PDF
            </a>
          </p>
        </div>
      )}
    </section>
  );
}

function ComplaintsPanel() {
  const [list, setList] = useState<Complaint[] | null>(null);
  const [asOf, setAsOf] = useState('');
  const [openOnly, setOpenOnly] = useState(true);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ asOf: string; complaints: Complaint[] }>(`complaints${openOnly ? '?open=1' : ''}`).then(
      (r) => {
        setList(r.complaints);
        setAsOf(r.asOf);
      },
      (err: unknown) => setError(messageOf(err)),
    );
  }, [openOnly]);
  const overdue = list?.filter((x) => x.overdue).length ?? 0;
  return (
    <section aria-labelledby="complaints-title">
      <h2 id="complaints-title">Khiếu nại các bưu cục</h2>
      <Messages message="" error={error} />
      <p className="summary">
        {list?.length ?? 0} khiếu nại · <strong className={overdue ? 'warn' : ''}>{overdue} quá hạn</strong> (tính đến {dateVi(asOf)})
        <label className="check">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> Chỉ khiếu nại chưa giải quyết
        </label>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Bưu cục</th>
            <th scope="col">Số khiếu nại</th>
            <th scope="col">Số hiệu bưu gửi</th>
            <th scope="col">Loại</th>
            <th scope="col">Ngày nhận</th>
            <th scope="col">Hạn giải quyết</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {(list ?? []).map((x) => (
            <tr key={x.caseId} className={x.overdue ? 'flagged' : ''}>
              <td>{x.branchName}</td>
              <td>{x.number ?? '—'}</td>
              <td>{x.itemNumber ?? '—'}</td>
              <td>{x.complaintKind ? (KIND[x.complaintKind] ?? x.complaintKind) : '—'}</td>
              <td>{dateVi(x.receivedDate)}</td>
              <td>{dateVi(x.deadline)}</td>
              <td>{x.overdue ? <strong className="warn">⚠ Quá hạn — {STATE[x.state] ?? x.state}</strong> : (STATE[x.state] ?? x.state)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list?.length === 0 && <p>Không có khiếu nại nào.</p>}
    </section>
  );
}

export function ReportsPage({ user }: { user: User }) {
  return (
    <>
      <ReportPanel user={user} />
      <ComplaintsPanel />
    </>
  );
}
