/** Pieces shared by the dossier screens. */
import type { DossierSummary } from '../../../shared/ipc/contract';
import { viDate } from '../ui';

export function DeadlineBadge({ d }: { d: DossierSummary['deadline'] }) {
  return (
    <span className={`deadline ${d.status}`} data-testid="deadline" data-status={d.status}>
      {d.label}
      {d.date ? ` — ${d.what.toLowerCase()}: ${viDate(d.date)}` : ''}
    </span>
  );
}

/** A list of dossiers; ↑/↓ move between rows, Enter opens one. */
export function DossierTable({ rows, onOpen, caption, idPrefix }: { rows: DossierSummary[]; onOpen: (d: DossierSummary) => void; caption: string; idPrefix: string }) {
  return (
    <table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Số hiệu</th>
          <th scope="col">Người gửi</th>
          <th scope="col">Thủ tục</th>
          <th scope="col">Trạng thái</th>
          <th scope="col">Thời hạn</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d, i) => (
          <tr key={d.id}>
            <td>
              <button
                type="button"
                className="btn secondary"
                id={`${idPrefix}-${i}`}
                data-row-button
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    document.getElementById(`${idPrefix}-${i + (e.key === 'ArrowDown' ? 1 : -1)}`)?.focus();
                  }
                }}
                onClick={() => onOpen(d)}
              >
                {d.itemNumberDisplay}
              </button>
            </td>
            <td>{d.senderName}</td>
            <td>{d.procedureName}</td>
            <td>{d.stateLabel}</td>
            <td>
              <DeadlineBadge d={d.deadline} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
