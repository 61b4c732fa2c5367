/** One dossier: parties, documents, money, deadline status in words and colour, and its timeline. */
import { useEffect, useState } from 'react';
import type { DossierView } from '../../../shared/ipc/contract';
import { formatVnd } from '../../../shared/money';
import { maskIdNumber } from '../../../shared/people';
import { api } from '../api';
import { useScreenActions, useShell } from '../shell';
import { viDate, viDateTime } from '../ui';
import { DeadlineBadge } from './common';

export function DossierScreen({ dossierId }: { dossierId: string }) {
  const shell = useShell();
  const [v, setV] = useState<DossierView | null>(null);
  useEffect(() => {
    void api()['lookup.get']({ dossierId }).then((r) => (r.ok ? setV(r.value) : shell.flash({ kind: 'error', text: r.error.message })));
  }, [dossierId, shell]);
  useScreenActions({
    print: () => void api()['print.document']({ kind: 'intake_receipt', id: dossierId, copy: true }).then((r) => shell.flash(r.ok ? { kind: 'info', text: r.value.message } : { kind: 'error', text: r.error.message })),
  });
  if (!v) return <p>Đang tải…</p>;
  return <DossierDetail v={v} />;
}

export function DossierDetail({ v }: { v: DossierView }) {
  return (
    <div className="cols2" data-testid="dossier" tabIndex={-1}>
      <section className="panel" aria-labelledby="dv-title">
        <h2 id="dv-title">
          Hồ sơ <span data-testid="dossier-item">{v.itemNumberDisplay}</span>
        </h2>
        <p>
          <strong data-testid="dossier-state">{v.stateLabel}</strong> · <DeadlineBadge d={v.deadline} />
        </p>
        <dl className="dl">
          <dt>Thủ tục</dt>
          <dd>{v.procedureName}</dd>
          <dt>Cơ quan</dt>
          <dd>{v.agencyName}</dd>
          <dt>Dịch vụ</dt>
          <dd>{v.serviceLabel}</dd>
          {v.parties.map((p, i) => (
            <Party key={i} role={p.role} name={p.fullName} id={p.idNumber} phone={p.phone} />
          ))}
          <dt>Nhận kết quả</dt>
          <dd>{v.returnMethod === 'home' ? `Phát tận địa chỉ: ${v.returnAddress ?? ''}` : v.returnMethod === 'pickup' ? 'Tại bưu cục' : 'Không'}</dd>
          <dt>Phí, lệ phí / cước</dt>
          <dd>
            {formatVnd(v.feeAmount)} / {formatVnd(v.postageAmount)} — tổng {formatVnd(v.total)}
          </dd>
          {v.feeDueOnDelivery > 0 ? (
            <>
              <dt>Còn phải thu khi trả</dt>
              <dd>{formatVnd(v.feeDueOnDelivery)}</dd>
            </>
          ) : null}
          <dt>Hạn chuyển đến cơ quan</dt>
          <dd>{viDate(v.transitDeadline)}</dd>
          <dt>Ngày hẹn trả</dt>
          <dd>{v.appointmentDate ? viDate(v.appointmentDate) : `${viDate(v.appointmentEstimate)} (dự kiến)`}</dd>
          {v.deliveryAttempts > 0 ? (
            <>
              <dt>Lần phát không thành công</dt>
              <dd>
                {v.deliveryAttempts}
                {v.nextInvitationDate ? ` — mời lần sau ngày ${viDate(v.nextInvitationDate)}` : ''}
              </dd>
            </>
          ) : null}
          {v.missing.length > 0 ? (
            <>
              <dt>Còn thiếu</dt>
              <dd>{v.missing.join('; ')}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="panel" aria-labelledby="tl-title">
        <h2 id="tl-title">Diễn biến</h2>
        <ol className="timeline" data-testid="timeline">
          {v.timeline.map((e) => (
            <li key={e.seq}>
              <time dateTime={new Date(e.at).toISOString()}>{viDateTime(e.at)}</time>
              <strong>{e.label}</strong>
              {e.actorName ? ` — ${e.actorName}` : ''}
              {typeof e.detail['reason'] === 'string' ? ` (${e.detail['reason']})` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Party({ role, name, id, phone }: { role: string; name: string; id: string | null; phone: string | null }) {
  const label = role === 'sender' ? 'Người gửi' : role === 'proxy' ? 'Người được ủy quyền' : 'Người nhận';
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {name}
        {id ? ` · ${maskIdNumber(id)}` : ''}
        {phone ? ` · ${phone}` : ''}
      </dd>
    </>
  );
}
