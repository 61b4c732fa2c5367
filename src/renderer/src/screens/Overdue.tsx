/**
 * Danh sách quá hạn (Ctrl+K → “Quá hạn”, manager): every late item from every source, per agency,
 * days overdue, where it is and who last touched it — dossiers and complaints past their settling
 * limit. Ctrl+P prints it on A4, F10 exports it as XLSX; Enter on an item number opens the dossier
 * (on a complaint's number, the complaint).
 */
import { useCallback, useEffect, useState } from 'react';
import type { OverdueRow } from '../../../shared/overdue';
import { api } from '../api';
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

  const done = (r: { ok: true; value: { message?: string; file?: string } } | { ok: false; error: { message: string } }, what: string) => {
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    shell.flash({ kind: 'ok', text: r.value.message ?? `${what}: ${r.value.file ?? ''}` });
  };
  useScreenActions({
    print: () => void api()['overdue.print']({}).then((r) => done(r, 'Đã in')),
    save: () => void api()['overdue.export']({}).then((r) => done(r, 'Đã xuất Excel')),
  });

  if (!rows) return <p>Đang tải…</p>;
  const agencies = [...new Set(rows.map((r) => r.agencyName))];
  return (
    <div>
      <p className="hint">
        {rows.filter((r) => r.kind === 'dossier').length} hồ sơ quá hạn · {rows.filter((r) => r.kind === 'complaint').length} khiếu nại quá hạn · Ctrl+P in A4 · F10 xuất Excel · Enter trên số hiệu để mở hồ sơ
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
