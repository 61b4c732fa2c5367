/**
 * Khiếu nại, bồi thường (F8): the complaints register, losses and compensation. Left: receive a
 * complaint (F10 saves and prints) or declare a loss; right: the open cases and the overdue
 * complaints, and the chosen case with its history and the next step it allows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary, CaseView } from '../../../../shared/ipc/contract';
import { formatVnd } from '../../../../shared/money';
import { api } from '../../api';
import { saveCopy } from '../../save-copy';
import { useScreenActions, useShell } from '../../shell';
import { beep, Select, TextInput, viDate, viDateTime } from '../../ui';
import { ComplaintForm, LossForm, TextArea } from './NewCaseForms';

type Filter = 'open' | 'overdue' | 'all';

export function CasesScreen({ initialCaseId = null }: { initialCaseId?: string | null }) {
  const shell = useShell();
  const [mode, setMode] = useState<'complaint' | 'loss'>('complaint');
  const [filter, setFilter] = useState<Filter>('open');
  const [rows, setRows] = useState<CaseSummary[]>([]);
  const [selected, setSelected] = useState<CaseView | null>(null);
  const saveRef = useRef<() => void>(() => undefined);

  const load = useCallback(async () => {
    const r = filter === 'overdue' ? await api()['cases.overdue']({}) : await api()['cases.list']({ open: filter === 'open' });
    if (r.ok) setRows(r.value);
  }, [filter]);
  useEffect(() => void load(), [load]);
  const open = useCallback(async (id: string) => {
    const r = await api()['cases.get']({ caseId: id });
    if (r.ok) setSelected(r.value);
  }, []);
  // Sent here with a case (from the overdue list): open it.
  useEffect(() => {
    if (initialCaseId) void open(initialCaseId);
  }, [initialCaseId, open]);
  const saved = (v: CaseView) => {
    setSelected(v);
    void load();
  };
  useScreenActions({
    save: () => (mode === 'complaint' ? saveRef.current() : undefined),
    print: () => {
      if (!selected) return;
      const kind = selected.kind === 'compensation' ? 'compensation_receipt' : selected.state === 'answered' || selected.state === 'closed' ? 'complaint_answer' : 'complaint_receipt';
      void api()['cases.print']({ caseId: selected.id, kind, copy: true }).then((r) => shell.flash(r.ok ? { kind: 'ok', text: r.value.message } : { kind: 'error', text: r.error.message }));
    },
    back: () => {
      if (selected) {
        setSelected(null);
        return true;
      }
      return false;
    },
  });

  return (
    <div className="cols-1-2">
      <section className="panel">
        <Select id="case-mode" label="Việc cần ghi" value={mode} options={[{ value: 'complaint', label: 'Tiếp nhận khiếu nại' }, { value: 'loss', label: 'Khai báo mất, hư hỏng' }]} onChange={setMode} />
        {mode === 'complaint' ? <ComplaintForm onSaved={saved} registerSave={(fn) => (saveRef.current = fn)} /> : <LossForm onSaved={saved} />}
        {shell.role !== 'clerk' ? <BranchReport /> : null}
      </section>
      <section className="panel" aria-labelledby="h-cases">
        <h2 id="h-cases">Sổ khiếu nại, bồi thường</h2>
        <Select id="case-filter" label="Hiển thị" value={filter} options={[{ value: 'open', label: 'Đang mở' }, { value: 'overdue', label: 'Khiếu nại quá hạn' }, { value: 'all', label: 'Tất cả' }]} onChange={setFilter} />
        <table data-testid="case-list">
          <caption className="sr-only">Danh sách khiếu nại, mất hỏng, bồi thường</caption>
          <thead>
            <tr>
              <th scope="col">Loại</th>
              <th scope="col">Nội dung</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Hạn</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-status={c.deadlineStatus}>
                <td>
                  <button type="button" className="link" id={`case-${c.id}`} onClick={() => void open(c.id)}>
                    {c.number ?? c.kindLabel}
                  </button>
                </td>
                <td>
                  {c.title}
                  {c.itemNumberDisplay ? ` · ${c.itemNumberDisplay}` : ''}
                </td>
                <td>{c.stateLabel}</td>
                <td>
                  {c.deadline && c.deadlineStatus !== 'none' ? <span className={`deadline ${c.deadlineStatus}`}>{`${c.deadlineLabel} — ${viDate(c.deadline)}`}</span> : null}
                  {c.deadline && c.deadlineStatus === 'none' ? `Hạn ${viDate(c.deadline)}` : null}
                  {!c.deadline && c.inTime === false ? 'Quá thời hiệu' : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="hint">Không có mục nào.</p> : null}
        {selected ? <CaseDetail v={selected} onChanged={saved} /> : null}
      </section>
    </div>
  );
}

function CaseDetail({ v, onChanged }: { v: CaseView; onChanged: (v: CaseView) => void }) {
  const shell = useShell();
  const [answer, setAnswer] = useState('');
  const [comp, setComp] = useState({ payeeName: '', amount: '', basis: '' });
  const [method, setMethod] = useState<'cash' | 'transfer'>('cash');
  const [error, setError] = useState<string | null>(null);
  const done = (r: { ok: true; value: CaseView | { view: CaseView; print: { message: string } | null } } | { ok: false; error: { message: string } }, text: string) => {
    if (!r.ok) {
      setError(r.error.message);
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
      return;
    }
    setError(null);
    const view = 'view' in r.value ? r.value.view : r.value;
    shell.flash({ kind: 'ok', text: `${text}${'print' in r.value && r.value.print ? ` ${r.value.print.message}` : ''}` });
    onChanged(view);
  };
  const manager = shell.role !== 'clerk';
  return (
    <article className="panel" aria-labelledby="h-case" data-testid="case-detail">
      <h3 id="h-case">
        {v.kindLabel} {v.number ?? ''} — {v.stateLabel}
      </h3>
      <p>{v.title}</p>
      {v.record.kind === 'complaint' ? (
        <p data-testid="case-deadline">
          {v.record.complaint.inTime ? `Hạn trả lời: ${viDate(v.record.complaint.deadline)}` : v.record.complaint.timeBarReason}
        </p>
      ) : null}
      <ol className="timeline">
        {v.events.map((e) => (
          <li key={e.seq}>
            {viDateTime(e.at)} — {e.label}
            {e.actorName ? ` (${e.actorName})` : ''}
            {e.text ? `: ${e.text}` : ''}
            {e.superseded ? ' — máy chủ không ghi nhận (quầy khác đã làm trước)' : ''}
          </li>
        ))}
      </ol>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {v.kind === 'complaint' && v.state === 'received' ? (
        <button type="button" id="case-handling" onClick={() => void api()['cases.markHandling']({ complaintId: v.id }).then((r) => done(r, 'Đã chuyển sang đang xử lý.'))}>
          Chuyển sang đang xử lý
        </button>
      ) : null}
      {v.kind === 'complaint' && (v.state === 'received' || v.state === 'handling') ? (
        <form data-form onSubmit={(ev) => { ev.preventDefault(); void api()['cases.answer']({ complaintId: v.id, answer }).then((r) => done(r, 'Đã ghi trả lời khiếu nại.')); }}>
          <TextArea id="case-answer" label="Nội dung trả lời" value={answer} onChange={setAnswer} />
          <button type="submit" id="case-answer-save">Trả lời và in</button>
        </form>
      ) : null}
      {v.kind === 'complaint' && v.state === 'answered' ? (
        <button type="button" id="case-close" onClick={() => void api()['cases.close']({ complaintId: v.id }).then((r) => done(r, 'Đã đóng khiếu nại.'))}>
          Đóng khiếu nại
        </button>
      ) : null}
      {v.kind === 'loss' && v.linked.length === 0 && manager ? (
        <form data-form onSubmit={(ev) => { ev.preventDefault(); void api()['cases.decideCompensation']({ lossId: v.id, payeeName: comp.payeeName, amount: Number(comp.amount.replace(/\D/g, '') || 'NaN') * (comp.amount.trim().startsWith('-') ? -1 : 1), basis: comp.basis }).then((r) => done(r, 'Đã ghi quyết định bồi thường.')); }}>
          <h4>Quyết định bồi thường (trưởng bưu cục)</h4>
          <TextInput id="comp-payee" label="Người nhận bồi thường" value={comp.payeeName} onChange={(x) => setComp((c) => ({ ...c, payeeName: x }))} />
          <TextInput id="comp-amount" label="Số tiền (đồng)" inputMode="numeric" value={comp.amount} onChange={(x) => setComp((c) => ({ ...c, amount: x }))} />
          <TextArea id="comp-basis" label="Căn cứ bồi thường" value={comp.basis} onChange={(x) => setComp((c) => ({ ...c, basis: x }))} rows={2} />
          <button type="submit" id="comp-decide">Ghi quyết định</button>
        </form>
      ) : null}
      {v.kind === 'loss' && v.linked[0] ? (
        <button type="button" className="link" onClick={() => void api()['cases.get']({ caseId: v.linked[0]!.id }).then((r) => r.ok && onChanged(r.value))}>
          Xem bồi thường: {v.linked[0].title} ({v.linked[0].stateLabel})
        </button>
      ) : null}
      {v.kind === 'compensation' && v.state === 'decided' ? (
        <form data-form onSubmit={(ev) => { ev.preventDefault(); void api()['cases.payCompensation']({ compensationId: v.id, paymentMethod: method }).then((r) => done(r, `Đã chi bồi thường ${formatVnd(v.amount ?? 0)}.`)); }}>
          <Select id="comp-method" label="Hình thức chi" value={method} options={[{ value: 'cash', label: 'Tiền mặt' }, { value: 'transfer', label: 'Chuyển khoản' }]} onChange={setMethod} />
          <button type="submit" id="comp-pay">Chi trả và in biên nhận ({formatVnd(v.amount ?? 0)})</button>
        </form>
      ) : null}
    </article>
  );
}

/** Báo cáo định kỳ của bưu cục (trưởng bưu cục): from what this counter holds, printed on A4. */
function BranchReport() {
  const shell = useShell();
  const [period, setPeriod] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [summary, setSummary] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  return (
    <form data-form aria-labelledby="h-report" onSubmit={(ev) => {
      ev.preventDefault();
      void api()['reports.branchPeriodic']({ period }).then((r) => {
        if (!r.ok) {
          setError(r.error.message);
          beep();
          return;
        }
        setError(undefined);
        const x = r.value.report;
        setSummary(`${x.period.label}: ${x.dossiers.total} hồ sơ, ${x.complaints.received} khiếu nại (${x.complaints.settledOnTime} đúng hạn), ${x.losses.total} vụ mất/hỏng, an toàn ${x.safety.intactPercent}%.`);
        setMade(r.value.print.document ?? null);
        shell.flash({ kind: r.value.print.queued ? 'ok' : 'error', text: r.value.print.message });
      });
    }}>
      <h2 id="h-report">Báo cáo định kỳ của bưu cục (số liệu tại quầy)</h2>
      <TextInput id="report-period" label="Kỳ báo cáo (2026-Q1, 2026-H1, 2026)" value={period} onChange={setPeriod} error={error} />
      <button type="submit" id="report-print">Lập và in báo cáo</button>
      {made ? (
        // The PDF in the data folder is sealed: the manager hands over a readable copy (a download).
        <button type="button" id="report-copy" onClick={() => void saveCopy(made).then((c) => shell.flash(c))}>
          Lưu bản sao đọc được (PDF)
        </button>
      ) : null}
      {summary ? <p data-testid="report-summary">{summary}</p> : null}
    </form>
  );
}
