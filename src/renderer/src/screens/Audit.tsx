/**
 * Nhật ký thao tác (Ctrl+K → “Nhật ký”, manager): every recorded action, filtered by clerk, dates,
 * kind and item number; F10 exports what the filter shows as XLSX. Kinds come from the log itself,
 * so actions recorded by later features (personal data looked at) are listed too.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ClerkInfo } from '../../../shared/ipc/contract';
import type { AuditEntry, AuditQueryInput } from '../../../shared/ipc/channels/manager';
import { api } from '../api';
import { saveCopy } from '../save-copy';
import { useScreenActions, useShell } from '../shell';
import { beep, Select, TextInput, viDateTime } from '../ui';
import { DateField } from '../components/DateField';

export function AuditScreen() {
  const shell = useShell();
  const [clerks, setClerks] = useState<ClerkInfo[]>([]);
  const [kinds, setKinds] = useState<{ kind: string; label: string }[]>([]);
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [f, setF] = useState({ from: '', to: '', clerkId: '', kind: '', itemNumber: '' });
  const [error, setError] = useState<string | undefined>();

  const query = useCallback((): AuditQueryInput => {
    const q: AuditQueryInput = {};
    if (f.from) q.from = f.from;
    if (f.to) q.to = f.to;
    if (f.clerkId) q.byClerk = f.clerkId;
    if (f.kind) q.kind = f.kind;
    if (f.itemNumber.trim()) q.itemNumber = f.itemNumber.trim();
    return q;
  }, [f]);

  const load = useCallback(async () => {
    const r = await api()['audit.list'](query());
    if (!r.ok) {
      setError(r.error.message);
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setError(undefined);
    setRows(r.value.rows);
    setKinds(r.value.kinds);
    setTruncated(r.value.truncated);
  }, [query, shell]);
  useEffect(() => void load(), [load]);
  useEffect(() => void api()['clerks.list']({}).then((r) => r.ok && setClerks(r.value)), []);

  const [made, setMade] = useState<string | null>(null);
  useScreenActions({
    save: () =>
      void api()['audit.export'](query()).then((r) => {
        if (!r.ok) {
          beep();
          return shell.flash({ kind: 'error', text: r.error.message });
        }
        setMade(r.value.name);
        shell.flash({ kind: 'ok', text: `Đã xuất ${r.value.rows} dòng nhật ký (Excel): bấm Ctrl+S để lưu bản sao đọc được (tệp trong thư mục dữ liệu của quầy được mã hoá).` });
      }),
    copy: () =>
      void saveCopy(made).then((r) => {
        if (r.kind === 'error') beep();
        shell.flash(r);
      }),
  });

  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  return (
    <div>
      <div className="row filters" data-form>
        <DateField id="audit-from" label="Từ ngày" value={f.from} onChange={set('from')} optional autoFocus />
        <DateField id="audit-to" label="Đến ngày" value={f.to} onChange={set('to')} optional />
        <Select id="audit-clerk" label="Người thực hiện" value={f.clerkId} options={[{ value: '', label: 'Tất cả' }, ...clerks.map((c) => ({ value: c.id, label: c.fullName }))]} onChange={set('clerkId')} />
        <Select id="audit-kind" label="Loại thao tác" value={f.kind} options={[{ value: '', label: 'Tất cả' }, ...kinds.map((k) => ({ value: k.kind, label: k.label }))]} onChange={set('kind')} />
        <TextInput id="audit-item" label="Số hiệu bưu gửi" value={f.itemNumber} onChange={set('itemNumber')} error={error} />
      </div>
      <p className="hint">
        {rows.length} dòng{truncated ? ' (chỉ hiện 500 dòng mới nhất: hãy lọc hẹp hơn hoặc xuất Excel)' : ''} · F10 xuất Excel · Ctrl+S lưu bản sao
      </p>
      <table data-testid="audit-table">
        <caption className="sr-only">Nhật ký thao tác</caption>
        <thead>
          <tr>
            <th scope="col">Thời điểm</th>
            <th scope="col">Người thực hiện</th>
            <th scope="col">Thao tác</th>
            <th scope="col">Số hiệu</th>
            <th scope="col">Chi tiết</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{viDateTime(a.at)}</td>
              <td>{a.actorName}</td>
              <td title={a.kind}>{a.kindLabel}</td>
              <td>{a.itemNumber ?? ''}</td>
              <td className="detail">{a.detail === '{}' ? '' : a.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
