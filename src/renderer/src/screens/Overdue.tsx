/**
 * Danh sách quá hạn (Ctrl+K → “Quá hạn”, manager): every late item from every source, per agency,
 * days overdue, where it is and who last touched it — dossiers and complaints past their settling
 * limit. Ctrl+P prints it on A4, F10 exports it as XLSX, Ctrl+S saves a readable copy of the last of
 * them (the files in the data folder are sealed); Enter on an item number opens the dossier
 * (on a complaint's number, the complaint).
 */
import { useCallback, useEffect, useState } from 'react';
import type { OverdueRow } from '../../../shared/overdue';
import { api } from '../api';
import { saveCopy } from '../save-copy';
import { useScreenActions, useShell } from '../shell';
import { beep, viDate, viDateTime } from '../ui';

export function OverdueScreen() {
  const shell = useShell();
  const [rows, setRows] = useState<OverdueRow[] | null>(null);
  const load = useCallback(async () => {
    const r = await api()['overdue.list']({});
    if (r.ok) setRows(r.value);
    else shell.flash({ kind: 'error', text: r.error.message });
  }, [shell]);
  useEffect(() => void load(), [load]);

  const [made, setMade] = useState<string | null>(null);
  const done = (r: { ok: true; value: { message?: string; document?: string; name?: string; rows?: number } } | { ok: false; error: { message: string } }, what: string) => {
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    const name = r.value.document ?? r.value.name;
    if (name) setMade(name);
    shell.flash({ kind: 'ok', text: r.value.message ?? `${what} (${r.value.rows ?? 0} mục): bấm Ctrl+S để lưu bản sao đọc được (tệp trong thư mục dữ liệu của quầy được mã hoá).` });
  };
  useScreenActions({
    print: () => void api()['overdue.print']({}).then((r) => done(r, 'Đã in')),
    save: () => void api()['overdue.export']({}).then((r) => done(r, 'Đã xuất Excel')),
    copy: () =>
      void saveCopy(made).then((r) => {
        if (r.kind === 'error') beep();
        shell.flash(r);
      }),
  });

  if (!rows) return <p>Đang tải…</p>;
  const agencies = [...new Set(rows.map((r) => r.agencyName))];
  return (
    <div>
      <p className="hint">
        {rows.filter((r) => r.kind === 'dossier').length} hồ sơ quá hạn · {rows.filter((r) => r.kind === 'complaint').length} khiếu nại quá hạn · Ctrl+P in A4 · F10 xuất Excel · Ctrl+S lưu bản sao · Enter trên số hiệu để mở hồ sơ
      </p>
      {agencies.map((a, ai) => (
        <section className="panel" key={a} aria-labelledby={`h-ag-${ai}`}>
          <h2 id={`h-ag-${ai}`}>
            {a}: {rows.filter((r) => r.agencyName === a).length}
          </h2>
          <table>
            <caption className="sr-only">Mục quá hạn của {a}</caption>
            <thead>
              <tr>
                <th scope="col">Số hiệu</th>
                <th scope="col">Loại quá hạn</th>
                <th scope="col">Hạn</th>
                <th scope="col">Quá (ngày)</th>
                <th scope="col">Đang ở</th>
                <th scope="col">Người xử lý cuối</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.agencyName === a)
                .map((r) => (
                  <tr key={`${r.source}-${r.id}`} data-kind={r.kind}>
                    <td>
                      <button type="button" className="btn secondary" onClick={() => shell.go(r.kind === 'complaint' ? 'cases' : 'dossier', r.id)}>
                        {r.itemNumberDisplay}
                      </button>
                    </td>
                    <td>
                      {r.sourceLabel}
                      {r.kind === 'complaint' ? <div className="hint">{r.procedureName}</div> : null}
                    </td>
                    <td>{viDate(r.deadline)}</td>
                    <td className="num">
                      <span className="deadline overdue">{r.daysOverdue}</span>
                    </td>
                    <td>{r.where}</td>
                    <td>
                      {r.lastActorName} {r.lastActionAt ? `(${viDateTime(r.lastActionAt)})` : ''}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
