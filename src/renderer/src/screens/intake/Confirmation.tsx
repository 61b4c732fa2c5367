/** After the commit: who, what, how much, the item number, the dates (the citizen agreed on the review first). */
import type { AcceptOutput } from '../../../../shared/ipc/contract';
import { formatVnd } from '../../../../shared/money';
import { viDate } from '../../ui';

export function Confirmation({ out }: { out: AcceptOutput }) {
  const v = out.view;
  const sender = v.parties.find((p) => p.role === 'sender');
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
      <div className="sheet confirm" data-testid="confirmation">
        <h2 id="confirm-title">Đã tiếp nhận hồ sơ</h2>
        <div>Người gửi: <span className="big">{sender?.fullName}</span></div>
        <div>Thủ tục: <strong>{v.procedureName}</strong></div>
        <div>Tổng tiền: <span className="big" data-testid="confirm-total">{formatVnd(v.total)}</span></div>
        <div>
          Số hiệu: <span className="item" data-testid="item-number">{v.itemNumberDisplay}</span>
        </div>
        <dl className="dl" style={{ fontSize: 16 }}>
          {v.transitDeadline ? (
            <>
              <dt>Hạn chuyển đến cơ quan</dt>
              <dd data-testid="transit-deadline">{viDate(v.transitDeadline)}</dd>
            </>
          ) : null}
          {v.appointmentEstimate ? (
            <>
              <dt>Ngày hẹn trả dự kiến</dt>
              <dd data-testid="appointment-estimate">{viDate(v.appointmentEstimate)}</dd>
            </>
          ) : null}
          <dt>Nhận kết quả</dt>
          <dd>{v.returnMethod === 'home' ? `Phát tận địa chỉ: ${v.returnAddress ?? ''}` : v.returnMethod === 'pickup' ? 'Tại bưu cục' : 'Không'}</dd>
        </dl>
        {!v.complete ? (
          <p className="notice" data-testid="confirm-missing">
            Hồ sơ chưa đủ. Cần bổ sung: {v.missing.join('; ')}. (Ctrl+P in danh sách)
          </p>
        ) : null}
        <p className="hint">{out.print.message} · Enter: hồ sơ mới · Ctrl+P: in lại</p>
      </div>
    </div>
  );
}
